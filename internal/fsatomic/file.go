// Package atomicfile writes files so that no reader, and no crash, ever
// sees one half written under its final name.
package fsatomic

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Temp creates a temporary file in dir named by pattern (as os.CreateTemp),
// fills it through fill, syncs and closes it with mode 0644, and returns its
// path; the caller renames or links it into place. On any error the
// temporary file is removed.
func Temp(dir, pattern string, fill func(io.Writer) error) (path string, err error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", fmt.Errorf("create temporary file in %s: %w", dir, err)
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
	tmp, err := Temp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*", fill)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("rename %s: %w", path, err)
	}
	return nil
}
