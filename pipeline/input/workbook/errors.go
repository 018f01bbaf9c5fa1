package workbook

import (
	"errors"
	"fmt"
	"strings"

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
	ErrNotWorkbook = errors.New("not an xlsx workbook")
	ErrCorrupt     = errors.New("corrupt workbook")
	ErrTooLarge    = errors.New("sheet too large")
)

// FileError is a workbook that cannot be read, or a sheet that cannot be
// read past a row. Messages about a file never quote its cells.
type FileError struct {
	Row    int   // Excel's number of the row where reading stopped; 0 for the workbook as a whole
	Err    error // ErrNotWorkbook, ErrCorrupt or ErrTooLarge
	Msg    string
	Detail error // what the zip or XML reader said, if anything; for logs, not for staff
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("read workbook: ")
	if e.Row > 0 {
		fmt.Fprintf(&b, "row %d: ", e.Row)
	}
	b.WriteString(e.Err.Error())
	if e.Detail != nil {
		fmt.Fprintf(&b, ": %v", e.Detail)
	}
	return b.String()
}

func (e *FileError) Unwrap() []error {
	if e.Detail == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Detail}
}

// Message is the problem for staff, in Japanese.
func (e *FileError) Message() string { return e.Msg }

const (
	msgNotZip   = "Excel のブック (.xlsx) として読めません。Excel で開けるなら、「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してください"
	msgOLE      = "古い形式の Excel のブック (.xls) か、パスワードで保護されたブックです。Excel で開き、パスワードを外して「Excel ブック (*.xlsx)」で保存し直してください"
	msgText     = "Excel のブック (.xlsx) ではなく、CSV などのテキストのファイルです。ファイル名を .csv にしてください"
	msgNoBook   = "Excel のブック (.xlsx) ではありません (Word や PowerPoint のファイル、または .xlsx 以外の ZIP ファイルです)"
	msgCorrupt  = "ブックの中身が壊れていて読めません。Excel で開いて保存し直してください"
	msgTooLarge = "シートが大きすぎます"
)

func corrupt(row int, detail error) *FileError {
	return &FileError{Row: row, Err: ErrCorrupt, Msg: msgCorrupt, Detail: detail}
}

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
