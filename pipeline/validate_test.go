package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
)

// The defect cases are the folders of testdata/bad with their want.txt
// (package inputtest); pipeline/input checks every one of them without a
// database (TestBadCases), and the tests here refresh over them.

// overlay copies testdata/small into a temporary folder and the files of
// testdata/bad/name over it, and returns the folder.
func overlay(t testing.TB, name string) string { return inputtest.Overlay(t, name) }

// TestRefreshDefectsLeaveOutputAlone refreshes the small fixture, then
// refreshes over each defect: each must fail with the same problems as
// Validate, leave every published file byte-identical and the data of the
// database as it was, with no staging folder left behind. With -short it
// refreshes over one defect of each stage (files, fields, references,
// responses); without, over every one.
//
// status.html is left out: a failed refresh rewrites it on purpose to show
// the failure (its run history lives in a database of its own, so the data
// file stays byte-identical). The database is compared byte for byte, and
// table by table to say what changed.
func TestRefreshDefectsLeaveOutputAlone(t *testing.T) {
	opts := refreshSmall(t)
	checkDatabaseClosed(t, opts.DB)
	site, data, sum := snapshot(t, opts.Out), dbContent(t, opts.DB), dbHash(t, opts.DB)
	cases := inputtest.Cases(t)
	if testing.Short() {
		cases = inputtest.OnePerStage(cases)
	}
	for _, c := range cases {
		if len(c.Problems) == 0 {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			bad := opts
			bad.DataDir = overlay(t, c.Name)
			_, err := Refresh(context.Background(), bad)
			inputtest.CheckProblems(t, bad.DataDir, err, c.Problems)
			if snapshot(t, opts.Out) != site {
				t.Error("the published folder changed")
			}
			if got := dbContent(t, opts.DB); got != data {
				t.Errorf("the database changed:\n%s\nwant\n%s", got, data)
			}
			if dbHash(t, opts.DB) != sum {
				t.Error("the database file changed")
			}
			checkNoLeftovers(t, opts)
			checkDatabaseClosed(t, opts.DB)
		})
	}
}

// TestFirstRefreshWithDefectPublishesNothing: with no previous output, a
// refresh over a defect publishes no file (status.html aside) and loads
// nothing into the database.
func TestFirstRefreshWithDefectPublishesNothing(t *testing.T) {
	root := t.TempDir()
	opts := Options{DataDir: overlay(t, "several_files"), DB: filepath.Join(root, "db", "shihyo.duckdb"), Out: filepath.Join(root, "out")}
	if _, err := Refresh(context.Background(), opts); err == nil {
		t.Fatal("Refresh accepted a defect")
	}
	if _, err := os.Stat(opts.Out); err == nil {
		if got := snapshot(t, opts.Out); got != "" {
			t.Errorf("a failed first refresh published:\n%s", got)
		}
	}
	if _, err := os.Stat(opts.DB); err == nil {
		if got := dbContent(t, opts.DB); strings.Contains(got, " rows ") && !strings.Contains(got, "rows 0 ") {
			t.Errorf("a failed first refresh loaded data:\n%s", got)
		}
	}
	checkNoLeftovers(t, opts)
}

// TestAcceptedFormsGiveTheSameActuals: the forms accepted without complaint
// (BOM, CRLF, 全角 digits, trailing empty rows; codes written 01 or ' 1 ',
// shared choices, blank keys of id rows, vendor codes for 無回答 and 非該当
// where small leaves a cell blank, a 複数回答 question no indicator reads,
// UTF-16 text, a wave delivered as a workbook, a with_blank code, whose
// breakdowns differ on purpose: every accepted_ case but
// accepted_thousands, whose mailed differ on purpose, and
// accepted_plan_years, whose plans differ on purpose) must also be read as
// the plain forms are, to the same actuals.
func TestAcceptedFormsGiveTheSameActuals(t *testing.T) {
	plain := refreshSmall(t)
	want, err := os.ReadFile(filepath.Join(plain.Out, ActualsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range inputtest.Cases(t) {
		if c.Stage != "accepted" || !strings.HasPrefix(c.Name, "accepted_") || c.Name == "accepted_thousands" || c.Name == "accepted_plan_years" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			opts := Options{DataDir: overlay(t, c.Name), DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
			if _, err := Refresh(context.Background(), opts); err != nil {
				t.Fatalf("Refresh: %v", err)
			}
			got, err := os.ReadFile(filepath.Join(opts.Out, ActualsFile))
			if err != nil {
				t.Fatal(err)
			}
			w := want
			if c.Name == "accepted_missing_codes" {
				// Its 88 is 非該当 where small leaves the cell blank: the
				// same numbers, but the flow counts it as 対象外, not 無回答.
				got, w = withoutFlow(t, got), withoutFlow(t, want)
			}
			if !bytes.Equal(got, w) {
				t.Errorf("actuals differ:\n%s\nwant\n%s", got, w)
			}
			if c.Name == "accepted_missing_codes" || c.Name == "accepted_multi" {
				return // their response files differ in what the tables list
			}
			files := []string{BreakdownsFile, FrequenciesFile}
			if c.Name == "accepted_with_blank" {
				files = files[1:] // its breakdowns by kosodate merge 無回答 on purpose
				if b := readFile(t, filepath.Join(opts.Out, BreakdownsFile)); !strings.Contains(b, ",子育て中ではない・無回答,") {
					t.Errorf("breakdowns.csv has no row 子育て中ではない・無回答")
				}
			}
			for _, f := range files {
				if got, want := readFile(t, filepath.Join(opts.Out, f)), readFile(t, filepath.Join(plain.Out, f)); got != want {
					t.Errorf("%s differs from small's", f)
				}
			}
		})
	}
}

// withoutFlow is actuals.csv without its flow columns (sitetables.FlowHeader,
// the last ones).
func withoutFlow(t *testing.T, csvText []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(csvText)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range recs {
		if err := w.Write(r[:len(r)-len(sitetables.FlowHeader)]); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.Bytes()
}

func dbHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// dbContent summarises every table of the database but runs: one line per
// table with its row count and a hash of its rows in a stable order.
func dbContent(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	db := openReadOnly(t, path)
	defer db.Close()
	tables, err := tableNames(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range tables {
		if name == "runs" {
			continue
		}
		n, sum, err := tableHash(ctx, db, name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s rows %d %s\n", name, n, sum)
	}
	return b.String()
}

var identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

func tableNames(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// tableHash reads a whole table; its name comes from the catalogue and is
// checked before it is quoted into the query.
func tableHash(ctx context.Context, db *sql.DB, name string) (int, string, error) {
	if !identRe.MatchString(name) {
		return 0, "", fmt.Errorf("unexpected table name %q", name)
	}
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+name+`" ORDER BY ALL`)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, "", err
	}
	h, n := sha256.New(), 0
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, "", fmt.Errorf("read %s: %w", name, err)
		}
		fmt.Fprintf(h, "%v\n", vals)
		n++
	}
	return n, hex.EncodeToString(h.Sum(nil))[:16], rows.Err()
}

// checkNoLeftovers fails when a refresh left a staging folder beside the
// published one or a write-ahead log beside the database.
func checkNoLeftovers(t *testing.T, opts Options) {
	t.Helper()
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(opts.Out), "."+filepath.Base(opts.Out)+".tmp-*"))
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(opts.Out), "."+filepath.Base(opts.Out)+".new-*"))
	stale = append(stale, old...)
	for _, s := range stale {
		t.Errorf("staging folder left: %s", s)
	}
	if _, err := os.Stat(opts.DB + ".wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("write-ahead log left beside the database (stat: %v)", err)
	}
}

// checkDatabaseClosed opens the database from another process: DuckDB
// locks its file for the process that has it open, so this fails if
// Refresh left it open.
func checkDatabaseClosed(t *testing.T, db string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperOpenDatabase$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SHIHYO_TEST_OPEN_DB="+db)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("another process cannot open the database after Refresh: %v\n%s", err, out)
	}
}

// TestHelperOpenDatabase is run by checkDatabaseClosed in a child process.
func TestHelperOpenDatabase(t *testing.T) {
	path := os.Getenv("SHIHYO_TEST_OPEN_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	// Read-only, so the check itself cannot change the file; it still
	// needs the lock a writer that forgot to close would hold.
	db := openReadOnly(t, path)
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM actuals").Scan(&n); err != nil {
		t.Fatal(err)
	}
}

// openReadOnly opens the database at path read-only; the caller closes it
// before the next refresh, which needs the file to itself.
func openReadOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	return db
}
