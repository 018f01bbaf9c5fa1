package fsatomic

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// CreateTemp creates a new, empty temporary file for target beside it
// (.<target>.tmp-*), which the caller fills and renames over target, or
// removes.
func CreateTemp(target string) (*os.File, error) {
	f, err := os.CreateTemp(beside(target), tempPattern(target))
	if err != nil {
		return nil, fmt.Errorf("create temporary file for %s: %w", filepath.Base(target), err)
	}
	return f, nil
}

// Temp creates a temporary file for target beside it (CreateTemp), fills
// it through fill, syncs and closes it with mode 0644, and returns its
// path; the caller renames or links it into place (target itself, or a
// file inside the folder target, as status.html is). On any error the
// temporary file is removed.
func Temp(target string, fill func(io.Writer) error) (path string, err error) {
	f, err := CreateTemp(target)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	b := bufio.NewWriterSize(f, 64<<10)
	if err := fill(b); err != nil {
		return "", err
	}
	if err := errors.Join(b.Flush(), f.Chmod(0o644), f.Sync()); err != nil {
		return "", fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("close %s: %w", f.Name(), err)
	}
	return f.Name(), nil
}

// Write replaces the file at path with what fill writes, through a
// temporary file beside it and one rename.
func Write(path string, fill func(io.Writer) error) error {
	tmp, err := Temp(path, fill)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rename %s: %w", path, err)
	}
	return nil
}
