package export_test

import (
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shihyo/shihyo/pipeline/export"
	"github.com/shihyo/shihyo/pipeline/export/xlsx"
)

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func value(t *testing.T, x *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// number returns the cell's value and fails unless it is stored as a number.
func number(t *testing.T, x *excelize.File, sheet, cell string) (float64, bool) {
	t.Helper()
	v := value(t, x, sheet, cell)
	if v == "" {
		return 0, false
	}
	typ, err := x.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeFormula {
		t.Errorf("%s!%s = %q is stored as text (type %v), not as a number", sheet, cell, v, typ)
	}
	return parse(t, v), true
}

func TestXLSXMatchesActuals(t *testing.T) {
	f := refreshSmall(t)
	x := openXLSX(t, f.mustExport(t, "plan.xlsx", export.Options{Format: export.FormatXLSX}))
	if got := x.GetSheetList(); !slices.Equal(got, []string{"テスト区"}) {
		t.Fatalf("sheets %q; want one per ward", got)
	}
	const s = "テスト区"
	headers := map[string]string{
		"A3": "経営課題", "B3": "番号", "C3": "アウトカム指標", "D3": "目標", "E3": "令和4年度実績", "E4": "実績",
		"F4": "達成状況", "G4": "進捗", "H3": "前年度実績", "I3": "n", "J3": "95%信頼区間", "J4": "下限", "K4": "上限",
		"L3": "自己評価（案）",
	}
	for c, want := range headers {
		if got := value(t, x, s, c); got != want {
			t.Errorf("header %s = %q; want %q", c, got, want)
		}
	}
	rows := []struct {
		row       int
		key, no   string
		issue     string // the merged 経営課題 cell, on its first row
		indicator string
		target    string
	}{
		// the 経営課題's budget line (plan_actions.csv): its own 決算額・予算額, or the sum of its 取組
		{5, "1-1", "①", "経営課題1\n住みやすいまちづくり\n\n令和2年度決算額 46,000千円\n令和3年度予算額 47,000千円\n令和4年度予算額 46,000千円", "区民アンケートで「住みやすい」と回答した区民の割合を令和９年度末までに60％以上にする。", "60%以上\n令和9年度末"},
		{6, "1-2", "②", "", "子育て世帯の割合", "50%以上\n令和9年度末"},
		{8, "2-1", "①", "経営課題2\n安全なまちづくり\n\n取組の合計\n令和4年度予算額 5,237千円", "「住みにくい」の割合を25%以下にする", "25%以下\n令和9年度末"},
		{10, "3-1", "①", "経営課題3\n学校教育の支援", "校長・教頭の割合", "90%以上\n令和5年度末"}, // no source_text: the title
	}
	// Below each 経営課題's indicators, its line of 自己評価 (案).
	lines := map[string]string{
		"B7":  "自己評価（案）：経営課題1（令和4年度）：指標 2 件のうち A（達成）1 件、B（未達成）0 件、実績なし 1 件。",
		"B9":  "自己評価（案）：経営課題2（令和4年度）：指標 1 件のうち A（達成）0 件、B（未達成）1 件（うち 順調 1 件、遅れ 0 件）。",
		"B11": "自己評価（案）：経営課題3：指標 1 件のうち A（達成）0 件、B（未達成）0 件、実績なし 1 件。",
	}
	for cell, want := range lines {
		if got := value(t, x, s, cell); !strings.HasPrefix(got, want) {
			t.Errorf("%s = %q; want the issue's line %q", cell, got, want)
		}
	}
	for _, r := range rows {
		row := strconv.Itoa(r.row)
		if r.issue != "" {
			if got := value(t, x, s, "A"+row); got != r.issue {
				t.Errorf("A%s = %q; want %q", row, got, r.issue)
			}
		}
		for col, want := range map[string]string{"B": r.no, "C": r.indicator, "D": r.target} {
			if got := value(t, x, s, col+row); got != want {
				t.Errorf("%s%s = %q; want %q", col, row, got, want)
			}
		}
		a, measured := f.actual(r.key, 2022)
		pct, ok := number(t, x, s, "E"+row)
		if !measured {
			if ok || value(t, x, s, "F"+row) != "" {
				t.Errorf("%s: not measured in 2022 but has an actual", r.key)
			}
			continue
		}
		if !ok || !near(pct, parse(t, a["percent"])) {
			t.Errorf("%s: 実績 %v; want %s", r.key, pct, a["percent"])
		}
		if got := value(t, x, s, "F"+row); got != a["status"] {
			t.Errorf("%s: 達成状況 %q; want %q", r.key, got, a["status"])
		}
		if got := value(t, x, s, "L"+row); !strings.HasPrefix(got, "令和4年度の実績は "+a["percent"]+"% で") {
			t.Errorf("%s: 自己評価（案） %q", r.key, got)
		}
		checks := []struct{ cell, want string }{
			{"H", a["previous_percent"]}, {"I", a["n_valid"]}, {"J", a["ci_low"]}, {"K", a["ci_high"]},
		}
		for _, c := range checks {
			got, ok := number(t, x, s, c.cell+row)
			if c.want == "" {
				if ok {
					t.Errorf("%s: %s%s = %v; want empty", r.key, c.cell, row, got)
				}
				continue
			}
			if !ok || !near(got, parse(t, c.want)) {
				t.Errorf("%s: %s%s = %v; want %s", r.key, c.cell, row, got, c.want)
			}
		}
	}
	checkXLSXLayout(t, x, s)
}

// checkXLSXLayout checks what makes the sheet readable without editing:
// merged 経営課題 cells, percent format, widths and wrapping.
func checkXLSXLayout(t *testing.T, x *excelize.File, s string) {
	t.Helper()
	merged, err := x.GetMergeCells(s)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A5:A7", "E3:G3", "J3:K3", "B7:L7"} {
		if !slices.Contains(refs, want) {
			t.Errorf("merged cells %q lack %s", refs, want)
		}
	}
	id, err := x.GetCellStyle(s, "E5")
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil || *st.CustomNumFmt != xlsx.PercentFormat {
		t.Errorf("percent cell number format %v; want %s", st.CustomNumFmt, xlsx.PercentFormat)
	}
	id, _ = x.GetCellStyle(s, "C5")
	if st, _ := x.GetStyle(id); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Error("the indicator text does not wrap")
	}
	if w, _ := x.GetColWidth(s, "C"); w < 40 {
		t.Errorf("indicator column width %v; want a readable width", w)
	}
	if h, _ := x.GetRowHeight(s, 5); h < 30 {
		t.Errorf("row 5 height %v; want room for two lines", h)
	}
}

func TestXLSXFiscalYear(t *testing.T) {
	f := refreshSmall(t)
	x := openXLSX(t, f.mustExport(t, "plan.xlsx", export.Options{Format: export.FormatXLSX, FiscalYear: 2020}))
	if got := value(t, x, "テスト区", "E3"); got != "令和2年度実績" {
		t.Errorf("E3 = %q; want the chosen year", got)
	}
	a, _ := f.actual("1-1", 2020)
	if got, _ := number(t, x, "テスト区", "E5"); !near(got, parse(t, a["percent"])) {
		t.Errorf("2020 actual %v; want %s", got, a["percent"])
	}
}

// TestXLSXWithoutPlanActionsTable: a database made before plan_actions.csv
// existed has no plan_actions table; the 様式 is written without budget
// lines rather than refused.
func TestXLSXWithoutPlanActionsTable(t *testing.T) {
	f := refresh(t, copyData(t, nil))
	db, err := sql.Open("duckdb", f.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DROP TABLE plan_actions"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	x := openXLSX(t, f.mustExport(t, "plan.xlsx", export.Options{Format: export.FormatXLSX}))
	if got := value(t, x, "テスト区", "A5"); got != "経営課題1\n住みやすいまちづくり" {
		t.Errorf("A5 = %q; want the 経営課題 without a budget line", got)
	}
}
