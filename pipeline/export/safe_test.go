package export_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// hostileIndicators is the small fixture's indicators.csv with cells a
// spreadsheet would run as formulas, and numbers that must stay numbers.
const hostileIndicators = `ward,plan_year,issue_no,indicator_no,title,population,question_key,positive_codes,excluded_codes,filter,target_percent,target_op,target_year,source_text,担当課
テスト区,令和4年度,1,1,"=HYPERLINK(""http://evil.example/"",""詳細"")",区民,q,1;2,9,,60,以上,令和9年度末,@SUM(1+1),-1+2
テスト区,令和4年度,1,2,住みやすいと感じる子育て世帯の割合,区民,q,１；２,,kosodate=1,50,,2027,子育て世帯の割合,-5
テスト区,令和4年度,2,1,住みにくいと感じる区民の割合,区民,q,3;4,9,,25,以下,R9,+住みにくい,-0.5
テスト区,令和4年度,3,1,＝全角の式,校長・教頭,kocho,1,,,90,以上,令和5年度末,,@
`

func TestFormulaInjectionCSV(t *testing.T) {
	f := refresh(t, copyData(t, map[string]string{model.IndicatorsFile: hostileIndicators}))
	for _, enc := range []string{export.EncodingUTF8, export.EncodingShiftJIS} {
		path := f.mustExport(t, enc+".csv", export.Options{Format: export.FormatCSV, Encoding: enc})
		data := mustRead(t, path)
		if enc == export.EncodingShiftJIS {
			data = decodeCP932(t, data)
		}
		header, rows := readCSV(t, bytes.TrimPrefix(data, bom))
		want := []map[string]string{
			{"title": `'=HYPERLINK("http://evil.example/","詳細")`, "source_text": "'@SUM(1+1)", "担当課": "'-1+2"},
			{"担当課": "-5"},
			{"source_text": "'+住みにくい", "担当課": "-0.5"},
			{"title": "'＝全角の式", "担当課": "'@"},
		}
		for i, w := range want {
			row := record(header, rows[i])
			for col, v := range w {
				if row[col] != v {
					t.Errorf("%s row %d %s = %q; want %q", enc, i+1, col, row[col], v)
				}
			}
			// Negative differences from the target are numbers, not formulas.
			if d := row["目標との差"]; strings.HasPrefix(d, "'") {
				t.Errorf("%s row %d: 目標との差 %q was neutralised", enc, i+1, d)
			}
		}
	}
}

func TestFormulaInjectionXLSX(t *testing.T) {
	issues := "ward,plan_year,issue_no,title\nテスト区,令和4年度,1,住みやすいまちづくり\nテスト区,令和4年度,2,=1+2\n"
	f := refresh(t, copyData(t, map[string]string{model.IndicatorsFile: hostileIndicators, model.PlanIssuesFile: issues}))
	x := openXLSX(t, f.mustExport(t, "plan.xlsx", export.Options{Format: export.FormatXLSX}))
	const s = "テスト区"
	want := map[string]string{
		"C5":  "'@SUM(1+1)",                             // source_text
		"C8":  "'+住みにくい",                                // source_text
		"C10": "'＝全角の式",                                 // no source_text: the title
		"A8":  "経営課題2\n=1+2\n\n取組の合計\n令和4年度予算額 5,237千円", // starts with text: not a formula
	}
	for cell, w := range want {
		if got := value(t, x, s, cell); got != w {
			t.Errorf("%s = %q; want %q", cell, got, w)
		}
	}
	for _, row := range []string{"5", "6", "7", "8", "9", "10", "11"} {
		for _, col := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"} {
			if formula, _ := x.GetCellFormula(s, col+row); formula != "" {
				t.Errorf("%s%s holds the formula %q", col, row, formula)
			}
		}
	}
}

// TestNoRespondentData gives respondents recognisable ids and checks that
// no export carries them, nor any column but the actuals'.
func TestNoRespondentData(t *testing.T) {
	orig := string(mustRead(t, filepath.Join(small, "responses", "w2020.csv")))
	lines := strings.Split(orig, "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = fmt.Sprintf("RID-SECRET-%03d", i) + lines[i][strings.IndexByte(lines[i], ','):]
		}
	}
	f := refresh(t, copyData(t, map[string]string{"responses/w2020.csv": strings.Join(lines, "\n")}))
	csvPath := f.mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV})
	xlsxPath := f.mustExport(t, "plan.xlsx", export.Options{Format: export.FormatXLSX})
	pqPath := f.mustExport(t, "actuals.parquet", export.Options{Format: export.FormatParquet})
	partPath := f.mustExport(t, "parts", export.Options{Format: export.FormatParquet, Partition: true})

	if bytes.Contains(mustRead(t, csvPath), []byte("RID-SECRET")) {
		t.Error("the CSV export holds respondent ids")
	}
	x := openXLSX(t, xlsxPath)
	for _, sheet := range x.GetSheetList() {
		rows, _ := x.GetRows(sheet)
		if strings.Contains(fmt.Sprint(rows), "RID-SECRET") {
			t.Errorf("sheet %s holds respondent ids", sheet)
		}
	}
	mem := memDB(t)
	for _, path := range []string{pqPath, filepath.Join(partPath, "**", "*.parquet")} {
		schema, rows := readParquetArrowGlob(t, path)
		for _, col := range schema {
			// The columns of the microdata tables (respondents: the
			// respondent count of a wave, is an aggregate).
			switch col {
			case "respondent_id", "respondent_no", "weight", "code", "key":
				t.Errorf("%s exports the column %s", path, col)
			}
		}
		if strings.Contains(fmt.Sprint(rows), "RID-SECRET") {
			t.Errorf("%s holds respondent ids", path)
		}
		var n int
		if err := mem.QueryRow(`SELECT count(*) FROM read_parquet(?)`, path).Scan(&n); err != nil || n != len(f.actuals) {
			t.Errorf("%s: %d rows (%v); want one per actual, %d", path, n, err, len(f.actuals))
		}
	}
}

// readParquetArrowGlob returns the column names and every row of the
// Parquet files at path (a glob), read by DuckDB.
func readParquetArrowGlob(t *testing.T, path string) ([]string, [][]any) {
	t.Helper()
	rows, err := memDB(t).Query(`SELECT * FROM read_parquet(?)`, path)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	return cols, out
}

func TestNeverOverwriteWithoutForce(t *testing.T) {
	f := refreshSmall(t)
	for _, format := range []string{export.FormatCSV, export.FormatXLSX, export.FormatParquet} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(f.out, "existing."+format)
			if err := os.WriteFile(path, []byte("staff's own file"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := f.export(t, "existing."+format, export.Options{Format: format})
			if !errors.Is(err, export.ErrExists) {
				t.Errorf("Export over an existing file = %v; want ErrExists", err)
			}
			if got := string(mustRead(t, path)); got != "staff's own file" {
				t.Error("the existing file was changed")
			}
			if _, err := f.export(t, "existing."+format, export.Options{Format: format, Force: true}); err != nil {
				t.Fatalf("Export with Force: %v", err)
			}
			if got := string(mustRead(t, path)); got == "staff's own file" {
				t.Error("Force did not replace the file")
			}
			if l := leftovers(t, f.out); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

func TestCancelledExportWritesNothing(t *testing.T) {
	f := refreshSmall(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, format := range []string{export.FormatCSV, export.FormatXLSX, export.FormatParquet} {
		out := filepath.Join(f.out, "cancelled."+format)
		err := export.Export(ctx, export.Options{DataDir: f.data, DB: f.db, Format: format, Output: out})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: cancelled Export = %v; want context.Canceled", format, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: a cancelled export left an output", format)
		}
	}
	if l := leftovers(t, f.out); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// TestExportBesideReader exports while another read-only handle holds the
// database open, as a dashboard server or an analyst's session would.
func TestExportBesideReader(t *testing.T) {
	f := refreshSmall(t)
	reader, err := sql.Open("duckdb", f.db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var n int
	if err := reader.QueryRow(`SELECT count(*) FROM actuals`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	f.mustExport(t, "beside.parquet", export.Options{Format: export.FormatParquet})
	info, err := os.Stat(f.db)
	if err != nil {
		t.Fatal(err)
	}
	f.mustExport(t, "beside.xlsx", export.Options{Format: export.FormatXLSX})
	if after, _ := os.Stat(f.db); !after.ModTime().Equal(info.ModTime()) || after.Size() != info.Size() {
		t.Error("the export changed the database file")
	}
}

func TestOptionErrors(t *testing.T) {
	f := refreshSmall(t)
	cases := []struct {
		name string
		opts export.Options
		want error
	}{
		{"no format", export.Options{}, export.ErrOptions},
		{"unknown format", export.Options{Format: "pdf"}, export.ErrOptions},
		{"encoding for xlsx", export.Options{Format: export.FormatXLSX, Encoding: "shift_jis"}, export.ErrOptions},
		{"unknown encoding", export.Options{Format: export.FormatCSV, Encoding: "euc-jp"}, export.ErrOptions},
		{"partition for csv", export.Options{Format: export.FormatCSV, Partition: true}, export.ErrOptions},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := f.export(t, "x", c.opts); !errors.Is(err, c.want) {
				t.Errorf("Export = %v; want %v", err, c.want)
			}
		})
	}
	err := export.Export(context.Background(), export.Options{DB: f.db, Format: export.FormatXLSX, Output: f.db, Force: true})
	if !errors.Is(err, export.ErrOptions) {
		t.Errorf("output onto the database = %v; want ErrOptions", err)
	}
	err = export.Export(context.Background(), export.Options{DB: filepath.Join(f.out, "none.duckdb"), Format: export.FormatXLSX,
		Output: filepath.Join(f.out, "x.xlsx")})
	if !errors.Is(err, export.ErrNoDatabase) {
		t.Errorf("missing database = %v; want ErrNoDatabase", err)
	}
}
