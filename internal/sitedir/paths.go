package sitedir

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
)

// Resolve returns the absolute form of p with every symbolic link in it
// followed. For a path that does not exist (yet), the links of the longest
// part that exists are followed and the rest is appended, so that a
// database not created yet is placed where it will be.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", p, err)
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		// A missing part, or a part that is a file (ENOTDIR), leaves
		// the rest of the path to be appended.
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return "", fmt.Errorf("resolve %s: %w", p, err)
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// Within reports whether the resolved path p is dir or lies inside it.
func Within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// ErrDBInSite is returned when the database would live inside the published
// folder: it holds microdata and must never be served.
var ErrDBInSite = errors.New("データベースは公開フォルダの中に置けません (回答の個票が入っているため)")

// CheckDBOutside returns ErrDBInSite, wrapped, when db is out or inside
// out, symbolic links followed.
func CheckDBOutside(db, out string) error {
	rdb, err := Resolve(db)
	if err != nil {
		return err
	}
	rout, err := Resolve(out)
	if err != nil {
		return err
	}
	if Within(rdb, rout) {
		return fmt.Errorf("%w: データベース %s は公開フォルダ %s の中にあります。公開フォルダの外を指定してください", ErrDBInSite, db, out)
	}
	return nil
}
