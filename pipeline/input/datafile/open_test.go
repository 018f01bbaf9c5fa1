package datafile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAt: a workbook's zip reader reads through ReadAt, which stops
// once ctx is done and reads nothing past the size the file had when it
// was opened.
func TestReadAt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "w.xlsx"), []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := Open(ctx, dir, "w.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(filepath.Join(dir, "w.xlsx"), []byte("0123456789 and more"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 8)
	if n, err := f.ReadAt(b, 6); n != 4 || err != io.EOF || string(b[:n]) != "6789" {
		t.Errorf("ReadAt past the size opened: %d %q, %v; want 4 bytes and io.EOF", n, b[:n], err)
	}
	if n, err := f.ReadAt(b, 10); n != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end: %d, %v", n, err)
	}
	cancel()
	if _, err := f.ReadAt(b, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadAt after cancel: %v; want context.Canceled", err)
	}
}

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		b    string
		want Content
	}{
		{"\xff\xfeN\x00", UTF16LE}, {"\xfe\xff\x00N", UTF16BE}, {"PK\x03\x04", Workbook},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE}, {"No,F1\n", Text}, {"\xef\xbb\xbfNo", Text}, {"", Text},
	} {
		if got := Sniff([]byte(c.b)); got != c.want {
			t.Errorf("Sniff(%q) = %d; want %d", c.b, got, c.want)
		}
	}
}
