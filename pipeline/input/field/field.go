// Package field reads one field of a row of a definition file, with the
// problem it adds when the field is not what the column holds: a year (in
// 和暦 or 西暦, within the window of plausible years), a positive whole
// number, a code list, a target and its direction, a required text.
package field

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// Year parses a fiscal year column of r, adding a problem if it is not one.
func Year(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) int {
	y, err := parseYear(t.Get(r, col))
	if err != nil {
		c.Add(t.File, r.Line, col, "年度として読めません: %q (例: 2023, 令和5年度, R5)", t.Get(r, col))
	}
	return y
}

// maxCount bounds counts and numbers (mailed, issue_no, indicator_no).
const maxCount = math.MaxInt32

// Int parses a positive whole number, adding a problem if it is not one.
func Int(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) int {
	n, err := cell.ParseWhole(t.Get(r, col), maxCount)
	switch {
	case errors.Is(err, cell.ErrNegativeCode):
		c.Add(t.File, r.Line, col, "負の数です: %q (1 以上の整数を書いてください)", t.Get(r, col))
	case errors.Is(err, cell.ErrCodeTooLarge):
		c.Add(t.File, r.Line, col, "大きすぎます: %q (%d まで)", t.Get(r, col), maxCount)
	case err != nil || n == 0:
		c.Add(t.File, r.Line, col, "正の整数ではありません: %q (数字だけで書いてください)", t.Get(r, col))
	default:
		return n
	}
	return 0
}

// Count parses a count (mailed): a positive whole number as Int reads it,
// or written with thousands separators as Excel shows a count (1,500,
// １，５００): groups of three digits after the first, separated by commas.
// A comma elsewhere (1,50) is refused rather than guessed at. Weights never
// take separators: 1,000 is 1.000 in some locales.
func Count(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) int {
	v := t.Get(r, col)
	if plain, ok := cell.WithoutThousands(v); ok {
		v = plain
	}
	n, err := cell.ParseWhole(v, maxCount)
	if err != nil || n == 0 {
		return Int(c, t, r, col) // its problem
	}
	return n
}

// parseYear reads a 年度 in 和暦 or 西暦.
func parseYear(s string) (int, error) { return wareki.Parse(s) }

// RequireText adds a problem for each of cols left blank in r.
func RequireText(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, cols ...string) {
	for _, col := range cols {
		if t.Get(r, col) == "" {
			c.Add(t.File, r.Line, col, "空欄です")
		}
	}
}

// Codes reads a list of answer codes (1;2), adding a problem when it is not one.
func Codes(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) []int {
	codes, err := cell.ParseCodes(t.Get(r, col))
	if err != nil {
		c.Add(t.File, r.Line, col, "コードは 1;2 のように整数を ; で区切ってください: %q", t.Get(r, col))
	}
	return codes
}

// Target reads target_percent; false when it is not a number from 0
// to 100 (NaN included: it compares false with both bounds).
func Target(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row) (float64, bool) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cell.FoldWidth(t.Get(r, "target_percent"))), "%"))
	// Plain decimals only: ParseFloat alone would take 0x1p6 for 64.
	v, err := strconv.ParseFloat(s, 64)
	if !cell.PlainDecimal(s) || err != nil || !(v >= 0 && v <= 100) {
		c.Add(t.File, r.Line, "target_percent", "目標値は 0 から 100 までの数です: %q", t.Get(r, "target_percent"))
		return 0, false
	}
	// The database keeps targets to 3 decimals; a finer one would be
	// judged against a rounded target.
	if _, frac, ok := strings.Cut(s, "."); ok && len(strings.TrimRight(frac, "0")) > 3 {
		c.Add(t.File, r.Line, "target_percent", "目標値は小数第 3 位までです: %q", t.Get(r, "target_percent"))
		return 0, false
	}
	return v, true
}

// TargetOp reads target_op: 以上 (the default, or >=) or 以下 (<=).
func TargetOp(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row) (string, bool) {
	switch op := t.Get(r, "target_op"); op {
	case "", "以上", ">=":
		return "以上", true
	case "以下", "<=":
		return "以下", true
	default:
		c.Add(t.File, r.Line, "target_op", "以上 か 以下 です: %q", op)
		return "以上", false
	}
}
