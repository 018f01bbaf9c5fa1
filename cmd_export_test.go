package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/history"
)

func TestRunExport(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join("pipeline", "testdata", "small")
	db := filepath.Join(dir, "shihyo.duckdb")
	if _, err := pipeline.Refresh(context.Background(), pipeline.Options{DataDir: data, DB: db, Out: filepath.Join(dir, "out")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.csv")
	input := filepath.Join(dir, "data")
	if err := os.CopyFS(input, os.DirFS(data)); err != nil {
		t.Fatal(err)
	}
	indicators, _ := os.ReadFile(filepath.Join(input, "indicators.csv"))
	runs, _ := os.ReadFile(history.Path(db))
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"export", "--help"}, exitOK, "--format"},
		{"no format", []string{"export", "--db", db, "--output", out}, exitUsage, "--format"},
		{"bad year", []string{"export", "--db", db, "--format", "csv", "--fiscal-year", "来年", "--output", out}, exitUsage, "--fiscal-year"},
		{"bad plan year", []string{"export", "--db", db, "--format", "csv", "--plan-year", "来年", "--output", out}, exitUsage, "--plan-year"},
		{"plan year for parquet", []string{"export", "--db", db, "--format", "parquet", "--plan-year", "R4", "--output", out}, exitUsage, "csv と xlsx のときだけ"},
		{"no such plan", []string{"export", "--data", data, "--db", db, "--format", "xlsx", "--plan-year", "R6", "--output", filepath.Join(dir, "p.xlsx")}, exitFailure, "令和6年度: その年度の運営方針の指標がデータベースにありません (ある運営方針: 令和4年度)"},
		{"encoding for xlsx", []string{"export", "--db", db, "--format", "xlsx", "--encoding", "shift_jis", "--output", out}, exitUsage, "csv のときだけ"},
		{"csv", []string{"export", "--data", data, "--db", db, "--format", "csv", "--plan-year", "R4", "--fiscal-year", "令和3年度", "--output", out}, exitOK, ""},
		{"exists", []string{"export", "--data", data, "--db", db, "--format", "csv", "--output", out}, exitFailure, "--force"},
		{"no database", []string{"export", "--db", filepath.Join(dir, "none.duckdb"), "--format", "xlsx", "--output", filepath.Join(dir, "x.xlsx")}, exitFailure, "shihyo refresh"},
		// Never over staff's inputs, nor over the run history, --force or not.
		{"into the data folder", []string{"export", "--data", input, "--db", db, "--format", "csv", "--force",
			"--output", filepath.Join(input, "indicators.csv")}, exitFailure, "データフォルダ"},
		{"over the history", []string{"export", "--data", data, "--db", db, "--format", "parquet", "--force",
			"--output", history.Path(db)}, exitFailure, "データベースのファイル"},
		// Nor into the published site, which the next refresh replaces whole.
		{"into the published site", []string{"export", "--data", data, "--db", db, "--format", "xlsx",
			"--output", filepath.Join(dir, "out", "達成状況.xlsx")}, exitFailure, "公開フォルダ"},
		{"deep in the published site", []string{"export", "--data", data, "--db", db, "--format", "parquet",
			"--output", filepath.Join(dir, "out", "assets", "a.parquet")}, exitFailure, "公開フォルダ"},
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
	if b, _ := os.ReadFile(filepath.Join(input, "indicators.csv")); !bytes.Equal(b, indicators) {
		t.Error("the export overwrote indicators.csv of the data folder")
	}
	for _, f := range []string{"達成状況.xlsx", "assets/a.parquet"} {
		if _, err := os.Stat(filepath.Join(dir, "out", f)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("out/%s: %v; want no file exported into the published site", f, err)
		}
	}
	if b, _ := os.ReadFile(history.Path(db)); !bytes.Equal(b, runs) {
		t.Error("the export overwrote the run history")
	}
}

// TestExportAfterAFailedRefresh: an export after a failed refresh says
// that what it wrote is the last good refresh's; once a refresh succeeds
// again, it says nothing.
func TestExportAfterAFailedRefresh(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.CopyFS(data, os.DirFS(filepath.Join("pipeline", "testdata", "small"))); err != nil {
		t.Fatal(err)
	}
	db, out := filepath.Join(dir, "shihyo.duckdb"), filepath.Join(dir, "out")
	refresh := func() error {
		_, err := pipeline.Refresh(context.Background(), pipeline.Options{DataDir: data, DB: db, Out: out})
		return err
	}
	if err := refresh(); err != nil {
		t.Fatal(err)
	}
	export := func(name string) string {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"export", "--db", db, "--format", "xlsx", "--output", filepath.Join(dir, name)}, &stdout, &stderr)
		if code != exitOK {
			t.Fatalf("export exit %d: %s", code, stderr.String())
		}
		return stderr.String()
	}
	if msg := export("a.xlsx"); strings.Contains(msg, "注意") {
		t.Errorf("after a good refresh: %s", msg)
	}
	survey := filepath.Join(data, "surveys.csv")
	good, err := os.ReadFile(survey)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(survey, []byte("survey_id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if refresh() == nil {
		t.Fatal("a refresh of a broken surveys.csv succeeded")
	}
	if msg := export("b.xlsx"); !strings.Contains(msg, "注意: 最後の更新") || !strings.Contains(msg, "その前に成功した") {
		t.Errorf("after a failed refresh: %q; want the warning", msg)
	}
	if err := os.WriteFile(survey, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := refresh(); err != nil {
		t.Fatal(err)
	}
	if msg := export("c.xlsx"); strings.Contains(msg, "注意") {
		t.Errorf("after the failure was mended: %s", msg)
	}
}
