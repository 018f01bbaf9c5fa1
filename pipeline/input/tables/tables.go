// Package tables reads a table of the data folder, whatever it was saved
// as: a CSV file (or Excel's tab-separated 「Unicode テキスト」, package
// csvfile) or a sheet of an .xlsx workbook (package workbook), each row
// numbered as Excel shows it. A file is read as a workbook when its name
// ends in .xlsx (any case), and as text otherwise; one that holds the
// other is refused with a message that says what it is.
//
// A sheet reads as a CSV file does: its first row with a value is the
// header, rows without a value are skipped, and a cell reads as staff see
// it (workbook.Row). A cell that cannot be read (a date, a formula error)
// is a problem at its row and column when the column is one the caller
// reads; cells of other columns are never looked at, as a CSV file's are
// not. Problems name the file with its sheet: responses/w.xlsx[回答]:5.
package tables

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/workbook"

	"github.com/xuri/excelize/v2"
)

// Spec says how to read a table.
type Spec struct {
	Sheet    string // a workbook's sheet: "" for the first one staff see
	Encoding string // a text file's, as surveys.csv declares it: csvfile.EncodingAuto, …
	Required []string
	// Used are the other columns the caller reads: a cell of a workbook
	// that cannot be read is a problem only in a required or used column.
	Used []string
}

// IsWorkbook reports whether the file name is read as a workbook: an
// .xlsx, or an .xlsm (a workbook with macros, as some vendors deliver
// their data: the same package, whose macros are never run or read).
func IsWorkbook(name string) bool {
	ext := filepath.Ext(name)
	return strings.EqualFold(ext, ".xlsx") || strings.EqualFold(ext, ".xlsm")
}

// Read reads the table name (relative to the data folder dir) whole, as
// csvfile.Read does. A sheet the workbook does not have is returned as
// the *workbook.MissingSheetError, for the caller to report where the sheet
// was named; every other defect is a problem.
func Read(ctx context.Context, dir, name string, sp Spec) (*csvfile.Table, error) {
	t, err := Stream(ctx, dir, name, sp, keepRows{})
	return t, csvfile.FileProblem(filepath.Join(dir, name), err)
}

// Stream reads the table name of the folder dir and hands its rows to s,
// as csvfile.ReadFrom does. Errors are Read's, but that a file datafile
// refuses (missing, a FIFO, …) is returned as its *datafile.FileError,
// for the caller to report where the file was named. A row of a workbook
// with a problem in a column read is not handed to s; the other rows are.
func Stream(ctx context.Context, dir, name string, sp Spec, s csvfile.Sink) (*csvfile.Table, error) {
	path := filepath.Join(dir, name)
	f, err := datafile.Open(ctx, dir, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if !IsWorkbook(name) {
		return csvfile.ReadFrom(ctx, path, f, encoding(sp), sp.Required, s)
	}
	sh, err := workbook.New(ctx, f, f.Size(), sp.Sheet)
	if err != nil {
		return nil, bookProblem(path, err)
	}
	defer sh.Close()
	return readSheet(sh, path, f.Size(), sp, s)
}

func encoding(sp Spec) string {
	if sp.Encoding == "" {
		return csvfile.EncodingAuto
	}
	return sp.Encoding
}

// bookProblem turns the refusal of a workbook into a problem at the file;
// a sheet not found by its name and other errors are returned as they are.
func bookProblem(path string, err error) error {
	var fe *workbook.FileError
	var me *workbook.MissingSheetError
	switch {
	case errors.As(err, &fe):
		return &csvfile.InputError{File: path, Line: max(fe.Row, 1), Msg: fe.Message()}
	case errors.As(err, &me) && me.Name == "":
		return &csvfile.InputError{File: path, Line: 1, Msg: me.Message()}
	}
	return err
}

// Definition returns the file that holds the definition file name (a .csv
// name of package model) in the folder dir: name itself, or the workbook
// of the same name (model.WorkbookName) when only that is there; name when
// neither is, for the reader to report it missing. Both there is a
// problem at name: which of the two to read would be a guess.
func Definition(dir, name string) (string, error) {
	book := model.WorkbookName(name)
	// Lstat: a link that leads nowhere is there, and is reported as such.
	_, errCSV := os.Lstat(filepath.Join(dir, name))
	_, errBook := os.Lstat(filepath.Join(dir, book))
	old := strings.TrimSuffix(name, filepath.Ext(name)) + ".xls" // an old-format workbook saved in its place
	_, errOld := os.Lstat(filepath.Join(dir, old))
	switch {
	case errBook != nil && errCSV != nil && errOld == nil:
		return "", &csvfile.InputError{File: filepath.Join(dir, old), Line: 1,
			Msg: fmt.Sprintf("%s がありません。%s は古い形式の Excel のブック (.xls) で、読めません。"+
				"Excel で開き、「Excel ブック (*.xlsx)」で保存して %s にするか、「CSV UTF-8 (コンマ区切り)」で保存して %s にしてください",
				name, old, book, name)}
	case errBook != nil:
		return name, nil
	case errCSV == nil:
		return "", &csvfile.InputError{File: filepath.Join(dir, name), Line: 1,
			Msg: fmt.Sprintf("%s と %s の両方があります。どちらを読むか決められないので、どちらか一方だけにしてください", name, book)}
	}
	return book, nil
}

// ReadDefinition reads the definition file name of the folder dir (a .csv
// name of package model), or the workbook that stands for it
// (Definition), with Read. It also returns the workbook read, as problems
// name it relative to dir (choices.xlsx[Sheet1]), or "" for the CSV file.
// With optional, neither file being there gives a nil table and no error.
func ReadDefinition(ctx context.Context, dir, name string, optional bool, sp Spec) (*csvfile.Table, string, error) {
	file, err := Definition(dir, name)
	if err != nil {
		return nil, "", err
	}
	// Lstat: a link that leads nowhere is reported, not taken for absent.
	if _, err := os.Lstat(filepath.Join(dir, file)); optional && errors.Is(err, os.ErrNotExist) {
		return nil, "", nil
	}
	t, err := Read(ctx, dir, file, sp)
	shown := ""
	if file != name {
		// Named as its problems name it, so that the checks across files
		// know which definition file gave no rows.
		shown = shownName(dir, file, t, err)
	}
	if err != nil {
		return nil, shown, csvfile.WrapRead(file, err)
	}
	return t, shown, nil
}

// shownName is how messages name the workbook file read for a definition
// file: with its sheet when it was read, else as its problems name it.
func shownName(dir, file string, t *csvfile.Table, err error) string {
	at := filepath.Join(dir, file)
	if t != nil {
		at = t.File
	} else if p, ok := csvfile.AsProblems(err); ok && len(p) > 0 && p[0].File != "" {
		at = p[0].File
	}
	rel, rerr := filepath.Rel(dir, at)
	if rerr != nil {
		return file
	}
	return rel
}

// ReadRaw reads the table name of the folder dir as csvfile.RawTable: every
// field verbatim, columns shihyo does not know included, each row exactly
// as long as the header. Errors are Read's.
func ReadRaw(ctx context.Context, dir, name string, sp Spec) (*csvfile.RawTable, error) {
	t, err := Read(ctx, dir, name, sp)
	if err != nil {
		return nil, csvfile.WrapRead(name, err)
	}
	raw := &csvfile.RawTable{File: t.File, Header: t.Header, Rows: make([][]string, len(t.Rows)), Lines: make([]int, len(t.Rows)),
		Title: t.Title, HeaderLine: t.HeaderLine}
	for i, r := range t.Rows {
		// A sheet's row may stop short of the header, or go on past it
		// with cells of no column.
		row := make([]string, len(t.Header))
		copy(row, r.Fields)
		raw.Rows[i] = row
		raw.Lines[i] = r.Line
	}
	return raw, nil
}

// keepRows is the sink of Read: it keeps every row in the table.
type keepRows struct{}

func (keepRows) Start(*csvfile.Table) {}

func (keepRows) Row(t *csvfile.Table, r csvfile.Row) {
	r.Fields = append([]string(nil), r.Fields...)
	t.Rows = append(t.Rows, r)
}

// sheetReader reads the rows of one sheet into a table.
type sheetReader struct {
	sp    Spec
	sink  csvfile.Sink
	t     *csvfile.Table
	c     csvfile.Collector
	read  map[int]bool   // the columns read, from 1
	start bool           // the header has every required column
	first []workbook.Row // the rows read before the header is known (csvfile.FindHeader)
}

// readSheet reads the rows of sh (named shown in problems) into a table.
func readSheet(sh *workbook.Sheet, path string, size int64, sp Spec, s csvfile.Sink) (*csvfile.Table, error) {
	shown := fmt.Sprintf("%s[%s]", path, sh.Name())
	r := &sheetReader{sp: sp, sink: s}
	for {
		row, err := sh.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, rowProblem(shown, err)
		}
		if blank(row) {
			continue
		}
		if r.t != nil {
			r.row(row)
			continue
		}
		row.Cells = slices.Clone(row.Cells)
		r.first = append(r.first, row)
		r.find(shown, size, false)
	}
	r.find(shown, size, true)
	if r.t == nil {
		r.c.Add(shown, 1, "", "空のシートです (見出し行がありません)")
		r.t = csvfile.NewTable(shown, nil)
	}
	return r.t, r.c.Err()
}

// rowProblem turns what stopped a sheet at a row into a problem there;
// other errors (a cancelled ctx) are returned as they are.
func rowProblem(shown string, err error) error {
	var fe *workbook.FileError
	if errors.As(err, &fe) {
		return &csvfile.InputError{File: shown, Line: max(fe.Row, 1), Msg: fe.Message()}
	}
	return err
}

// blank reports whether row has neither a problem nor a cell with more
// than spaces: Excel leaves such rows after deleted data.
func blank(row workbook.Row) bool {
	if len(row.Problems) > 0 {
		return false
	}
	for _, c := range row.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// find makes the header out of the rows read before it, once
// csvfile.FindHeader can tell which it is (end: no more rows come), and
// reads the rows after it; the rows with text above it are the title.
func (r *sheetReader) find(shown string, size int64, end bool) {
	if r.t != nil {
		return
	}
	cells := make([][]string, len(r.first))
	for i, row := range r.first {
		cells[i] = row.Cells
	}
	at, ok := csvfile.FindHeader(cells, r.sp.Required, end)
	if !ok {
		return
	}
	r.header(shown, size, r.first[at])
	for _, row := range r.first[:at] {
		r.t.Title = append(r.t.Title, csvfile.Row{Line: row.Num, Fields: row.Cells})
	}
	for _, row := range r.first[at+1:] {
		r.row(row)
	}
	r.first = nil
}

func (r *sheetReader) header(shown string, size int64, row workbook.Row) {
	r.t = csvfile.NewTable(shown, row.Cells)
	r.t.Size, r.t.HeaderLine = size, row.Num
	for _, p := range row.Problems {
		r.c.Add(shown, row.Num, "", "見出しの%s", p.Message())
	}
	r.t.RequireColumns(&r.c, row.Num, r.sp.Required)
	r.read = map[int]bool{}
	for _, name := range append(append([]string(nil), r.sp.Required...), r.sp.Used...) {
		key := csvfile.ColumnKey(name)
		for i, h := range r.t.Header {
			if csvfile.ColumnKey(h) == key {
				r.read[i+1] = true
			}
		}
	}
	if r.start = len(r.c.Problems) == 0; r.start {
		r.sink.Start(r.t)
	}
}

func (r *sheetReader) row(row workbook.Row) {
	bad := false
	for _, p := range row.Problems {
		col, err := excelize.ColumnNameToNumber(p.Col)
		if err != nil || !r.read[col] {
			continue
		}
		r.c.Add(r.t.File, row.Num, r.t.Header[col-1], "%s", p.Message())
		bad = true
	}
	if r.start && !bad {
		r.sink.Row(r.t, csvfile.Row{Line: row.Num, Fields: row.Cells})
	}
}
