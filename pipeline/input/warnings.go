package input

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A Warning is a doubt about an input that does not stop a refresh: the
// data can be read and every number computed, but staff should look at the
// line (an answer scale whose labels changed between waves, say). It is at
// a line of File (1-based; 0 for the whole file), and Column names the CSV
// column, if any, as for InputError.
type Warning struct {
	File   string
	Line   int
	Column string
	Msg    string
}

// String writes the warning as validate prints it, FILE:LINE: 注意: message,
// so that it reads like a problem but cannot be taken for one.
func (w *Warning) String() string {
	var b strings.Builder
	b.WriteString(w.File)
	if w.Line > 0 {
		fmt.Fprintf(&b, ":%d", w.Line)
	}
	b.WriteString(": 注意: ")
	if w.Column != "" {
		fmt.Fprintf(&b, "列「%s」: ", w.Column)
	}
	b.WriteString(w.Msg)
	return b.String()
}

// warn adds a warning to ds.
func (ds *Dataset) warn(file string, line int, column, format string, args ...any) {
	ds.Warnings = append(ds.Warnings, &Warning{File: file, Line: line, Column: column, Msg: fmt.Sprintf(format, args...)})
}

func sortWarnings(ws []*Warning) {
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].File != ws[j].File {
			return ws[i].File < ws[j].File
		}
		return ws[i].Line < ws[j].Line
	})
}

// WarningsOf returns the warnings that Read found in the same run as the
// problems err carries, in file and line order; nil when there are none or
// err did not come from Read. On success Read returns them as
// Dataset.Warnings instead.
func WarningsOf(err error) []*Warning {
	var r *rejected
	if errors.As(err, &r) {
		return r.warnings
	}
	return nil
}

// rejected is what Read returns when it finds both problems and warnings:
// it is the Problems (AsProblems finds them, Error prints them) and keeps
// the warnings for WarningsOf, so that one validate run shows both.
type rejected struct {
	problems Problems
	warnings []*Warning
}

func (r *rejected) Error() string { return r.problems.Error() }
func (r *rejected) Unwrap() error { return r.problems }

// reject returns the error Read returns for problems p found together with
// the warnings ws: p itself when there is no warning.
func reject(p Problems, ws []*Warning) error {
	if len(ws) == 0 {
		return p
	}
	sortWarnings(ws)
	return &rejected{problems: p, warnings: ws}
}
