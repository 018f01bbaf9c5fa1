package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenKeepsAnEditedFolder: gen writes into a new or empty folder, and
// over a folder holding files only with --force.
func TestGenKeepsAnEditedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	gen := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"gen", "--out", dir}, args...), &stdout, &stderr)
		return code, stderr.String()
	}
	if code, stderr := gen(); code != exitOK {
		t.Fatalf("gen into a new folder: exit %d, %s", code, stderr)
	}
	edited := filepath.Join(dir, "indicators.csv")
	if err := os.WriteFile(edited, []byte("令和6年度の行を足した\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stderr := gen(); code != exitFailure || !strings.Contains(stderr, "--force") {
		t.Errorf("gen over it: exit %d, %s; want exit %d and a word on --force", code, stderr, exitFailure)
	}
	if b, _ := os.ReadFile(edited); string(b) != "令和6年度の行を足した\n" {
		t.Errorf("gen without --force overwrote indicators.csv: %q", b)
	}
	if code, stderr := gen("--force"); code != exitOK {
		t.Fatalf("gen --force: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(edited); strings.Contains(string(b), "令和6年度の行を足した") {
		t.Error("gen --force kept the edited indicators.csv; want it written anew")
	}
}
