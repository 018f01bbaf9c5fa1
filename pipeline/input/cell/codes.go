// Package cell parses the value staff typed in one cell: an answer code or
// a list of them, a whole number, a weight as the exact decimal written.
// It knows nothing of files or rows; the readers add the file and line.
package cell

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Errors of ParseCode and ParseWhole, wrapped. A code is written in plain
// decimal digits only: Go's literal forms (`1_0`, `0x10`, `+1`) are not how
// staff write numbers, and a code read from one would be a guess. A code
// with a fraction of zeros (`1.0`, `3.00`) is how statistics packages
// export one (SPSS's default format F8.2, pandas for a column with
// blanks) and is no guess: ParseCode reads it as the code. A count or an
// amount (ParseWhole) is typed by staff, where `2.000` may mean 2,000.
var (
	ErrBadCode      = errors.New("bad answer code") // not a whole number in digits
	ErrNegativeCode = errors.New("negative number")
	ErrCodeTooLarge = errors.New("number too large")
)

// MaxCode is the largest answer code.
const MaxCode = 1_000_000

// FoldWidth folds 全角 letters and digits to ASCII. ASCII text is returned
// as it is without a call to the folder, which allocates: it is run on
// every cell of a response file.
func FoldWidth(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return width.Fold.String(s)
		}
	}
	return s
}

// ParseCode parses one answer code: decimal digits (全角 accepted), with
// spaces around and perhaps a fraction of zeros (`3.00` is 3), from 0 to
// MaxCode.
func ParseCode(s string) (int, error) {
	n, err := parseDigits(withoutZeroFraction(strings.TrimSpace(FoldWidth(s))), MaxCode)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	return n, nil
}

// IsNA reports whether s is the marker of a missing value that R writes
// (write.csv's na = "NA") and that Japanese survey tables use for 無回答
// (No Answer): NA in either case, 全角 too, with spaces around. A reader
// takes such a cell of an answer column as a blank one; a weight or a
// count marked NA stays a problem.
func IsNA(s string) bool {
	return len(s) <= 16 && strings.EqualFold(strings.TrimSpace(FoldWidth(s)), "NA")
}

// ParseWhole parses a whole number from 0 to limit written in decimal
// digits, 全角 digits folded and spaces around trimmed. A minus sign before
// the digits gives ErrNegativeCode, a value above limit ErrCodeTooLarge,
// anything else ErrBadCode.
func ParseWhole(s string, limit int) (int, error) {
	return parseDigits(strings.TrimSpace(FoldWidth(s)), limit)
}

// parseDigits is ParseWhole of t, already folded and trimmed.
func parseDigits(t string, limit int) (int, error) {
	digits, neg := strings.CutPrefix(t, "-")
	if !allDigits(digits) {
		return 0, ErrBadCode
	}
	if neg {
		return 0, ErrNegativeCode
	}
	n := 0
	for _, d := range []byte(digits) {
		n = n*10 + int(d-'0')
		if n > limit {
			return 0, ErrCodeTooLarge
		}
	}
	return n, nil
}

// withoutZeroFraction is s without a decimal point followed by zeros only
// ("3.00" is "3", "-1.0" is "-1"), and s itself otherwise ("1.5", "1.",
// ".0").
func withoutZeroFraction(s string) string {
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || strings.TrimPrefix(whole, "-") == "" || frac == "" || strings.Trim(frac, "0") != "" {
		return s
	}
	return whole
}

// WithoutThousands returns s, a whole number written with thousands
// separators (1,500 or １，５００, spaces around), without them, and true;
// false when s has no separator or not one every three digits.
func WithoutThousands(s string) (string, bool) {
	groups := strings.Split(strings.TrimSpace(FoldWidth(s)), ",")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// PlainDecimal reports whether s is digits with at most one decimal point
// between digits (`60`, `62.5`): no sign, exponent, hexadecimal or `_`.
func PlainDecimal(s string) bool {
	whole, frac, ok := strings.Cut(s, ".")
	return allDigits(whole) && (!ok || allDigits(frac))
}

// ParseCodes parses a list of codes separated by ";" (also "；", "、" or
// ","), sorted and without duplicates. Empty text gives an empty list.
func ParseCodes(s string) ([]int, error) {
	s = strings.NewReplacer("、", ";", ",", ";").Replace(FoldWidth(s))
	var out []int
	for _, f := range strings.Split(s, ";") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		n, err := ParseCode(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// FormatCodes writes codes as "1;2".
func FormatCodes(codes []int) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = strconv.Itoa(c)
	}
	return strings.Join(parts, ";")
}
