package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"github.com/shihyo/shihyo/dashboards/status"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/input"
)

const small = "testdata/small"

// refreshSmall refreshes the small fixture into a temporary folder and
// returns its options.
func refreshSmall(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	opts := Options{DataDir: small, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	return opts
}

func readActuals(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, row := range readTable(t, path) {
		out[row["ward"]+" "+row["issue_no"]+"-"+row["indicator_no"]+"/"+row["fiscal_year"]] = row
	}
	return out
}

func TestRefreshActuals(t *testing.T) {
	opts := refreshSmall(t)
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	// Expected values counted by hand from testdata/small (see its README).
	want := []struct {
		key, nValid, nPositive, percent, status string
	}{
		{"1-1/2020", "16", "1", "6.3", "B"},   // 6.25 rounds half up, not to even
		{"1-1/2021", "8", "5", "62.5", "A"},   // the CP932 wave
		{"1-1/2022", "2", "1", "60.0", "A"},   // weighted 59.95 publishes as 60.0, which meets 60
		{"1-2/2020", "11", "1", "9.1", "B"},   // 子育て世帯 only; わからない stays in the base
		{"2-1/2020", "16", "15", "93.8", "B"}, // 以下 target
		{"2-1/2021", "8", "3", "37.5", "B"},
		{"2-1/2022", "2", "1", "40.1", "B"},  // weighted 40.05 (a float rounds it to 40.0)
		{"3-1/2019", "3", "3", "100.0", "A"}, // 令和元年度
	}
	if len(got) != len(want) {
		t.Errorf("actuals.csv has %d rows; want %d", len(got), len(want))
	}
	// The 子育て世帯 domain has 4 and 1 respondents in 2021 and 2022: a
	// filtered domain under 10 is a small cell and is not published at all.
	for _, key := range []string{"1-2/2021", "1-2/2022"} {
		if row, ok := got["テスト区 "+key]; ok {
			t.Errorf("%s published with n_valid %s; a filtered domain under 10 must not be", key, row["n_valid"])
		}
	}
	for _, w := range want {
		row, ok := got["テスト区 "+w.key]
		if !ok {
			t.Errorf("no actual for %s", w.key)
			continue
		}
		if row["n_valid"] != w.nValid || row["n_positive"] != w.nPositive || row["percent"] != w.percent || row["status"] != w.status {
			t.Errorf("%s: n_valid %s n_positive %s percent %s status %s; want %s %s %s %s", w.key,
				row["n_valid"], row["n_positive"], row["percent"], row["status"], w.nValid, w.nPositive, w.percent, w.status)
		}
	}
	if exact := got["テスト区 1-1/2022"]["percent_exact"]; exact != "59.9500000000" {
		t.Errorf("percent_exact = %s", exact)
	}
}

func TestRefreshDatabase(t *testing.T) {
	opts := refreshSmall(t)
	db, err := sql.Open("duckdb", opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var respondents, answers, actuals int
	err = db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM respondents), (SELECT count(*) FROM answers),
		(SELECT count(*) FROM actuals)`).Scan(&respondents, &answers, &actuals)
	if err != nil {
		t.Fatal(err)
	}
	// 22 + 10 + 4 + 3 respondents; blanks (無回答) have no answers row; the
	// two 子育て世帯 domains under 10 leave no actual.
	if respondents != 39 || actuals != 8 {
		t.Errorf("respondents %d actuals %d; want 39 and 8", respondents, actuals)
	}
	if answers != 22*2-2+10*2-1+4*2-1+3 {
		t.Errorf("answers = %d", answers)
	}
}

func TestRefreshWithDefectWritesNothing(t *testing.T) {
	opts := refreshSmall(t)
	before := snapshot(t, opts.Out)
	bad := t.TempDir()
	if err := os.CopyFS(bad, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(bad, "responses", "w2020.csv")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(b), "17,2,4", "17,2,7", 1)), 0o644)
	opts.DataDir = bad
	_, err := Refresh(context.Background(), opts)
	if p, ok := input.AsProblems(err); !ok || len(p) != 1 || p[0].Line != 18 {
		t.Fatalf("Refresh = %v; want one problem at line 18", err)
	}
	if after := snapshot(t, opts.Out); after != before {
		t.Error("a failed refresh changed the published folder")
	}
}

func TestRefreshRefusesDatabaseInSite(t *testing.T) {
	dir := t.TempDir()
	opts := Options{DataDir: small, DB: filepath.Join(dir, "out", "x.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); !errors.Is(err, sitedir.ErrDBInSite) {
		t.Fatalf("Refresh = %v; want ErrDBInSite", err)
	}
}

// snapshot is every file under dir with its content, as one string;
// status.html and its script are left out: a failed refresh rewrites them
// on purpose (status.Rewritten).
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if err != nil || d.IsDir() || status.Rewritten(filepath.ToSlash(rel)) {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRefreshThroughLinkedOut publishes through a symbolic link, as a web
// root often is: the site must land in the link's target and the link stay.
func TestRefreshThroughLinkedOut(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "www", "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Symlink(site, out); err != nil {
		t.Fatal(err)
	}
	opts := Options{DataDir: small, DB: filepath.Join(dir, "shihyo.duckdb"), Out: out}
	for range 2 {
		if _, err := Refresh(context.Background(), opts); err != nil {
			t.Fatalf("Refresh: %v", err)
		}
		opts.DataDir = copyWithEdit(t, small, "indicators.csv", ",90,以上,令和5年度末", ",95,以上,令和5年度末")
	}
	if fi, err := os.Lstat(out); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("out is no longer a link (%v)", err)
	}
	b, err := os.ReadFile(filepath.Join(site, ActualsFile))
	if err != nil || !strings.Contains(string(b), ",95,以上,2023,") {
		t.Errorf("the link's target was not refreshed (%v):\n%s", err, b)
	}
}

// copyWithEdit copies the data directory src into a temporary folder with
// old replaced by new in one file.
func copyWithEdit(t *testing.T, src, file, old, new string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dst, file)
	b, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("edit %s: %q not found (%v)", file, old, err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}
