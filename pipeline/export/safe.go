package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/shihyo/shihyo/internal/fsatomic"
)

// checkOutput refuses an existing output unless force is set, before any
// work is done. A partitioned output must be a folder; a file output must
// not be one.
func checkOutput(out string, force, folder bool) error {
	st, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("stat %s: %w", out, err)
	}
	if !force {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if folder {
		return checkReplaceable(out)
	}
	if st.IsDir() {
		return fmt.Errorf("%w: %s はフォルダです (ファイル名を指定してください)", ErrOptions, out)
	}
	return nil
}

// checkReplaceable refuses to replace a folder that is not an earlier
// partitioned export: --force on a wrong path must not delete anything else.
func checkReplaceable(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("stat %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("%w: %s はファイルです (--partition にはフォルダを指定してください)", ErrOptions, dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "ward=") {
			return fmt.Errorf("%w: %s には書き出し以外のもの (%s) があるので置き換えません", ErrOptions, dir, e.Name())
		}
	}
	return nil
}

// writeFile writes out through write: into a temporary file beside out,
// synced and closed, then moved into place. Without force an output that
// appeared meanwhile is not replaced. On any failure the temporary file is
// removed and out is left as it was.
func writeFile(out string, force bool, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(out)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, err)
	}
	tmp, err := fsatomic.Temp(out, write)
	if err != nil {
		return err
	}
	if err := place(tmp, out, force); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// place moves the finished file tmp to out. Without force it links rather
// than renames, which fails instead of replacing a file that appeared since
// checkOutput; file systems without hard links fall back to a checked rename.
func place(tmp, out string, force bool) error {
	if force {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("rename %s: %w", out, err)
		}
		return nil
	}
	err := os.Link(tmp, out)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if err == nil {
		os.Remove(tmp)
		return nil
	}
	if _, serr := os.Lstat(out); serr == nil {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("rename %s: %w", out, err)
	}
	return nil
}

// placeFolder puts the staged folder in place of out: a plain rename when
// out does not exist, else (force, checked replaceable) an atomic swap, after
// which the previous export is removed. A previous export that cannot be
// removed is a warning, as for the published site: the new export is in
// place whole.
func placeFolder(staged, out string, force bool, log *slog.Logger) error {
	_, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staged, out); err != nil {
			return fmt.Errorf("rename %s: %w", out, err)
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("stat %s: %w", out, err)
	}
	if !force {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if err := checkReplaceable(out); err != nil {
		return err
	}
	err = fsatomic.Swap(staged, out)
	var left *fsatomic.LeftoverError
	if errors.As(err, &left) {
		log.Warn("新しい書き出しを置きましたが、前の書き出しを削除できませんでした。手で削除してください",
			"path", left.Path, "error", left.Err)
		return nil
	}
	return err
}
