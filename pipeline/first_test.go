package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
)

// TestFirstRefreshOverADefectLeavesNothing: a first refresh over any
// defect, found in the definitions before anything is created or in a
// response file as its wave is loaded, reports the same problems as
// Validate and leaves the folders as they were: no database, lock file,
// run history, published file or folder, at any depth (the database and
// the published folder two folders down). Once with nothing there, once
// with the database's folder and an empty published folder made
// beforehand. With -short, one defect of each stage.
func TestFirstRefreshOverADefectLeavesNothing(t *testing.T) {
	cases := inputtest.Cases(t)
	if testing.Short() {
		cases = inputtest.OnePerStage(cases)
	}
	for _, c := range cases {
		if len(c.Problems) == 0 {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			data := overlay(t, c.Name)
			for _, made := range []bool{false, true} {
				root := t.TempDir()
				opts := Options{DataDir: data, DB: filepath.Join(root, "a", "b", "shihyo.duckdb"), Out: filepath.Join(root, "x", "y", "out")}
				if made {
					for _, d := range []string{filepath.Dir(opts.DB), opts.Out} {
						if err := os.MkdirAll(d, 0o755); err != nil {
							t.Fatal(err)
						}
					}
				}
				before := tree(t, root)
				_, err := Refresh(context.Background(), opts)
				inputtest.CheckProblems(t, data, err, c.Problems)
				if after := tree(t, root); after != before {
					t.Errorf("folders made beforehand %v: a first refresh over a defect left\n%s\nwant\n%s", made, after, before)
				}
			}
		})
	}
}
