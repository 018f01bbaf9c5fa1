package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/export"
)

const small = "../testdata/small"

// fixture is a data directory refreshed into a database, with the
// published actuals.csv to compare the exports with.
type fixture struct {
	data    string
	db      string
	out     string // the folder exports are written to
	actuals map[string]map[string]string
}

// copyData copies the small fixture into a temporary folder and applies
// edits: file name → new content.
func copyData(t *testing.T, edits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
	for name, content := range edits {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// refresh runs a real refresh of data into a temporary database.
func refresh(t *testing.T, data string) *fixture {
	t.Helper()
	dir := t.TempDir()
	opts := pipeline.Options{DataDir: data, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "site")}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	out := filepath.Join(dir, "exports")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return &fixture{data: data, db: opts.DB, out: out, actuals: readActuals(t, filepath.Join(opts.Out, pipeline.ActualsFile))}
}

// smallOnce is testdata/small refreshed once for the tests that only read
// its database: they export it, each into a folder of its own.
var smallOnce struct {
	sync.Once
	dir string
	f   *fixture
	err error
}

// TestMain removes the shared refresh of small once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if smallOnce.dir != "" {
		os.RemoveAll(smallOnce.dir)
	}
	os.Exit(code)
}

// refreshSmall is small refreshed (once for the package's tests) with a new,
// empty export folder for t. Its database and data folder must only be
// read: another test exports from them too.
func refreshSmall(t *testing.T) *fixture {
	t.Helper()
	smallOnce.Do(func() {
		if smallOnce.dir, smallOnce.err = os.MkdirTemp("", "shihyo-export-"); smallOnce.err != nil {
			return
		}
		db, out := filepath.Join(smallOnce.dir, "db", "shihyo.duckdb"), filepath.Join(smallOnce.dir, "site")
		opts := pipeline.Options{DataDir: small, DB: db, Out: out}
		if _, smallOnce.err = pipeline.Refresh(context.Background(), opts); smallOnce.err != nil {
			return
		}
		smallOnce.f = &fixture{data: small, db: db}
		smallOnce.f.actuals, smallOnce.err = readActualsFile(filepath.Join(out, pipeline.ActualsFile))
	})
	if smallOnce.err != nil {
		t.Fatalf("refresh small: %v", smallOnce.err)
	}
	f := *smallOnce.f
	f.out = filepath.Join(t.TempDir(), "exports")
	if err := os.Mkdir(f.out, 0o755); err != nil {
		t.Fatal(err)
	}
	return &f
}

// export runs Export into the fixture's export folder and returns the path.
func (f *fixture) export(t *testing.T, name string, opts export.Options) (string, error) {
	t.Helper()
	opts.DataDir, opts.DB = f.data, f.db
	opts.Output = filepath.Join(f.out, name)
	return opts.Output, export.Export(context.Background(), opts)
}

func (f *fixture) mustExport(t *testing.T, name string, opts export.Options) string {
	t.Helper()
	path, err := f.export(t, name, opts)
	if err != nil {
		t.Fatalf("Export %s: %v", name, err)
	}
	return path
}

// actual is the actuals.csv row of an indicator ("1-2") in a fiscal year.
func (f *fixture) actual(indicator string, year int) (map[string]string, bool) {
	row, ok := f.actuals[indicator+"/"+strconv.Itoa(year)]
	return row, ok
}

// readActuals reads actuals.csv keyed by "issue-indicator/fiscal_year".
func readActuals(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	out, err := readActualsFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readActualsFile(path string) (map[string]map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) == 0 {
		return nil, fmt.Errorf("read %s: %v (%d records)", path, err, len(recs))
	}
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := record(recs[0], rec)
		out[row["issue_no"]+"-"+row["indicator_no"]+"/"+row["fiscal_year"]] = row
	}
	return out, nil
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readCSV(t *testing.T, data []byte) ([]string, [][]string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("read csv: %v", err)
	}
	if len(recs) == 0 {
		t.Fatal("empty csv")
	}
	return recs[0], recs[1:]
}

func record(header, rec []string) map[string]string {
	row := map[string]string{}
	for i, h := range header {
		if i < len(rec) {
			row[h] = rec[i]
		}
	}
	return row
}

// oneDecimal rounds an exact value of actuals.csv as the plan shows it.
func oneDecimal(t *testing.T, s string) string {
	t.Helper()
	if s == "" {
		return ""
	}
	// Exact decimal arithmetic on the text: 四捨五入, halves away from zero,
	// independent of the float rounding under test.
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("not a number: %q", s)
	}
	neg := r.Sign() < 0
	r.Abs(r).Mul(r, big.NewRat(10, 1)).Add(r, big.NewRat(1, 2))
	tenths := new(big.Int).Quo(r.Num(), r.Denom()) // floor: r ≥ 0
	if neg && tenths.Sign() != 0 {
		tenths.Neg(tenths)
	}
	return new(big.Rat).SetFrac(tenths, big.NewInt(10)).FloatString(1)
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// leftovers lists the temporary files or folders an export left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		// .tmp-: a file being written, or a partition folder being staged
		// (fsatomic's scheme); .new-: a partition folder of earlier versions.
		if strings.Contains(e.Name(), ".tmp-") || strings.Contains(e.Name(), ".new-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func decodeCP932(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
