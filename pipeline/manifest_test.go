package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

// TestHashTreeNamesMatchTheManifest checks that the hashes taken before
// reading are keyed as the manifest keys input files, so that they are the
// ones stored: a response file in a subfolder, named with "./", and a file
// that is not CSV (left out).
func TestHashTreeNamesMatchTheManifest(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"surveys.csv":         "a",
		"responses/w 1.CSV":   "b",
		"responses/notes.txt": "c",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := hashTree(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	wave := responseFile(input.Survey{File: "./responses/w 1.CSV"})
	if len(got) != 2 || got["surveys.csv"].Size != 1 || got[wave].Size != 1 {
		t.Errorf("hashTree = %v; want surveys.csv and %s only", got, wave)
	}
	// Reused as is: a later change to the file does not replace the hash
	// taken before reading.
	before := got[wave]
	if err := os.WriteFile(filepath.Join(dir, "responses", "w 1.CSV"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := hashInputs(context.Background(), dir, []string{wave}, got); err != nil || got[wave] != before {
		t.Errorf("hashInputs replaced the earlier hash: %v (%v)", got[wave], err)
	}
}
