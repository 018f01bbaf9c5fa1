package plan

import (
	"slices"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
	"github.com/shihyo/shihyo/present/selfeval"
)

// Columns are the columns the CSV export appends to the columns of
// indicators.csv: the fiscal year shown (和暦), the published percent, A/B,
// the previous year's percent, percent minus target in points, the 進捗
// (順調/遅れ/達成), the base n, the 95% confidence interval ("55.1～64.4")
// and the 自己評価 (案) (package selfeval).
var Columns = []string{"実績年度", "実績", "達成状況", "前年度実績", "目標との差", present.ProgressLabel, "n", "95%信頼区間", selfeval.Heading}

// earlierPlanColumns are the columns earlier versions appended: an
// indicators.csv written back by one of them is recognised, and its
// columns replaced rather than kept as the plan's own.
var earlierPlanColumns = [][]string{
	{"実績年度", "実績", "達成状況", "前年度実績", "目標との差", "推移", "n", "95%信頼区間"},
}

// AppendedColumns returns how many of header's last columns are columns an
// export appended (Columns, or those of an earlier version), or 0.
func AppendedColumns(header []string) int {
	for _, cols := range append([][]string{Columns}, earlierPlanColumns...) {
		if n := len(header); n >= len(cols) && slices.Equal(header[n-len(cols):], cols) {
			return len(cols)
		}
	}
	return 0
}

// Cells are the Columns of one indicator: all empty but the year
// when it was not measured in that year. 達成状況 and 目標との差 are those
// of the target that judged the year (a's, that of the year's own plan).
func Cells(year int, a *compute.Actual) []string {
	cells := make([]string, len(Columns))
	if year != 0 {
		cells[0] = wareki.Label(year)
	}
	if a == nil {
		return cells
	}
	cells[1] = present.Decimal(a.Percent)
	cells[2] = string(a.Status)
	if a.PreviousPercent.Valid {
		cells[3] = present.Decimal(a.PreviousPercent.Float64)
	}
	cells[4] = present.Difference(a.Percent, a.TargetPercent)
	cells[5] = present.TrajectoryText(a.Trajectory)
	cells[6] = strconv.Itoa(a.NValid)
	if a.CILow.Valid && a.CIHigh.Valid {
		cells[7] = present.Decimal(a.CILow.Float64) + "～" + present.Decimal(a.CIHigh.Float64)
	}
	return cells
}
