// Package workbook reads a sheet of an Excel workbook (.xlsx) as rows of
// text, as staff see them in Excel, with Excel's row numbers.
//
// A cell reads as: text as it is (shared, inline or rich text, without the
// furigana Japanese Excel keeps); a number rounded to Excel's 15
// significant digits, whatever its number format (package xlsxtext); a
// boolean as TRUE or FALSE; a formula as the value Excel saved with it.
// An error value (#DIV/0!), a date or time, a formula without a saved
// value and a damaged value are problems (CellError), reported by cell and
// never quoting it, so that response files are never quoted.
//
// A merged range holds its value in its top-left cell only, as Excel
// stores it: its other cells read as empty. Hidden rows, columns and
// sheets read as any other.
//
// The sheet is streamed from the file with encoding/xml, not read through
// excelize (v2.10.0): its Rows iterator gives each cell's text but neither
// its type nor its style (qax-os/excelize#1439), so an error value, a date
// and a formula without a saved result cannot be told from text, and the
// calls that do tell (GetCellType, GetCellStyle) load the whole sheet as
// structs of about 700 bytes a cell. Measured on sheets of 100 columns of
// codes: 3,000 rows take 180 MB of heap at the peak through excelize and
// 4 MB here; 30,000 rows 2.1 GB and 6 MB; 100,000 rows (MaxRows) 7.3 GB and
// 30 s, and 6 MB and 9 s (BenchmarkExcelizeTypedRead and
// BenchmarkReadSheet compare the two). excelize checks cell references
// against Excel's limits; the tests build their workbooks with excelize.
//
// Package parts reads what comes before the sheet: the zip, the list of
// sheets, the shared strings and the styles.
package workbook

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/workbook/parts"
	"github.com/shihyo/shihyo/pipeline/input/workbook/xlsxtext"

	"github.com/xuri/excelize/v2"
)

// Bounds of a sheet: a ward mails a few thousand questionnaires at most,
// and a questionnaire has a few hundred questions at most (each option of
// a 複数回答 question a column of its own). A sheet with a value beyond
// them is no survey file, and is refused before it occupies a refresh.
const (
	MaxRows    = 100_000
	MaxColumns = 4_000
)

// checkEvery is how often, in rows, a Sheet checks its context.
const checkEvery = 256

// Row is a row of a sheet.
type Row struct {
	Num int // as Excel numbers rows: 1 is the first
	// Cells is the text of each cell from column A to the last with a
	// value: "" for an empty cell and for a cell with a problem. A row
	// without any value has none.
	Cells    []string
	Problems []*CellError // in column order
}

// Empty reports whether the row has neither a value nor a problem: a
// caller skips it as it skips a blank line of a CSV file.
func (r Row) Empty() bool { return len(r.Cells) == 0 && len(r.Problems) == 0 }

// Sheet is a worksheet being read. It holds the workbook's shared strings
// and the row being read, never the whole sheet. It is not safe for
// concurrent use.
type Sheet struct {
	ctx     context.Context
	name    string
	file    io.Closer // the file Open opened; nil for New
	part    io.ReadCloser
	dec     *xml.Decoder
	strings []string
	formats []xlsxtext.Format // by cell style

	lastRow  int // number of the last row element read
	next     int // number of the next row to report
	ahead    Row // a row with a value, read past the empty rows before it
	hasAhead bool
	calls    int
	cells    []string // reused from row to row
	err      error    // once set, returned by every Next
}

// Open opens the worksheet sheet of the workbook file path: "" is the first
// worksheet staff see (the first one not hidden). The file is opened as
// every input file is (package datafile: a regular file of at most
// datafile.MaxSize bytes; a refusal is a *datafile.FileError), and read
// through ctx. A sheet the workbook does not have is a *MissingSheetError;
// a file that is no workbook or is damaged, a *FileError. ctx bounds the
// life of the Sheet: once it is done, Next fails. The caller must Close the
// Sheet.
func Open(ctx context.Context, path, sheet string) (*Sheet, error) {
	f, err := datafile.Open(ctx, filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return nil, err
	}
	s, err := New(ctx, f, f.Size(), sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	s.file = f
	return s, nil
}

// New is Open for a workbook of size bytes read from r, which stays the
// caller's: Close leaves it open, and it must stay open until then.
func New(ctx context.Context, r io.ReaderAt, size int64, sheet string) (*Sheet, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, err := parts.New(r, size)
	if err != nil {
		return nil, err
	}
	b, err := p.Book()
	if err != nil {
		return nil, err
	}
	ref, err := pick(b.Sheets, sheet)
	if err != nil {
		return nil, err
	}
	s := &Sheet{ctx: ctx, name: ref.Name, next: 1}
	if s.formats, err = p.Styles(b.Styles); err != nil {
		return nil, err
	}
	if s.strings, err = p.SharedStrings(ctx, b.SharedStrings); err != nil {
		return nil, err
	}
	if s.part, err = p.Open(ref.Part); err != nil {
		return nil, err
	}
	if s.part == nil {
		return nil, parts.Corrupt(0, fmt.Errorf("no part %s for sheet %q", ref.Part, ref.Name))
	}
	s.dec = xml.NewDecoder(s.part)
	return s, nil
}

// pick chooses the worksheet name ("" the first not hidden, or the first).
// A name matches as Excel matches sheet names: case aside.
func pick(sheets []parts.SheetRef, name string) (parts.SheetRef, error) {
	if name == "" && len(sheets) > 0 {
		for _, s := range sheets {
			if !s.Hidden {
				return s, nil
			}
		}
		return sheets[0], nil
	}
	for _, s := range sheets {
		if s.Name == name {
			return s, nil
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s.Name, name) {
			return s, nil
		}
	}
	return parts.SheetRef{}, &MissingSheetError{Name: name, Sheets: names(sheets)}
}

func names(sheets []parts.SheetRef) []string {
	ns := make([]string, len(sheets))
	for i, s := range sheets {
		ns[i] = s.Name
	}
	return ns
}

// Sheets returns the names of the worksheets of the workbook file path, in
// the order of their tabs, hidden ones included. Errors are Open's.
func Sheets(ctx context.Context, path string) ([]string, error) {
	f, err := datafile.Open(ctx, filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := parts.New(f, f.Size())
	if err != nil {
		return nil, err
	}
	b, err := p.Book()
	if err != nil {
		return nil, err
	}
	return names(b.Sheets), nil
}

// Name is the sheet's name, as the workbook spells it.
func (s *Sheet) Name() string { return s.name }

// Close releases the sheet, and closes the file Open opened.
func (s *Sheet) Close() error {
	if s.part == nil {
		return nil
	}
	err := s.part.Close()
	s.part = nil
	s.err = fmt.Errorf("read sheet %q: closed", s.name)
	if s.file != nil {
		if cerr := s.file.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Next returns the next row: every row from row 1 to the last row with a
// value, in order, rows without a value as empty rows. Rows after the last
// value are not reported (formatting often reaches far below the data).
// The row's Cells are valid until the next call. At the end Next returns
// io.EOF; ctx's error (checked every few hundred rows), a value beyond
// MaxRows or MaxColumns (*FileError, ErrTooLarge) or a damaged sheet
// (*FileError, ErrCorrupt) end it too. Every call after the end returns
// the same error.
func (s *Sheet) Next() (Row, error) {
	if s.err != nil {
		return Row{}, s.err
	}
	if s.calls++; s.calls%checkEvery == 1 {
		if err := s.ctx.Err(); err != nil {
			s.err = err
			return Row{}, err
		}
	}
	if !s.hasAhead {
		r, err := s.readValued()
		if err != nil {
			s.err = err
			return Row{}, err
		}
		s.ahead, s.hasAhead = r, true
	}
	if s.next < s.ahead.Num {
		s.next++
		return Row{Num: s.next - 1}, nil
	}
	s.hasAhead = false
	s.next = s.ahead.Num + 1
	return s.ahead, nil
}

// readValued reads rows up to the next one with a value or a problem.
func (s *Sheet) readValued() (Row, error) {
	for n := 1; ; n++ {
		if n%checkEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return Row{}, err
			}
		}
		start, err := s.nextRow()
		if err != nil {
			return Row{}, err
		}
		r, err := s.readRow(start)
		if err != nil {
			return Row{}, err
		}
		if !r.Empty() {
			return r, nil
		}
	}
}

// nextRow returns the start of the next row element, or io.EOF at the end
// of the sheet's data. Elements around it (columns, views, merged ranges)
// are skipped.
func (s *Sheet) nextRow() (xml.StartElement, error) {
	for {
		tok, err := s.dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, io.EOF
		}
		if err != nil {
			return xml.StartElement{}, parts.Corrupt(s.lastRow+1, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "row":
				return el, nil
			case "worksheet", "sheetData": // descend
			default:
				if err := s.dec.Skip(); err != nil {
					return xml.StartElement{}, parts.Corrupt(s.lastRow+1, err)
				}
			}
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				return xml.StartElement{}, io.EOF
			}
		}
	}
}

// readRow reads the row whose start element was just read.
func (s *Sheet) readRow(start xml.StartElement) (Row, error) {
	num := s.lastRow + 1
	if v := parts.Attr(start, "r"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= s.lastRow || n > excelize.TotalRows {
			return Row{}, parts.Corrupt(num, fmt.Errorf("row number %q after row %d", v, s.lastRow))
		}
		num = n
	}
	s.lastRow = num
	r := Row{Num: num, Cells: s.cells[:0]}
	col := 0
	for {
		tok, err := s.dec.Token()
		if err != nil {
			return Row{}, parts.Corrupt(num, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if err := s.readCell(el, &r, &col); err != nil {
				return Row{}, err
			}
		case xml.EndElement:
			s.cells = r.Cells
			return r, nil
		}
	}
}

// readCell reads the element start of row r, which follows column *col,
// and adds its text or problem to r.
func (s *Sheet) readCell(start xml.StartElement, r *Row, col *int) error {
	if start.Name.Local != "c" {
		if err := s.dec.Skip(); err != nil {
			return parts.Corrupt(r.Num, err)
		}
		return nil
	}
	c, err := s.cellAt(start)
	if err != nil {
		return parts.Corrupt(r.Num, err)
	}
	if *col, err = column(parts.Attr(start, "r"), r.Num, *col); err != nil {
		return parts.Corrupt(r.Num, err)
	}
	text, kind := s.text(c, parts.AttrInt(start, "s"))
	if text == "" && kind == 0 {
		return nil
	}
	if err := bounds(r.Num, *col); err != nil {
		return err
	}
	if kind != 0 {
		name, _ := excelize.ColumnNumberToName(*col)
		value := ""
		if kind == KindFormulaError {
			value = text
		}
		r.Problems = append(r.Problems, &CellError{Row: r.Num, Col: name, Kind: kind, Value: value})
		return nil
	}
	for len(r.Cells) < *col-1 {
		r.Cells = append(r.Cells, "")
	}
	r.Cells = append(r.Cells, text)
	return nil
}

// column returns the column of the cell reference ref in row num, after
// column prev: the next one when ref is "". Cells must come in order.
func column(ref string, num, prev int) (int, error) {
	if ref == "" {
		if prev >= excelize.MaxColumns {
			return 0, fmt.Errorf("cell after column %d", prev)
		}
		return prev + 1, nil
	}
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return 0, err
	}
	if row != num || col <= prev {
		return 0, fmt.Errorf("cell %s out of place in row %d after column %d", ref, num, prev)
	}
	return col, nil
}

// bounds refuses a value in row num, column col beyond MaxRows or
// MaxColumns.
func bounds(num, col int) error {
	switch {
	case num > MaxRows:
		return &FileError{Row: num, Err: ErrTooLarge, Msg: fmt.Sprintf("%s (読めるのは %d 行目までです)", parts.MsgTooLarge, MaxRows)}
	case col > MaxColumns:
		name, _ := excelize.ColumnNumberToName(MaxColumns)
		return &FileError{Row: num, Err: ErrTooLarge, Msg: fmt.Sprintf("%s (読めるのは %d 列目、%s 列までです)", parts.MsgTooLarge, MaxColumns, name)}
	}
	return nil
}

// cellAt reads the content of the cell element start.
func (s *Sheet) cellAt(start xml.StartElement) (xlsxtext.Cell, error) {
	c := xlsxtext.Cell{Type: parts.Attr(start, "t")}
	for {
		tok, err := s.dec.Token()
		if err != nil {
			return c, err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "v":
				c.Value, err = parts.CharData(s.dec)
				c.HasValue = true
			case "is":
				c.Value, err = parts.RichText(s.dec)
				c.HasValue = true
			case "f":
				c.Formula = true
				err = s.dec.Skip()
			default:
				err = s.dec.Skip()
			}
			if err != nil {
				return c, err
			}
		case xml.EndElement:
			return c, nil
		}
	}
}

// text is xlsxtext.Text for c of cell style style, its shared string looked up.
func (s *Sheet) text(c xlsxtext.Cell, style int) (string, Kind) {
	if c.Type == "s" && c.HasValue {
		i, err := strconv.Atoi(strings.TrimSpace(c.Value))
		if err != nil || i < 0 || i >= len(s.strings) {
			return "", KindBadValue
		}
		c.Value = s.strings[i]
	}
	var f xlsxtext.Format // General, for a style the workbook does not define
	if style >= 0 && style < len(s.formats) {
		f = s.formats[style]
	}
	return xlsxtext.Text(c, f)
}
