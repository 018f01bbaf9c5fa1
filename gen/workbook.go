package gen

import (
	"fmt"
	"io"
	"strconv"

	"github.com/shihyo/shihyo/internal/fsatomic"

	"github.com/xuri/excelize/v2"
)

// workbookTime stamps the document properties of every workbook written,
// which excelize would otherwise leave to its template: the same options
// give the same bytes (TestGenerateIsDeterministic).
const workbookTime = "2024-04-01T00:00:00Z"

// writeWorkbook writes a wave's response file as a vendor's workbook: one
// sheet, w.sheet, with the header and one row per respondent, ids, codes
// and weights as numbers, a blank answer as an empty cell, free text as
// text. The rows are streamed (excelize's StreamWriter); excelize writes
// the zip parts in a fixed order without time stamps.
func writeWorkbook(path string, w *wave, r *responses) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", w.sheet); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	sw, err := f.NewStreamWriter(w.sheet)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	head := responseHeader(w)
	row := make([]any, len(head))
	for i, h := range head {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	for i := range r.ids {
		fillCells(row, w, r, i)
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), row); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "shihyo gen", Created: workbookTime, Modified: workbookTime}); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return fsatomic.Write(path, func(out io.Writer) error {
		_, err := f.WriteTo(out)
		return err
	})
}

// fillCells writes respondent i's cells into row, as fillRecord does for
// a CSV record but with numbers as numbers and nil for a blank.
func fillCells(row []any, w *wave, r *responses, i int) {
	for j, c := range w.columns {
		switch c.role {
		case roleID:
			row[j] = r.ids[i]
		case roleWeight: // to the 4 places of the CSV files
			row[j], _ = strconv.ParseFloat(strconv.FormatFloat(r.weights[i], 'f', 4, 64), 64)
		case roleMulti: // one code is a number, as Excel keeps it; several are text
			row[j] = multiCell(r.texts[j][i])
		default:
			if code := r.codes[j][i]; code != 0 {
				row[j] = int(code)
			} else {
				row[j] = nil
			}
		}
	}
	if r.free != nil {
		row[len(row)-1] = r.free[i]
	}
}

// multiCell is a 複数回答 cell as a workbook holds it: nil for a blank, a
// number for a single code, the text of several.
func multiCell(text string) any {
	if text == "" {
		return nil
	}
	if n, err := strconv.Atoi(text); err == nil {
		return n
	}
	return text
}
