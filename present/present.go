// Package present writes numbers and judgements as staff read them, the
// same on the pages (package dashboards) and in the files written for
// others (package export): a percentage with one decimal, a target as the
// plan prints it (60%以上, 令和9年度末), a count with separators, and the
// words of 達成状況 and 進捗. Every published number is rounded to tenths
// only through stats.Tenths.
package present

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/plantext"
)

// Dash stands in for a value that is missing or cannot be computed.
const Dash = "—"

// Finite reports whether v is a number that can be shown (not NaN or ±Inf).
func Finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Decimal writes v with one decimal, rounded as published values are
// (stats.RoundTenth): 59.8. It is the number of a CSV or XLSX cell.
func Decimal(v float64) string {
	return strconv.FormatFloat(stats.RoundTenth(v), 'f', 1, 64)
}

// Percent writes v as a percentage with one decimal, 59.8%, or Dash when v
// is not finite.
func Percent(v float64) string {
	if !Finite(v) {
		return Dash
	}
	return Decimal(v) + "%"
}

// SignedPoints writes a change in points with its sign and one decimal:
// +1.5, -11.5, +0.0.
func SignedPoints(v float64) string {
	return fmt.Sprintf("%+.1f", stats.RoundTenth(v))
}

// Count writes n with thousands separators: 2,000.
func Count(n int) string {
	if n < 0 {
		return "-" + Count(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Target writes a target as plans print it, 60%以上; an empty op is 以上,
// as in indicators.csv. The words are the plan's own, as package plantext
// reads and writes them.
func Target(percent float64, op string) string {
	if op == "" {
		op = stats.AtLeast
	}
	return plantext.Statement{Percent: percent, Op: op}.String()
}

// byDeadline is what plantext writes after the deadline of a target.
const byDeadline = "までに"

// Deadline writes the fiscal year by whose end a target is due, 令和9年度末,
// or "" when there is none (year ≤ 0).
func Deadline(year int) string {
	if year <= 0 {
		return ""
	}
	return strings.TrimSuffix(plantext.Statement{Year: year}.String(), byDeadline)
}

// TargetBy writes a target with its deadline as the plan's sentence does,
// 令和9年度末までに60%以上, or the target alone when it has no deadline.
func TargetBy(percent float64, op string, year int) string {
	if year <= 0 {
		return Target(percent, op)
	}
	return Deadline(year) + byDeadline + Target(percent, op)
}

// Rate is a response rate such as 36.8% (736 of 2,000 returned), or "—"
// when nothing is known to have been mailed.
func Rate(returned, mailed int) string {
	if mailed <= 0 {
		return Dash
	}
	return Percent(100 * float64(returned) / float64(mailed))
}

// Circled writes an indicator number as plans print it: ① … ⑳, ㉑ … ㊿, and
// plain digits beyond.
func Circled(n int) string {
	switch {
	case n >= 1 && n <= 20:
		return string(rune(0x2460 + n - 1))
	case n >= 21 && n <= 35:
		return string(rune(0x3251 + n - 21))
	case n >= 36 && n <= 50:
		return string(rune(0x32B1 + n - 36))
	}
	return strconv.Itoa(n)
}

// Difference writes percent minus target in points, exact to a thousandth
// (targets may have up to three decimals), with at least one decimal:
// -0.2, 0.0, 0.05. The published percent is taken in its exact tenths.
func Difference(percent, target float64) string {
	d := stats.Tenths(percent)*100 - stats.Thousandths(target)
	s := strconv.FormatFloat(float64(d)/1000, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
