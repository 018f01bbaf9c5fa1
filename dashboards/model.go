package dashboards

import (
	"html/template"
	"sort"
	"strings"
	"sync"

	"github.com/shihyo/shihyo/dashboards/breakdown"
	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/indicator"
	"github.com/shihyo/shihyo/dashboards/pageset"
	"github.com/shihyo/shihyo/dashboards/simple"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/series"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// indicatorView is an indicator of the site with what several pages show
// of it computed once (memo): pages are built in parallel, and a summary is
// on 25 of them.
type indicatorView struct {
	indicator.View
	sum   func() indicator.Summary
	def   func() indicator.Definition
	trend func() (charts.Chart, error)  // its ID is each page's own
	row   func() (template.HTML, error) // its row of the other wards' pages (compare-row)
	// source is the key of the whole View, part of the source of each
	// page that reads it (sources.go).
	source func() (string, error)
}

// memo makes the computations of v that pages share happen once.
func (m *siteModel) memo(v *indicatorView) {
	v.sum = sync.OnceValue(func() indicator.Summary {
		return indicator.Summarize(m.ds, &v.View, m.indicatorFile(v.Key), m.wardFile(v.Key.Ward))
	})
	v.def = sync.OnceValue(func() indicator.Definition { return indicator.Define(m.ds, &v.View, v.sum()) })
	v.trend = sync.OnceValues(func() (charts.Chart, error) { return charts.Trend(memoChartID, v.Chart()) })
	v.row = sync.OnceValues(func() (template.HTML, error) {
		var b strings.Builder
		err := m.indicatorTmpl.ExecuteTemplate(&b, "compare-row", v.sum())
		return template.HTML(b.String()), err // the template escaped it
	})
	v.source = sync.OnceValues(func() (string, error) { return pageset.Key("view", v.View) })
}

// siteModel indexes a Site for the page builders.
type siteModel struct {
	ds         *model.Dataset
	indicators []*indicatorView // ward order, newest plan first, issue, number
	byKey      map[model.IndicatorKey]*indicatorView
	wards      []string
	qorder     map[questionRef]int                        // position in questions.csv
	breakdowns map[model.IndicatorKey][]compute.Breakdown // by view Key
	ofRow      map[model.IndicatorKey]*indicatorView      // every row of a series names its view
	ofSeries   map[series.Key]*indicatorView
	current    map[string]int // each ward's current plan: its latest plan_year in indicators.csv
	namer      wards.Namer    // the pages' names (ds.WardNamer)
	simple     []simple.Page
	sources    *sources
	// indicatorTmpl is the template set of the indicator pages, for the
	// rows they share (set by jobs, before any page is built).
	indicatorTmpl *template.Template
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
	m := &siteModel{ds: ds, byKey: map[model.IndicatorKey]*indicatorView{}, namer: ds.WardNamer(),
		ofRow: map[model.IndicatorKey]*indicatorView{}, ofSeries: map[series.Key]*indicatorView{}}
	for _, g := range series.Group(ds.Indicators) {
		latest := ds.Indicators[g.Latest()]
		v := m.view(latest.Key())
		v.Def, v.HasDef = latest, true
		m.ofSeries[g.Key] = v
		for _, r := range g.Rows {
			v.Plans = append(v.Plans, ds.Indicators[r])
			m.ofRow[ds.Indicators[r].Key()] = v
		}
	}
	for _, a := range site.Actuals {
		v := m.viewOf(a)
		v.Waves = append(v.Waves, a)
	}
	m.sortViews()
	m.indexDataset()
	for _, v := range m.indicators {
		m.memo(v)
	}
	m.breakdowns = breakdown.Group(site.Breakdowns, func(b compute.Breakdown) model.IndicatorKey {
		if v := m.ofRow[b.Key()]; v != nil {
			return v.Key // the view of the cell's series
		}
		return b.Key()
	})
	m.current = map[string]int{}
	for _, v := range m.indicators {
		m.current[v.Key.Ward] = max(m.current[v.Key.Ward], v.Key.PlanYear)
	}
	m.simple = simple.Pages(site.Frequencies, m.namer.Slug)
	m.sources = m.newSources()
	return m
}

// viewOf is the view of a's series: by the row that judged it, else by
// its series name (Actuals without a Dataset), else a view of its own.
func (m *siteModel) viewOf(a compute.Actual) *indicatorView {
	if v := m.ofRow[a.Key()]; v != nil {
		return v
	}
	k := series.Key{Ward: a.Ward, Name: a.Series}
	if v := m.ofSeries[k]; v != nil && a.Series != "" {
		return v
	}
	v := m.view(a.Key())
	m.ofRow[a.Key()] = v
	if a.Series != "" {
		m.ofSeries[k] = v
	}
	return v
}

func (m *siteModel) view(k model.IndicatorKey) *indicatorView {
	if v, ok := m.byKey[k]; ok {
		return v
	}
	v := &indicatorView{View: indicator.View{Key: k}}
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
	m.qorder = map[questionRef]int{}
	for i, q := range m.ds.Questions {
		m.qorder[questionRef{q.SurveyID, q.Key}] = i
	}
}

// wardIndicators are the indicators of the current plan of one ward (the
// overview, the ward page and their counts show no other), in page order.
func (m *siteModel) wardIndicators(ward string) []*indicatorView {
	return m.ofWard(ward, func(y int) bool { return y == m.current[ward] })
}

// pastIndicators are the indicators of a ward that its current plan
// dropped: their latest plan is an earlier one.
func (m *siteModel) pastIndicators(ward string) []*indicatorView {
	return m.ofWard(ward, func(y int) bool { return y < m.current[ward] })
}

func (m *siteModel) ofWard(ward string, plan func(int) bool) []*indicatorView {
	var out []*indicatorView
	for _, v := range m.indicators {
		if v.Key.Ward == ward && plan(v.Key.PlanYear) {
			out = append(out, v)
		}
	}
	return out
}

// sameQuestion are other wards' indicators built on the same question key.
func (m *siteModel) sameQuestion(v *indicatorView) []*indicatorView {
	var out []*indicatorView
	key := v.QuestionKey()
	for _, o := range m.indicators {
		if o.Key.Ward != v.Key.Ward && key != "" && o.QuestionKey() == key && o.Key.PlanYear == m.current[o.Key.Ward] {
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

// planYear is the ward's current plan: that of its indicators, else (a
// ward with no indicator) the latest plan of plans.csv; 0 when none.
func (m *siteModel) planYear(ward string) int {
	if y := m.current[ward]; y != 0 {
		return y
	}
	year := 0
	for _, p := range m.ds.Plans {
		if p.Ward == ward {
			year = max(year, p.PlanYear)
		}
	}
	return year
}

// breakdownSections are the breakdowns of v's latest wave (package
// breakdown).
func (m *siteModel) breakdownSections(ids *idGen, v *indicatorView) ([]breakdown.Section, error) {
	return breakdown.Sections(ids, v.Chart(), m.breakdowns[v.Key], m)
}

// QuestionOrder is key's position in questions.csv for the wave survey.
func (m *siteModel) QuestionOrder(survey, key string) (int, bool) {
	o, ok := m.qorder[questionRef{survey, key}]
	return o, ok
}

// QuestionText is key's text in questions.csv for the wave survey.
func (m *siteModel) QuestionText(survey, key string) string {
	q, _ := m.ds.Question(survey, key)
	return q.Text
}

// Label is the label of code of key in choices.csv for the wave survey.
func (m *siteModel) Label(survey, key string, code int) string {
	ch, _ := m.ds.Choice(survey, key, code) // a wave's own rows, else the shared ones
	return ch.Label
}
