package export_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/tables"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// checkPlanCSV compares every row of an exported plan table with the
// original indicators.csv (all columns, verbatim) and with actuals.csv in
// the fiscal year year.
func checkPlanCSV(t *testing.T, f *fixture, text []byte, year int) {
	t.Helper()
	origHeader, origRows := readCSV(t, bytes.TrimPrefix(mustRead(t, filepath.Join(f.data, model.IndicatorsFile)), bom))
	header, rows := readCSV(t, text)
	if want := append(slices.Clone(origHeader), export.PlanColumns...); !slices.Equal(header, want) {
		t.Fatalf("header = %q\nwant %q", header, want)
	}
	if len(rows) != len(origRows) {
		t.Fatalf("%d rows; want %d", len(rows), len(origRows))
	}
	for i, rec := range rows {
		if got, want := rec[:len(origHeader)], origRows[i]; !slices.Equal(got, want) {
			t.Errorf("row %d: indicator columns %q; want verbatim %q", i+1, got, want)
		}
		row := record(header, rec)
		key := strings.TrimSpace(row["issue_no"]) + "-" + strings.TrimSpace(row["indicator_no"])
		if row["実績年度"] != "令和"+strconv.Itoa(year-2018)+"年度" {
			t.Errorf("%s: 実績年度 %q; want %d", key, row["実績年度"], year)
		}
		a, ok := f.actual(key, year)
		if !ok {
			for _, col := range export.PlanColumns[1:] {
				if row[col] != "" {
					t.Errorf("%s: not measured in %d but %s = %q", key, year, col, row[col])
				}
			}
			continue
		}
		ci := ""
		if a["ci_low"] != "" {
			ci = oneDecimal(t, a["ci_low"]) + "～" + oneDecimal(t, a["ci_high"])
		}
		trend := a["trajectory"]
		if trend == "A" {
			trend = "達成"
		}
		want := map[string]string{
			"実績": a["percent"], "達成状況": a["status"], "前年度実績": a["previous_percent"],
			"進捗": trend, "n": a["n_valid"], "95%信頼区間": ci,
		}
		for col, w := range want {
			if row[col] != w {
				t.Errorf("%s: %s = %q; want %q (actuals.csv)", key, col, row[col], w)
			}
		}
		if draft := row["自己評価（案）"]; !strings.HasPrefix(draft, row["実績年度"]+"の実績は "+a["percent"]+"% で、達成状況は ") {
			t.Errorf("%s: 自己評価（案） %q; want the draft of %s", key, draft, row["実績年度"])
		}
		if d := parse(t, row["目標との差"]); !near(d, parse(t, a["percent"])-parse(t, a["target_percent"])) {
			t.Errorf("%s: 目標との差 %v; want %s − %s", key, d, a["percent"], a["target_percent"])
		}
	}
}

func TestCSVUTF8MatchesActuals(t *testing.T) {
	f := refreshSmall(t)
	path := f.mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV})
	data := mustRead(t, path)
	if !bytes.HasPrefix(data, bom) {
		t.Error("UTF-8 export has no BOM: Excel would read it as CP932")
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("rows are not ended with CRLF")
	}
	checkPlanCSV(t, f, bytes.TrimPrefix(data, bom), 2022) // the latest wave of テスト区
	if l := leftovers(t, f.out); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestCSVFiscalYear(t *testing.T) {
	f := refreshSmall(t)
	path := f.mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV, FiscalYear: 2021})
	checkPlanCSV(t, f, bytes.TrimPrefix(mustRead(t, path), bom), 2021)

	_, err := f.export(t, "none.csv", export.Options{Format: export.FormatCSV, FiscalYear: 2030})
	if !errors.Is(err, export.ErrNoActuals) {
		t.Errorf("FiscalYear 2030: %v; want ErrNoActuals", err)
	}
}

func TestCSVShiftJIS(t *testing.T) {
	f := refreshSmall(t)
	utf8Path := f.mustExport(t, "plan-utf8.csv", export.Options{Format: export.FormatCSV})
	sjisPath := f.mustExport(t, "plan-sjis.csv", export.Options{Format: export.FormatCSV, Encoding: export.EncodingShiftJIS})
	raw := mustRead(t, sjisPath)
	if bytes.HasPrefix(raw, bom) {
		t.Error("CP932 export starts with a UTF-8 BOM")
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	if want := bytes.TrimPrefix(mustRead(t, utf8Path), bom); !bytes.Equal(text, want) {
		t.Errorf("CP932 export decodes to\n%s\nwant the UTF-8 export\n%s", text, want)
	}
	checkPlanCSV(t, f, text, 2022)
}

// TestCSVRoundTrip re-imports the exported file as indicators.csv: the
// definitions are the same, the unknown column 担当課 is kept, and exporting
// again does not repeat the appended columns.
func TestCSVRoundTrip(t *testing.T) {
	f := refreshSmall(t)
	want, err := input.Read(context.Background(), f.data)
	if err != nil {
		t.Fatal(err)
	}
	for _, enc := range []string{export.EncodingUTF8, export.EncodingShiftJIS} {
		t.Run(enc, func(t *testing.T) {
			path := f.mustExport(t, enc+".csv", export.Options{Format: export.FormatCSV, Encoding: enc})
			exported := mustRead(t, path)
			data := copyData(t, map[string]string{model.IndicatorsFile: string(exported)})
			got, err := input.Read(context.Background(), data)
			if err != nil {
				t.Fatalf("re-import: %v", err)
			}
			if !reflect.DeepEqual(got.Indicators, want.Indicators) {
				t.Errorf("re-imported definitions differ:\n%+v\nwant\n%+v", got.Indicators, want.Indicators)
			}
			raw, err := tables.ReadRaw(context.Background(), data, model.IndicatorsFile, tables.Spec{})
			if err != nil {
				t.Fatal(err)
			}
			if i := slices.Index(raw.Header, "担当課"); i < 0 || raw.Rows[0][i] != "総務課" {
				t.Errorf("unknown column 担当課 lost: %q", raw.Header)
			}
			// The re-imported folder defines the same indicators as the
			// database, so it exports again, to the same bytes.
			again := &fixture{data: data, db: f.db, out: f.out, actuals: f.actuals}
			path2 := again.mustExport(t, enc+"-again.csv", export.Options{Format: export.FormatCSV, Encoding: enc})
			if !bytes.Equal(mustRead(t, path2), exported) {
				t.Errorf("exporting the exported table again differs:\n%s", mustRead(t, path2))
			}
		})
	}
}

// TestCSVReadsEarlierExport: an indicators.csv written back by an earlier
// version (its columns ending in 推移, n, 95%信頼区間) is recognised: its
// appended columns are replaced by today's, not kept as the plan's own.
func TestCSVReadsEarlierExport(t *testing.T) {
	f := refreshSmall(t)
	orig := string(mustRead(t, filepath.Join(small, model.IndicatorsFile)))
	lines := strings.SplitAfter(orig, "\n")
	old := ",実績年度,実績,達成状況,前年度実績,目標との差,推移,n,95%信頼区間"
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		end := strings.TrimRight(l, "\r\n")
		if i == 0 {
			lines[i] = end + old + l[len(end):]
		} else {
			lines[i] = end + ",令和4年度,59.9,B,,,遅れ,2,1.0～99.0" + l[len(end):]
		}
	}
	data := copyData(t, map[string]string{model.IndicatorsFile: strings.Join(lines, "")})
	again := &fixture{data: data, db: f.db, out: f.out, actuals: f.actuals}
	path := again.mustExport(t, "from-old.csv", export.Options{Format: export.FormatCSV})
	text := string(bytes.TrimPrefix(mustRead(t, path), bom))
	header := strings.SplitN(text, "\r\n", 2)[0]
	if strings.Contains(header, "推移") || strings.Count(header, "実績年度") != 1 || !strings.HasSuffix(header, ",進捗,n,95%信頼区間,自己評価（案）") {
		t.Errorf("header of the export over an earlier export: %s", header)
	}
	plain := f.mustExport(t, "from-plain.csv", export.Options{Format: export.FormatCSV})
	if !bytes.Equal(mustRead(t, path), mustRead(t, plain)) {
		t.Errorf("the export over an earlier export differs from the export over the plan's own file:\n%s", text)
	}
}

func TestCSVShiftJISUnencodable(t *testing.T) {
	orig := string(mustRead(t, filepath.Join(small, model.IndicatorsFile)))
	cases := []struct {
		name, old, new string
		line           int
		column         string
		char           rune
	}{
		{"emoji in an unknown column", "R9,「住みにくい」の割合を25%以下にする,", "R9,「住みにくい」の割合を25%以下にする,広報🙂", 4, "担当課", '🙂'},
		{"JIS X 0213 kanji in the title", ",住みやすいと感じる子育て世帯の割合,", ",住みやすいと感じる𠮷野家世帯の割合,", 3, "title", '𠮷'},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(orig, c.old) {
				t.Fatalf("fixture changed: %q not found", c.old)
			}
			f := refresh(t, copyData(t, map[string]string{model.IndicatorsFile: strings.Replace(orig, c.old, c.new, 1)}))
			path, err := f.export(t, "plan.csv", export.Options{Format: export.FormatCSV, Encoding: export.EncodingShiftJIS})
			var ee *export.EncodingError
			if !errors.As(err, &ee) {
				t.Fatalf("Export = %v; want an EncodingError", err)
			}
			if ee.Line != c.line || ee.Column != c.column || ee.Char != c.char {
				t.Errorf("EncodingError = line %d column %q char %q; want %d %q %q", ee.Line, ee.Column, ee.Char, c.line, c.column, c.char)
			}
			msg := err.Error()
			if !strings.Contains(msg, ":"+strconv.Itoa(c.line)+":") || !strings.Contains(msg, string(c.char)) {
				t.Errorf("message does not name the row and the character: %s", msg)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Error("a failed export left an output file")
			}
			if l := leftovers(t, f.out); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
			// UTF-8 holds every character.
			f.mustExport(t, "plan-utf8.csv", export.Options{Format: export.FormatCSV})
		})
	}
}

// TestCSVShiftJISLookalikes checks that the characters CP932 draws with a
// different code point (〜 WAVE DASH, − MINUS SIGN) are written as their
// CP932 forms rather than failing or becoming "?".
func TestCSVShiftJISLookalikes(t *testing.T) {
	orig := string(mustRead(t, filepath.Join(small, model.IndicatorsFile)))
	edited := strings.Replace(orig, ",総務課", ",総務課〜広報担当 −2", 1)
	f := refresh(t, copyData(t, map[string]string{model.IndicatorsFile: edited}))
	path := f.mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV, Encoding: export.EncodingShiftJIS})
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(mustRead(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(text, []byte(",総務課～広報担当 －2,")) {
		t.Errorf("lookalikes not mapped:\n%s", text)
	}
	if bytes.Contains(text, []byte("?")) {
		t.Errorf("a character became ?:\n%s", text)
	}
}

func TestCSVStaleDatabase(t *testing.T) {
	f := refresh(t, copyData(t, nil))
	path := filepath.Join(f.data, model.IndicatorsFile)
	orig := string(mustRead(t, path))
	edited := strings.Replace(orig, "kosodate=1,50,", "kosodate=1,55,", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{export.FormatCSV, export.FormatXLSX, export.FormatParquet} {
		path, err := f.export(t, "plan."+format, export.Options{Format: format})
		var stale *export.StaleError
		if !errors.Is(err, export.ErrStale) || !errors.As(err, &stale) || stale.Line != 3 || !strings.Contains(err.Error(), ":3:") {
			t.Errorf("%s export after editing a target = %v; want ErrStale at line 3", format, err)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s export refused, yet %s is there (%v)", format, path, err)
		}
	}
	// Without --data, xlsx and parquet export the database as it is.
	for _, format := range []string{export.FormatXLSX, export.FormatParquet} {
		opts := export.Options{Format: format, DB: f.db, Output: filepath.Join(f.out, "db-only."+format)}
		if err := export.Export(context.Background(), opts); err != nil {
			t.Errorf("%s export without --data: %v", format, err)
		}
	}
}

// TestSeriesColumn: the optional series column of indicators.csv is read,
// stored with the indicator in the database, and kept by the CSV export,
// which writes indicators.csv back with every column it has.
func TestSeriesColumn(t *testing.T) {
	text := string(mustRead(t, filepath.Join(small, "indicators.csv")))
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	lines[0] += ",series"
	var series []string
	for i := 1; i < len(lines); i++ {
		series = append(series, fmt.Sprintf("s%d", i))
		lines[i] += "," + series[i-1]
	}
	f := refresh(t, copyData(t, map[string]string{"indicators.csv": strings.Join(lines, "\n") + "\n"}))
	db, err := sql.Open("duckdb", f.db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	err = db.QueryRow("SELECT string_agg(series, ' ' ORDER BY indicator_id) FROM indicators").Scan(&stored)
	db.Close()
	if want := strings.Join(series, " "); err != nil || stored != want {
		t.Errorf("stored series %q (%v); want %q", stored, err, want)
	}
	header, rows := readCSV(t, mustRead(t, f.mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV})))
	col := slices.Index(header, "series")
	if col < 0 {
		t.Fatalf("the export dropped the series column: %v", header)
	}
	for i, rec := range rows {
		if rec[col] != series[i] {
			t.Errorf("exported row %d series %q", i+1, rec[col])
		}
	}
}

// TestCSVFromIndicatorsWorkbook: with indicators.xlsx in place of
// indicators.csv, the plan table is exported as from the CSV file, every
// column verbatim.
func TestCSVFromIndicatorsWorkbook(t *testing.T) {
	want := mustRead(t, refreshSmall(t).mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV}))
	data := copyData(t, nil)
	b, err := inputtest.CSVWorkbook(filepath.Join(data, model.IndicatorsFile), "指標")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "indicators.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(data, model.IndicatorsFile)); err != nil {
		t.Fatal(err)
	}
	got := mustRead(t, refresh(t, data).mustExport(t, "plan.csv", export.Options{Format: export.FormatCSV}))
	if !bytes.Equal(got, want) {
		t.Errorf("exported from indicators.xlsx:\n%s\nwant\n%s", got, want)
	}
}
