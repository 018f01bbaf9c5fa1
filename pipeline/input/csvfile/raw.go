package csvfile

import "fmt"

// RawTable is a table of a data directory as staff wrote it: the header
// (each name trimmed of spaces) and the non-empty rows with every field
// verbatim, columns shihyo does not know included (package tables reads
// it, from a CSV file or a sheet). Lines are the lines Indicator.Line and
// the other Line fields refer to.
type RawTable struct {
	File   string     // the path, as shown in messages
	Header []string   // column names, trimmed
	Rows   [][]string // one slice per non-empty row, as long as Header
	Lines  []int      // the row Excel shows each row on
	// Title are the rows above the header (Table.Title), and HeaderLine
	// the header's row.
	Title      []Row
	HeaderLine int
}

// WrapRead names the file name in an error that is not a problem of
// the input (Problems are returned as they are).
func WrapRead(name string, err error) error {
	if _, ok := AsProblems(err); ok || err == nil {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}
