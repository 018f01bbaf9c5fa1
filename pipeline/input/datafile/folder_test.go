//go:build unix

package datafile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFolderRefusesAsOpen: a file opened through a Folder is refused, with
// the same error, wherever Open refuses it, and reads the same otherwise;
// the folder itself may be a link.
func TestFolderRefusesAsOpen(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "site")
	for _, d := range []string{dir, filepath.Join(dir, "sub"), filepath.Join(base, "elsewhere")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "page.html"), "page")
	write(filepath.Join(dir, "sub", "deep.html"), "deep")
	write(filepath.Join(base, "elsewhere", "secret.html"), "secret")
	links := map[string]string{
		"inside.html":   "sub/deep.html",
		"outside.html":  "../elsewhere/secret.html",
		"loop.html":     "loop.html",
		"absolute.html": filepath.Join(base, "elsewhere", "secret.html"),
	}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(base, "out")
	if err := os.Symlink("site", linked); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := OpenFolder(linked)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cases := []struct {
		name string
		want error // nil: read
		text string
	}{
		{"page.html", nil, "page"}, {"sub/deep.html", nil, "deep"}, {"inside.html", nil, "deep"},
		{"outside.html", ErrOutside, ""}, {"absolute.html", ErrOutside, ""}, {"loop.html", ErrNotRegular, ""},
		{"fifo.html", ErrNotRegular, ""}, {"sub", ErrNotRegular, ""}, {"gone.html", fs.ErrNotExist, ""},
	}
	for _, c := range cases {
		got, gerr := d.Open(ctx, c.name)
		want, werr := Open(ctx, linked, c.name)
		if c.want != nil {
			var fe *FileError
			if !errors.As(gerr, &fe) || !errors.Is(gerr, c.want) || werr == nil || gerr.Error() != werr.Error() {
				t.Errorf("%s: Folder.Open: %v; Open: %v; want both %v", c.name, gerr, werr, c.want)
			}
			continue
		}
		if gerr != nil || werr != nil {
			t.Fatalf("%s: Folder.Open: %v; Open: %v", c.name, gerr, werr)
		}
		b, err := io.ReadAll(got)
		got.Close()
		want.Close()
		if err != nil || string(b) != c.text {
			t.Errorf("%s: read %q, %v; want %q", c.name, b, err, c.text)
		}
	}
}
