package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// noHang runs f and fails the test if it has not returned after a minute:
// refresh hung forever on a FIFO or a link to /dev/zero, holding its lock.
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("%s did not return", what)
	}
}

// smallCopy copies testdata/small into a temporary folder.
func smallCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wantInputProblem asserts that err is one input problem in file (relative to
// dir) containing msg.
func wantInputProblem(t *testing.T, dir string, err error, file, msg string) {
	t.Helper()
	p, ok := input.AsProblems(err)
	if !ok || len(p) != 1 {
		t.Fatalf("got %v; want one problem", err)
	}
	if want := filepath.Join(dir, file); p[0].File != want || !strings.Contains(p[0].Msg, msg) {
		t.Errorf("got %v; want a problem in %s containing %q", p[0], want, msg)
	}
}

// TestRefreshRefusesFIFOsAndDevices: a FIFO or a link to /dev/zero among
// the inputs fails a first and a later (incremental) refresh at once, with
// a message naming it: the hashing of inputs before any reading used to
// block on the FIFO and read /dev/zero for ever.
func TestRefreshRefusesFIFOsAndDevices(t *testing.T) {
	cases := []struct {
		name, file string
		make       func(string) error
		wantFile   string
		wantMsg    string
	}{
		{"definition FIFO", model.SurveysFile, func(p string) error { return syscall.Mkfifo(p, 0o644) }, model.SurveysFile, "名前付きパイプ (FIFO)"},
		{"definition to /dev/zero", model.ChoicesFile, func(p string) error { return os.Symlink("/dev/zero", p) }, model.ChoicesFile, "データフォルダの外を指す"},
		{"response FIFO", "responses/w2020.csv", func(p string) error { return syscall.Mkfifo(p, 0o644) }, model.SurveysFile, `回答ファイル "responses/w2020.csv" は名前付きパイプ (FIFO)`},
		{"response to /dev/zero", "responses/w2022.csv", func(p string) error { return os.Symlink("/dev/zero", p) }, model.SurveysFile, `回答ファイル "responses/w2022.csv" はデータフォルダの外を指す`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := smallCopy(t)
			root := t.TempDir()
			later := Options{DataDir: data, DB: filepath.Join(root, "later.duckdb"), Out: filepath.Join(root, "later")}
			if _, err := Refresh(context.Background(), later); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(data, filepath.FromSlash(c.file))
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := c.make(path); err != nil {
				t.Fatal(err)
			}
			first := Options{DataDir: data, DB: filepath.Join(root, "first.duckdb"), Out: filepath.Join(root, "first")}
			for _, opts := range []Options{first, later} {
				var err error
				noHang(t, "refresh", func() { _, err = Refresh(context.Background(), opts) })
				wantInputProblem(t, data, err, c.wantFile, c.wantMsg)
			}
		})
	}
}

// TestRefreshDataIsAFile: --data naming a file is a problem that says so,
// also for a refresh over an earlier one (it failed with a raw ENOTDIR
// from the hashing).
func TestRefreshDataIsAFile(t *testing.T) {
	opts := refreshSmall(t)
	data := smallCopy(t)
	opts.DataDir = filepath.Join(data, model.SurveysFile)
	_, err := Refresh(context.Background(), opts)
	wantInputProblem(t, opts.DataDir, err, "", "フォルダではなくファイルです")
}

// TestRefreshThroughLinks: a linked data folder and response files that
// are links inside it give the actuals of the plain folder.
func TestRefreshThroughLinks(t *testing.T) {
	plain := refreshSmall(t)
	data := smallCopy(t)
	for _, name := range []string{"w2020.csv", "w2021.csv"} {
		p := filepath.Join(data, "responses", name)
		if err := os.Rename(p, filepath.Join(data, "real-"+name)); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..", "real-"+name), p); err != nil {
			t.Fatal(err)
		}
	}
	root := t.TempDir()
	linked := filepath.Join(root, "data")
	if err := os.Symlink(data, linked); err != nil {
		t.Fatal(err)
	}
	opts := Options{DataDir: linked, DB: filepath.Join(root, "db.duckdb"), Out: filepath.Join(root, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	want, err := os.ReadFile(filepath.Join(plain.Out, ActualsFile))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(opts.Out, ActualsFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("actuals through links differ:\n%s\nwant\n%s", got, want)
	}
}
