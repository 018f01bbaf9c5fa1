package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReloadedWaveTablesAsAFullRefresh: after a refresh that reloaded one
// wave, which copies the other waves' rows of breakdowns.csv and
// frequencies.csv from the published files (package stage), both tables
// are those a refresh of the same data into a new database publishes; a
// published table edited by hand is not copied from.
func TestReloadedWaveTablesAsAFullRefresh(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	tables := []string{BreakdownsFile, FrequenciesFile}
	check := func(what string) {
		t.Helper()
		ref := reference(t, opts).Out
		for _, name := range tables {
			if got, want := readFile(t, filepath.Join(opts.Out, name)), readFile(t, filepath.Join(ref, name)); got != want {
				t.Errorf("%s: %s differs from a full refresh's:\n%s\nwant:\n%s", what, name, got, want)
			}
		}
	}
	res := mustRefresh(t, edited(t, opts, "responses/w2020.csv", "2,1,3", "2,1,1"))
	if res.FullReload || len(res.ReloadedWaves) != 1 || res.CopiedSegments == 0 {
		t.Fatalf("refresh after one response file edited: %+v; want one wave reloaded, the others' rows copied", res)
	}
	check("one wave reloaded")

	// A row of w2020, which the next refresh does not reload, edited by hand.
	for _, name := range tables {
		p := filepath.Join(opts.Out, name)
		text := readFile(t, p)
		i := strings.Index(text, ",w2020,")
		end := i + strings.IndexByte(text[i:], '\n')
		hand := text[:end-1] + "X" + text[end:] // its last cell, falsX: the same size
		if err := os.Remove(p); err != nil {    // a link to the staged file's twin: replaced, not written through
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(hand), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if res := mustRefresh(t, edited(t, opts, "responses/w2022.csv", "2,2,4", "2,2,1")); res.CopiedSegments != 0 {
		t.Errorf("%d segments copied from tables edited by hand", res.CopiedSegments)
	}
	check("a published table edited by hand, another wave reloaded")
}

// edited edits the file name of opts' data folder (edit) and returns opts.
func edited(t *testing.T, opts Options, name, old, new string) Options {
	t.Helper()
	edit(t, opts, name, old, new)
	return opts
}
