package tables

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/workbook"

	"github.com/xuri/excelize/v2"
)

// book writes a workbook of one sheet 回答 into a test folder as name, and
// returns the folder.
func book(t *testing.T, name string, cells map[string]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "回答"); err != nil {
		t.Fatal(err)
	}
	for ref, v := range cells {
		if err := f.SetCellValue("回答", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	if err := f.SaveAs(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSheetReadsAsACSVFile: the first row with a value is the header, rows
// keep Excel's numbers, blank rows are skipped; a date in a column nobody
// reads is no problem, one in a column read is, at FILE[sheet]:ROW, and
// its row is left out while the others are read.
func TestSheetReadsAsACSVFile(t *testing.T) {
	date := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	dir := book(t, "w.XLSX", map[string]any{
		"A3": "No", "B3": "問1", "C3": "回答日",
		"A4": 1, "B4": 2, "C4": date,
		"A6": 2, "B6": date,
		"A7": 3, "B7": "  ",
	})
	tab, err := Read(context.Background(), dir, "w.XLSX", Spec{Required: []string{"No"}, Used: []string{"問1"}})
	p, ok := csvfile.AsProblems(err)
	want := filepath.Join(dir, "w.XLSX") + "[回答]:6: 列「問1」: セル B6 に日付が入っています"
	if !ok || len(p) != 1 || !strings.HasPrefix(p[0].Error(), want) {
		t.Fatalf("got %v; want one problem starting %q", err, want)
	}
	if tab == nil || !slices.Equal(tab.Header, []string{"No", "問1", "回答日"}) || len(tab.Rows) != 2 ||
		tab.Rows[0].Line != 4 || tab.Get(tab.Rows[0], "問1") != "2" || tab.Rows[1].Line != 7 {
		t.Errorf("table = %+v", tab)
	}
}

// TestMacroWorkbookReadsAsAWorkbook: an .xlsm (a workbook with macros, as
// Excel saves it: its own content type) is read as an .xlsx is.
func TestMacroWorkbookReadsAsAWorkbook(t *testing.T) {
	dir := book(t, "w.xlsm", map[string]any{"A1": "No", "B1": "問1", "A2": 1, "B2": 3})
	if types := contentTypes(t, filepath.Join(dir, "w.xlsm")); !strings.Contains(types, "macroEnabled") {
		t.Fatalf("excelize did not save a macro-enabled workbook: %s", types)
	}
	tab, err := Read(context.Background(), dir, "w.xlsm", Spec{Required: []string{"No", "問1"}})
	if err != nil || len(tab.Rows) != 1 || tab.Get(tab.Rows[0], "問1") != "3" || tab.Rows[0].Line != 2 {
		t.Errorf("table = %+v, %v", tab, err)
	}
}

// contentTypes is the [Content_Types].xml of the workbook at path.
func contentTypes(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSheetTitleRows: a vendor's title rows above a sheet's header are its
// title; the rows keep Excel's numbers. A sheet whose first rows name no
// required column reads its first row as the header.
func TestSheetTitleRows(t *testing.T) {
	ctx := context.Background()
	dir := book(t, "w.xlsx", map[string]any{
		"A1": "令和5年度 北区 区民アンケート", "A2": "出力日", "B2": "2023/11/01",
		"A4": "No", "B4": "問1", "A5": 1, "B5": 3, "A6": 2, "B6": 4,
	})
	tab, err := Read(ctx, dir, "w.xlsx", Spec{Required: []string{"No", "問1"}})
	if err != nil {
		t.Fatal(err)
	}
	if tab.HeaderLine != 4 || len(tab.Rows) != 2 || tab.Rows[0].Line != 5 || tab.Get(tab.Rows[1], "問1") != "4" ||
		len(tab.Title) != 2 || tab.Title[0].Line != 1 || tab.Title[1].Fields[1] != "2023/11/01" {
		t.Errorf("table = %+v", tab)
	}
	raw, err := ReadRaw(ctx, dir, "w.xlsx", Spec{Required: []string{"No", "問1"}})
	if err != nil || raw.HeaderLine != 4 || len(raw.Title) != 2 || !slices.Equal(raw.Lines, []int{5, 6}) {
		t.Errorf("raw table = %+v, %v", raw, err)
	}
	_, err = Read(ctx, dir, "w.xlsx", Spec{Required: []string{"回答者"}})
	wantOne(t, err, filepath.Join(dir, "w.xlsx")+"[回答]:1: 必須の列「回答者」がありません")
}

func TestWorkbookProblems(t *testing.T) {
	ctx := context.Background()
	dir := book(t, "w.xlsx", map[string]any{"A1": "No", "A2": 1})
	_, err := Read(ctx, dir, "w.xlsx", Spec{Sheet: "集計"})
	var me *workbook.MissingSheetError
	if !errors.As(err, &me) || me.Name != "集計" {
		t.Errorf("a sheet not there: %v; want a *workbook.MissingSheetError", err)
	}
	_, err = Read(ctx, dir, "w.xlsx", Spec{Required: []string{"問1"}})
	wantOne(t, err, filepath.Join(dir, "w.xlsx")+"[回答]:1: 必須の列「問1」がありません")
	if err := os.WriteFile(filepath.Join(dir, "empty.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Read(ctx, dir, "empty.xlsx", Spec{})
	wantOne(t, err, filepath.Join(dir, "empty.xlsx")+":1: Excel のブック (.xlsx) として読めません")
	_, err = Stream(ctx, dir, "none.xlsx", Spec{}, keepRows{})
	var fe *datafile.FileError
	if !errors.As(err, &fe) {
		t.Errorf("a missing file: Stream gave %v; want its *datafile.FileError", err)
	}
}

// TestDefinitionBothOrOne: a definition file is its CSV file or its
// workbook; both are refused.
func TestDefinitionBothOrOne(t *testing.T) {
	dir := t.TempDir()
	if got, err := Definition(dir, "choices.csv"); got != "choices.csv" || err != nil {
		t.Errorf("neither: %q, %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "choices.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Definition(dir, "choices.csv"); got != "choices.xlsx" || err != nil {
		t.Errorf("a workbook: %q, %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "choices.csv"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Definition(dir, "choices.csv")
	wantOne(t, err, filepath.Join(dir, "choices.csv")+":1: choices.csv と choices.xlsx の両方があります")
}

// TestDefinitionAsOldWorkbook: a definition file saved as an old-format
// workbook (choices.xls), and no other, is told as such, with how to save
// it; beside the CSV file or the .xlsx, the .xls is not read at all.
func TestDefinitionAsOldWorkbook(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "choices.xls"), []byte("\xd0\xcf\x11\xe0"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Definition(dir, "choices.csv")
	wantOne(t, err, filepath.Join(dir, "choices.xls")+":1: choices.csv がありません。choices.xls は古い形式の Excel のブック (.xls)")
	for _, other := range []string{"choices.csv", "choices.xlsx"} {
		if err := os.WriteFile(filepath.Join(dir, other), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := Definition(dir, "choices.csv"); got != other || err != nil {
			t.Errorf("beside %s: %q, %v; want %s", other, got, err, other)
		}
		os.Remove(filepath.Join(dir, other))
	}
}

func wantOne(t *testing.T, err error, prefix string) {
	t.Helper()
	p, ok := csvfile.AsProblems(err)
	if !ok || len(p) != 1 || !strings.HasPrefix(p[0].Error(), prefix) {
		t.Errorf("got %v; want one problem starting %q", err, prefix)
	}
}
