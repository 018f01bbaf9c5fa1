package inputtest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// A Workbook is an .xlsx file of a defect case, written from small's CSV
// data by its recipe, so that the binary file in git can be rebuilt and
// checked (pipeline/input's TestWorkbookFixtures).
type Workbook struct {
	Path  string // relative to testdata/bad: <case>/<file>
	Build func() ([]byte, error)
}

// Workbooks are the .xlsx files of the defect cases.
var Workbooks = []Workbook{
	{"accepted_xlsx/responses/w2020.xlsx", func() ([]byte, error) { return responseBook(true, nil) }},
	{"xlsx_missing_sheet/responses/w2020.xlsx", func() ([]byte, error) { return responseBook(false, nil) }},
	{"xlsx_formula_error/responses/w2020.xlsx", func() ([]byte, error) {
		return responseBook(false, map[string]string{"C5": `<c r="C5" t="e"><f>1/0</f><v>#DIV/0!</v></c>`})
	}},
	{"xlsx_date_in_code/responses/w2020.xlsx", func() ([]byte, error) {
		return responseBook(false, map[string]string{"B7": `<c r="B7" s="1"><v>45383</v></c>`}) // 2024-04-01 as a date
	}},
	{"xlsx_formula_not_saved/responses/w2020.xlsx", func() ([]byte, error) {
		return responseBook(false, map[string]string{"C6": `<c r="C6"><f>1+1</f></c>`}) // a formula without its value
	}},
	{"definition_csv_and_xlsx/questions.xlsx", func() ([]byte, error) {
		return CSVWorkbook(filepath.Join(Small(), "questions.csv"), "Sheet1")
	}},
	{"accepted_percent_target/indicators.xlsx", func() ([]byte, error) {
		// target_percent typed 60% and 90%: Excel stores 0.6 and 0.9 in a percent style (style 2).
		return definitionBook("indicators.csv", "指標", map[string]string{
			"K2": `<c r="K2" s="2"><v>0.6</v></c>`, "K5": `<c r="K5" s="2"><v>0.90000000000000002</v></c>`,
		})
	}},
	{"xlsx_definition_date/indicators.xlsx", func() ([]byte, error) {
		// target_year 2027 of row 3 typed where Excel made it a date (2026/3/31).
		return definitionBook("indicators.csv", "指標", map[string]string{"M3": `<c r="M3" s="1"><v>46112</v></c>`})
	}},
}

// docTime stamps every workbook, so that its bytes do not depend on when it
// was written.
var docTime = time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

// responseBook is small's responses/w2020.csv as a vendor's workbook: its
// rows in sheet 回答, numbers as numbers, a blank cell left out; with
// hidden, a hidden sheet メモ in front (the first sheet staff see is
// read). cells replaces cells of 回答 by reference with raw XML, for what
// excelize cannot write: an error value, a number in a date style (style 1).
func responseBook(hidden bool, cells map[string]string) ([]byte, error) {
	f, err := smallBook("responses/w2020.csv", "回答", true)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if hidden {
		if _, err := f.NewSheet("メモ"); err != nil {
			return nil, err
		}
		if err := f.SetCellValue("メモ", "A1", "納品メモ: 回答は「回答」シート"); err != nil {
			return nil, err
		}
		if err := f.MoveSheet("メモ", "回答"); err != nil {
			return nil, err
		}
		f.SetActiveSheet(1)
		if err := f.SetSheetVisible("メモ", false); err != nil {
			return nil, err
		}
	}
	return save(f, cells)
}

// CSVWorkbook is the UTF-8 CSV file path as a workbook of one sheet named
// sheet, every cell as text.
func CSVWorkbook(path, sheet string) ([]byte, error) {
	rows, err := csvRows(path)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr("Sheet1", ref, v); err != nil {
				return nil, err
			}
		}
	}
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return nil, err
		}
	}
	return save(f, nil)
}

// definitionBook is small's definition file name as a workbook of one
// sheet named sheet, every cell as text, with cells replaced as
// responseBook's are.
func definitionBook(name, sheet string, cells map[string]string) ([]byte, error) {
	f, err := smallBook(name, sheet, false)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return save(f, cells)
}

// smallBook is small's file name as a new workbook whose first sheet,
// named sheet, holds its rows (fill), with a date style (style 1) and a
// percent style (style 2) for the cells a recipe replaces. The caller
// closes it.
func smallBook(name, sheet string, numbers bool) (*excelize.File, error) {
	rows, err := smallRows(name)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	for _, numFmt := range []int{14, 9} { // style 1: a date, style 2: 0%
		if _, err := f.NewStyle(&excelize.Style{NumFmt: numFmt}); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := fill(f, sheet, rows, numbers); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func smallRows(name string) ([][]string, error) {
	return csvRows(filepath.Join(Small(), filepath.FromSlash(name)))
}

func csvRows(path string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// fill writes rows into the first sheet, renamed sheet: with numbers,
// whole numbers below the header as numbers; other text as text, blank
// cells left out.
func fill(f *excelize.File, sheet string, rows [][]string, numbers bool) error {
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			if n, nerr := strconv.Atoi(v); nerr == nil && r > 0 && numbers {
				err = f.SetCellInt(sheet, ref, int64(n))
			} else if v != "" {
				err = f.SetCellStr(sheet, ref, v)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// save writes f with fixed document times and the cells of the first
// worksheet replaced as responseBook says.
func save(f *excelize.File, cells map[string]string) ([]byte, error) {
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "shihyo", Created: docTime, Modified: docTime}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	if len(cells) == 0 {
		return buf.Bytes(), nil
	}
	return patchSheet(buf.Bytes(), "xl/worksheets/sheet1.xml", cells)
}

// patchSheet rewrites the zip data with the cells of the sheet part
// replaced by reference. Each cell must exist.
func patchSheet(data []byte, part string, cells map[string]string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		content, err := readPart(zf)
		if err != nil {
			return nil, err
		}
		if zf.Name == part {
			for ref, raw := range cells {
				re := regexp.MustCompile(`<c r="` + ref + `"[^>]*(/>|>.*?</c>)`)
				if !re.Match(content) {
					return nil, fmt.Errorf("no cell %s in %s", ref, part)
				}
				content = re.ReplaceAllLiteral(content, []byte(raw))
			}
		}
		w, err := zw.Create(zf.Name) // no time stamp: the same bytes every time
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(content); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
