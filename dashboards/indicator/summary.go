package indicator

import (
	"fmt"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/wave"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Summary is the one-line description of an indicator and its latest
// wave, shared by the overview, the ward pages and comparisons.
type Summary struct {
	File, WardFile, Ward     string
	Plan, Issue, IssueTitle  string
	Number, Title            string
	HasActual, Reference     bool
	Year, Percent, N         string
	Target, TargetYear       string
	TargetFull               string // 令和9年度末までに60%以上
	Status                   wave.Status
	JudgedBy                 string // the plan that judged the latest wave, when not the indicator's own (wave.JudgedBy)
	Trajectory, Change, Prev string
	Traj                     wave.Status // Trajectory with its class
	Pace                     string      // 毎年3.8ポイントの上昇が必要, or ""
	Projection               string      // 令和9年度 50.5%（95%予測区間 …）, or ""
	// ProjectionNote says why a projection is not shown as a figure (its
	// interval is too wide), or "".
	ProjectionNote string
}

// Summarize is the summary of v, linking to its page file and to its
// ward's page wardFile; plan_issues.csv of ds names its 経営課題.
func Summarize(ds *model.Dataset, v *View, file, wardFile string) Summary {
	percent, op, year := v.target()
	s := Summary{
		File: file, WardFile: wardFile, Ward: v.Key.Ward,
		Plan: wareki.Label(v.Key.PlanYear), Issue: fmt.Sprintf("経営課題%d", v.Key.IssueNo),
		IssueTitle: issueTitle(ds, v.Key), Number: present.Circled(v.Key.IndicatorNo), Title: v.Title(),
		Target: present.Target(percent, op), TargetYear: wave.Dash(present.Deadline(year)),
		TargetFull: present.TargetBy(percent, op, year),
		Year:       "—", Percent: "—", N: "—", Status: wave.ForStatus(""), Trajectory: "—", Change: "—", Prev: "—",
		Traj: wave.Trajectory(""),
	}
	a, ok := v.Latest()
	if !ok {
		return s
	}
	s.HasActual, s.Reference = true, a.NValid <= wave.ReferenceN
	s.Year, s.Percent, s.N = wareki.Label(a.FiscalYear), present.Percent(a.Percent), present.Count(a.NValid)
	s.Status, s.Traj, s.Change = wave.StatusOf(a), wave.Trajectory(a.Trajectory), wave.Change(a)
	s.JudgedBy = wave.JudgedBy(a, v.Key.PlanYear)
	s.Trajectory, s.Pace = s.Traj.Text, wave.Pace(a)
	if a.PreviousPercent.Valid {
		s.Prev = present.Percent(a.PreviousPercent.Float64)
	}
	s.Projection, _ = charts.Projection(v.Chart())
	s.ProjectionNote, _ = charts.WithheldProjection(v.Chart())
	return s
}

// issueTitle is the name of a 経営課題 from plan_issues.csv, or "".
func issueTitle(ds *model.Dataset, k model.IndicatorKey) string {
	for _, is := range ds.PlanIssues {
		if is.Ward == k.Ward && is.PlanYear == k.PlanYear && is.IssueNo == k.IssueNo {
			return is.Title
		}
	}
	return ""
}
