package dashboards

import (
	"fmt"
	"html/template"
	"sort"
	"time"

	"github.com/shihyo/shihyo/dashboards/breakdown"
	"github.com/shihyo/shihyo/dashboards/budget"
	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/indicator"
	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/dashboards/pageset"
	"github.com/shihyo/shihyo/dashboards/simple"
	"github.com/shihyo/shihyo/dashboards/targets"
	"github.com/shihyo/shihyo/dashboards/wave"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present/selfeval"
)

// memoChartID is the ID of a chart built for several pages, which give it
// their own.
const memoChartID = "chart-memo"

// idGen numbers the charts of one page; ids restart on every page so the
// output is the same for the same input. Its count also tells whether the
// page needs ECharts at all.
type idGen struct{ n int }

// Next is the id of the page's next chart.
func (g *idGen) Next() string {
	g.n++
	return fmt.Sprintf("chart-%d", g.n)
}

// jobs are the builders of every page of the site (package pageset runs
// them): the overview, each ward, each indicator, 算出方法.
func (m *siteModel) jobs(generated time.Time, tmpls map[string]*template.Template, menus layout.Menus) []pageset.Job {
	gen := layout.Generated(generated)
	m.indicatorTmpl = tmpls["indicator.html"]
	job := func(file, tmpl, title string, source func() (string, error), build func(*idGen) (any, error)) pageset.Job {
		return pageset.Job{File: file, Source: source, Build: func() (pageset.Page, error) {
			ids := &idGen{}
			data, err := build(ids)
			if err != nil {
				return pageset.Page{}, fmt.Errorf("build pages: %w", err)
			}
			return pageJob(file, tmpl, tmpls[tmpl], layout.Page{Title: title, File: file, Menu: menus.Of(file),
				Generated: gen, HasCharts: ids.n > 0, Content: data})
		}}
	}
	jobs := []pageset.Job{job("index.html", "index.html", "概要", m.allSource("index.html"), func(ids *idGen) (any, error) { return m.indexPage(ids) })}
	for _, ward := range m.wards {
		jobs = append(jobs, job(m.wardFile(ward), "ward.html", ward, m.wardSource(ward), func(ids *idGen) (any, error) {
			wp, err := m.wardPage(ids, ward)
			if err != nil {
				return nil, fmt.Errorf("ward %s: %w", ward, err)
			}
			return wp, nil
		}))
	}
	for _, v := range m.indicators {
		jobs = append(jobs, job(m.indicatorFile(v.Key), "indicator.html", v.Title(), m.indicatorSource(v), func(ids *idGen) (any, error) {
			ip, err := m.indicatorPage(ids, v)
			if err != nil {
				return nil, fmt.Errorf("indicator %s: %w", m.indicatorFile(v.Key), err)
			}
			return ip, nil
		}))
	}
	// A 単純集計 page's model is built with the site's (simple.Pages):
	// it has no source, only its key.
	for _, p := range m.simple {
		jobs = append(jobs, job(p.File, "simple.html", p.Title, nil, func(*idGen) (any, error) { return p.Content, nil }))
	}
	return append(jobs, job("method.html", "method.html", "算出方法", m.allSource("method.html"), func(*idGen) (any, error) { return m.methodPage(), nil }))
}

// indexPage is the overview: every indicator with its latest wave.
type indexPage struct {
	Counts wave.Counts
	Wards  []indexWard
}

type indexWard struct {
	Ward, File string
	Counts     wave.Counts
	Rows       []indexRow
}

type indexRow struct {
	indicator.Summary
	Spark    charts.Chart
	HasSpark bool
}

func (m *siteModel) indexPage(ids *idGen) (indexPage, error) {
	var p indexPage
	for _, ward := range m.wards {
		w := indexWard{Ward: ward, File: m.wardFile(ward)}
		for _, v := range m.wardIndicators(ward) {
			row := indexRow{Summary: v.sum()}
			if row.HasActual {
				spark, err := charts.Spark(ids.Next(), v.Chart())
				if err != nil {
					return p, err
				}
				row.Spark, row.HasSpark = spark, true
			}
			w.Counts.Add(row.Status, row.Traj)
			p.Counts.Add(row.Status, row.Traj)
			w.Rows = append(w.Rows, row)
		}
		p.Wards = append(p.Wards, w)
	}
	return p, nil
}

// wardPage is one ward: its current plan, issue by issue, then the
// indicators that the current plan no longer has (Past).
type wardPage struct {
	Ward   string
	Counts wave.Counts
	Plans  []planSection // the current plan, when the ward has one
	Past   []indicator.Summary
	Simple []simple.Link // the 単純集計 of the ward's waves, newest first
}

type planSection struct {
	Year, Goal, Mission string
	Issues              []issueSection
}

type issueSection struct {
	No         int
	Title      string
	Line       string // the line of 自己評価 (案) of the issue, when it has indicators
	Indicators []indicatorBlock
	Budget     *budget.Section // nil without plan_actions.csv lines
}

// indicatorBlock is an indicator's trend chart with its data table.
type indicatorBlock struct {
	Summary  indicator.Summary
	Chart    charts.Chart
	HasChart bool
	Rows     []wave.Row
	Notes    []string // waves judged by another year's plan (targets.Notes)
	Source   string
}

func (m *siteModel) wardPage(ids *idGen, ward string) (wardPage, error) {
	wp := wardPage{Ward: ward, Simple: simple.Links(m.simple, ward)}
	if year := m.planYear(ward); year != 0 {
		sec, err := m.planSection(ids, &wp.Counts, ward, year)
		if err != nil {
			return wp, err
		}
		wp.Plans = append(wp.Plans, sec)
	}
	for _, v := range m.pastIndicators(ward) {
		wp.Past = append(wp.Past, v.sum())
	}
	return wp, nil
}

// planSection is one plan of a ward's page, its indicators counted into
// counts; each 経営課題 with indicators gets its line of 自己評価 (案).
func (m *siteModel) planSection(ids *idGen, counts *wave.Counts, ward string, year int) (planSection, error) {
	sec := planSection{Year: wareki.Label(year)}
	if p, ok := m.plan(ward, year); ok {
		sec.Goal, sec.Mission = p.Goal, p.Mission
	}
	issues := m.planIssues(ward, year)
	views := map[int][]*indicatorView{}
	for _, v := range m.wardIndicators(ward) {
		if v.Key.PlanYear != year {
			continue
		}
		block, err := m.indicatorBlock(ids, v)
		if err != nil {
			return sec, err
		}
		counts.Add(block.Summary.Status, block.Summary.Traj)
		is := issues[v.Key.IssueNo]
		is.No, is.Indicators = v.Key.IssueNo, append(is.Indicators, block)
		issues[v.Key.IssueNo] = is
		views[v.Key.IssueNo] = append(views[v.Key.IssueNo], v)
	}
	for no, vs := range views {
		is := issues[no]
		is.Line = issueLine(no, vs)
		issues[no] = is
	}
	sec.Issues = sortedIssues(issues)
	budgets, err := budget.Sections(ids, m.ds, ward, year) // beside each 経営課題's indicators
	if err != nil {
		return sec, err
	}
	for k := range sec.Issues {
		sec.Issues[k].Budget = budgets[sec.Issues[k].No]
	}
	return sec, nil
}

// issueLine is the one line of the 自己評価 of a 経営課題 from the latest
// waves of its indicators views.
func issueLine(no int, views []*indicatorView) string {
	waves := make([]*compute.Actual, len(views))
	for i, v := range views {
		if a, ok := v.Latest(); ok {
			waves[i] = &a
		}
	}
	return selfeval.IssueLine(no, waves)
}

// planIssues starts from plan_issues.csv so that an issue without
// indicators is still listed.
func (m *siteModel) planIssues(ward string, year int) map[int]issueSection {
	issues := map[int]issueSection{}
	for _, is := range m.ds.PlanIssues {
		if is.Ward == ward && is.PlanYear == year {
			issues[is.IssueNo] = issueSection{No: is.IssueNo, Title: is.Title}
		}
	}
	return issues
}

func sortedIssues(issues map[int]issueSection) []issueSection {
	out := make([]issueSection, 0, len(issues))
	for _, is := range issues {
		out = append(out, is)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].No < out[j].No })
	return out
}

func (m *siteModel) indicatorBlock(ids *idGen, v *indicatorView) (indicatorBlock, error) {
	b := indicatorBlock{Summary: v.sum(), Rows: wave.Rows(v.Waves), Notes: targets.Notes(v.Waves), Source: v.Def.SourceText}
	if len(v.Waves) == 0 {
		return b, nil
	}
	chart, err := v.trend() // an option never names its chart (TestChartOptionsShared)
	chart.ID = ids.Next()
	b.Chart, b.HasChart = chart, true
	return b, err
}

// indicatorPage is everything about one indicator.
type indicatorPage struct {
	Block      indicatorBlock
	Def        indicator.Definition
	Gauge      charts.Chart
	HasGauge   bool
	Question   string
	Latest     wave.Row
	Breakdowns []breakdown.Section
	Compare    []template.HTML // rows of the other wards' indicators (compare-row)
	Draft      selfevalDraft
	Targets    []targets.Row  // the target of each plan that has the indicator
	Flow       wave.FlowTable // the denominator of each wave explained
}

// selfevalDraft is the 自己評価 (案) of the latest wave, paragraph by
// paragraph, with its heading.
type selfevalDraft struct {
	Heading    string
	Year       string
	Paragraphs []string
}

func (m *siteModel) indicatorPage(ids *idGen, v *indicatorView) (indicatorPage, error) {
	block, err := m.indicatorBlock(ids, v)
	if err != nil {
		return indicatorPage{}, err
	}
	p := indicatorPage{Block: block, Def: v.def(), Targets: targets.History(v.Plans), Flow: wave.FlowOf(v.Waves)}
	if a, ok := v.Latest(); ok {
		p.Question, p.Latest = a.QuestionText, wave.RowOf(a)
		p.Draft = selfevalDraft{Heading: selfeval.Heading, Year: wareki.Label(a.FiscalYear), Paragraphs: indicator.Draft(m.ds, &v.View)}
		if p.Gauge, p.HasGauge, err = charts.Gauge(ids.Next(), v.Chart()); err != nil {
			return p, err
		}
		if p.Breakdowns, err = m.breakdownSections(ids, v); err != nil {
			return p, err
		}
	}
	for _, o := range m.sameQuestion(v) {
		row, err := o.row()
		if err != nil {
			return p, fmt.Errorf("compare row: %w", err)
		}
		p.Compare = append(p.Compare, row)
	}
	return p, nil
}

// methodPage explains the computation and lists each indicator's rules.
type methodPage struct {
	Definitions                  []indicator.Definition
	ReferenceUpTo, SuppressBelow int
}

func (m *siteModel) methodPage() methodPage {
	p := methodPage{ReferenceUpTo: compute.ReferenceUpTo, SuppressBelow: compute.SuppressBelow}
	for _, v := range m.indicators {
		p.Definitions = append(p.Definitions, v.def())
	}
	return p
}
