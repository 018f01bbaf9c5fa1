package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrDBInSite is returned when the database would live inside the published
// folder: it holds microdata and must never be served.
var ErrDBInSite = errors.New("the database file must not be inside the published folder")

// CheckDBOutside returns ErrDBInSite when db is out or inside out.
func CheckDBOutside(db, out string) error {
	adb, err := filepath.Abs(db)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", db, err)
	}
	aout, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", out, err)
	}
	rel, err := filepath.Rel(aout, adb)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s in %s: %w", db, out, ErrDBInSite)
	}
	return nil
}

// Stage creates an empty folder beside out, on the same file system, into
// which a new site is written before Swap puts it in place.
func Stage(out string) (string, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return "", fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", fmt.Errorf("chmod %s: %w", dir, err)
	}
	return dir, nil
}

// Swap puts the staged folder in place of out in one step, so that a reader
// (or a crash) sees either the old site whole or the new one whole, never a
// mix. The old site is removed afterwards. When out does not exist yet, the
// staged folder is simply renamed.
func Swap(staged, out string) error {
	_, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staged, out); err != nil {
			return fmt.Errorf("publish %s: %w", out, err)
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("stat %s: %w", out, err)
	}
	if err := exchange(staged, out); err != nil {
		return fmt.Errorf("publish %s: %w", out, err)
	}
	// staged now holds the previous site.
	if err := os.RemoveAll(staged); err != nil {
		return fmt.Errorf("remove previous site: %w", err)
	}
	return nil
}

// CleanStale removes staging folders left beside out by a refresh that was
// killed before it could swap or clean up.
func CleanStale(out string) error {
	parent := filepath.Dir(filepath.Clean(out))
	matches, err := filepath.Glob(filepath.Join(parent, "."+filepath.Base(out)+".new-*"))
	if err != nil {
		return fmt.Errorf("find stale staging folders: %w", err)
	}
	for _, m := range matches {
		if err := os.RemoveAll(m); err != nil {
			return fmt.Errorf("remove %s: %w", m, err)
		}
	}
	return nil
}
