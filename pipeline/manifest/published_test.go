package manifest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestPublishedSame: the check finds a file the same only when its hash is
// the recorded one, a file it was not given is hashed when asked, and a
// check closed before it began still answers, by hashing.
func TestPublishedSame(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	for name, text := range map[string]string{"a.html": "a", "b.html": "b edited", "d.html": "d", "sub/e.html": "e"} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.html", filepath.Join(out, "f.html")); err != nil {
		t.Fatal(err)
	}
	want := map[string]FileHash{}
	for name, text := range map[string]string{"a.html": "a", "b.html": "b", "c.html": "c", "d.html": "d", "sub/e.html": "e", "f.html": "a"} {
		want[name] = hashOf(t, text)
	}
	want["g.html"] = FileHash{} // recorded without a hash: never the same
	if err := os.WriteFile(filepath.Join(out, "g.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	expect := map[string]bool{"a.html": true, "b.html": false, "c.html": false, "d.html": true, "sub/e.html": true, "f.html": true, "g.html": false}
	for _, closeFirst := range []bool{false, true} {
		p := CheckPublished(ctx, out, want, []string{"a.html", "b.html", "c.html", "sub/e.html", "f.html", "g.html"})
		if closeFirst {
			p.Close()
		}
		for name, same := range expect {
			if got := p.Same(ctx, name); got != same {
				t.Errorf("closed first %v: Same(%s) = %v; want %v", closeFirst, name, got, same)
			}
		}
		p.Close()
	}
}

// hashOf is the FileHash of text, as hashFile gives it.
func hashOf(t *testing.T, text string) FileHash {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := hashFile(context.Background(), dir, "f")
	if err != nil {
		t.Fatal(err)
	}
	return h
}
