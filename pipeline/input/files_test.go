package input

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// noHang runs f and fails the test if it has not returned after a minute:
// the readers below hung forever on FIFOs and devices, and a hung test
// should say which.
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

// readAllOf runs Read and ReadResponses on dir, as validate does.
func readAllOf(t *testing.T, dir string) error {
	t.Helper()
	var err error
	noHang(t, "reading "+dir, func() {
		ctx := context.Background()
		var ds *model.Dataset
		if ds, err = Read(ctx, dir); err == nil {
			_, err = responses.ReadAll(ctx, ds)
		}
	})
	return err
}

// wantProblemAt asserts that err is one problem at file (relative to dir) and
// line, containing msg.
func wantProblemAt(t *testing.T, dir string, err error, file string, line int, msg string) {
	t.Helper()
	p, ok := AsProblems(err)
	if !ok || len(p) != 1 {
		t.Fatalf("got %v; want one problem", err)
	}
	want := filepath.Join(dir, filepath.FromSlash(file))
	if p[0].File != want || p[0].Line != line || !strings.Contains(p[0].Msg, msg) {
		t.Errorf("got %s:%d %q; want %s:%d containing %q", p[0].File, p[0].Line, p[0].Msg, want, line, msg)
	}
}

// replaceFile removes the file name of dir and lets make put something else there.
func replaceFile(t *testing.T, dir, name string, make func(path string) error) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := make(path); err != nil {
		t.Fatal(err)
	}
}

func makeFIFO(path string) error { return syscall.Mkfifo(path, 0o644) }

func linkTo(target string) func(string) error {
	return func(path string) error { return os.Symlink(target, path) }
}

// makeOversized makes a file one byte over MaxFileSize that takes no disk space.
func makeOversized(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Truncate(datafile.MaxSize + 1)
}

// TestUnsafeFilesAreRefused: a FIFO, a link to a device or to a file
// outside the data folder, a folder and an oversized file are refused with
// a message saying what they are, at the file for a definition file and at
// its row of surveys.csv for a response file, without being read: the
// readers used to block on the FIFO and read /dev/zero and /etc/passwd.
func TestUnsafeFilesAreRefused(t *testing.T) {
	cases := []struct {
		name, file string
		make       func(string) error
		wantFile   string
		wantLine   int
		wantMsg    string
	}{
		{"definition FIFO", model.SurveysFile, makeFIFO, model.SurveysFile, 0, "名前付きパイプ (FIFO) で、通常のファイルではありません"},
		{"definition to /dev/zero", model.IndicatorsFile, linkTo("/dev/zero"), model.IndicatorsFile, 0, "データフォルダの外を指すシンボリックリンクです"},
		{"definition outside", model.QuestionsFile, linkTo("/etc/passwd"), model.QuestionsFile, 0, "データフォルダの外を指すシンボリックリンクです"},
		{"definition folder", model.ChoicesFile, func(p string) error { return os.Mkdir(p, 0o755) }, model.ChoicesFile, 0, "フォルダで、通常のファイルではありません"},
		{"definition too large", model.IndicatorsFile, makeOversized, model.IndicatorsFile, 0, "ファイルが大きすぎます (1.0 GiB。読めるのは 1 GiB までです)"},
		{"response FIFO", "responses/w2020.csv", makeFIFO, model.SurveysFile, 2, `回答ファイル "responses/w2020.csv" は名前付きパイプ (FIFO) で`},
		{"response to /dev/zero", "responses/w2021.csv", linkTo("/dev/zero"), model.SurveysFile, 3, `回答ファイル "responses/w2021.csv" はデータフォルダの外を指すシンボリックリンクです`},
		{"response too large", "responses/w2022.csv", makeOversized, model.SurveysFile, 4, `回答ファイル "responses/w2022.csv" は大きすぎます (1.0 GiB。`},
		{"response link inside to a FIFO", "responses/wx.csv", linkTo("fifo.csv"), model.SurveysFile, 5, "名前付きパイプ (FIFO)"},
		{"response link loop", "responses/wx.csv", linkTo("wx.csv"), model.SurveysFile, 5, `回答ファイル "responses/wx.csv" はシンボリックリンクが循環していて`},
		{"definition link loop", model.PlansFile, linkTo("plans.csv"), model.PlansFile, 0, "シンボリックリンクが循環していて"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copySmall(t)
			if err := makeFIFO(filepath.Join(dir, "responses", "fifo.csv")); err != nil {
				t.Fatal(err)
			}
			replaceFile(t, dir, c.file, c.make)
			wantProblemAt(t, dir, readAllOf(t, dir), c.wantFile, c.wantLine, c.wantMsg)
		})
	}
}

// TestLinksInsideAreRead: a linked data folder, and links that resolve
// inside it (relative or absolute), are read as the files they lead to.
func TestLinksInsideAreRead(t *testing.T) {
	dir := copySmall(t)
	if err := os.Rename(filepath.Join(dir, "responses", "w2020.csv"), filepath.Join(dir, "w2020-real.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../w2020-real.csv", filepath.Join(dir, "responses", "w2020.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, model.IndicatorsFile), filepath.Join(dir, "ind.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "ind.csv"), filepath.Join(dir, model.IndicatorsFile)); err != nil {
		t.Fatal(err)
	}
	linked := filepath.Join(t.TempDir(), "data")
	if err := os.Symlink(dir, linked); err != nil {
		t.Fatal(err)
	}
	if err := readAllOf(t, linked); err != nil {
		t.Fatalf("links inside the data folder: %v", err)
	}
	// As --data is usually given: relative, while the link to ind.csv is
	// absolute.
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := readAllOf(t, rel); err != nil {
		t.Fatalf("links inside the data folder given as %s: %v", rel, err)
	}
}

// TestDataFolderIsAFile: --data naming a file says so.
func TestDataFolderIsAFile(t *testing.T) {
	file := filepath.Join(copySmall(t), model.SurveysFile)
	_, err := Read(context.Background(), file)
	wantProblemAt(t, file, err, "", 0, "フォルダではなくファイルです")
}

// TestUnsafeWorkbooksAreRefused: workbooks are opened as CSV files are: a
// FIFO or a link outside is refused without being read, at its row of
// surveys.csv for a response file and at the file for a definition file.
func TestUnsafeWorkbooksAreRefused(t *testing.T) {
	for _, c := range []struct {
		name, file string
		make       func(string) error
		wantFile   string
		wantLine   int
		wantMsg    string
	}{
		{"response FIFO", "responses/w2020.xlsx", makeFIFO, model.SurveysFile, 2, `回答ファイル "responses/w2020.xlsx" は名前付きパイプ (FIFO) で`},
		{"response outside", "responses/w2020.xlsx", linkTo("/etc/passwd"), model.SurveysFile, 2, "データフォルダの外を指すシンボリックリンクです"},
		{"definition FIFO", "choices.xlsx", makeFIFO, "choices.xlsx", 0, "名前付きパイプ (FIFO) で"},
		{"definition too large", "choices.xlsx", makeOversized, "choices.xlsx", 0, "ファイルが大きすぎます"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Only a response case points surveys.csv at the workbook: the
			// definition cases must show their own problem alone.
			dir := copySmall(t)
			if c.file != "choices.xlsx" {
				dir = editSmall(t, model.SurveysFile, "responses/w2020.csv", "responses/w2020.xlsx")
			}
			if c.file == "choices.xlsx" {
				if err := os.Remove(filepath.Join(dir, model.ChoicesFile)); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.make(filepath.Join(dir, filepath.FromSlash(c.file))); err != nil {
				t.Fatal(err)
			}
			wantProblemAt(t, dir, readAllOf(t, dir), c.wantFile, c.wantLine, c.wantMsg)
		})
	}
}
