package manifest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// TestHashTreeNamesMatchTheManifest checks that the hashes taken before
// reading are keyed as the manifest keys input files, so that they are the
// ones stored: a response file in a subfolder, named with "./", workbooks
// (.xlsx, .xlsm) and UTF-16 text (.txt) as CSV files, and a file that is no input
// (left out).
func TestHashTreeNamesMatchTheManifest(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"surveys.csv":          "a",
		"responses/w 1.CSV":    "b",
		"responses/w2.xlsx":    "c",
		"responses/w3.txt":     "d",
		"responses/w4.xlsm":    "g",
		"questions.XLSX":       "e",
		"responses/notes.docx": "f",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := HashTree(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	wave := responseFile(model.Survey{File: "./responses/w 1.CSV"})
	book := responseFile(model.Survey{File: "responses/w2.xlsx"})
	if len(got) != 6 || got["responses/w4.xlsm"].Size != 1 || got["surveys.csv"].Size != 1 || got[wave].Size != 1 || got[book].Size != 1 || got["questions.XLSX"].Size != 1 {
		t.Errorf("HashTree = %v; want all but notes.docx", got)
	}
	// Reused as is: a later change to the file does not replace the hash
	// taken before reading.
	before := got[wave]
	if err := os.WriteFile(filepath.Join(dir, "responses", "w 1.CSV"), []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := hashInputs(context.Background(), dir, []string{wave}, got); err != nil || got[wave] != before {
		t.Errorf("hashInputs replaced the earlier hash: %v (%v)", got[wave], err)
	}
}

// TestHashingSkipsWhatTheReaderRefuses: the hashing of inputs, which runs
// before any reading, leaves out (at once) a FIFO, a link to a device or
// outside the data folder and a file over datafile.MaxSize, and hashes a
// link that stays inside; a cancelled ctx stops it.
func TestHashingSkipsWhatTheReaderRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "surveys.csv"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"zero.csv": "/dev/zero", "passwd.csv": "/etc/passwd", "inside.csv": "surveys.csv"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(datafile.MaxSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	ctx := context.Background()
	var tree map[string]FileHash
	noHang(t, "HashTree", func() { tree, err = HashTree(ctx, dir) })
	if err != nil || len(tree) != 2 || tree["inside.csv"] != tree["surveys.csv"] || tree["surveys.csv"].Size != 1 {
		t.Errorf("HashTree = %v, %v; want surveys.csv and inside.csv only", tree, err)
	}
	got := map[string]FileHash{}
	names := []string{"zero.csv", "passwd.csv", "fifo.csv", "big.csv", "missing.csv", "surveys.csv/x.csv"}
	noHang(t, "hashInputs", func() { err = hashInputs(ctx, dir, names, got) })
	if err != nil || len(got) != 0 {
		t.Errorf("hashInputs = %v, %v; want nothing hashed", got, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := HashTree(cancelled, dir); !errors.Is(err, context.Canceled) {
		t.Errorf("HashTree with a cancelled ctx: %v", err)
	}
}

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

// TestProgramIDIsTheBuildID: the id of a binary is its Go build ID, as
// go tool buildid reads it, so that a copy of it written anew (go build
// of the same sources gives a new time) keeps it, and a file without one
// falls back to its size and time.
func TestProgramIDIsTheBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	id, err := goBuildID(exe)
	if err != nil || id != strings.TrimSpace(string(out)) {
		t.Fatalf("goBuildID = %q, %v; want %q", id, err, strings.TrimSpace(string(out)))
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy")
	if err := os.WriteFile(cp, b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(cp, time.Now(), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if programID(cp) != programID(exe) {
		t.Error("a copy written anew has another id")
	}
	script := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := goBuildID(script); err == nil {
		t.Error("a file that is not ELF has a build ID")
	}
	if a := programID(script); a == "unknown" || a == programID(exe) {
		t.Errorf("a file without a build ID: id %q", a)
	}
}
