package pipeline

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/tables"
)

// idMark prefixes every respondent id of the private copies: no published
// or exported byte may contain it.
const idMark = "RESP-7f3a-"

// privateCopy copies the data directory src into a temporary folder with
// every respondent id (the first column of each response file, in both
// fixtures) rewritten to idMark+id, and returns the folder.
func privateCopy(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	idRe := regexp.MustCompile(`(?m)^([0-9]+),`)
	files, err := filepath.Glob(filepath.Join(dir, "responses", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no response files in %s: %v", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// ASCII only, so a CP932 file stays CP932.
		b = idRe.ReplaceAll(b, []byte(idMark+"${1},"))
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// freeText returns the cells of the response files that questions.csv does
// not list (free text): they are never to be read, let alone published.
func freeText(t *testing.T, dir string) []string {
	t.Helper()
	ctx := context.Background()
	ds, err := input.Read(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range ds.Surveys {
		listed := map[string]bool{}
		for _, q := range ds.QuestionsOf(s.ID) {
			listed[q.Column] = true
		}
		raw, err := tables.ReadRaw(ctx, dir, filepath.FromSlash(s.File), tables.Spec{Sheet: s.Sheet, Encoding: s.Encoding})
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range raw.Header {
			if listed[h] {
				continue
			}
			for _, r := range raw.Rows {
				if v := strings.TrimSpace(r[i]); utf8.RuneCountInString(v) >= 2 {
					out = append(out, strings.Split(v, "\n")...)
				}
			}
		}
	}
	return out
}

// needles are the strings no output may hold, each also in CP932 where it
// can be encoded, as an export may be CP932.
func needles(t *testing.T, texts ...string) [][]byte {
	t.Helper()
	var out [][]byte
	for _, s := range texts {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		out = append(out, []byte(s))
		if sj, err := japanese.ShiftJIS.NewEncoder().String(s); err == nil && sj != s {
			out = append(out, []byte(sj))
		}
	}
	return out
}

// checkNoLeak fails for every file under dir (and inside every zip
// container, such as an XLSX) that holds one of the needles.
func checkNoLeak(t *testing.T, dir string, needles [][]byte) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for name, content := range expand(p, b) {
			for _, n := range needles {
				if bytes.Contains(content, n) {
					t.Errorf("%s holds %q", name, n)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// expand returns the file's bytes, and the entries of a zip container.
func expand(path string, b []byte) map[string][]byte {
	out := map[string][]byte{path: b}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return out
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err == nil {
			out[path+"!"+f.Name] = content
		}
	}
	return out
}

func TestPrivacySmall(t *testing.T)  { checkPrivacy(t, small) }
func TestPrivacySample(t *testing.T) { checkPrivacy(t, filepath.Join("..", DefaultDataDir)) }

// checkPrivacy refreshes a private copy of src and exports it in every
// format, then looks for respondent ids, free text and the machine's paths
// in every published and exported file, and for free text in the database.
func checkPrivacy(t *testing.T, src string) {
	if _, err := os.Stat(src); err != nil {
		t.Skipf("%s: %v", src, err)
	}
	if testing.Short() && src != small {
		t.Skip("short")
	}
	data := privateCopy(t, src)
	root := t.TempDir()
	opts := Options{DataDir: data, DB: filepath.Join(root, "db", "shihyo.duckdb"), Out: filepath.Join(root, "out")}
	ctx := context.Background()
	if _, err := Refresh(ctx, opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	// Respondent ids are not needed once the rows are checked: the database
	// keeps none.
	checkDBLacks(t, opts.DB, []string{idMark})
	exports := filepath.Join(root, "exports")
	exportAll(t, opts.DB, data, exports)
	texts := freeText(t, data)
	if src == small && len(texts) == 0 {
		t.Fatal("the small fixture has free text; none found")
	}
	abs, err := filepath.Abs(data)
	if err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	secrets := needles(t, append(texts, idMark, root, abs, data, cwd)...)
	for _, dir := range []string{opts.Out, exports} {
		checkNoLeak(t, dir, secrets)
	}
	checkDBLacks(t, opts.DB, texts)
	checkSmallCells(t, filepath.Join(opts.Out, BreakdownsFile))
}

func exportAll(t *testing.T, db, data, dir string) {
	t.Helper()
	for _, o := range []export.Options{
		{Format: export.FormatCSV, Output: "indicators.csv"},
		{Format: export.FormatCSV, Encoding: export.EncodingShiftJIS, Output: "indicators-sjis.csv"},
		{Format: export.FormatXLSX, Output: "tassei.xlsx"},
		{Format: export.FormatParquet, Output: "actuals.parquet"},
		{Format: export.FormatParquet, Partition: true, Output: "parts"},
	} {
		o.DB, o.DataDir, o.Output = db, data, filepath.Join(dir, o.Output)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := export.Export(context.Background(), o); err != nil {
			t.Fatalf("export %s: %v", o.Format, err)
		}
	}
	checkParquet(t, filepath.Join(dir, "actuals.parquet"))
}

// checkParquet reads the Parquet export back (its pages are compressed, so
// a byte search proves nothing) and looks for marked ids in every cell.
func checkParquet(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(context.Background(),
		`SELECT count(*) FROM read_parquet(?) AS p WHERE contains(CAST(p AS VARCHAR), ?)`, path, idMark).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d rows of the Parquet export hold a respondent id", n)
	}
}

// checkDBLacks looks for each of texts (free text, respondent ids) in
// every text column of every table, and in the database file's bytes: the
// response files' unlisted columns are never read, and ids are not kept.
func checkDBLacks(t *testing.T, path string, texts []string) {
	t.Helper()
	ctx := context.Background()
	db := openReadOnly(t, path)
	defer db.Close()
	cols, err := textColumns(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		for _, s := range texts {
			var n int
			q := fmt.Sprintf(`SELECT count(*) FROM "%s" WHERE contains("%s", ?)`, c[0], c[1])
			if err := db.QueryRowContext(ctx, q, s).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("table %s column %s holds %q", c[0], c[1], s)
			}
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range needles(t, texts...) {
		if bytes.Contains(raw, n) {
			t.Errorf("the database file holds %q", n)
		}
	}
}

// textColumns lists the VARCHAR columns of the database as (table,
// column), names checked before they are quoted into a query.
func textColumns(ctx context.Context, db *sql.DB) ([][2]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'main' AND data_type = 'VARCHAR' ORDER BY ALL`)
	if err != nil {
		return nil, fmt.Errorf("list columns: %w", err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			return nil, fmt.Errorf("list columns: %w", err)
		}
		if !identRe.MatchString(c[0]) || !identRe.MatchString(c[1]) {
			return nil, fmt.Errorf("unexpected name %s.%s", c[0], c[1])
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// checkSmallCells: a published breakdown cell with fewer than
// compute.SuppressBelow valid answers carries no value, and one up to
// compute.ReferenceUpTo is marked as 参考値.
func checkSmallCells(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return
	} else if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("read %s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, name := range []string{"n_valid", "percent", "suppressed", "reference"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("%s has no column %s", path, name)
		}
	}
	for i, r := range recs[1:] {
		if r[col["suppressed"]] == "true" {
			if r[col["n_valid"]] != "" || r[col["percent"]] != "" {
				t.Errorf("%s line %d: a suppressed cell shows n %q, %q%%", BreakdownsFile, i+2, r[col["n_valid"]], r[col["percent"]])
			}
			continue
		}
		n, err := strconv.Atoi(r[col["n_valid"]])
		if err != nil || n < compute.SuppressBelow {
			t.Errorf("%s line %d: cell with n %q published", BreakdownsFile, i+2, r[col["n_valid"]])
		}
		if n <= compute.ReferenceUpTo && r[col["reference"]] != "true" {
			t.Errorf("%s line %d: n %d not marked 参考値", BreakdownsFile, i+2, n)
		}
	}
}

// TestFailedRefreshLeaksNothing: a failed refresh reports its problems on
// the published status page; they must name the line, never a respondent's
// id or the content of a cell.
func TestFailedRefreshLeaksNothing(t *testing.T) {
	ctx := context.Background()
	data := privateCopy(t, small)
	root := t.TempDir()
	opts := Options{DataDir: data, DB: filepath.Join(root, "shihyo.duckdb"), Out: filepath.Join(root, "out")}
	if _, err := Refresh(ctx, opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	// A duplicate id, an answer that is text and a weight that is text.
	replaceOnce(t, filepath.Join(data, "responses", "w2020.csv"), idMark+"9,2,4", idMark+"8,2,4")
	replaceOnce(t, filepath.Join(data, "responses", "w2020.csv"), idMark+"7,1,4", idMark+"7,1,山田花子です")
	replaceOnce(t, filepath.Join(data, "responses", "w2022.csv"), idMark+"2,2,4,0.4005", idMark+"2,2,4,鶴見一丁目")
	_, err := Refresh(ctx, opts)
	if p, ok := input.AsProblems(err); !ok || len(p) != 3 {
		t.Fatalf("Refresh = %v; want three problems", err)
	}
	checkNoLeak(t, opts.Out, needles(t, idMark, "山田花子", "鶴見一丁目", root, data))
}

func replaceOnce(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInputTextIsEscaped puts markup into every text staff type that the
// pages show; no page may carry it as markup.
func TestInputTextIsEscaped(t *testing.T) {
	data := privateCopy(t, small)
	const (
		tag    = `<script>alert('title')</script>` // no " or comma: the CSV stays unquoted
		attr   = `'><img src=x onerror=alert(1)>`
		closer = `</script><script>alert(2)</script>`
	)
	replaceOnce(t, filepath.Join(data, "indicators.csv"), "住みやすいと感じる区民の割合", tag)
	replaceOnce(t, filepath.Join(data, "indicators.csv"), "「住みにくい」の割合を25%以下にする", "「"+attr+"」の割合を25%以下にする")
	replaceOnce(t, filepath.Join(data, "plans.csv"), "区民の暮らしを支える", attr)
	replaceOnce(t, filepath.Join(data, "plan_issues.csv"), "安全なまちづくり", closer)
	replaceOnce(t, filepath.Join(data, "choices.csv"), "w2020,q,1,そう思う", "w2020,q,1,"+closer)
	replaceOnce(t, filepath.Join(data, "questions.csv"), "住みやすいと感じますか\n", tag+"\n")
	root := t.TempDir()
	opts := Options{DataDir: data, DB: filepath.Join(root, "shihyo.duckdb"), Out: filepath.Join(root, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	pages, err := filepath.Glob(filepath.Join(opts.Out, "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	shown := false
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range []string{tag, attr, closer, "<img src=x", "<script>alert"} {
			if bytes.Contains(b, []byte(raw)) {
				t.Errorf("%s holds %q unescaped", filepath.Base(p), raw)
			}
		}
		shown = shown || bytes.Contains(b, []byte("alert"))
	}
	if !shown {
		t.Error("no page shows the edited texts at all: the test tests nothing")
	}
}
