// Package pubtable reads the tables a site publishes (actuals.csv,
// breakdowns.csv, frequencies.csv) record by record, each field found by
// its column's name, for the auditor.
package pubtable

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
)

// Row is one record of a published table, its fields found by column
// name through the header's index (one map per table, not per row). It
// is valid during the call of Each's fn only (the record's slice is
// reused); its fields, strings of their own, may be kept.
type Row struct {
	cols map[string]int
	rec  []string
}

// Lookup is the field of column name, false if the table has none.
func (r Row) Lookup(name string) (string, bool) {
	i, ok := r.cols[name]
	if !ok || i >= len(r.rec) {
		return "", false
	}
	return r.rec[i], true
}

// Get is the field of column name, "" if the table has none.
func (r Row) Get(name string) string {
	s, _ := r.Lookup(name)
	return s
}

// Each calls fn with each record of a published CSV file (UTF-8, with
// or without BOM), its fields found by the header's names. It reads one
// record at a time: the site's tables are tens of MB at city scale. A
// table that is missing or is no CSV, and an error of fn, are returned as
// a *csvfile.InputError naming the file and the line (fn's message, in
// Japanese, is its Msg): the folder audited is the staff's.
func Each(ctx context.Context, path string, fn func(Row) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &csvfile.InputError{File: path, Msg: "公開した表がありません。shihyo refresh で公開したフォルダを --out に指定してください"}
	} else if err != nil {
		return fmt.Errorf("read published table: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true   // the fields are strings of their own; only the slice is reused
	var cols map[string]int // by the header, the first record
	for {
		rec, err := cr.Read()
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF) && cols == nil:
			return &csvfile.InputError{File: path, Msg: "見出しの行がありません"}
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &pe):
			return &csvfile.InputError{File: path, Line: pe.Line, Msg: "CSV として読めません: " + csvfile.SyntaxProblem(pe.Err)}
		case err != nil:
			return fmt.Errorf("read %s: %w", filepath.Base(path), err)
		case cols == nil:
			cols = make(map[string]int, len(rec))
			for i, h := range rec {
				cols[h] = i // a repeated name: its last column, as before
			}
		default:
			if err := fn(Row{cols: cols, rec: rec}); err != nil {
				line, _ := cr.FieldPos(0)
				return &csvfile.InputError{File: path, Line: line, Msg: err.Error()}
			}
		}
	}
}
