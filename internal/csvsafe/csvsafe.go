// Package csvsafe keeps text from input files from running as a formula
// when a published or exported CSV or XLSX file is opened in a spreadsheet
// (CSV injection). The published files (actuals.csv, breakdowns.csv) and
// the exports, all written by package export, write cells through it.
package csvsafe

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// number is a plain decimal number as a spreadsheet reads it: such a cell
// is a value, never a formula, even when it starts with - or +.
var number = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula.
const formulaStarts = "=+-@\t\r＝＋－＠"

// Neutralise returns s made safe to put in a spreadsheet cell. A text that
// Excel or LibreOffice would run as a formula (one starting with =, +, -,
// @, their full-width forms ＝＋－＠, a tab or a carriage return) gets a
// leading ', so that it is shown as the text it is. Numbers such as -5 or
// -0.5 are values, not formulas, and are returned unchanged, as is any
// other text.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	// The first character first: most cells start with none of
	// formulaStarts, and need no look at the whole text.
	first, _ := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune(formulaStarts, first) || number.MatchString(s) {
		return s
	}
	return "'" + s
}

// All returns a copy of fields, each neutralised.
func All(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = Neutralise(f)
	}
	return out
}
