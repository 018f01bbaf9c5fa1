package parts

import (
	"errors"
	"fmt"
	"strings"
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
	msgNotZip  = "Excel のブック (.xlsx) として読めません。Excel で開けるなら、「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してください"
	msgOLE     = "古い形式の Excel のブック (.xls) か、パスワードで保護されたブックです。Excel で開き、パスワードを外して「Excel ブック (*.xlsx)」で保存し直してください"
	msgText    = "Excel のブック (.xlsx) ではなく、CSV などのテキストのファイルです。ファイル名を .csv にしてください"
	msgNoBook  = "Excel のブック (.xlsx) ではありません (Word や PowerPoint のファイル、または .xlsx 以外の ZIP ファイルです)"
	msgCorrupt = "ブックの中身が壊れていて読めません。Excel で開いて保存し直してください"
)

// MsgTooLarge begins every message of ErrTooLarge; what follows it, in
// parentheses, names the bound passed (package workbook adds the sheet's).
const MsgTooLarge = "シートが大きすぎます"

// Corrupt is the FileError of a damaged workbook, where reading stopped at
// row (0 for the workbook as a whole); detail is what the zip or XML reader
// said.
func Corrupt(row int, detail error) *FileError {
	return &FileError{Row: row, Err: ErrCorrupt, Msg: msgCorrupt, Detail: detail}
}
