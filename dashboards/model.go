package dashboards

import (
	"sort"
	"sync"

	"github.com/shihyo/shihyo/dashboards/breakdown"
	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/simple"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// indicatorView is one アウトカム指標 with every wave measured for it.
type indicatorView struct {
	Key    model.IndicatorKey
	Def    model.Indicator // zero when only Actuals name the indicator
	HasDef bool
	Waves  []compute.Actual // oldest first
	// What several pages show of it, computed once (memo): pages are built
	// in parallel, and a summary is on 25 of them.
	sum   func() indicatorSummary
	def   func() definition
	trend func() (charts.Chart, error) // its ID is each page's own
}

// memo makes the computations of v that pages share happen once.
func (m *siteModel) memo(v *indicatorView) {
	v.sum = sync.OnceValue(func() indicatorSummary { return m.summary(v) })
	v.def = sync.OnceValue(func() definition { return m.definition(v) })
	v.trend = sync.OnceValues(func() (charts.Chart, error) { return charts.Trend(memoChartID, v.chart()) })
}

// latest is the newest wave, if any.
func (v *indicatorView) latest() (compute.Actual, bool) {
	if len(v.Waves) == 0 {
		return compute.Actual{}, false
	}
	return v.Waves[len(v.Waves)-1], true
}

// title prefers the plan's wording; Actuals copy it, so they are the fallback.
func (v *indicatorView) title() string {
	if v.HasDef && v.Def.Title != "" {
		return v.Def.Title
	}
	if a, ok := v.latest(); ok {
		return a.Title
	}
	return ""
}

// target is the indicator's target; the plan row wins over a copied one.
func (v *indicatorView) target() (percent float64, op string, year int) {
	if v.HasDef {
		return v.Def.TargetPercent, v.Def.TargetOp, v.Def.TargetYear
	}
	a, _ := v.latest()
	return a.TargetPercent, a.TargetOp, a.TargetYear
}

// chart is what the charts show of the indicator.
func (v *indicatorView) chart() charts.Indicator {
	percent, op, year := v.target()
	return charts.Indicator{Title: v.title(), Target: stats.Target{Percent: percent, Op: op, Year: year}, Waves: v.Waves}
}

func (v *indicatorView) questionKey() string {
	if v.HasDef {
		return v.Def.QuestionKey
	}
	a, _ := v.latest()
	return a.QuestionKey
}

// siteModel indexes a Site for the page builders.
type siteModel struct {
	ds         *model.Dataset
	indicators []*indicatorView // ward order, newest plan first, issue, number
	byKey      map[model.IndicatorKey]*indicatorView
	wards      []string
	labels     map[choiceKey]string // choices.csv
	qtext      map[questionRef]string
	qorder     map[questionRef]int // position in questions.csv
	breakdowns map[model.IndicatorKey][]compute.Breakdown
	namer      wards.Namer // the pages' names (ds.WardNamer)
	simple     []simple.Page
}

type choiceKey struct {
	SurveyID string
	Key      string
	Code     int
}

type questionRef struct {
	SurveyID string
	Key      string
}

// newSiteModel joins the plan's indicators with their actuals. An indicator
// without any wave still gets its pages, so staff see that it is unmeasured.
func newSiteModel(site Site) *siteModel {
	ds := site.Dataset
	if ds == nil {
		ds = &model.Dataset{}
	}
	m := &siteModel{ds: ds, byKey: map[model.IndicatorKey]*indicatorView{}, namer: ds.WardNamer()}
	for _, in := range ds.Indicators {
		v := m.view(in.Key())
		v.Def, v.HasDef = in, true
	}
	for _, a := range site.Actuals {
		v := m.view(a.Key())
		v.Waves = append(v.Waves, a)
	}
	m.sortViews()
	m.indexDataset()
	for _, v := range m.indicators {
		m.memo(v)
	}
	m.breakdowns = map[model.IndicatorKey][]compute.Breakdown{}
	for _, b := range site.Breakdowns {
		m.breakdowns[b.Key()] = append(m.breakdowns[b.Key()], b)
	}
	m.simple = simple.Pages(site.Frequencies, m.namer.Slug)
	return m
}

func (m *siteModel) view(k model.IndicatorKey) *indicatorView {
	if v, ok := m.byKey[k]; ok {
		return v
	}
	v := &indicatorView{Key: k}
	m.byKey[k] = v
	m.indicators = append(m.indicators, v)
	return v
}

func (m *siteModel) sortViews() {
	for _, v := range m.indicators {
		sort.SliceStable(v.Waves, func(i, j int) bool {
			return v.Waves[i].FiscalYear < v.Waves[j].FiscalYear
		})
	}
	sort.Slice(m.indicators, func(i, j int) bool {
		a, b := m.indicators[i].Key, m.indicators[j].Key
		switch {
		case a.Ward != b.Ward:
			return lessWard(a.Ward, b.Ward)
		case a.PlanYear != b.PlanYear:
			return a.PlanYear > b.PlanYear // the current plan first
		case a.IssueNo != b.IssueNo:
			return a.IssueNo < b.IssueNo
		}
		return a.IndicatorNo < b.IndicatorNo
	})
	seen := map[string]bool{}
	for _, v := range m.indicators {
		m.addWard(seen, v.Key.Ward)
	}
	for _, p := range m.ds.Plans {
		m.addWard(seen, p.Ward)
	}
	sort.SliceStable(m.wards, func(i, j int) bool { return lessWard(m.wards[i], m.wards[j]) })
}

func (m *siteModel) addWard(seen map[string]bool, ward string) {
	if !seen[ward] {
		seen[ward] = true
		m.wards = append(m.wards, ward)
	}
}

func (m *siteModel) indexDataset() {
	m.labels = map[choiceKey]string{}
	for _, c := range m.ds.Choices {
		m.labels[choiceKey{c.SurveyID, c.Key, c.Code}] = c.Label
	}
	m.qtext = map[questionRef]string{}
	m.qorder = map[questionRef]int{}
	for i, q := range m.ds.Questions {
		m.qtext[questionRef{q.SurveyID, q.Key}] = q.Text
		m.qorder[questionRef{q.SurveyID, q.Key}] = i
	}
}

// wardIndicators are the indicators of one ward, in page order.
func (m *siteModel) wardIndicators(ward string) []*indicatorView {
	var out []*indicatorView
	for _, v := range m.indicators {
		if v.Key.Ward == ward {
			out = append(out, v)
		}
	}
	return out
}

// sameQuestion are other wards' indicators built on the same question key.
func (m *siteModel) sameQuestion(v *indicatorView) []*indicatorView {
	var out []*indicatorView
	key := v.questionKey()
	for _, o := range m.indicators {
		if o.Key.Ward != v.Key.Ward && key != "" && o.questionKey() == key {
			out = append(out, o)
		}
	}
	return out
}

// plan is the 目標 and 使命 of a ward's plan, if plans.csv has them.
func (m *siteModel) plan(ward string, year int) (model.Plan, bool) {
	for _, p := range m.ds.Plans {
		if p.Ward == ward && p.PlanYear == year {
			return p, true
		}
	}
	return model.Plan{}, false
}

// issueTitle is the name of a 経営課題 from plan_issues.csv, or "".
func (m *siteModel) issueTitle(k model.IndicatorKey) string {
	for _, is := range m.ds.PlanIssues {
		if is.Ward == k.Ward && is.PlanYear == k.PlanYear && is.IssueNo == k.IssueNo {
			return is.Title
		}
	}
	return ""
}

// planYears are the plans of a ward, newest first, from any source.
func (m *siteModel) planYears(ward string) []int {
	seen := map[int]bool{}
	var years []int
	add := func(y int) {
		if !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	for _, v := range m.wardIndicators(ward) {
		add(v.Key.PlanYear)
	}
	for _, p := range m.ds.Plans {
		if p.Ward == ward {
			add(p.PlanYear)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	return years
}

// breakdownSections are the breakdowns of v's latest wave (package
// breakdown).
func (m *siteModel) breakdownSections(ids *idGen, v *indicatorView) ([]breakdown.Section, error) {
	return breakdown.Sections(ids, v.chart(), m.breakdowns[v.Key], m)
}

// QuestionOrder is key's position in questions.csv for the wave survey.
func (m *siteModel) QuestionOrder(survey, key string) (int, bool) {
	o, ok := m.qorder[questionRef{survey, key}]
	return o, ok
}

// QuestionText is key's text in questions.csv for the wave survey.
func (m *siteModel) QuestionText(survey, key string) string { return m.qtext[questionRef{survey, key}] }

// Label is the label of code of key in choices.csv for the wave survey.
func (m *siteModel) Label(survey, key string, code int) string {
	return m.labels[choiceKey{survey, key, code}]
}
