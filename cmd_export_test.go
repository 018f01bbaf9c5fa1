package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline"
)

func TestRunExport(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join("pipeline", "testdata", "small")
	db := filepath.Join(dir, "shihyo.duckdb")
	if _, err := pipeline.Refresh(context.Background(), pipeline.Options{DataDir: data, DB: db, Out: filepath.Join(dir, "out")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.csv")
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"export", "--help"}, exitOK, "--format"},
		{"no format", []string{"export", "--db", db, "--output", out}, exitUsage, "--format"},
		{"bad year", []string{"export", "--db", db, "--format", "csv", "--fiscal-year", "来年", "--output", out}, exitUsage, "--fiscal-year"},
		{"encoding for xlsx", []string{"export", "--db", db, "--format", "xlsx", "--encoding", "shift_jis", "--output", out}, exitUsage, "csv のときだけ"},
		{"csv", []string{"export", "--data", data, "--db", db, "--format", "csv", "--fiscal-year", "令和3年度", "--output", out}, exitOK, ""},
		{"exists", []string{"export", "--data", data, "--db", db, "--format", "csv", "--output", out}, exitFailure, "--force"},
		{"no database", []string{"export", "--db", filepath.Join(dir, "none.duckdb"), "--format", "xlsx", "--output", filepath.Join(dir, "x.xlsx")}, exitFailure, "shihyo refresh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), c.args, &stdout, &stderr)
			if code != c.code || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr.String(), c.code, c.stderr)
			}
		})
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte("令和3年度,62.5,A,")) {
		t.Errorf("exported csv: %v\n%s", err, b)
	}
}
