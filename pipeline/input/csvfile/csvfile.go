// Package csvfile reads a CSV file of a data folder as staff saved it from
// Excel: UTF-8 with or without BOM or CP932 (decided from the bytes, or as
// surveys.csv declares), or UTF-16 with its BOM (Excel's 「Unicode
// テキスト」, tab-separated), streamed row by row, each row numbered as
// Excel shows it. It defines InputError and Problems, the defects of input files
// at FILE:LINE, which every reader returns.
package csvfile

import (
	"bufio"
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

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
)

// Row is one record of a CSV file with the row Excel shows it on: the
// header is row 1 (unless title rows stand above it), and each record is
// one row however many line breaks its cells hold; a blank line is a row
// too.
type Row struct {
	Line   int
	Fields []string
	End    int64 // offset in the decoded text just after the record
}

// Table is the header of a CSV file and, when read by Read, its
// non-empty rows.
type Table struct {
	File     string // as shown in messages
	Encoding string // the encoding it was read in: EncodingUTF8, EncodingShiftJIS or a UTF-16 one; "" for a sheet
	Size     int64  // of the file in bytes
	Header   []string
	index    map[string]int
	Rows     []Row
	// Title are the rows above the header (FindHeader), verbatim, and
	// HeaderLine the header's row: 1 when there are none.
	Title      []Row
	HeaderLine int
	crJoined   bool // a row joined to the next by a bare CR was reported
}

// MaxTitleRows is how many rows with text may stand above a table's
// header as its title: a vendor's preamble is a title, a date, a note or
// two.
const MaxTitleRows = 5

// maxLeadingRows is how many rows in all, empty ones included, may stand
// above the header: a file of empty rows is then read as before titles
// were, its first row the header, and its rows are not held.
const maxLeadingRows = 4 * MaxTitleRows

// FindHeader tells which of rows, the first rows of a table as read so far
// (end: the table has no more), is its header: the first that names a
// required column, when every row above it is a title that a vendor or
// staff wrote over the table (「令和5年度 区民アンケート 回答データ」, a date
// beside it: at most two cells with text, at most MaxTitleRows such rows
// and maxLeadingRows rows in all); else the first row, as in a table
// without a title. ok is false while the rows read cannot tell yet.
func FindHeader(rows [][]string, required []string, end bool) (at int, ok bool) {
	if len(required) == 0 {
		return 0, len(rows) > 0
	}
	keys := make([]string, len(required))
	for i, name := range required {
		keys[i] = ColumnKey(name)
	}
	titles := 0
	for i, cells := range rows {
		if i >= maxLeadingRows {
			return 0, true
		}
		texts, named := 0, false
		for _, c := range cells {
			if c = ColumnKey(c); c != "" {
				texts++
				named = named || slices.Contains(keys, c)
			}
		}
		switch {
		case named:
			return i, true
		case texts > 2:
			return 0, true
		case texts > 0:
			if titles++; titles > MaxTitleRows {
				return 0, true
			}
		}
	}
	return 0, end && len(rows) > 0
}

// ColumnKey is what a column's name is matched by: trimmed, 全角 and 半角
// folded (cell.FoldWidth), so that 「問１」 or 「Ｆ１」 in a vendor's header is
// the column 問1 or F1 that questions.csv names.
func ColumnKey(name string) string { return cell.FoldWidth(strings.TrimSpace(name)) }

// Column returns the position of the first column named name (ColumnKey).
func (t *Table) Column(name string) (int, bool) {
	i, ok := t.index[ColumnKey(name)]
	return i, ok
}

// Get returns the field of r in column name (ColumnKey), trimmed; "" when
// the table has no such column.
func (t *Table) Get(r Row, name string) string {
	i, ok := t.Column(name)
	if !ok || i >= len(r.Fields) {
		return ""
	}
	return strings.TrimSpace(r.Fields[i])
}

// Has reports whether the table has a column name (ColumnKey).
func (t *Table) Has(name string) bool {
	_, ok := t.Column(name)
	return ok
}

// A Sink takes the rows of a file as they are read, so that a large
// response file is never held whole.
type Sink interface {
	// Start is called once the header is read and has every required
	// column; again, with a new table, when the file is read a second
	// time in another encoding.
	Start(t *Table)
	// Row is called for each non-empty row as long as no problem was
	// found; r.Fields is reused for the next row.
	Row(t *Table, r Row)
}

// keepRows is the sink of Read: it keeps every row in the table.
type keepRows struct{}

func (keepRows) Start(*Table) {}

func (keepRows) Row(t *Table, r Row) {
	r.Fields = slices.Clone(r.Fields)
	t.Rows = append(t.Rows, r)
}

// Read reads the CSV file name of the data folder dir whole. Rows whose
// fields are all empty (Excel leaves such rows after deleted data) and
// trailing empty lines are skipped. A ragged row is a problem; so is a
// missing required column.
func Read(ctx context.Context, dir, name, encoding string, required []string) (*Table, error) {
	file := filepath.Join(dir, name)
	f, err := datafile.Open(ctx, dir, name)
	if err != nil {
		return nil, FileProblem(file, err)
	}
	defer f.Close()
	return ReadFrom(ctx, file, f, encoding, required, keepRows{})
}

// FileProblem turns the refusal of an input file into a problem at the
// file; other errors are returned as they are.
func FileProblem(file string, err error) error {
	var fe *datafile.FileError
	if !errors.As(err, &fe) {
		return err
	}
	if errors.Is(fe.Err, fs.ErrNotExist) {
		return &InputError{File: file, Msg: "ファイルがありません"}
	}
	return &InputError{File: file, Msg: fe.Msg}
}

// Source is what a file is read from: an input File, or bytes in tests.
type Source interface {
	io.Reader
	Rewind() error
	Size() int64
}

// ReadFrom reads the CSV file src (named file in messages) in the declared
// encoding and hands its rows to s. A byte the encoding cannot read is the
// only problem reported for the file: the rows read before it may be
// mojibake. With encoding auto the file is read as UTF-8 or CP932 as its
// first bytes suggest, and read again in the other when that fails.
func ReadFrom(ctx context.Context, file string, src Source, declared string, required []string, s Sink) (*Table, error) {
	prefix, err := peek(src)
	if err != nil {
		return nil, FileProblem(file, err)
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
		return t, FileProblem(file, err)
	}
	return retryOrReport(ctx, file, src, declared, enc, de, required, s)
}

// peek returns the first sniffSize bytes of src.
func peek(src Source) ([]byte, error) {
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
func parseAs(ctx context.Context, file string, src Source, enc string, raw *scanner, required []string, s Sink) (*Table, error) {
	if err := src.Rewind(); err != nil {
		return nil, err
	}
	txt, err := newText(src, enc, raw)
	if err != nil {
		return nil, err
	}
	t := &Table{File: file, Encoding: enc, Size: src.Size(), index: map[string]int{}}
	br := bufio.NewReaderSize(txt, sniffSize)
	c, err := parseRows(br, separator(br, enc), t, required, s)
	if err != nil {
		return nil, err
	}
	if raw != nil && raw.high > 0 && !raw.invalid {
		// Every non-ASCII byte is UTF-8: Japanese CP932 text practically
		// never is, so the file was saved as UTF-8 and was read as mojibake.
		return nil, &decodeError{row: raw.high, utf8: true}
	}
	if t.Header == nil && len(c.Problems) == 0 {
		c.Add(file, 1, "", "空のファイルです (見出し行がありません)")
	}
	return t, c.Err()
}

// parseRows reads the records of txt into t and s. A CSV syntax error stops
// it, but the rest of the file is still checked for undecodable bytes,
// which take precedence.
func parseRows(txt io.Reader, comma rune, t *Table, required []string, s Sink) (*Collector, error) {
	r := csv.NewReader(txt)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	c := &Collector{}
	var first []Row // the rows read before the header is known (FindHeader)
	inCells := 0    // line breaks inside the cells of the records read so far
	for {
		rec, err := r.Read()
		if err == io.EOF {
			t.header(c, first, required, true, s)
			return c, nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			if _, err := io.Copy(io.Discard, txt); err != nil {
				return nil, err
			}
			// Among title rows not yet told from the header, the syntax
			// error is the one problem: which row was the header is unknown.
			c.Add(t.File, perr.StartLine-inCells, "", "CSV として読めません: %s", SyntaxProblem(perr.Err))
			return c, nil
		} else if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		line -= inCells
		for _, f := range rec {
			inCells += newlines(f)
		}
		row := Row{Line: line, Fields: rec, End: r.InputOffset()}
		if t.Header != nil {
			t.row(c, row, s)
			continue
		}
		row.Fields = slices.Clone(rec)
		if first = append(first, row); t.header(c, first, required, false, s) {
			first = nil
		}
	}
}

// header makes the header of t out of first, the rows read before it,
// once FindHeader can tell which it is (end: no more rows come), and reads
// the rows after it. It reports whether it did.
func (t *Table) header(c *Collector, first []Row, required []string, end bool, s Sink) bool {
	if t.Header != nil {
		return false
	}
	cells := make([][]string, len(first))
	for i, r := range first {
		cells[i] = r.Fields
	}
	at, ok := FindHeader(cells, required, end)
	if !ok {
		return false
	}
	t.Title = first[:at]
	t.setHeader(first[at].Fields)
	t.HeaderLine = first[at].Line
	t.RequireColumns(c, t.HeaderLine, required)
	if len(c.Problems) == 0 {
		s.Start(t)
	}
	for _, r := range first[at+1:] {
		t.row(c, r, s)
	}
	return true
}

// row reads r, a row after the header, into s.
func (t *Table) row(c *Collector, r Row, s Sink) {
	switch {
	case allEmpty(r.Fields):
	case len(r.Fields) != len(t.Header) && joinedByCR(r.Fields, len(t.Header)):
		if !t.crJoined { // one cause, told once: the file is saved again
			t.crJoined = true
			c.Add(t.File, r.Line, "", msgMixedCR)
		}
	case len(r.Fields) != len(t.Header):
		c.Add(t.File, r.Line, "", "列の数が %d あります (見出しは %d 列)", len(r.Fields), len(t.Header))
	case len(c.Problems) == 0:
		s.Row(t, r)
	}
}

// msgMixedCR is a file whose lines end in CRLF (or LF) but some in a
// bare CR, as a file pieced together from two programs' output is.
const msgMixedCR = "改行が CR だけの行と CRLF (または LF) の行が混ざったファイルです。CR だけの改行のところで、行が次の行とつながっています (最初のところを示します。ほかのところも、この 1 件にまとめています)。" + saveAsCSV

// joinedByCR reports whether fields are rows of width columns that bare
// CRs joined: encoding/csv ends a record at LF only and keeps a CR that no
// LF follows in the field, so k rows joined by k-1 CRs read as one record
// of k·(width-1)+1 fields.
func joinedByCR(fields []string, width int) bool {
	crs := 0
	for _, f := range fields {
		crs += strings.Count(f, "\r")
	}
	return crs > 0 && len(fields) == (crs+1)*(width-1)+1
}

// newlines counts the line breaks in f; a cell of one character (most of
// a response file's) without the call of strings.Count.
func newlines(f string) int {
	if len(f) < 2 {
		if f == "\n" {
			return 1
		}
		return 0
	}
	return strings.Count(f, "\n")
}

// retryOrReport handles the undecodable byte de found reading the file in
// enc: with encoding auto, the file is read in the other encoding if it
// reads whole in it; otherwise de becomes the file's one problem.
func retryOrReport(ctx context.Context, file string, src Source, declared, enc string, de *decodeError, required []string, s Sink) (*Table, error) {
	switch {
	case de.nul:
		return nil, nulByte(file, de.row)
	case isUTF16(enc):
		return nil, &InputError{File: file, Line: de.row, Msg: "UTF-16 として読めない文字があります (Excel で開き、保存し直してください)"}
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
		return nil, FileProblem(file, err)
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
		return t, FileProblem(file, err)
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
func rescan(src Source, enc string) (*decodeError, int, error) {
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

func (t *Table) setHeader(rec []string) {
	t.Header = make([]string, len(rec))
	for i, h := range rec {
		h = strings.TrimSpace(h)
		t.Header[i] = h
		if k := ColumnKey(h); k != "" {
			if _, dup := t.index[k]; !dup {
				t.index[k] = i
			}
		}
	}
}

// RequireColumns reports, at the header's line, the required columns that
// are missing from the header, in one problem, or named twice: which of the
// two holds the data would be a guess. A header that has none of several
// required columns is most likely no header at all (the first row deleted,
// or data pasted over it): that is one problem too, not one per column.
func (t *Table) RequireColumns(c *Collector, line int, required []string) {
	var missing []string
	for _, name := range required {
		n, key := 0, ColumnKey(name)
		for _, h := range t.Header {
			if ColumnKey(h) == key {
				n++
			}
		}
		switch {
		case n == 0:
			missing = append(missing, name)
		case n > 1:
			c.Add(t.File, line, "", "列「%s」が %d 回あります (どちらを読むか決められません)", name, n)
		}
	}
	missing = t.caseHints(c, line, missing)
	switch {
	case len(missing) == 0:
	case len(missing) > 1 && len(missing) == len(required):
		c.Add(t.File, line, "", "見出し行がありません (1 行目に列名 %s を書いてください。1 行目がデータなら、その上に見出しの行を入れます)",
			strings.Join(missing, ", "))
	default:
		c.Add(t.File, line, "", "必須の列「%s」がありません", strings.Join(missing, "」「"))
	}
}

// SyntaxProblem says in Japanese what a CSV syntax error of encoding/csv
// (a *csv.ParseError's Err) means and how to mend the row: in practice a
// double quote where CSV allows none (Excel's ="01" text form, a vendor's
// free text).
func SyntaxProblem(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return "「\"」で囲んでいない項目の中に「\"」があります。Excel の =\"01\" の形なら「=」と「\"」を消して 01 とだけ書き、" +
			"文字としての「\"」なら、項目全体を「\"」で囲んで中の「\"」を「\"\"」と重ねてください"
	case errors.Is(err, csv.ErrQuote):
		return "「\"」で始まる項目が「\"」で閉じていないか、閉じた「\"」のあとに文字があります。" +
			"項目全体を「\"」で囲み、中の「\"」は「\"\"」と重ねてください"
	}
	return err.Error()
}

// caseHints reports, in one problem, the missing columns that the header
// names in other letter case (Role for role): the column is there, only
// spelt otherwise. It returns the columns still missing.
func (t *Table) caseHints(c *Collector, line int, missing []string) []string {
	var hints, still []string
	for _, name := range missing {
		i := slices.IndexFunc(t.Header, func(h string) bool { return strings.EqualFold(ColumnKey(h), ColumnKey(name)) })
		if i < 0 {
			still = append(still, name)
			continue
		}
		hints = append(hints, fmt.Sprintf("「%s」は「%s」", t.Header[i], name))
	}
	if len(hints) > 0 {
		c.Add(t.File, line, "", "列名の大文字・小文字が違います: %s と書いてください", strings.Join(hints, "、"))
	}
	return still
}

// RequireRows reports a file that has a header but no data row.
func RequireRows(c *Collector, t *Table, what string) {
	if len(t.Rows) == 0 {
		c.Add(t.File, max(t.HeaderLine, 1), "", "%sが 1 行もありません", what)
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

// NewTable returns a table of file with the given header and no rows, to
// check the fields of rows made in memory as if they had been read.
func NewTable(file string, header []string) *Table {
	t := &Table{File: file, index: map[string]int{}, HeaderLine: 1}
	t.setHeader(header)
	return t
}
