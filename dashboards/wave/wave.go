// Package wave says how one wave of an indicator reads on the pages: its
// 達成状況 and 進捗 in words with a class that does not rely on colour (and
// 「誤差の範囲内での未達成」 when its interval holds the target), the change
// and the pace still needed in words, and its row of an indicator's data
// table. The words are those of package present.
package wave

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// ReferenceN is the largest base published only as 参考値 (reference
// value), as the surveys do for small groups.
const ReferenceN = compute.ReferenceUpTo

// Status says A/B in words as well as with a colour class, so the
// status never depends on colour alone. Note is 「誤差の範囲内での未達成」
// when the wave's 95% interval holds the target (present.CertaintyText).
type Status struct {
	Code  string
	Text  string
	Class string
	Note  string
}

// StatusOf is the status of a wave with its certainty.
func StatusOf(a compute.Actual) Status {
	v := ForStatus(a.Status)
	if a.CILow.Valid && a.CIHigh.Valid {
		v.Note = present.CertaintyText(a.Status, present.WithinError(a.TargetPercent, a.CILow.Float64, a.CIHigh.Float64))
	}
	return v
}

// ForStatus is a status without its certainty: A, B, or none.
func ForStatus(s stats.Status) Status {
	switch s {
	case stats.StatusA:
		return Status{Code: string(s), Text: present.StatusText(s), Class: "status-a"}
	case stats.StatusB:
		return Status{Code: string(s), Text: present.StatusText(s), Class: "status-b"}
	}
	return Status{Code: "", Text: present.StatusText(s), Class: "status-none"}
}

// Trajectory says the trajectory (docs/statistics.md 4.) in words, with a
// class that also differs in border style: 順調 and 遅れ never depend on
// colour alone. The trajectory A (the target already met) reads 達成, as in
// the exports (present.TrajectoryText).
func Trajectory(t stats.Trajectory) Status {
	text := present.TrajectoryText(t)
	switch t {
	case stats.Achieved:
		return Status{Code: string(t), Text: text, Class: "status-a"}
	case stats.OnTrack:
		return Status{Code: string(t), Text: text, Class: "status-ok"}
	case stats.Behind:
		return Status{Code: string(t), Text: text, Class: "status-late"}
	}
	return Status{Code: "", Text: Dash(text), Class: "status-none"}
}

// Dash stands in for a value another step has not filled in yet.
func Dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// Pace is the change per year still needed to reach the target by the
// target year, in words: 「毎年3.8ポイントの上昇が必要」, or 「毎年2.0ポイントの
// 低下が必要」 for a 以下 target. It is "" once the target is met or the
// target year has come (the statistics leave it NULL or 0 then).
func Pace(a compute.Actual) string {
	if !a.PointsPerYearNeeded.Valid || !present.Finite(a.PointsPerYearNeeded.Float64) {
		return ""
	}
	p := a.PointsPerYearNeeded.Float64
	switch {
	case p > 0:
		return "毎年" + present.Decimal(p) + "ポイントの上昇が必要"
	case p < 0:
		return "毎年" + present.Decimal(-p) + "ポイントの低下が必要"
	}
	return ""
}

// Change is the change flag with the change in points, when the
// statistics step has filled them in.
func Change(a compute.Actual) string {
	if a.ChangeFlag == "" {
		return present.Dash
	}
	if !a.ChangePoints.Valid || !present.Finite(a.ChangePoints.Float64) {
		return string(a.ChangeFlag)
	}
	return string(a.ChangeFlag) + "（" + present.SignedPoints(a.ChangePoints.Float64) + "ポイント）"
}

// Row is one line of a chart's data table.
type Row struct {
	Year, Percent, CI, N, Target string
	Path                         string // the path to the target at this year
	Trajectory                   Status
	Respondents, Mailed, Rate    string
	Unweighted, NEffective       string
	Reference, Weighted          bool
	Status                       Status
}

func RowOf(a compute.Actual) Row {
	r := Row{
		Year: wareki.Label(a.FiscalYear), Percent: present.Percent(a.Percent), CI: "—",
		N: present.Count(a.NValid), Target: present.Target(a.TargetPercent, a.TargetOp),
		Respondents: present.Count(a.Respondents), Mailed: "—", Rate: Rate(a.Respondents, a.Mailed),
		Unweighted: "—", NEffective: "—", Path: "—", Trajectory: Trajectory(a.Trajectory),
		Reference: a.NValid <= ReferenceN, Weighted: a.Weighted, Status: StatusOf(a),
	}
	if a.PathPercent.Valid && present.Finite(a.PathPercent.Float64) {
		r.Path = present.Percent(a.PathPercent.Float64)
	}
	if a.Mailed > 0 {
		r.Mailed = present.Count(a.Mailed)
	}
	if a.CILow.Valid && a.CIHigh.Valid {
		r.CI = present.Percent(a.CILow.Float64) + "〜" + present.Percent(a.CIHigh.Float64)
	}
	if a.PercentUnweighted.Valid {
		r.Unweighted = present.Percent(a.PercentUnweighted.Float64)
	}
	if a.NEffective.Valid {
		r.NEffective = fmt.Sprintf("%.0f", a.NEffective.Float64)
	}
	return r
}

// Rate is a response rate such as 36.8%, or "—" when nothing was mailed.
func Rate(returned, mailed int) string {
	if mailed <= 0 {
		return present.Dash
	}
	return present.Percent(100 * float64(returned) / float64(mailed))
}
