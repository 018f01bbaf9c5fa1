package gen

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedSampleUpToDate keeps data/sample what `shihyo gen` writes, so
// the demo and the documented figures never drift from the generator.
func TestCommittedSampleUpToDate(t *testing.T) {
	committed := filepath.Join("..", "data", "sample")
	fresh := t.TempDir()
	if err := Generate(context.Background(), Options{Out: fresh}); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(fresh, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fresh, p)
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(committed, rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("data/sample/%s differs from the generator's output: run `make sample`", rel)
		}
		n++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walk: %v (%d files)", err, n)
	}
}
