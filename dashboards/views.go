package dashboards

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/present"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// referenceN is the largest base published only as 参考値 (reference
// value), as the surveys do for small groups.
const referenceN = compute.ReferenceUpTo

// statusView says A/B in words as well as with a colour class, so the
// status never depends on colour alone.
type statusView struct {
	Code  string
	Text  string
	Class string
}

func statusOf(s stats.Status) statusView {
	switch s {
	case stats.StatusA:
		return statusView{string(s), present.StatusText(s), "status-a"}
	case stats.StatusB:
		return statusView{string(s), present.StatusText(s), "status-b"}
	}
	return statusView{"", present.StatusText(s), "status-none"}
}

// trajectoryOf says the trajectory (docs/statistics.md 4.) in words, with a
// class that also differs in border style: 順調 and 遅れ never depend on
// colour alone. The trajectory A (the target already met) reads 達成, as in
// the exports (present.TrajectoryText).
func trajectoryOf(t stats.Trajectory) statusView {
	text := present.TrajectoryText(t)
	switch t {
	case stats.Achieved:
		return statusView{string(t), text, "status-a"}
	case stats.OnTrack:
		return statusView{string(t), text, "status-ok"}
	case stats.Behind:
		return statusView{string(t), text, "status-late"}
	}
	return statusView{"", dash(text), "status-none"}
}

// dash stands in for a value another step has not filled in yet.
func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// indicatorSummary is the one-line description of an indicator and its
// latest wave, shared by the overview, the ward pages and comparisons.
type indicatorSummary struct {
	File, WardFile, Ward     string
	Plan, Issue, IssueTitle  string
	Number, Title            string
	HasActual, Reference     bool
	Year, Percent, N         string
	Target, TargetYear       string
	TargetFull               string // 令和9年度末までに60%以上
	Status                   statusView
	Trajectory, Change, Prev string
	Traj                     statusView // Trajectory with its class
	Pace                     string     // 毎年3.8ポイントの上昇が必要, or ""
	Projection               string     // 令和9年度 50.5%（95%予測区間 …）, or ""
}

func (m *siteModel) summary(v *indicatorView) indicatorSummary {
	percent, op, year := v.target()
	s := indicatorSummary{
		File: indicatorFile(v.Key), WardFile: wardFile(v.Key.Ward), Ward: v.Key.Ward,
		Plan: wareki.Label(v.Key.PlanYear), Issue: fmt.Sprintf("経営課題%d", v.Key.IssueNo),
		IssueTitle: m.issueTitle(v.Key), Number: present.Circled(v.Key.IndicatorNo), Title: v.title(),
		Target: present.Target(percent, op), TargetYear: dash(present.Deadline(year)),
		TargetFull: present.TargetBy(percent, op, year),
		Year:       "—", Percent: "—", N: "—", Status: statusOf(""), Trajectory: "—", Change: "—", Prev: "—",
		Traj: trajectoryOf(""),
	}
	a, ok := v.latest()
	if !ok {
		return s
	}
	s.HasActual, s.Reference = true, a.NValid <= referenceN
	s.Year, s.Percent, s.N = wareki.Label(a.FiscalYear), present.Percent(a.Percent), present.Count(a.NValid)
	s.Status, s.Traj, s.Change = statusOf(a.Status), trajectoryOf(a.Trajectory), changeText(a)
	s.Trajectory, s.Pace = s.Traj.Text, paceText(a)
	if a.PreviousPercent.Valid {
		s.Prev = present.Percent(a.PreviousPercent.Float64)
	}
	s.Projection, _ = charts.Projection(v.chart())
	return s
}

// paceText is the change per year still needed to reach the target by the
// target year, in words: 「毎年3.8ポイントの上昇が必要」, or 「毎年2.0ポイントの
// 低下が必要」 for a 以下 target. It is "" once the target is met or the
// target year has come (the statistics leave it NULL or 0 then).
func paceText(a compute.Actual) string {
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

// changeText is the change flag with the change in points, when the
// statistics step has filled them in.
func changeText(a compute.Actual) string {
	if a.ChangeFlag == "" {
		return present.Dash
	}
	if !a.ChangePoints.Valid || !present.Finite(a.ChangePoints.Float64) {
		return string(a.ChangeFlag)
	}
	return string(a.ChangeFlag) + "（" + present.SignedPoints(a.ChangePoints.Float64) + "ポイント）"
}

// waveRow is one line of a chart's data table.
type waveRow struct {
	Year, Percent, CI, N, Target string
	Path                         string // the path to the target at this year
	Trajectory                   statusView
	Respondents, Mailed, Rate    string
	Unweighted, NEffective       string
	Reference, Weighted          bool
	Status                       statusView
}

func waveRows(v *indicatorView) []waveRow {
	rows := make([]waveRow, 0, len(v.Waves))
	for i, a := range v.Waves {
		r := waveRowOf(a)
		if i == 0 && r.Trajectory.Code == "" {
			r.Trajectory.Text = "—（基準年）"
		}
		rows = append(rows, r)
	}
	return rows
}

func waveRowOf(a compute.Actual) waveRow {
	r := waveRow{
		Year: wareki.Label(a.FiscalYear), Percent: present.Percent(a.Percent), CI: "—",
		N: present.Count(a.NValid), Target: present.Target(a.TargetPercent, a.TargetOp),
		Respondents: present.Count(a.Respondents), Mailed: "—", Rate: present.Rate(a.Respondents, a.Mailed),
		Unweighted: "—", NEffective: "—", Path: "—", Trajectory: trajectoryOf(a.Trajectory),
		Reference: a.NValid <= referenceN, Weighted: a.Weighted, Status: statusOf(a.Status),
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

// codeLabel is an answer code with its wording from choices.csv.
type codeLabel struct {
	Code  int
	Label string
}

// filterClause is one `key=code;code` condition spelled out.
type filterClause struct {
	Key, Question string
	Codes         []codeLabel
}

// labelSurvey is the wave whose choices.csv and questions.csv label a key:
// the indicator's latest wave, else (an unmeasured indicator) the newest
// wave of its ward and population that asks that key.
func (m *siteModel) labelSurvey(v *indicatorView, key string) string {
	if a, ok := v.latest(); ok {
		return a.SurveyID
	}
	best, year := "", 0
	for _, s := range m.ds.Surveys {
		_, asked := m.qtext[questionRef{s.ID, key}]
		if asked && s.Ward == v.Key.Ward && s.Population == v.Def.Population && s.FiscalYear >= year {
			best, year = s.ID, s.FiscalYear
		}
	}
	return best
}

func (m *siteModel) codeLabels(survey, key string, codes []int) []codeLabel {
	out := make([]codeLabel, 0, len(codes))
	for _, c := range codes {
		out = append(out, codeLabel{c, m.labels[choiceKey{survey, key, c}]})
	}
	return out
}

func (m *siteModel) filterClauses(v *indicatorView) []filterClause {
	var out []filterClause
	for _, c := range v.Def.Filter {
		survey := m.labelSurvey(v, c.Key)
		out = append(out, filterClause{
			Key: c.Key, Question: m.qtext[questionRef{survey, c.Key}],
			Codes: m.codeLabels(survey, c.Key, c.Codes),
		})
	}
	return out
}

// definition is how an indicator is counted, as method.html and the
// indicator page explain it.
type definition struct {
	Summary              indicatorSummary
	QuestionKey          string
	Population           string
	Positive, Excluded   []codeLabel
	Filter               []filterClause
	FilterText           string
	HasDef, FilterIsNone bool
}

func (m *siteModel) definition(v *indicatorView) definition {
	key := v.questionKey()
	survey := m.labelSurvey(v, key)
	d := definition{Summary: m.summary(v), QuestionKey: key, HasDef: v.HasDef}
	if a, ok := v.latest(); ok {
		d.Population = a.Population
	}
	if !v.HasDef {
		return d
	}
	d.Population = v.Def.Population
	d.Positive = m.codeLabels(survey, key, v.Def.PositiveCodes)
	d.Excluded = m.codeLabels(survey, key, v.Def.ExcludedCodes)
	d.Filter, d.FilterText = m.filterClauses(v), strings.TrimSpace(v.Def.FilterText)
	d.FilterIsNone = d.FilterText == "" && len(d.Filter) == 0
	return d
}
