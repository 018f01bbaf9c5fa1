package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDataRequiredOutsideRepository: a command run without --data outside
// this repository stops with a usage error, before it writes anything,
// instead of publishing the bundled sample; inside the repository the
// sample is the default. The export's plan CSV needs --data everywhere.
func TestDataRequiredOutsideRepository(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"validate"}, &stdout, &stderr); code != exitOK ||
		!strings.Contains(stdout.String(), "data/sample: 問題はありません") {
		t.Errorf("validate in the repository: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	stderr.Reset()
	code := run(context.Background(), []string{"export", "--db", "none.duckdb", "--format", "csv", "--output", filepath.Join(t.TempDir(), "p.csv")}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "csv には --data") {
		t.Errorf("export csv without --data in the repository: exit %d\n%s", code, stderr.String())
	}

	dir := t.TempDir()
	t.Chdir(dir)
	// A folder with a data/sample of its own is no repository without the module's go.mod.
	if err := os.MkdirAll(filepath.Join("data", "sample"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("data", "sample", "surveys.csv"), []byte("survey_id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"refresh"}, {"validate"}, {"schedule", "--cron", "@every 1h"}, {"refresh", "--db", "x.duckdb", "--out", "site"}} {
		stderr.Reset()
		if code := run(context.Background(), args, &stdout, &stderr); code != exitUsage ||
			!strings.Contains(stderr.String(), "--data (データフォルダ) を指定してください") {
			t.Errorf("%v outside the repository: exit %d\n%s", args, code, stderr.String())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a command without --data wrote into the working folder: %v", entries)
	}
}
