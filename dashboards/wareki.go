package dashboards

import (
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"math"
	"strconv"
)

// targetYearLabel is the deadline of a target, "令和9年度末", or "" when the
// indicator has none.
func targetYearLabel(year int) string {
	if year <= 0 {
		return ""
	}
	return wareki.Label(year) + "末"
}

// formatPercent writes a published percentage with its one decimal: 59.8%.
func formatPercent(v float64) string {
	if !finite(v) {
		return "—"
	}
	return strconv.FormatFloat(stats.RoundTenth(v), 'f', 1, 64) + "%"
}

// formatTarget writes a target as printed in plans: 60%以上.
func formatTarget(percent float64, op string) string {
	if op == "" {
		op = "以上"
	}
	return strconv.FormatFloat(percent, 'f', -1, 64) + "%" + op
}

// formatCount writes a count with thousands separators: 2,000.
func formatCount(n int) string {
	if n < 0 {
		return "-" + formatCount(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// formatRate is a response rate such as 36.8%, or "—" when nothing was mailed.
func formatRate(returned, mailed int) string {
	if mailed <= 0 {
		return "—"
	}
	return formatPercent(100 * float64(returned) / float64(mailed))
}

// circled turns an indicator number into the ①② the plans print.
func circled(n int) string {
	if n >= 1 && n <= 20 {
		return string(rune('①' + n - 1))
	}
	return fmt.Sprintf("(%d)", n)
}

func finite(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}
