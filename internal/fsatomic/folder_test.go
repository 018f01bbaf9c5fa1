package fsatomic

import (
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// site makes the folder dir holding an index.html that says which site it
// is.
func site(t *testing.T, dir, which string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(which), 0o644); err != nil {
		t.Fatal(err)
	}
}

// which is what the site at dir says it is, or "missing".
func which(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if errors.Is(err, os.ErrNotExist) {
		return "missing"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// published makes a folder with out holding the old site and a staged
// folder (from Stage) holding the new one.
func published(t *testing.T) (parent, out, staged string) {
	t.Helper()
	parent = t.TempDir()
	out = filepath.Join(parent, "site")
	site(t, out, "old")
	staged, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	site(t, staged, "new")
	return parent, out, staged
}

var errKilled = errors.New("killed")

// failing renames with os.Rename but fails the calls whose number (from 1)
// is in fail.
func failing(fail ...int) func(from, to string) error {
	n := 0
	return func(from, to string) error {
		n++
		if slices.Contains(fail, n) {
			return errKilled
		}
		return os.Rename(from, to)
	}
}

func TestExchangeByRenames(t *testing.T) {
	parent, out, staged := published(t)
	prev, err := exchangeByRenames(staged, out, os.Rename)
	if err != nil {
		t.Fatal(err)
	}
	if which(t, out) != "new" || which(t, prev) != "old" {
		t.Fatalf("out is %s, %s is %s; want new and old", which(t, out), prev, which(t, prev))
	}
	if base := filepath.Base(prev); !strings.HasPrefix(base, ".site.old-") {
		t.Errorf("the previous site is parked as %s; want .site.old-*", base)
	}
	// A crash before Swap removed it: out exists, so the parked site goes.
	if err := CleanStale(out, discard); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"site"}) || which(t, out) != "new" {
		t.Errorf("after CleanStale: %v, out is %s; want only the new site", got, which(t, out))
	}
}

// TestParkedSiteIsNotAStagingFolder: the old site used to be parked at
// staged+".old", which CleanStale's ".site.new-*" (now ".site.tmp-*") took
// for a staging folder and removed, while it was the only copy of the site.
func TestParkedSiteIsNotAStagingFolder(t *testing.T) {
	_, out, staged := published(t)
	parked := parkedPath(staged, out)
	if ok, _ := filepath.Match(".site.tmp-*", filepath.Base(parked)); ok {
		t.Errorf("parked %s matches the staging folders' pattern", parked)
	}
	if filepath.Dir(parked) != filepath.Dir(out) {
		t.Errorf("parked %s is not beside %s", parked, out)
	}
}

func TestExchangeByRenamesFailure(t *testing.T) {
	cases := []struct {
		name    string
		fail    []int
		outNow  string // what out holds right after the failure
		restore bool   // CleanStale must put the old site back
	}{
		{"moving out aside fails", []int{1}, "old", false},
		{"moving staged in fails: rolled back", []int{2}, "old", false},
		// A kill between the two renames leaves the same as a rollback
		// that failed: out missing, the old site parked.
		{"killed between the renames", []int{2, 3}, "missing", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent, out, staged := published(t)
			_, err := exchangeByRenames(staged, out, failing(c.fail...))
			if !errors.Is(err, errKilled) {
				t.Fatalf("exchangeByRenames = %v; want the rename's error", err)
			}
			if got := which(t, out); got != c.outNow {
				t.Fatalf("after the failure out is %s; want %s", got, c.outNow)
			}
			parked := slices.ContainsFunc(names(t, parent), func(n string) bool { return strings.HasPrefix(n, ".site.old-") })
			if parked != c.restore {
				t.Errorf("a parked site left: %v; want %v (%v)", parked, c.restore, names(t, parent))
			}
			// The next refresh cleans first: the old site is published
			// again and nothing else remains.
			if err := CleanStale(out, discard); err != nil {
				t.Fatal(err)
			}
			if got := names(t, parent); !slices.Equal(got, []string{"site"}) || which(t, out) != "old" {
				t.Errorf("after CleanStale: %v, out is %s; want only the old site", got, which(t, out))
			}
		})
	}
}

func TestCleanStaleRestoresTheNewestParkedSite(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	site(t, filepath.Join(parent, ".site.old-1"), "older")
	site(t, filepath.Join(parent, ".site.old-2"), "newer")
	old := filepath.Join(parent, ".site.old-1")
	long := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	if err := CleanStale(out, discard); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"site"}) || which(t, out) != "newer" {
		t.Errorf("after CleanStale: %v, out is %s; want only the newer site", got, which(t, out))
	}
}

func TestCleanStaleLeavesOthersAlone(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site")
	for _, d := range []string{".site.tmp-1", ".site.new-1", ".site.status-2", ".other.new-1", ".other.old-1", ".other.tmp-1", "site2", "site.next-1"} {
		site(t, filepath.Join(parent, d), d)
	}
	// The names of earlier versions go only when the caller names them.
	if err := CleanStale(out, discard, ".%s.new-*", ".%s.status-*"); err != nil {
		t.Fatal(err)
	}
	want := []string{".other.new-1", ".other.old-1", ".other.tmp-1", "site.next-1", "site2"}
	if got := names(t, parent); !slices.Equal(got, want) {
		t.Errorf("after CleanStale: %v; want %v (and no site made up)", got, want)
	}
}

// TestSwap runs the exchange of the system the test runs on.
func TestSwap(t *testing.T) {
	parent, out, staged := published(t)
	if err := Swap(staged, out); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"site"}) || which(t, out) != "new" {
		t.Errorf("after Swap: %v, out is %s; want only the new site", got, which(t, out))
	}
}

var discard = slog.New(slog.DiscardHandler)

// failRemove makes removeAll fail for the rest of the test, as a folder
// that cannot be written makes it fail for an unprivileged user (root, who
// runs the tests in CI, is not stopped by permission bits).
func failRemove(t *testing.T) {
	t.Helper()
	removeAll = func(string) error { return errKilled }
	t.Cleanup(func() { removeAll = os.RemoveAll })
}

// TestSwapLeftoverIsPublished: when the previous site cannot be removed
// after the exchange, the new site is published whole and the failure is
// a *LeftoverError (a warning for the caller), not a failed swap. The
// leftover does not stop the next CleanStale, which removes it once it can.
func TestSwapLeftoverIsPublished(t *testing.T) {
	parent, out, staged := published(t)
	failRemove(t)
	err := Swap(staged, out)
	var left *LeftoverError
	if !errors.As(err, &left) || !errors.Is(err, ErrLeftover) || !errors.Is(err, errKilled) {
		t.Fatalf("Swap = %v; want a *LeftoverError", err)
	}
	if which(t, out) != "new" || which(t, left.Path) != "old" {
		t.Fatalf("out is %s, %s is %s; want new and old", which(t, out), left.Path, which(t, left.Path))
	}
	if err := CleanStale(out, discard); err != nil {
		t.Fatalf("CleanStale over a leftover it cannot remove = %v; want a warning only", err)
	}
	removeAll = os.RemoveAll
	if err := CleanStale(out, discard); err != nil {
		t.Fatal(err)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"site"}) || which(t, out) != "new" {
		t.Errorf("after CleanStale: %v, out is %s; want only the new site", got, which(t, out))
	}
}
