package input_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
)

var updateWorkbooks = flag.Bool("update-workbooks", false, "rewrite the .xlsx files of pipeline/testdata/bad from their recipes (inputtest.Workbooks)")

// TestWorkbookFixtures: every .xlsx file of the defect cases is what its
// recipe writes, byte for byte, so that the binary files in git can be
// read from code and rebuilt with -update-workbooks; two builds give the
// same bytes.
func TestWorkbookFixtures(t *testing.T) {
	for _, w := range inputtest.Workbooks {
		want, err := w.Build()
		if err != nil {
			t.Fatalf("%s: %v", w.Path, err)
		}
		again, err := w.Build()
		if err != nil || !bytes.Equal(again, want) {
			t.Errorf("%s: two builds differ (%v)", w.Path, err)
		}
		path := filepath.Join(inputtest.Bad(""), filepath.FromSlash(w.Path))
		if *updateWorkbooks {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what its recipe writes (%v): go test ./pipeline/input -run TestWorkbookFixtures -update-workbooks", w.Path, err)
		}
	}
}
