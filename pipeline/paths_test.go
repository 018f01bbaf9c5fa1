package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/internal/sitedir"
)

// tree is every entry under root (hidden ones too) with the content of
// its files, as one string.
func tree(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p + "\n")
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			b.Write(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func mkdir(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t *testing.T, p, text string) string {
	t.Helper()
	mkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRefreshRefusesWhatIsNotOurs: --out and --db placed where a refresh
// would delete, overwrite or publish what is not shihyo's. Each is refused
// with a Japanese message before anything is written: every file under
// the test's folder is as it was, and no database appears.
func TestRefreshRefusesWhatIsNotOurs(t *testing.T) {
	cases := []struct {
		name string
		// set up places the data folder at data (a copy of small) and
		// returns the options to refresh with.
		setUp func(t *testing.T, root, data string) Options
		want  error
	}{
		{"out is the data folder", func(t *testing.T, root, data string) Options {
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: data}
		}, ErrPaths},
		{"out is a parent of the data folder", func(t *testing.T, root, data string) Options {
			return Options{DataDir: data, DB: filepath.Join(t.TempDir(), "s.duckdb"), Out: root}
		}, ErrPaths},
		{"out is inside the data folder", func(t *testing.T, root, data string) Options {
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: filepath.Join(data, "site")}
		}, ErrPaths},
		{"out is an unrelated folder", func(t *testing.T, root, data string) Options {
			out := filepath.Join(root, "documents")
			writeFile(t, filepath.Join(out, "memo.txt"), "大事なメモ")
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: out}
		}, sitedir.ErrNotSite},
		{"out is a file", func(t *testing.T, root, data string) Options {
			out := writeFile(t, filepath.Join(root, "report.xlsx"), "PK")
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: out}
		}, sitedir.ErrNotSite},
		{"out holds a database", func(t *testing.T, root, data string) Options {
			out := filepath.Join(root, "backup")
			writeFile(t, filepath.Join(out, "old.duckdb"), "DB")
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: out}
		}, sitedir.ErrNotSite},
		{"out holds the marker and a database", func(t *testing.T, root, data string) Options {
			out := mkdir(t, filepath.Join(root, "site"))
			if err := sitedir.WriteMarker(out); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(out, "sub", "x.duckdb"), "DB")
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: out}
		}, sitedir.ErrNotSite},
		{"out holds input data", func(t *testing.T, root, data string) Options {
			out := filepath.Join(root, "copy")
			if err := os.CopyFS(out, os.DirFS(small)); err != nil {
				t.Fatal(err)
			}
			return Options{DataDir: data, DB: filepath.Join(root, "db", "s.duckdb"), Out: out}
		}, sitedir.ErrNotSite},
		{"db is inside the data folder", func(t *testing.T, root, data string) Options {
			return Options{DataDir: data, DB: filepath.Join(data, "s.duckdb"), Out: filepath.Join(root, "out")}
		}, ErrPaths},
		{"db is inside out through a link", func(t *testing.T, root, data string) Options {
			out := mkdir(t, filepath.Join(root, "out"))
			if err := os.Symlink(out, filepath.Join(root, "dbdir")); err != nil {
				t.Fatal(err)
			}
			return Options{DataDir: data, DB: filepath.Join(root, "dbdir", "s.duckdb"), Out: out}
		}, sitedir.ErrDBInSite},
		{"db is inside the data folder through a link", func(t *testing.T, root, data string) Options {
			if err := os.Symlink(data, filepath.Join(root, "dbdir")); err != nil {
				t.Fatal(err)
			}
			return Options{DataDir: data, DB: filepath.Join(root, "dbdir", "s.duckdb"), Out: filepath.Join(root, "out")}
		}, ErrPaths},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			data := filepath.Join(root, "data")
			if err := os.CopyFS(data, os.DirFS(small)); err != nil {
				t.Fatal(err)
			}
			opts := c.setUp(t, root, data)
			before := tree(t, root)
			_, err := Refresh(context.Background(), opts)
			if !errors.Is(err, c.want) {
				t.Fatalf("Refresh = %v; want %v", err, c.want)
			}
			if msg := err.Error(); !strings.Contains(msg, "ません") && !strings.Contains(msg, "ください") {
				t.Errorf("message %q is not a Japanese refusal", msg)
			}
			if tree(t, root) != before {
				t.Error("a refused refresh changed files under the test folder")
			}
			if err := CheckPaths(opts); !errors.Is(err, c.want) {
				t.Errorf("CheckPaths = %v; want %v", err, c.want)
			}
		})
	}
}

// TestRefreshRefusesAlteredUnmarkedSite: a folder without the marker is
// replaced only when its files are those the database says it published;
// one that holds anything else is refused, status.html included.
func TestRefreshRefusesAlteredUnmarkedSite(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	if err := os.Remove(filepath.Join(opts.Out, sitedir.MarkerFile)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(opts.Out, "notes.html"), "<p>誰かのページ</p>")
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	before, db := tree(t, opts.Out), readFile(t, opts.DB)
	_, err := Refresh(context.Background(), opts)
	var nse *sitedir.NotSiteError
	if !errors.As(err, &nse) || !nse.Unmarked {
		t.Fatalf("Refresh = %v; want the folder refused for its missing marker", err)
	}
	if tree(t, opts.Out) != before {
		t.Error("the refused folder was changed (status.html?)")
	}
	if readFile(t, opts.DB) != db {
		t.Error("the database was changed")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(opts.Out), ".out.[ns]*")); len(left) > 0 {
		t.Errorf("left beside the folder: %v", left)
	}
}

// TestRefreshKeepsFilesPutIntoTheSite: a file put into the published site
// by hand (an export, a memo) is not deleted by the refresh that would
// replace the folder: the refresh is refused, with the files named on the
// site's status.html, until they are moved; a no-op is refused too.
func TestRefreshKeepsFilesPutIntoTheSite(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	strays := []string{"達成状況.xlsx", "memo/区政会議.txt"}
	for _, f := range strays {
		writeFile(t, filepath.Join(opts.Out, filepath.FromSlash(f)), "スタッフのファイル")
	}
	// A killed refresh's temporary status page is shihyo's, not a stray.
	writeFile(t, filepath.Join(opts.Out, ".status.html.tmp-123"), "<html>")
	for i, change := range []bool{false, true} {
		if change {
			edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
		}
		db := readFile(t, opts.DB)
		_, err := Refresh(context.Background(), opts)
		var se *sitedir.StrayError
		if !errors.As(err, &se) || !slices.Equal(se.Files, []string{"memo/区政会議.txt", "達成状況.xlsx"}) {
			t.Fatalf("refresh %d = %v; want it refused for the two files", i, err)
		}
		for _, f := range strays {
			if got := readFile(t, filepath.Join(opts.Out, filepath.FromSlash(f))); got != "スタッフのファイル" {
				t.Errorf("refresh %d: %s = %q; want it kept", i, f, got)
			}
		}
		if page := readFile(t, filepath.Join(opts.Out, status.File)); !strings.Contains(page, "達成状況.xlsx") {
			t.Errorf("refresh %d: status.html does not name the files to move", i)
		}
		if readFile(t, opts.DB) != db {
			t.Errorf("refresh %d: the database was changed", i)
		}
	}
	for _, f := range strays {
		if err := os.Remove(filepath.Join(opts.Out, filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	if res := mustRefresh(t, opts); len(res.ReloadedWaves) != 1 {
		t.Errorf("refresh once the files were moved: %+v; want the edited wave reloaded", res)
	}
	checkMarker(t, opts.Out)
}

// TestRefreshAcceptsItsOwnFolders: a missing folder, an empty one, one
// holding the marker, and a site of the version before the marker (the
// files of the stored manifest, some perhaps removed, no marker) are
// replaced; each new site carries the marker.
func TestRefreshAcceptsItsOwnFolders(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		opts := copySmall(t)
		mkdir(t, opts.Out)
		mustRefresh(t, opts)
		checkMarker(t, opts.Out)
	})
	t.Run("published before the marker", func(t *testing.T) {
		opts := copySmall(t)
		mustRefresh(t, opts)
		for _, name := range []string{sitedir.MarkerFile, "method.html"} {
			if err := os.Remove(filepath.Join(opts.Out, name)); err != nil {
				t.Fatal(err)
			}
		}
		// A failure first: status.html of the old site shows it.
		edit(t, opts, "responses/w2020.csv", "17,2,4", "17,2,7")
		if _, err := Refresh(context.Background(), opts); err == nil {
			t.Fatal("Refresh over a defect succeeded")
		}
		if page := readFile(t, filepath.Join(opts.Out, status.File)); !strings.Contains(page, "最新の更新は失敗しました") {
			t.Error("status.html of the unmarked site does not show the failure")
		}
		edit(t, opts, "responses/w2020.csv", "17,2,7", "17,2,4")
		if res := mustRefresh(t, opts); res.NoOp {
			t.Fatal("a site without its marker was taken as whole")
		}
		checkMarker(t, opts.Out)
		if _, err := os.Stat(filepath.Join(opts.Out, "method.html")); err != nil {
			t.Error(err)
		}
		if res := mustRefresh(t, opts); !res.NoOp {
			t.Errorf("the refresh after: %+v; want a no-op", res)
		}
	})
}

func checkMarker(t *testing.T, out string) {
	t.Helper()
	if state, err := sitedir.Inspect(out); err != nil || state != sitedir.Marked {
		t.Errorf("published folder: state %v, %v; want it marked", state, err)
	}
}
