package input

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// Encodings accepted in surveys.csv.
const (
	EncodingAuto     = "auto"
	EncodingUTF8     = "utf-8"
	EncodingShiftJIS = "shift_jis" // CP932 / Windows-31J
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// row is one record of a CSV file with the line it starts on.
type row struct {
	line   int
	fields []string
}

// table is a CSV file read whole: its header and its non-empty rows.
type table struct {
	file   string // as shown in messages
	header []string
	index  map[string]int
	rows   []row
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

// decode turns the bytes of a file into UTF-8 text. Invalid bytes for the
// declared encoding are a problem at the line where they stand: a CP932 file
// declared UTF-8 must not be read as mojibake, nor the reverse.
func decode(file string, data []byte, encoding string) (string, *InputError) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", &InputError{File: file, Line: lineAt(data, i), Msg: "NUL バイトがあります (CSV ではないファイルの可能性)"}
	}
	bom := bytes.HasPrefix(data, utf8BOM)
	data = bytes.TrimPrefix(data, utf8BOM)
	switch encoding {
	case EncodingAuto:
		return decodeAuto(file, data)
	case EncodingUTF8:
		if i := invalidUTF8(data); i >= 0 {
			return "", &InputError{File: file, Line: lineAt(data, i), Msg: "UTF-8 として読めないバイトがあります (encoding を shift_jis にしてください)"}
		}
		return string(data), nil
	case EncodingShiftJIS:
		if i := utf8Text(data, bom); i >= 0 {
			return "", &InputError{File: file, Line: lineAt(data, i), Msg: "UTF-8 のファイルです。Shift_JIS (CP932) として読むと文字化けします (encoding を utf-8 か空欄にしてください)"}
		}
		return decodeCP932(file, data)
	}
	return "", &InputError{File: file, Msg: fmt.Sprintf("未知の文字コード %q", encoding)}
}

// decodeAuto reads data as UTF-8, else as CP932. When it is neither, the
// encoding that reads further is taken to be the intended one, so the
// problem points at the stray byte rather than at the first kanji.
func decodeAuto(file string, data []byte) (string, *InputError) {
	i := invalidUTF8(data)
	if i < 0 {
		return string(data), nil
	}
	text, ierr := decodeCP932(file, data)
	if ierr == nil {
		return text, nil
	}
	ierr.Line = max(ierr.Line, lineAt(data, i))
	ierr.Msg = "UTF-8 としても Shift_JIS (CP932) としても読めないバイトがあります"
	return "", ierr
}

func decodeCP932(file string, data []byte) (string, *InputError) {
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(data)
	if err != nil {
		return "", &InputError{File: file, Msg: fmt.Sprintf("CP932 として読めません: %v", err)}
	}
	// The decoder replaces invalid bytes with U+FFFD, which CP932 cannot
	// encode, so any U+FFFD marks an invalid byte.
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		return "", &InputError{File: file, Line: lineAt(out, i), Msg: "Shift_JIS (CP932) として読めないバイトがあります (UTF-8 のファイルなら encoding を utf-8 にしてください)"}
	}
	return string(out), nil
}

// utf8Text returns the offset of the first non-ASCII byte of data when
// data is UTF-8 text (it had a BOM, or it has non-ASCII bytes and all of them
// form valid UTF-8), else -1. Japanese CP932 text is practically never valid
// UTF-8, so such a file declared shift_jis was saved as UTF-8 and would be
// read as mojibake without any invalid byte.
func utf8Text(data []byte, bom bool) int {
	i := slices.IndexFunc(data, func(b byte) bool { return b >= utf8.RuneSelf })
	if bom {
		return max(i, 0)
	}
	if i < 0 || !utf8.Valid(data) {
		return -1
	}
	return i
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineAt is the 1-based line number of byte offset i.
func lineAt(data []byte, i int) int {
	return bytes.Count(data[:i], []byte{'\n'}) + 1
}

// readTable reads a CSV file whole. Rows whose fields are all empty (Excel
// leaves such rows after deleted data) and trailing empty lines are skipped.
// A ragged row is a problem; so is a missing required column.
func readTable(ctx context.Context, dir, name, encoding string, required []string) (*table, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, name)
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &InputError{File: file, Msg: "ファイルがありません"}
	} else if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	text, ierr := decode(file, data, encoding)
	if ierr != nil {
		return nil, ierr
	}
	return parseTable(file, text, required)
}

func parseTable(file, text string, required []string) (*table, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	t := &table{file: file, index: map[string]int{}}
	var c collector
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			c.add(file, perr.StartLine, "", "CSV として読めません: %v", perr.Err)
			return nil, c.err()
		} else if err != nil {
			return nil, fmt.Errorf("parse %s: %w", file, err)
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.setHeader(rec)
			continue
		}
		if allEmpty(rec) {
			continue
		}
		if len(rec) != len(t.header) {
			c.add(file, line, "", "列の数が %d あります (見出しは %d 列)", len(rec), len(t.header))
			continue
		}
		t.rows = append(t.rows, row{line: line, fields: rec})
	}
	if t.header == nil {
		c.add(file, 1, "", "空のファイルです (見出し行がありません)")
		return nil, c.err()
	}
	t.checkRequired(&c, required)
	if err := c.err(); err != nil {
		return nil, err
	}
	return t, nil
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
