package csvfile

import (
	"context"
	"fmt"
)

// RawTable is a CSV file of a data directory as staff wrote it: the header
// (each name trimmed of spaces) and the non-empty rows with every field
// verbatim, columns shihyo does not know included. It is decoded as the
// reader decodes definition files: UTF-8 with or without BOM, else CP932.
type RawTable struct {
	File   string     // the path, as shown in messages
	Header []string   // column names, trimmed
	Rows   [][]string // one slice per non-empty row, as long as Header
	Lines  []int      // the row Excel shows each row on (the header is row 1)
}

// ReadRawTable reads the file name of the data directory dir without
// interpreting any field. Rows whose fields are all empty are skipped, as
// Read skips them, so Lines are the lines Indicator.Line and the other Line
// fields refer to. Defects that stop the file from being read as a table (a
// ragged row, bytes that are neither UTF-8 nor CP932, a missing file) are
// returned as Problems; required names columns that must be present.
func ReadRawTable(ctx context.Context, dir, name string, required []string) (*RawTable, error) {
	t, err := Read(ctx, dir, name, EncodingAuto, required)
	if err != nil {
		return nil, WrapRead(name, err)
	}
	raw := &RawTable{File: t.File, Header: t.Header, Rows: make([][]string, len(t.Rows)), Lines: make([]int, len(t.Rows))}
	for i, r := range t.Rows {
		raw.Rows[i] = r.Fields
		raw.Lines[i] = r.Line
	}
	return raw, nil
}

// WrapRead names the file name in an error that is not a problem of
// the input (Problems are returned as they are).
func WrapRead(name string, err error) error {
	if _, ok := AsProblems(err); ok || err == nil {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}
