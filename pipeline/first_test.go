package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/firstrun"
	"github.com/shihyo/shihyo/pipeline/history"
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

// TestFirstRefreshKeepsWhatAnotherMadeMeanwhile: a first refresh records
// which paths it will create before it takes the locks; another refresh
// that ran in between made the folders, the database and its run history.
// Forgetting (a defect found while loading) must leave all of them.
func TestFirstRefreshKeepsWhatAnotherMadeMeanwhile(t *testing.T) {
	ctx := context.Background()
	opts := copySmall(t).withDefaults()
	pre, err := firstrun.Check(ctx, opts.DataDir, opts.DB, opts.Out)
	if err != nil || pre == nil {
		t.Fatalf("firstrun.Check: %v, %v", pre, err)
	}
	mustRefresh(t, opts)       // the other refresh, between the check and the locks
	names := func() []string { // the paths under the test's folder, not their bytes
		var out []string
		err := filepath.WalkDir(filepath.Dir(filepath.Dir(opts.DB)), func(p string, _ os.DirEntry, err error) error {
			out = append(out, p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := names()
	s, err := openSession(ctx, opts, opts.Now(), opts.Logger, pre)
	if err != nil {
		t.Fatal(err)
	}
	s.forget(pre)
	if after := names(); !slices.Equal(after, before) {
		t.Errorf("forgetting removed what the other refresh made:\n%q\nwant\n%q", after, before)
	}
	if _, err := os.Stat(history.Path(opts.DB)); err != nil {
		t.Errorf("the other refresh's run history: %v", err)
	}
}
