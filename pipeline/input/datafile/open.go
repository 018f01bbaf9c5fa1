// Package datafile opens a file of the data folder without being led
// astray: a link that leads outside the folder, a FIFO or device (which
// would block the reader), or a file over MaxSize is refused before any of
// it is read, and a cancelled context stops the reading within one buffer.
// It also tells what a file holds from its first bytes (Sniff), whatever
// its name says.
package datafile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// MaxSize bounds every input file: a response file of a whole city's
// survey is a few hundred MB at most, so anything larger is not one, and
// reading it would only exhaust the memory or the night.
const MaxSize int64 = 1 << 30

// Why an input file is not read. A FileError wraps one of them, or
// fs.ErrNotExist.
var (
	ErrOutside    = errors.New("leads outside the data folder")
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// FileError is an input file that is refused before any of it is read: it
// is missing, a link that leads outside the data folder, not a regular file
// (a FIFO or a device would block the reader forever), or larger than
// MaxSize.
type FileError struct {
	Path string
	Err  error  // fs.ErrNotExist, ErrOutside, ErrNotRegular or ErrTooLarge
	Msg  string // for staff, in Japanese
}

func (e *FileError) Error() string { return fmt.Sprintf("open %s: %v", e.Path, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// File is an input file opened by Open: a regular file inside the data
// folder. Every Read checks ctx, so that a cancelled refresh stops within
// one buffer, and fails once more than MaxSize bytes were read (a file
// that grows while it is read).
type File struct {
	ctx  context.Context
	f    *os.File
	path string
	size int64 // when opened
	read int64
}

// Open opens the file name (a relative path) of the data folder dir.
// dir itself may be a link; name must resolve, links followed, to a regular
// file inside the folder dir resolves to. A refusal is a *FileError.
func Open(ctx context.Context, dir, name string) (*File, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, name)
	realDir, rel, err := resolveInside(dir, path)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(path, filepath.Join(realDir, rel)); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(realDir)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	// O_NONBLOCK: should a FIFO be swapped in after the check above, the
	// open returns at once instead of waiting for a writer; the root
	// refuses a link swapped in that leads outside.
	f, err := root.OpenFile(rel, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		err = fmt.Errorf("open %s: %w", path, err)
	} else {
		err = refuse(path, st)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &File{ctx: ctx, f: f, path: path, size: st.Size()}, nil
}

// Check refuses the file name of the folder dir as Open would,
// without opening it.
func Check(ctx context.Context, dir, name string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	path := filepath.Join(dir, name)
	realDir, rel, err := resolveInside(dir, path)
	if err != nil {
		return err
	}
	return checkRegular(path, filepath.Join(realDir, rel))
}

// resolveInside resolves the links of dir and of path, and returns the
// resolved dir (absolute) and path relative to it, or a *FileError.
func resolveInside(dir, path string) (string, string, error) {
	realDir, err := resolve(dir)
	if err != nil {
		return "", "", missing(path, err)
	}
	real, err := resolve(path)
	if err != nil {
		return "", "", missing(path, err)
	}
	rel, err := filepath.Rel(realDir, real)
	if err != nil || !filepath.IsLocal(rel) {
		return "", "", &FileError{Path: path, Err: ErrOutside,
			Msg: "データフォルダの外を指すシンボリックリンクです (ファイルそのものをデータフォルダに置いてください)"}
	}
	return realDir, rel, nil
}

// resolve returns p with every link resolved, as an absolute path: a link
// may resolve to an absolute path while dir is relative.
func resolve(p string) (string, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// missing turns the error of resolving path into a *FileError when path
// does not exist (also when a folder on the way is a file); other errors
// (a link loop, a denied permission) are returned as they are.
func missing(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return &FileError{Path: path, Err: fs.ErrNotExist, Msg: "ファイルがありません"}
	}
	// EvalSymlinks says "too many links" in words; stat says ELOOP.
	if _, serr := os.Stat(path); errors.Is(serr, syscall.ELOOP) {
		return &FileError{Path: path, Err: ErrNotRegular, Msg: "シンボリックリンクが循環していて、ファイルにたどりつけません"}
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// checkRegular refuses real (path, links resolved) when it is not a regular
// file of at most MaxSize bytes; a FIFO is not opened at all.
func checkRegular(path, real string) error {
	st, err := os.Stat(real)
	if err != nil {
		return missing(path, err)
	}
	return refuse(path, st)
}

// refuse returns a *FileError when st is not a regular file of at most
// MaxSize bytes.
func refuse(path string, st fs.FileInfo) error {
	if m := st.Mode(); !m.IsRegular() {
		return &FileError{Path: path, Err: ErrNotRegular, Msg: fmt.Sprintf("%sで、通常のファイルではありません", modeName(m))}
	}
	if st.Size() > MaxSize {
		return &FileError{Path: path, Err: ErrTooLarge, Msg: tooLarge(st.Size())}
	}
	return nil
}

func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "フォルダ"
	case m&fs.ModeNamedPipe != 0:
		return "名前付きパイプ (FIFO) " // the space before で, as after any ASCII
	case m&fs.ModeDevice != 0:
		return "デバイス"
	case m&fs.ModeSocket != 0:
		return "ソケット"
	}
	return "通常のファイルでないもの"
}

func tooLarge(size int64) string {
	if size <= MaxSize {
		return fmt.Sprintf("ファイルが大きすぎます (読めるのは %d GiB までです)", MaxSize>>30)
	}
	return fmt.Sprintf("ファイルが大きすぎます (%.1f GiB。読めるのは %d GiB までです)", float64(size)/(1<<30), MaxSize>>30)
}

// Read reads from the file; it fails with ctx's error once ctx is done, and
// with a *FileError past MaxSize bytes.
func (f *File) Read(p []byte) (int, error) {
	if err := f.ctx.Err(); err != nil {
		return 0, err
	}
	if f.read > MaxSize {
		return 0, &FileError{Path: f.path, Err: ErrTooLarge, Msg: tooLarge(f.read)}
	}
	if rest := MaxSize + 1 - f.read; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := f.f.Read(p)
	f.read += int64(n)
	return n, err
}

// ReadAt reads len(p) bytes at off, as io.ReaderAt does (the workbook
// reader's zip archive reads so); it fails with ctx's error once ctx is
// done, and reads nothing past the size the file had when it was opened.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if err := f.ctx.Err(); err != nil {
		return 0, err
	}
	if off >= f.size {
		return 0, io.EOF
	}
	short := false
	if rest := f.size - off; int64(len(p)) > rest {
		p, short = p[:rest], true
	}
	n, err := f.f.ReadAt(p, off)
	if err == nil && short {
		err = io.EOF
	}
	return n, err
}

// Rewind starts reading the file again from its first byte.
func (f *File) Rewind() error {
	if _, err := f.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("rewind %s: %w", f.path, err)
	}
	f.read = 0
	return nil
}

// Size is the file's size in bytes when it was opened.
func (f *File) Size() int64 { return f.size }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }
