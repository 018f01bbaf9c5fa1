package csvfile

import (
	"errors"
	"fmt"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// InputError is a defect in an input file, at a line (1-based; 0 when the
// defect concerns the whole file). Column names the CSV column, if any.
// File is the file as messages name it: its path, followed for a sheet of
// a workbook by the sheet in brackets (responses/w.xlsx[回答]), so that a
// problem prints as FILE[sheet]:ROW: message.
type InputError struct {
	File   string
	Line   int
	Column string
	Msg    string
}

func (e *InputError) Error() string {
	return model.Locate(e.File, e.Line, "", e.Column, e.Msg)
}

// Problems is every defect found in a data directory, in file and line order.
// It is returned as an error by Read and ReadResponses when not empty.
type Problems []*InputError

func (p Problems) Error() string {
	switch len(p) {
	case 0:
		return "no problems"
	case 1:
		return p[0].Error()
	}
	return fmt.Sprintf("%s (ほか %d 件)", p[0].Error(), len(p)-1)
}

// AsProblems returns the input defects carried by err, if any.
func AsProblems(err error) (Problems, bool) {
	var p Problems
	if errors.As(err, &p) {
		return p, true
	}
	var one *InputError
	if errors.As(err, &one) {
		return Problems{one}, true
	}
	return nil, false
}

// Collector gathers problems while a file is read.
type Collector struct {
	Problems Problems
}

func (c *Collector) Add(file string, line int, column, format string, args ...any) {
	c.Problems = append(c.Problems, &InputError{File: file, Line: line, Column: column, Msg: fmt.Sprintf(format, args...)})
}

func (c *Collector) Err() error {
	if len(c.Problems) == 0 {
		return nil
	}
	return c.Problems
}
