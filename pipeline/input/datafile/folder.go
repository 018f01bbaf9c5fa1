package datafile

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Folder is a folder opened once for opening many of its files, as Open
// would open each: its links are resolved when it is opened, not again
// for every file (a thousand published pages hashed in a row spent more
// on resolving the folder's path than on opening them).
type Folder struct {
	dir  string
	root *os.Root
}

// OpenFolder opens the folder dir, which may itself be a link.
func OpenFolder(dir string) (*Folder, error) {
	real, err := resolve(dir)
	if err != nil {
		return nil, missing(dir, err)
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	return &Folder{dir: dir, root: root}, nil
}

// Open opens the file name (a relative path) of the folder, refusing what
// Open refuses. The root refuses a link that leads outside the folder;
// any failure to open is reported by Open itself, in its words.
func (d *Folder) Open(ctx context.Context, name string) (*File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := d.root.OpenFile(name, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return Open(ctx, d.dir, name)
	}
	path := filepath.Join(d.dir, name)
	st, err := f.Stat()
	if err == nil {
		err = refuse(path, st)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{ctx: ctx, f: f, path: path, size: st.Size()}, nil
}

// Close closes the folder; the files opened from it stay open.
func (d *Folder) Close() error { return d.root.Close() }
