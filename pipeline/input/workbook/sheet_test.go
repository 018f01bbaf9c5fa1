package workbook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// surveyBook is a response sheet 回答 as vendors deliver one, and a second
// sheet コード表. Cells excelize cannot write as Excel does are patched.
func surveyBook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "回答"); err != nil {
		t.Fatal(err)
	}
	noise, one := 0.1, 1.0
	noise += 0.2   // 0.30000000000000004
	one += 2.2e-16 // 1.0000000000000002
	set(t, f, "回答", map[string]any{
		"A1": "No", "B1": "問1", "C1": "問2", "D1": "重み", "E1": "複数", "F1": "メモ",
		"A2": 1, "B2": 1500, "C2": noise, "D2": one, "E2": "1;3",
		"A5": 2, "B5": 0, "C5": 0, "D5": time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), "E5": true, "F5": 0,
		"A6": "01", "B6": int64(123456789012345), "C6": 2500, "D6": 0, "E6": "１、３",
		"A8": 3, "G8": "extra",
	})
	if err := f.SetCellRichText("回答", "F2", []excelize.RichTextRun{{Text: "とても"}, {Text: "良い", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("回答", "F6", "A6&B6"); err != nil { // saved without its result
		t.Fatal(err)
	}
	style(t, f, "回答", "B2", "B2", 3, "")         // #,##0
	style(t, f, "回答", "C6", "C6", 0, `#,##0"人"`) // a unit, not a date
	style(t, f, "回答", "A4", "A4", 14, "")        // an empty cell formatted as a date
	if _, err := f.NewSheet("コード表"); err != nil {
		t.Fatal(err)
	}
	set(t, f, "コード表", map[string]any{"A1": "code", "B1": "label", "A2": 1, "B2": "そう思う"})
	return saveBook(t, f, map[string]func(string) string{
		"xl/worksheets/sheet1.xml": setCells(t, map[string]string{
			"B5": `<c r="B5"><f>B2*2</f><v>3000</v></c>`,
			"C5": `<c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c>`,
			"F5": `<c r="F5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>`,
			"D6": `<c r="D6"><f>0.1+0.2</f><v>0.30000000000000004</v></c>`,
		}),
	})
}

func TestReadSheetAsStaffSeeIt(t *testing.T) {
	rows := readAll(t, surveyBook(t), "")
	want := []Row{
		{Num: 1, Cells: []string{"No", "問1", "問2", "重み", "複数", "メモ"}},
		{Num: 2, Cells: []string{"1", "1500", "0.3", "1", "1;3", "とても良い"}},
		{Num: 3},
		{Num: 4},
		{Num: 5, Cells: []string{"2", "3000", "", "", "TRUE", "ab"}, Problems: []*CellError{
			{Row: 5, Col: "C", Kind: KindFormulaError, Value: "#DIV/0!"},
			{Row: 5, Col: "D", Kind: KindDate},
		}},
		{Num: 6, Cells: []string{"01", "123456789012345", "2500", "0.3", "１、３"}, Problems: []*CellError{
			{Row: 6, Col: "F", Kind: KindNoValue},
		}},
		{Num: 7},
		{Num: 8, Cells: []string{"3", "", "", "", "", "", "extra"}},
	}
	checkRows(t, rows, want)
}

func checkRows(t *testing.T, got, want []Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d rows, want %d: %s", len(got), len(want), showRows(got))
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		if g.Num != w.Num || !slices.Equal(g.Cells, w.Cells) || !slices.EqualFunc(g.Problems, w.Problems, func(a, b *CellError) bool { return *a == *b }) {
			t.Errorf("row %d:\n got %s\nwant %s", i, showRows([]Row{g}), showRows([]Row{w}))
		}
	}
}

func showRows(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%d:%q", r.Num, r.Cells)
		for _, p := range r.Problems {
			fmt.Fprintf(&b, " %+v", *p)
		}
		b.WriteString("; ")
	}
	return b.String()
}

func TestCellErrorMessagesNameTheCell(t *testing.T) {
	for _, c := range []struct {
		e    CellError
		want string
	}{
		{CellError{Row: 5, Col: "C", Kind: KindFormulaError, Value: "#DIV/0!"}, "セル C5 が計算式のエラー #DIV/0! になっています"},
		{CellError{Row: 5, Col: "D", Kind: KindDate}, "セル D5 に日付が入っています"},
		{CellError{Row: 6, Col: "F", Kind: KindNoValue}, "セル F6 の計算式の結果がファイルに保存されていません"},
		{CellError{Row: 7, Col: "AB", Kind: KindBadValue}, "セル AB7 の値が壊れていて読めません"},
	} {
		if got := c.e.Message(); !strings.HasPrefix(got, c.want) {
			t.Errorf("%+v: got %q, want it to start %q", c.e, got, c.want)
		}
	}
}

// Strings read as excelize, the maintained reader, reads them.
func TestStringsReadAsExcelizeReadsThem(t *testing.T) {
	path := surveyBook(t)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := readAll(t, path, "回答")
	for _, ref := range []string{"B1", "E2", "F2", "A6", "E6", "G8"} {
		col, row, _ := excelize.CellNameToCoordinates(ref)
		want, err := f.GetCellValue("回答", ref)
		if err != nil {
			t.Fatal(err)
		}
		if got := rows[row-1].Cells[col-1]; got != want {
			t.Errorf("%s: got %q, excelize reads %q", ref, got, want)
		}
	}
}

func TestSheetByName(t *testing.T) {
	path := surveyBook(t)
	checkRows(t, readAll(t, path, "コード表"), []Row{
		{Num: 1, Cells: []string{"code", "label"}},
		{Num: 2, Cells: []string{"1", "そう思う"}},
	})
	f := excelize.NewFile()
	defer f.Close()
	set(t, f, "Sheet1", map[string]any{"A1": "x"})
	s, err := Open(t.Context(), saveBook(t, f, nil), "sheet1") // Excel ignores case in sheet names
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Name() != "Sheet1" {
		t.Errorf("Name() = %q, want Sheet1", s.Name())
	}
}

func TestMissingSheetNamesTheSheets(t *testing.T) {
	_, err := Open(t.Context(), surveyBook(t), "集計")
	var me *MissingSheetError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want a *MissingSheetError", err)
	}
	if me.Name != "集計" || !slices.Equal(me.Sheets, []string{"回答", "コード表"}) {
		t.Errorf("got %+v", me)
	}
	if want := "シート「集計」がありません (このブックのシート: 「回答」「コード表」)"; me.Message() != want {
		t.Errorf("Message() = %q, want %q", me.Message(), want)
	}
}

func TestDefaultIsTheFirstVisibleSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("回答"); err != nil {
		t.Fatal(err)
	}
	set(t, f, "Sheet1", map[string]any{"A1": "hidden"})
	set(t, f, "回答", map[string]any{"A1": "shown"})
	f.SetActiveSheet(1)
	if err := f.SetSheetVisible("Sheet1", false); err != nil {
		t.Fatal(err)
	}
	path := saveBook(t, f, nil)
	checkRows(t, readAll(t, path, ""), []Row{{Num: 1, Cells: []string{"shown"}}})
	checkRows(t, readAll(t, path, "Sheet1"), []Row{{Num: 1, Cells: []string{"hidden"}}})
	names, err := Sheets(t.Context(), path)
	if err != nil || !slices.Equal(names, []string{"Sheet1", "回答"}) {
		t.Errorf("Sheets = %q, %v", names, err)
	}
}

// A number formatted as a date or a time is a problem; one formatted with a
// thousands separator, a unit or decimals is its number; a percentage is
// its number × 100 with its sign, as staff see it.
func TestDatesAreProblemsOtherFormatsAreNot(t *testing.T) {
	cases := []struct {
		id   int
		code string
		date bool
	}{
		{14, "", true}, {22, "", true}, {46, "", true}, {57, "", true}, // built-in, 57 the 和暦 format of Japanese Excel
		{0, "yyyy/mm/dd", true}, {0, `[$-411]ggge"年"m"月"d"日"`, true}, {0, "h:mm", true}, {0, "[h]:mm", true},
		{3, "", false}, {10, "", false}, {11, "", false}, {0, `#,##0"人"`, false}, {0, `0.0"ms"`, false}, {0, `[Red]#,##0;[Blue]-#,##0`, false},
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, c := range cases {
		ref := fmt.Sprintf("A%d", i+1)
		set(t, f, "Sheet1", map[string]any{ref: 45017.25})
		style(t, f, "Sheet1", ref, ref, c.id, c.code)
	}
	rows := readAll(t, saveBook(t, f, nil), "")
	for i, c := range cases {
		r := rows[i]
		if got := len(r.Problems) == 1 && r.Problems[0].Kind == KindDate; got != c.date {
			t.Errorf("format %d %q: date problem %v, want %v (row %s)", c.id, c.code, got, c.date, showRows([]Row{r}))
		}
		want := "45017.25"
		if c.id == 10 { // 0.00%
			want = "4501725%"
		}
		if !c.date && !slices.Equal(r.Cells, []string{want}) {
			t.Errorf("format %d %q: got %q, want %s", c.id, c.code, r.Cells, want)
		}
	}
}

// Japanese Excel keeps the reading (furigana) of typed kanji in the shared
// string; it is no part of the text. Escapes are decoded once.
func TestFuriganaAndEscapes(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set(t, f, "Sheet1", map[string]any{"A1": "山田", "A2": "escaped", "A3": 0, "A4": 0})
	path := saveBook(t, f, map[string]func(string) string{
		"xl/sharedStrings.xml": func(x string) string {
			x = replace(t, "<si><t>山田</t></si>", `<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>`)(x)
			return replace(t, "<t>escaped</t>", "<t>a_x000D_b _x005F_x0041_</t>")(x)
		},
		"xl/worksheets/sheet1.xml": setCells(t, map[string]string{
			"A3": `<c r="A3" t="inlineStr"><is><t>インライン</t></is></c>`,
			"A4": `<c r="A4" t="inlineStr"><is><r><t>リッチ</t></r><r><rPr><b/></rPr><t>テキスト</t></r><rPh sb="0" eb="3"><t>りっち</t></rPh></is></c>`,
		}),
	})
	checkRows(t, readAll(t, path, ""), []Row{
		{Num: 1, Cells: []string{"山田"}},
		{Num: 2, Cells: []string{"a\rb _x0041_"}},
		{Num: 3, Cells: []string{"インライン"}},
		{Num: 4, Cells: []string{"リッチテキスト"}},
	})
}

func TestBounds(t *testing.T) {
	wide := func(n int, v any) []any { return append(make([]any, n-1), v) } // v in column n
	// Formatting far below the data, as Excel writes it, is no value.
	rows := readAll(t, streamBook(t, map[int][]any{
		1:                  append([]any{"a"}, wide(MaxColumns-1, "last")...),
		excelize.TotalRows: {excelize.Cell{StyleID: 1}},
	}), "")
	if len(rows) != 1 || len(rows[0].Cells) != MaxColumns || rows[0].Cells[MaxColumns-1] != "last" {
		t.Errorf("got %d rows, want one row of %d cells", len(rows), MaxColumns)
	}
	for _, c := range []struct{ row, col int }{{3, MaxColumns + 1}, {MaxRows + 1, 2}} {
		err := readUntilError(t, streamBook(t, map[int][]any{1: {"a"}, c.row: wide(c.col, "x")}))
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, ErrTooLarge) || fe.Row != c.row || !strings.Contains(fe.Message(), "シートが大きすぎます") {
			t.Errorf("value at row %d, column %d: got %v, want ErrTooLarge at row %d", c.row, c.col, err, c.row)
		}
	}
}

// streamBook writes rows, each from column A, with excelize's stream
// writer, which writes only the rows it is given (SetCellValue writes
// every row above). Style 1 is a date format.
func streamBook(t *testing.T, rows map[int][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewStyle(&excelize.Style{NumFmt: 14}); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range slices.Sorted(maps.Keys(rows)) {
		if err := sw.SetRow(fmt.Sprintf("A%d", n), rows[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	return saveBook(t, f, nil)
}

// readUntilError reads the first sheet of path to its end, and returns
// what ended it.
func readUntilError(t *testing.T, path string) error {
	t.Helper()
	s, err := Open(t.Context(), path, "")
	if err != nil {
		return err
	}
	defer s.Close()
	for {
		if _, err := s.Next(); err != nil {
			return err
		}
	}
}

func TestCancelStopsWithinAFewHundredRows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i := 1; i <= 4*checkEvery; i++ {
		set(t, f, "Sheet1", map[string]any{fmt.Sprintf("A%d", i): i})
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	s, err := Open(ctx, saveBook(t, f, nil), "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Next(); err != nil {
		t.Fatal(err)
	}
	cancel()
	n := 0
	for ; ; n++ {
		if _, err = s.Next(); err != nil {
			break
		}
	}
	if !errors.Is(err, context.Canceled) || n >= checkEvery {
		t.Errorf("after cancel: %d rows, then %v; want context.Canceled within %d rows", n, err, checkEvery)
	}
	if _, again := s.Next(); !errors.Is(again, context.Canceled) {
		t.Errorf("Next after the end: %v, want the same error", again)
	}
}

func TestNotAWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set(t, f, "Sheet1", map[string]any{"A1": "x"})
	book, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	docx := patchZip(t, book.Bytes(), map[string]func(string) string{
		"_rels/.rels": replace(t, "xl/workbook.xml", "word/document.xml"),
	})
	cases := []struct {
		name string
		data []byte
		msg  string
	}{
		{"csv", []byte("No,問1\r\n1,2\n"), "Excel のブック (.xlsx) ではなく、CSV などのテキストのファイルです"},
		{"utf16", []byte("\xff\xfeN\x00o\x00"), "Excel のブック (.xlsx) ではなく、CSV などのテキストのファイルです"},
		{"binary", []byte("\x00\x01\x02garbage"), "Excel のブック (.xlsx) として読めません"},
		{"empty", nil, "Excel のブック (.xlsx) として読めません"},
		{"xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...), "古い形式の Excel のブック (.xls) か、パスワードで保護されたブック"},
		{"truncated", book.Bytes()[:book.Len()/2], "Excel のブック (.xlsx) として読めません"},
		{"docx", docx, "Excel のブック (.xlsx) ではありません"},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), c.name+".xlsx")
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(t.Context(), path, "")
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, ErrNotWorkbook) || !strings.HasPrefix(fe.Message(), c.msg) {
			t.Errorf("%s: got %v, want ErrNotWorkbook saying %q", c.name, err, c.msg)
		}
	}
}

func TestDamagedSheet(t *testing.T) {
	for name, c := range map[string]struct {
		patch func(string) string
		row   int
	}{
		"rows out of order":   {replace(t, `<row r="3">`, `<row r="1">`), 3},
		"cell of another row": {replace(t, `<c r="A3"`, `<c r="A4"`), 3},
		"cut short":           {func(x string) string { return x[:strings.Index(x, `<row r="3">`)+20] }, 3},
	} {
		f := excelize.NewFile()
		set(t, f, "Sheet1", map[string]any{"A1": 1, "A2": 2, "A3": 3})
		path := saveBook(t, f, map[string]func(string) string{"xl/worksheets/sheet1.xml": c.patch})
		f.Close()
		err := readUntilError(t, path)
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, ErrCorrupt) || fe.Row != c.row {
			t.Errorf("%s: got %v, want ErrCorrupt at row %d", name, err, c.row)
		}
	}
}

func TestEndAndClose(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set(t, f, "Sheet1", map[string]any{"A1": "x"})
	s, err := Open(t.Context(), saveBook(t, f, nil), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := s.Next(); err != io.EOF {
			t.Errorf("Next at the end: %v, want io.EOF", err)
		}
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := s.Next(); err == nil || err == io.EOF {
		t.Errorf("Next after Close: %v, want an error", err)
	}
}

// A merged range holds its value in its top-left cell; the others read as
// empty, as Excel stores them.
func TestMergedRangeHoldsItsValueTopLeft(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set(t, f, "Sheet1", map[string]any{"A1": "地域", "A3": 1})
	if err := f.MergeCell("Sheet1", "A1", "C2"); err != nil {
		t.Fatal(err)
	}
	checkRows(t, readAll(t, saveBook(t, f, nil), ""), []Row{
		{Num: 1, Cells: []string{"地域"}},
		{Num: 2},
		{Num: 3, Cells: []string{"1"}},
	})
}
