package workbook

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/workbook/parts"
	"github.com/shihyo/shihyo/pipeline/input/workbook/xlsxtext"
)

// A Kind is why a cell cannot be read as text (package xlsxtext).
type Kind = xlsxtext.Kind

// The kinds of CellError.
const (
	KindFormulaError = xlsxtext.KindFormulaError
	KindDate         = xlsxtext.KindDate
	KindNoValue      = xlsxtext.KindNoValue
	KindBadValue     = xlsxtext.KindBadValue
)

// Why a workbook or a sheet is not read. A *FileError wraps one of them.
var (
	ErrNotWorkbook = parts.ErrNotWorkbook
	ErrCorrupt     = parts.ErrCorrupt
	ErrTooLarge    = parts.ErrTooLarge
)

// FileError is a workbook that cannot be read, or a sheet that cannot be
// read past a row (package parts, which reads the parts before the sheet).
type FileError = parts.FileError

// MissingSheetError is a sheet the workbook does not have. Sheets are the
// names of the worksheets it has, in the order of their tabs.
type MissingSheetError struct {
	Name   string
	Sheets []string
}

func (e *MissingSheetError) Error() string {
	if e.Name == "" {
		return "workbook has no worksheet"
	}
	return fmt.Sprintf("sheet %q not found (sheets: %s)", e.Name, strings.Join(e.Sheets, ", "))
}

// Message is the problem for staff, in Japanese.
func (e *MissingSheetError) Message() string {
	if len(e.Sheets) == 0 {
		return "このブックにはワークシートがありません"
	}
	return fmt.Sprintf("シート「%s」がありません (このブックのシート: 「%s」)", e.Name, strings.Join(e.Sheets, "」「"))
}

// CellError is a cell that cannot be read as text, at its row and column
// as Excel shows them. It never quotes the cell; Value is an error value
// Excel writes (#DIV/0!), for KindFormulaError, or "".
type CellError struct {
	Row   int
	Col   string // column letters: "C"
	Kind  Kind
	Value string
}

func (e *CellError) Error() string {
	return fmt.Sprintf("cell %s%d: %s", e.Col, e.Row, e.Kind)
}

// Message is the problem for staff, in Japanese, naming the cell.
func (e *CellError) Message() string {
	ref := fmt.Sprintf("セル %s%d", e.Col, e.Row)
	switch e.Kind {
	case KindFormulaError:
		if e.Value != "" {
			return ref + " が計算式のエラー " + e.Value + " になっています。Excel で式か、式が参照するセルを直してください"
		}
		return ref + " が計算式のエラーになっています。Excel で式か、式が参照するセルを直してください"
	case KindDate:
		return ref + " に日付が入っています (セルの表示形式が日付か時刻です)。数値か文字として入力し直してください (Excel は 1/3 や 1-3 と入力すると日付に変えます)"
	case KindNoValue:
		return ref + " の計算式の結果がファイルに保存されていません。Excel で開いて保存し直してください"
	}
	return ref + " の値が壊れていて読めません。Excel で開いて保存し直してください"
}
