package export_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"

	"github.com/shihyo/shihyo/pipeline/export"
)

// readParquetArrow reads a Parquet file with arrow's own reader and returns
// its schema and its rows as text (ValueStr), "" for NULL.
func readParquetArrow(t *testing.T, path string) (*arrow.Schema, []map[string]string) {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	tr := array.NewTableReader(tbl, 0)
	defer tr.Release()
	var rows []map[string]string
	for tr.Next() {
		rec := tr.Record()
		for i := 0; i < int(rec.NumRows()); i++ {
			row := map[string]string{}
			for c, field := range rec.Schema().Fields() {
				col := rec.Column(c)
				if !col.IsNull(i) {
					row[field.Name] = col.ValueStr(i)
				}
			}
			rows = append(rows, row)
		}
	}
	return tbl.Schema(), rows
}

// compareWithActuals checks rows read from Parquet against actuals.csv.
func compareWithActuals(t *testing.T, f *fixture, rows []map[string]string) {
	t.Helper()
	if len(rows) != len(f.actuals) {
		t.Errorf("%d rows; want %d as in actuals.csv", len(rows), len(f.actuals))
	}
	for _, row := range rows {
		key := row["issue_no"] + "-" + row["indicator_no"] + "/" + row["fiscal_year"]
		a, ok := f.actuals[key]
		if !ok {
			t.Errorf("row %s is not in actuals.csv", key)
			continue
		}
		for _, col := range sitetables.ActualsHeader {
			got, want := row[col], a[col]
			if want == "" || got == "" {
				if got != want {
					t.Errorf("%s: %s = %q; want %q", key, col, got, want)
				}
				continue
			}
			if g, err := strconv.ParseFloat(got, 64); err == nil {
				if w, err := strconv.ParseFloat(want, 64); err != nil || !near(g, w) {
					t.Errorf("%s: %s = %s; want %s", key, col, got, want)
				}
				continue
			}
			if got != want {
				t.Errorf("%s: %s = %q; want %q", key, col, got, want)
			}
		}
	}
}

func TestParquetFile(t *testing.T) {
	f := refreshSmall(t)
	path := f.mustExport(t, "actuals.parquet", export.Options{Format: export.FormatParquet})
	schema, rows := readParquetArrow(t, path)
	for _, col := range []string{"percent", "previous_percent", "change_points"} {
		fs, ok := schema.FieldsByName(col)
		if !ok || fs[0].Type.ID() != arrow.FLOAT64 {
			t.Errorf("column %s: %v; want double (not decimal)", col, fs)
		}
	}
	for _, col := range sitetables.ActualsHeader {
		if !schema.HasField(col) {
			t.Errorf("Parquet lacks the actuals.csv column %s", col)
		}
	}
	for _, col := range []string{"respondents", "flow_filtered", "flow_not_applicable", "flow_no_answer", "flow_excluded",
		"flow_excluded_by", "flow_positive_by", "multi"} {
		if !schema.HasField(col) {
			t.Errorf("Parquet lacks the flow column %s", col)
		}
	}
	if schema.HasField("indicator_id") {
		t.Error("the internal indicator_id was exported")
	}
	compareWithActuals(t, f, rows)

	// DuckDB reads it back the same.
	db := memDB(t)
	var n int
	var sum float64
	if err := db.QueryRow(`SELECT count(*), sum(percent) FROM read_parquet(?)`, path).Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	var want float64
	for _, a := range f.actuals {
		want += parse(t, a["percent"])
	}
	if n != len(f.actuals) || !near(sum, want) {
		t.Errorf("read_parquet: %d rows, sum %v; want %d, %v", n, sum, len(f.actuals), want)
	}
}

func TestParquetFiscalYear(t *testing.T) {
	f := refreshSmall(t)
	path := f.mustExport(t, "2021.parquet", export.Options{Format: export.FormatParquet, FiscalYear: 2021})
	_, rows := readParquetArrow(t, path)
	// 2021 has 1-1 and 2-1; 1-2's 子育て世帯 domain (n = 4) is not published.
	if len(rows) != 2 {
		t.Errorf("%d rows; want the 2 actuals of 2021", len(rows))
	}
	for _, r := range rows {
		if r["fiscal_year"] != "2021" {
			t.Errorf("row of %s in a 2021 export", r["fiscal_year"])
		}
	}
}

func TestParquetPartitioned(t *testing.T) {
	f := refreshSmall(t)
	dir := f.mustExport(t, "actuals", export.Options{Format: export.FormatParquet, Partition: true})
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, y := range []int{2019, 2020, 2021, 2022} {
		want = append(want, fmt.Sprintf("ward=テスト区/fiscal_year=%d/%s", y, export.PartFile))
	}
	sort.Strings(files)
	if !slices.Equal(files, want) {
		t.Errorf("files %q; want %q", files, want)
	}
	// Each file read by arrow; the partition columns come from the folders.
	var rows []map[string]string
	for _, name := range files {
		schema, part := readParquetArrow(t, filepath.Join(dir, filepath.FromSlash(name)))
		if schema.HasField("ward") || schema.HasField("fiscal_year") {
			t.Errorf("%s repeats the partition columns", name)
		}
		var year string
		fmt.Sscanf(filepath.Base(filepath.Dir(name)), "fiscal_year=%s", &year)
		for _, r := range part {
			r["ward"], r["fiscal_year"] = "テスト区", year
		}
		rows = append(rows, part...)
	}
	compareWithActuals(t, f, rows)

	// DuckDB's Hive partitioning reads the whole folder back.
	db := memDB(t)
	q := `SELECT ward, fiscal_year, issue_no, indicator_no, percent, n_valid, status
	      FROM read_parquet(?, hive_partitioning = true) ORDER BY fiscal_year, issue_no, indicator_no`
	r, err := db.Query(q, filepath.Join(dir, "**", "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for r.Next() {
		var ward, status string
		var year, issue, no, nValid int
		var pct float64
		if err := r.Scan(&ward, &year, &issue, &no, &pct, &nValid, &status); err != nil {
			t.Fatal(err)
		}
		n++
		a, ok := f.actual(fmt.Sprintf("%d-%d", issue, no), year)
		if ward != "テスト区" || !ok || !near(pct, parse(t, a["percent"])) || strconv.Itoa(nValid) != a["n_valid"] || status != a["status"] {
			t.Errorf("hive row %s %d %d-%d: %v %d %s; actuals.csv %v", ward, year, issue, no, pct, nValid, status, a)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(f.actuals) {
		t.Errorf("hive read %d rows; want %d", n, len(f.actuals))
	}
}

func TestParquetPartitionedReplace(t *testing.T) {
	f := refreshSmall(t)
	dir := f.mustExport(t, "actuals", export.Options{Format: export.FormatParquet, Partition: true})
	if _, err := f.export(t, "actuals", export.Options{Format: export.FormatParquet, Partition: true}); !errors.Is(err, export.ErrExists) {
		t.Errorf("second export without Force = %v; want ErrExists", err)
	}
	if _, err := f.export(t, "actuals", export.Options{Format: export.FormatParquet, Partition: true, Force: true, FiscalYear: 2021}); err != nil {
		t.Fatalf("export with Force: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "ward=テスト区"))
	if len(entries) != 1 || entries[0].Name() != "fiscal_year=2021" {
		t.Errorf("after replacing with 2021 only: %v", entries)
	}
	// A folder holding anything else is never replaced, even with Force.
	if err := os.WriteFile(filepath.Join(dir, "memo.txt"), []byte("大事なメモ"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := f.export(t, "actuals", export.Options{Format: export.FormatParquet, Partition: true, Force: true})
	if !errors.Is(err, export.ErrOptions) {
		t.Errorf("replacing a folder with other files = %v; want ErrOptions", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "memo.txt")); err != nil {
		t.Error("the foreign file was removed")
	}
	if l := leftovers(t, f.out); len(l) > 0 {
		t.Errorf("temporary folders left: %v", l)
	}
}

func memDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
