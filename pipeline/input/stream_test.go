//go:build linux

package input

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// TestReadingStreams: reading a response file holds one row at a time, not
// the file. A process that reads a 64 MiB response file of long free-text
// answers (dropped as they are read) peaks (maxrss) under the file's size,
// at about a quarter of it; the reader used to hold the file's bytes, its
// decoded text and all its records at once, three times the file.
func TestReadingStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 64 MiB file")
	}
	dir := copySmall(t)
	size := writeFreeText(t, filepath.Join(dir, "responses", "w2020.csv"), 64<<20)
	mailedUnknown(t, dir)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperReadData$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SHIHYO_TEST_READ_DATA="+dir, "GOGC=100", "GOMEMLIMIT=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("reading process: %v\n%s", err, out)
	}
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	if peak > size {
		t.Errorf("reading a %d MiB file peaked at %d MiB; want less than the file", size>>20, peak>>20)
	}
	t.Logf("reading a %d MiB file peaked at %d MiB", size>>20, peak>>20)
}

// TestHelperReadData is run by TestReadingStreams in a child process.
func TestHelperReadData(t *testing.T) {
	dir := os.Getenv("SHIHYO_TEST_READ_DATA")
	if dir == "" {
		t.Skip("helper process only")
	}
	if err := readAllOf(t, dir); err != nil {
		t.Fatal(err)
	}
}

// writeFreeText writes a response file of wave w2020 (No, F1, 問3) with a
// free-text column of about 1 KiB a row, line breaks included, of at least
// size bytes, and returns its size.
func writeFreeText(t *testing.T, path string, size int64) int64 {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	text := strings.Repeat("区役所の窓口がわかりやすい。", 36) + "\r\n" + strings.Repeat("x", 40)
	n, _ := fmt.Fprint(w, "No,F1,問3,自由記述\r\n")
	written := int64(n)
	for i := 1; written < size; i++ {
		n, err := fmt.Fprintf(w, "%d,%d,%d,\"%s\"\r\n", i, 1+i%2, []int{1, 2, 3, 4, 9}[i%5], text)
		if err != nil {
			t.Fatal(err)
		}
		written += int64(n)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return written
}

// mailedUnknown leaves the count mailed of w2020, the small fixture's 40,
// blank in the data folder dir: a large w2020 has more respondents.
func mailedUnknown(t testing.TB, dir string) {
	t.Helper()
	p := filepath.Join(dir, "surveys.csv")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "responses/w2020.csv,,40", "responses/w2020.csv,,", 1)
	if text == string(b) {
		t.Fatalf("%s names no w2020 mailed 40", p)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReadWave reads a response file of 200,000 rows and 13 columns,
// the shape of a large ward-wide wave. The peak memory of a 6M-row file is
// measured in README.md (Performance).
func BenchmarkReadWave(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(small)); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "responses", "w2020.csv"))
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "No,F1,問3,F2,F3,F4,問1,問2,問4,問5,問6,問7,問8\n")
	for i := 1; i <= 200_000; i++ {
		fmt.Fprintf(w, "%d,%d,%d,1,2,3,4,1,2,3,4,1,2\n", i, 1+i%2, []int{1, 2, 3, 4, 9}[i%5])
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	mailedUnknown(b, dir)
	ctx := b.Context()
	ds, err := Read(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := responses.ReadWave(ctx, ds, ds.Surveys[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead reads and checks the definition files of SHIHYO_BENCH_DATA
// (or data/sample): what every refresh that loads anything does first.
func BenchmarkRead(b *testing.B) {
	dir := os.Getenv("SHIHYO_BENCH_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "data", "sample")
	}
	for b.Loop() {
		if _, err := Read(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
	}
}
