package sitedir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// CheckWritable returns an error when the site at out could not be
// replaced whole: when the folder out is in, or out or any folder in it,
// cannot be written (access(2): permission bits, a read-only file system,
// the immutable attribute). A refresh calls it before it does any work, so
// that a site it cannot remove after the swap is refused beforehand,
// leaving the published site as it is.
func CheckWritable(out string) error {
	out = filepath.Clean(out)
	if parent := filepath.Dir(out); exists(parent) {
		if err := writable(parent); err != nil {
			return fmt.Errorf("公開フォルダ %s の親フォルダ %s に書き込めないため、サイトを置き換えられません (%s)。"+
				"権限を直してから、もう一度実行してください", out, parent, errnoText(err))
		}
	}
	if !exists(out) {
		return nil
	}
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		if !d.IsDir() {
			return nil
		}
		if err := writable(p); err != nil {
			return fmt.Errorf("公開フォルダのフォルダ %s に書き込めないため、前の版を削除できず、サイトを置き換えられません (%s)。"+
				"公開中のサイトはそのままです。権限を直してから、もう一度実行してください", p, errnoText(err))
		}
		return nil
	})
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// writable reports whether entries can be added to and removed from dir.
func writable(dir string) error { return unix.Access(dir, unix.W_OK|unix.X_OK) }

// errnoText says in Japanese why a folder cannot be written.
func errnoText(err error) string {
	switch {
	case errors.Is(err, unix.EACCES):
		return "書き込みの権限がありません"
	case errors.Is(err, unix.EROFS):
		return "読み取り専用のファイルシステムです"
	case errors.Is(err, unix.EPERM):
		return "変更が禁止されています (immutable 属性など)"
	}
	return err.Error()
}
