package input

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
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
		var ds *Dataset
		if ds, err = Read(ctx, dir); err == nil {
			_, err = ReadResponses(ctx, ds)
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
	return f.Truncate(MaxFileSize + 1)
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
		{"definition FIFO", SurveysFile, makeFIFO, SurveysFile, 0, "名前付きパイプ (FIFO) で、CSV ファイルではありません"},
		{"definition to /dev/zero", IndicatorsFile, linkTo("/dev/zero"), IndicatorsFile, 0, "データフォルダの外を指すシンボリックリンクです"},
		{"definition outside", QuestionsFile, linkTo("/etc/passwd"), QuestionsFile, 0, "データフォルダの外を指すシンボリックリンクです"},
		{"definition folder", ChoicesFile, func(p string) error { return os.Mkdir(p, 0o755) }, ChoicesFile, 0, "フォルダで、CSV ファイルではありません"},
		{"definition too large", IndicatorsFile, makeOversized, IndicatorsFile, 0, "ファイルが大きすぎます (1.0 GiB。読めるのは 1 GiB までです)"},
		{"response FIFO", "responses/w2020.csv", makeFIFO, SurveysFile, 2, `回答ファイル "responses/w2020.csv" は名前付きパイプ (FIFO) で`},
		{"response to /dev/zero", "responses/w2021.csv", linkTo("/dev/zero"), SurveysFile, 3, `回答ファイル "responses/w2021.csv" はデータフォルダの外を指すシンボリックリンクです`},
		{"response too large", "responses/w2022.csv", makeOversized, SurveysFile, 4, `回答ファイル "responses/w2022.csv" は大きすぎます (1.0 GiB。`},
		{"response link inside to a FIFO", "responses/wx.csv", linkTo("fifo.csv"), SurveysFile, 5, "名前付きパイプ (FIFO)"},
		{"response link loop", "responses/wx.csv", linkTo("wx.csv"), SurveysFile, 5, `回答ファイル "responses/wx.csv" はシンボリックリンクが循環していて`},
		{"definition link loop", PlansFile, linkTo("plans.csv"), PlansFile, 0, "シンボリックリンクが循環していて"},
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
	if err := os.Rename(filepath.Join(dir, IndicatorsFile), filepath.Join(dir, "ind.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "ind.csv"), filepath.Join(dir, IndicatorsFile)); err != nil {
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
	file := filepath.Join(copySmall(t), SurveysFile)
	_, err := Read(context.Background(), file)
	wantProblemAt(t, file, err, "", 0, "フォルダではなくファイルです")
}

// TestReadStopsWhenCancelled: a cancelled ctx stops the reading of a file
// within one buffer, not only between files.
func TestReadStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("No,F1\n")
	for b.Len() < 4<<20 {
		b.WriteString("1,2\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "big.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := OpenFile(ctx, dir, "big.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src := &cancelAfter{File: f, reads: 3, cancel: cancel}
	_, err = readFrom(ctx, "big.csv", src, EncodingAuto, nil, keepRows{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v; want the read cancelled", err)
	}
	if src.calls > src.reads+1 {
		t.Errorf("read %d times; cancelled at read %d", src.calls, src.reads)
	}
}

// cancelAfter cancels its ctx after a number of reads.
type cancelAfter struct {
	*File
	reads, calls int
	cancel       func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	c.calls++
	if c.calls == c.reads {
		c.cancel()
	}
	return c.File.Read(p)
}

// TestAutoDecidesPastThePrefix: a file whose first sniffSize bytes are
// ASCII is read in auto as the encoding of what comes after; the same file
// declared shift_jis but saved as UTF-8 is refused at the row of its first
// Japanese character.
func TestAutoDecidesPastThePrefix(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n")
	rows := 1
	for b.Len() < sniffSize+100 {
		b.WriteString("1,2\n")
		rows++
	}
	b.WriteString("3,住みやすい\n")
	utf := []byte(b.String())
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range []struct {
		name, declared, want string
		data                 []byte
	}{{"CP932", EncodingAuto, EncodingShiftJIS, sjis}, {"UTF-8", EncodingAuto, EncodingUTF8, utf}} {
		tab, err := readFrom(ctx, "f.csv", bytesSource{bytes.NewReader(c.data)}, c.declared, []string{"a"}, keepRows{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		last := tab.rows[len(tab.rows)-1]
		if tab.encoding != c.want || last.fields[1] != "住みやすい" || last.line != rows+1 {
			t.Errorf("%s read as %s: last row %d %q", c.name, tab.encoding, last.line, last.fields)
		}
	}
	_, err = readFrom(ctx, "f.csv", bytesSource{bytes.NewReader(utf)}, EncodingShiftJIS, nil, keepRows{})
	wantProblemAt(t, "", err, "f.csv", rows+1, "UTF-8 のファイルです")
}

// TestRowsAfterLineBreaksInCells: a CSV syntax error and an undecodable
// byte after cells with line breaks are reported at Excel's row.
func TestRowsAfterLineBreaksInCells(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, data, msg string
		row             int
	}{
		{"bad quote", "a,b\n\"x\ny\",1\n\n2,\"z\n", "CSV として読めません", 4},
		{"bad byte", "a,b\r\n\"x\r\ny\r\nz\",1\r\n2,\xff\r\n", "UTF-8 としても Shift_JIS (CP932) としても読めない", 3},
	} {
		_, err := readFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(c.data))}, EncodingAuto, nil, keepRows{})
		wantProblemAt(t, "", err, "f.csv", c.row, c.msg)
	}
}

// TestParseCodePlainDigits: codes are decimal digits as staff type them,
// not Go's literal forms.
func TestParseCodePlainDigits(t *testing.T) {
	for s, want := range map[string]int{"1": 1, "０１": 1, " 3 ": 3, "1000000": 1_000_000, "　２　": 2} {
		if n, err := ParseCode(s); err != nil || n != want {
			t.Errorf("ParseCode(%q) = %d, %v; want %d", s, n, err, want)
		}
	}
	for s, want := range map[string]error{
		"+1": ErrBadCode, "1_0": ErrBadCode, "0x1": ErrBadCode, "1e2": ErrBadCode, "1.0": ErrBadCode,
		"": ErrBadCode, "٣": ErrBadCode, "- 1": ErrBadCode, "-1": ErrNegativeCode, "－１": ErrNegativeCode,
		"1000001": ErrCodeTooLarge, "99999999999999999999999": ErrCodeTooLarge,
	} {
		if n, err := ParseCode(s); !errors.Is(err, want) {
			t.Errorf("ParseCode(%q) = %d, %v; want %v", s, n, err, want)
		}
	}
}
