package dashboards

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/wave"
	"github.com/shihyo/shihyo/present"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

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

func (m *siteModel) summary(v *indicatorView) indicatorSummary {
	percent, op, year := v.target()
	s := indicatorSummary{
		File: m.indicatorFile(v.Key), WardFile: m.wardFile(v.Key.Ward), Ward: v.Key.Ward,
		Plan: wareki.Label(v.Key.PlanYear), Issue: fmt.Sprintf("経営課題%d", v.Key.IssueNo),
		IssueTitle: m.issueTitle(v.Key), Number: present.Circled(v.Key.IndicatorNo), Title: v.title(),
		Target: present.Target(percent, op), TargetYear: wave.Dash(present.Deadline(year)),
		TargetFull: present.TargetBy(percent, op, year),
		Year:       "—", Percent: "—", N: "—", Status: wave.ForStatus(""), Trajectory: "—", Change: "—", Prev: "—",
		Traj: wave.Trajectory(""),
	}
	a, ok := v.latest()
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
	s.Projection, _ = charts.Projection(v.chart())
	s.ProjectionNote, _ = charts.WithheldProjection(v.chart())
	return s
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
		_, asked := m.ds.Question(s.ID, key)
		if asked && s.Ward == v.Key.Ward && s.Population == v.Def.Population && s.FiscalYear >= year {
			best, year = s.ID, s.FiscalYear
		}
	}
	return best
}

func (m *siteModel) codeLabels(survey, key string, codes []int) []codeLabel {
	out := make([]codeLabel, 0, len(codes))
	for _, c := range codes {
		out = append(out, codeLabel{c, m.Label(survey, key, c)})
	}
	return out
}

func (m *siteModel) filterClauses(v *indicatorView) []filterClause {
	var out []filterClause
	for _, c := range v.Def.Filter {
		survey := m.labelSurvey(v, c.Key)
		out = append(out, filterClause{
			Key: c.Key, Question: m.QuestionText(survey, c.Key),
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
	Multi                bool // a 複数回答 question (role multi)
}

func (m *siteModel) definition(v *indicatorView) definition {
	key := v.questionKey()
	survey := m.labelSurvey(v, key)
	d := definition{Summary: v.sum(), QuestionKey: key, HasDef: v.HasDef}
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
	q, ok := m.ds.Question(survey, key)
	d.Multi = ok && q.Role == model.RoleMulti
	return d
}
