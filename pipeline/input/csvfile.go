package input

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// row is one record of a CSV file with the row Excel shows it on: the
// header is row 1, and each record is one row however many line breaks its
// cells hold; a blank line is a row too.
type row struct {
	line   int
	fields []string
	end    int64 // offset in the decoded text just after the record
}

// table is the header of a CSV file and, when read by readTable, its
// non-empty rows.
type table struct {
	file     string // as shown in messages
	encoding string // the encoding it was read in: EncodingUTF8 or EncodingShiftJIS
	size     int64  // of the file in bytes
	header   []string
	index    map[string]int
	rows     []row
}

// get returns the field of r in column name, trimmed; "" when the table has
// no such column.
func (t *table) get(r row, name string) string {
	i, ok := t.index[name]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

func (t *table) has(name string) bool {
	_, ok := t.index[name]
	return ok
}

// A sink takes the rows of a file as they are read, so that a large
// response file is never held whole.
type sink interface {
	// start is called once the header is read and has every required
	// column; again, with a new table, when the file is read a second
	// time in another encoding.
	start(t *table)
	// row is called for each non-empty row as long as no problem was
	// found; r.fields is reused for the next row.
	row(t *table, r row)
}

// keepRows is the sink of readTable: it keeps every row in the table.
type keepRows struct{}

func (keepRows) start(*table) {}

func (keepRows) row(t *table, r row) {
	r.fields = slices.Clone(r.fields)
	t.rows = append(t.rows, r)
}

// readTable reads the CSV file name of the data folder dir whole. Rows whose
// fields are all empty (Excel leaves such rows after deleted data) and
// trailing empty lines are skipped. A ragged row is a problem; so is a
// missing required column.
func readTable(ctx context.Context, dir, name, encoding string, required []string) (*table, error) {
	file := filepath.Join(dir, name)
	f, err := OpenFile(ctx, dir, name)
	if err != nil {
		return nil, fileProblem(file, err)
	}
	defer f.Close()
	return readFrom(ctx, file, f, encoding, required, keepRows{})
}

// fileProblem turns the refusal of an input file into a problem at the
// file; other errors are returned as they are.
func fileProblem(file string, err error) error {
	var fe *FileError
	if !errors.As(err, &fe) {
		return err
	}
	if errors.Is(fe.Err, fs.ErrNotExist) {
		return &InputError{File: file, Msg: "ファイルがありません"}
	}
	return &InputError{File: file, Msg: fe.Msg}
}

// source is what a file is read from: an input File, or bytes in tests.
type source interface {
	io.Reader
	Rewind() error
	Size() int64
}

// readFrom reads the CSV file src (named file in messages) in the declared
// encoding and hands its rows to s. A byte the encoding cannot read is the
// only problem reported for the file: the rows read before it may be
// mojibake. With encoding auto the file is read as UTF-8 or CP932 as its
// first bytes suggest, and read again in the other when that fails.
func readFrom(ctx context.Context, file string, src source, declared string, required []string, s sink) (*table, error) {
	prefix, err := peek(src)
	if err != nil {
		return nil, fileProblem(file, err)
	}
	enc, msg := sniff(prefix, declared)
	if msg != "" {
		return nil, &InputError{File: file, Line: 1, Msg: msg}
	}
	var raw *scanner
	if declared == EncodingShiftJIS {
		raw = &scanner{} // to tell a UTF-8 file declared shift_jis
	}
	t, err := parseAs(ctx, file, src, enc, raw, required, s)
	var de *decodeError
	if !errors.As(err, &de) {
		return t, fileProblem(file, err)
	}
	return retryOrReport(ctx, file, src, declared, enc, de, required, s)
}

// peek returns the first sniffSize bytes of src.
func peek(src source) ([]byte, error) {
	if err := src.Rewind(); err != nil {
		return nil, err
	}
	buf := make([]byte, sniffSize)
	n, err := io.ReadFull(src, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return buf[:n], err
}

// parseAs reads src as CSV text in enc. It returns a *decodeError for a
// NUL or a byte enc cannot read anywhere in the file, and otherwise the
// file's problems.
func parseAs(ctx context.Context, file string, src source, enc string, raw *scanner, required []string, s sink) (*table, error) {
	if err := src.Rewind(); err != nil {
		return nil, err
	}
	txt, err := newText(src, enc, raw)
	if err != nil {
		return nil, err
	}
	t := &table{file: file, encoding: enc, size: src.Size(), index: map[string]int{}}
	c, err := parseRows(txt, t, required, s)
	if err != nil {
		return nil, err
	}
	if raw != nil && raw.high > 0 && !raw.invalid {
		// Every non-ASCII byte is UTF-8: Japanese CP932 text practically
		// never is, so the file was saved as UTF-8 and was read as mojibake.
		return nil, &decodeError{row: raw.high, utf8: true}
	}
	if t.header == nil {
		c.add(file, 1, "", "空のファイルです (見出し行がありません)")
	}
	return t, c.err()
}

// parseRows reads the records of txt into t and s. A CSV syntax error stops
// it, but the rest of the file is still checked for undecodable bytes,
// which take precedence.
func parseRows(txt io.Reader, t *table, required []string, s sink) (*collector, error) {
	r := csv.NewReader(txt)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	c := &collector{}
	inCells := 0 // line breaks inside the cells of the records read so far
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return c, nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			if _, err := io.Copy(io.Discard, txt); err != nil {
				return nil, err
			}
			c.add(t.file, perr.StartLine-inCells, "", "CSV として読めません: %v", perr.Err)
			return c, nil
		} else if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		line -= inCells
		for _, f := range rec {
			inCells += strings.Count(f, "\n")
		}
		switch {
		case t.header == nil:
			t.setHeader(rec)
			t.checkRequired(c, required)
			if len(c.problems) == 0 {
				s.start(t)
			}
		case allEmpty(rec):
		case len(rec) != len(t.header):
			c.add(t.file, line, "", "列の数が %d あります (見出しは %d 列)", len(rec), len(t.header))
		case len(c.problems) == 0:
			s.row(t, row{line: line, fields: rec, end: r.InputOffset()})
		}
	}
}

// retryOrReport handles the undecodable byte de found reading the file in
// enc: with encoding auto, the file is read in the other encoding if it
// reads whole in it; otherwise de becomes the file's one problem.
func retryOrReport(ctx context.Context, file string, src source, declared, enc string, de *decodeError, required []string, s sink) (*table, error) {
	switch {
	case de.nul:
		return nil, nulByte(file, de.row)
	case de.utf8:
		return nil, utf8Declared(file, de.row)
	case declared == EncodingUTF8:
		return nil, &InputError{File: file, Line: de.row, Msg: "UTF-8 として読めないバイトがあります (encoding を shift_jis にしてください)"}
	}
	other := EncodingUTF8
	if enc == EncodingUTF8 {
		other = EncodingShiftJIS
	}
	ode, high, err := rescan(src, other)
	if err != nil {
		return nil, fileProblem(file, err)
	}
	if ode != nil && ode.nul {
		return nil, nulByte(file, ode.row)
	}
	if declared == EncodingShiftJIS {
		if ode == nil && high > 0 {
			return nil, utf8Declared(file, high)
		}
		return nil, &InputError{File: file, Line: de.row, Msg: "Shift_JIS (CP932) として読めないバイトがあります (UTF-8 のファイルなら encoding を utf-8 にしてください)"}
	}
	if ode == nil {
		t, err := parseAs(ctx, file, src, other, nil, required, s)
		if errors.As(err, &de) {
			return nil, &InputError{File: file, Line: de.row, Msg: "読んでいるあいだにファイルが変わりました"}
		}
		return t, fileProblem(file, err)
	}
	// Neither reads it: the encoding that reads further is taken to be
	// the intended one, so the problem points at the stray byte rather
	// than at the first kanji.
	return nil, &InputError{File: file, Line: max(de.row, ode.row), Msg: "UTF-8 としても Shift_JIS (CP932) としても読めないバイトがあります"}
}

func nulByte(file string, line int) error {
	return &InputError{File: file, Line: line, Msg: "NUL バイトがあります (CSV ではないファイルの可能性)"}
}

func utf8Declared(file string, line int) error {
	return &InputError{File: file, Line: line, Msg: "UTF-8 のファイルです。Shift_JIS (CP932) として読むと文字化けします (encoding を utf-8 か空欄にしてください)"}
}

// rescan reads src whole in enc without parsing it, and returns its first
// NUL or undecodable byte, if any, and the row of its first non-ASCII
// character (0 if none).
func rescan(src source, enc string) (*decodeError, int, error) {
	if err := src.Rewind(); err != nil {
		return nil, 0, err
	}
	txt, err := newText(src, enc, nil)
	if err != nil {
		return nil, 0, err
	}
	_, err = io.Copy(io.Discard, txt)
	var de *decodeError
	if errors.As(err, &de) {
		return de, txt.scan.high, nil
	}
	return nil, txt.scan.high, err
}

func (t *table) setHeader(rec []string) {
	t.header = make([]string, len(rec))
	for i, h := range rec {
		h = strings.TrimSpace(h)
		t.header[i] = h
		if _, dup := t.index[h]; !dup && h != "" {
			t.index[h] = i
		}
	}
}

// checkRequired reports required columns that are missing from the header,
// or named twice: which of the two holds the data would be a guess.
func (t *table) checkRequired(c *collector, required []string) {
	for _, name := range required {
		n := 0
		for _, h := range t.header {
			if h == name {
				n++
			}
		}
		switch {
		case n == 0:
			c.add(t.file, 1, "", "必須の列「%s」がありません", name)
		case n > 1:
			c.add(t.file, 1, "", "列「%s」が %d 回あります (どちらを読むか決められません)", name, n)
		}
	}
}

// requireRows reports a file that has a header but no data row.
func requireRows(c *collector, t *table, what string) {
	if len(t.rows) == 0 {
		c.add(t.file, 1, "", "%sが 1 行もありません", what)
	}
}

func allEmpty(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// bytesSource reads a file's content from memory (the fuzz target).
type bytesSource struct{ *bytes.Reader }

func (b bytesSource) Rewind() error {
	_, err := b.Seek(0, io.SeekStart)
	if err != nil {
		return fmt.Errorf("rewind: %w", err)
	}
	return nil
}
