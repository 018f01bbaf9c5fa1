package sitedir

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestInspect(t *testing.T) {
	cases := []struct {
		name  string
		setUp func(t *testing.T, dir string)
		state State
		ok    bool // false: a *NotSiteError
	}{
		{"absent", func(t *testing.T, dir string) {}, Absent, true},
		{"empty", func(t *testing.T, dir string) { os.Mkdir(dir, 0o755) }, Empty, true},
		{"marked", func(t *testing.T, dir string) {
			site(t, dir, "x")
			write(t, filepath.Join(dir, "actuals.csv"), "ward\n")
			if err := WriteMarker(dir); err != nil {
				t.Fatal(err)
			}
		}, Marked, true},
		{"unmarked", func(t *testing.T, dir string) { site(t, dir, "x") }, Unmarked, true},
		{"a marker of another content", func(t *testing.T, dir string) {
			site(t, dir, "x")
			write(t, filepath.Join(dir, MarkerFile), "something else\n")
		}, Unmarked, true},
		{"a marker that is a link", func(t *testing.T, dir string) {
			site(t, dir, "x")
			other := filepath.Join(filepath.Dir(dir), "m")
			write(t, other, markerText)
			os.Symlink(other, filepath.Join(dir, MarkerFile))
		}, Unmarked, true},
		{"a file", func(t *testing.T, dir string) { write(t, dir, "x") }, Absent, false},
		{"a database deep inside", func(t *testing.T, dir string) {
			site(t, dir, "x")
			WriteMarker(dir)
			write(t, filepath.Join(dir, "a", "b", "shihyo.DuckDB.wal"), "x")
		}, Absent, false},
		{"surveys.csv", func(t *testing.T, dir string) { write(t, filepath.Join(dir, "Surveys.csv"), "x") }, Absent, false},
		{"a response file", func(t *testing.T, dir string) {
			site(t, dir, "x")
			WriteMarker(dir)
			write(t, filepath.Join(dir, "responses", "w2020.csv"), "id\n")
		}, Absent, false},
		{"actuals.csv not at the top", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "old", "actuals.csv"), "ward\n")
		}, Absent, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			c.setUp(t, dir)
			state, err := Inspect(dir)
			var nse *NotSiteError
			switch {
			case c.ok && (err != nil || state != c.state):
				t.Errorf("Inspect = %v, %v; want %v", state, err, c.state)
			case !c.ok && (!errors.As(err, &nse) || !errors.Is(err, ErrNotSite)):
				t.Errorf("Inspect = %v, %v; want a *NotSiteError", state, err)
			}
		})
	}
}

func TestClaim(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	site(t, dir, "x")
	if _, err := Claim(dir, nil); !errors.Is(err, ErrNotSite) {
		t.Errorf("Claim of an unmarked folder without a manifest = %v; want ErrNotSite", err)
	}
	if _, err := Claim(dir, func(string) bool { return false }); !errors.Is(err, ErrNotSite) {
		t.Errorf("Claim of an unmarked folder the manifest does not know = %v; want ErrNotSite", err)
	}
	if f, err := Claim(dir, func(string) bool { return true }); err != nil || f.Path != dir {
		t.Errorf("Claim of an earlier site = %v, %v", f, err)
	}
}

func TestResolveFollowsLinksOfWhatExists(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "real")
	os.Mkdir(real, 0o755)
	os.Symlink(real, filepath.Join(root, "link"))
	got, err := Resolve(filepath.Join(root, "link", "db", "x.duckdb"))
	want, _ := filepath.EvalSymlinks(real)
	if err != nil || got != filepath.Join(want, "db", "x.duckdb") {
		t.Errorf("Resolve = %s, %v; want under %s", got, err, want)
	}
	if err := CheckDBOutside(filepath.Join(root, "link", "x.duckdb"), real); !errors.Is(err, ErrDBInSite) {
		t.Errorf("CheckDBOutside through a link = %v; want ErrDBInSite", err)
	}
}
