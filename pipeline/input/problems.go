package input

import "github.com/shihyo/shihyo/pipeline/input/csvfile"

// InputError is a defect of an input file at a line, printed as
// FILE:LINE: message; Problems is every defect found in a data folder.
// They are defined with the CSV reader (package csvfile), which finds the
// first of them, and named here, where every reader of the data folder
// returns them.
type (
	InputError = csvfile.InputError
	Problems   = csvfile.Problems
)

// AsProblems returns the input defects carried by err, if any.
func AsProblems(err error) (Problems, bool) { return csvfile.AsProblems(err) }
