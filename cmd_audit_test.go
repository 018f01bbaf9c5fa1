package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAuditExitCodes: shihyo audit exits 0 on what refresh publishes, 1
// on the old rule's site of the same data (naming the cells, the numbers
// on its own stderr only) and on a missing database, 2 on a usage error.
func TestAuditExitCodes(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "shihyo.duckdb"), filepath.Join(dir, "out")
	if r := shihyo(t, "refresh", "--data", "pipeline/audit/testdata/linked", "--db", db, "--out", out); r.code != exitOK {
		t.Fatalf("refresh: exit %d\n%s", r.code, r.stderr)
	}
	if r := shihyo(t, "audit", "--out", out, "--db", db); r.code != exitOK || !strings.Contains(r.stdout, "逆算できる 10 人未満の集団はありません") {
		t.Errorf("audit of the new site: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := shihyo(t, "audit", "--out", "pipeline/audit/testdata/old-site", "--db", db)
	if r.code != exitFailure || !strings.Contains(r.stderr, "kosodate「無回答」 の人数") || !strings.Contains(r.stderr, "逆算した人数: 4") {
		t.Errorf("audit of the old site: exit %d; want 1 naming kosodate「無回答」 (4)\n%s", r.code, r.stderr)
	}
	if r := shihyo(t, "audit", "--out", out, "--db", filepath.Join(dir, "none.duckdb")); r.code != exitFailure {
		t.Errorf("audit without a database: exit %d; want 1\n%s", r.code, r.stderr)
	}
	if r := shihyo(t, "audit", "--out", t.TempDir(), "--db", db); r.code != exitFailure ||
		!strings.Contains(r.stderr, "actuals.csv: 公開した表がありません。shihyo refresh で公開したフォルダを --out に指定してください") {
		t.Errorf("audit of a folder that is no site: exit %d; want 1 and what to do, in Japanese\n%s", r.code, r.stderr)
	}
	broken := filepath.Join(dir, "broken")
	if err := os.CopyFS(broken, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	actuals := filepath.Join(broken, "actuals.csv")
	b, err := os.ReadFile(actuals)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(b), "\n", 3)
	header := strings.Split(lines[0], ",")
	fields := strings.Split(lines[1], ",")
	fields[slices.Index(header, "n_valid")] = "多数"
	lines[1] = strings.Join(fields, ",")
	if err := os.WriteFile(actuals, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := shihyo(t, "audit", "--out", broken, "--db", db); r.code != exitFailure ||
		!strings.Contains(r.stderr, "actuals.csv:2:") || !strings.Contains(r.stderr, "n_valid \"多数\"") {
		t.Errorf("audit of a site with an altered actuals.csv: exit %d; want 1 naming the file and line\n%s", r.code, r.stderr)
	}
	for _, args := range [][]string{{"audit", "--bogus"}, {"audit", "extra"}} {
		if r := shihyo(t, args...); r.code != exitUsage {
			t.Errorf("shihyo %v: exit %d; want 2", args, r.code)
		}
	}
}
