package compute

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/internal/parallel"
	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/series"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// Input is what the published numbers are computed from: the definitions,
// the plan of what each wave counts, and the sums the engine counted (or
// kept from an earlier refresh).
type Input struct {
	Dataset *model.Dataset
	Plan    *tally.Plan
	// Respondents are the rows of each wave's response file, by survey id:
	// the survey design's n.
	Respondents map[string]int
	// Tallies are, by survey id, the sums of each domain the wave measures
	// (keyed by its index in Plan.Domains).
	Tallies map[string]map[int]*tally.Tally
	// decided holds the decisions once Decided (or DecidedReusing) has
	// made them, for Publish and HiddenFrequencies to share (deciding is
	// most of their work).
	decided *decisions
}

// waveFacts are the definitions of one wave that its numbers carry.
type waveFacts struct {
	survey   model.Survey
	weighted bool
	multi    map[string]bool   // the 複数回答 keys
	text     map[string]string // question text by key
	labels   map[string]map[int32]string
	merged   map[string]int32 // the code of each attribute whose cell holds 無回答 (kind with_blank)
}

func factsOf(ds *model.Dataset) map[string]*waveFacts {
	out := make(map[string]*waveFacts, len(ds.Surveys))
	for _, s := range ds.Surveys {
		out[s.ID] = &waveFacts{survey: s, text: map[string]string{}, labels: map[string]map[int32]string{}, multi: map[string]bool{},
			merged: map[string]int32{}}
	}
	for _, q := range ds.Questions {
		f := out[q.SurveyID]
		if f == nil {
			continue
		}
		f.weighted = f.weighted || q.Role == model.RoleWeight
		f.multi[q.Key] = f.multi[q.Key] || q.Role == model.RoleMulti
		if _, seen := f.text[q.Key]; !seen {
			f.text[q.Key] = q.Text
		}
	}
	for _, ch := range ds.Choices {
		f := out[ch.SurveyID]
		if f == nil {
			continue
		}
		m := f.labels[ch.Key]
		if m == nil {
			m = map[int32]string{}
			f.labels[ch.Key] = m
		}
		if _, seen := m[int32(ch.Code)]; !seen {
			m[int32(ch.Code)] = ch.Label
		}
		if ch.WithBlank {
			f.merged[ch.Key] = int32(ch.Code)
		}
	}
	return out
}

// Publish computes every actual and breakdown cell from in, with their
// statistics: one actual per series (one indicator across plans, package
// series) and wave, judged against the target of the series' row in the
// wave's own plan (series.Judge). It decides what is published: a domain
// that nobody is in has no actual; disclosure control (decideAll,
// docs/statistics.md §6) over each wave's linked tables decides which
// actuals are withdrawn and which breakdown cells are hidden. Actuals come
// sorted by series (sortedSeries), fiscal year and survey id; cells
// likewise, then by attribute key and code
// (無回答 last).
func Publish(in Input) ([]Actual, []Breakdown) {
	facts := factsOf(in.Dataset)
	type item struct {
		i           int
		s           model.Survey
		t           *tally.Tally
		d           *decide.Decision
		cell, cells int // the index of its first breakdown cell, and their number
	}
	var items []item
	ncells := 0
	surveys := SortedSurveys(in.Dataset.Surveys)
	decisions, _ := in.decisions()
	inds := in.Dataset.Indicators
	for _, g := range sortedSeries(inds) {
		rep := g.Rows[0] // every row of a series counts the same domain in the same waves
		di := in.Plan.OfIndicator[rep]
		for _, s := range surveys {
			t, ok := in.Tallies[s.ID][di]
			d := decisions[s.ID][di]
			if !ok || !measures(in.Plan, s.ID, rep) || d == nil || d.Withdrawn {
				continue
			}
			n := breakdownCells(d)
			items = append(items, item{g.Judge(inds, s.FiscalYear), s, t, d, ncells, n})
			ncells += n
		}
	}
	// Every actual and cell has its place from the start, and the items
	// are published on every core, each into its own places.
	actuals, ests := make([]Actual, len(items)), make([]Estimate, len(items))
	cells := make([]Breakdown, ncells)
	// No item fails, and nothing cancels the background context.
	_ = parallel.Each(context.Background(), len(items), func(j int) error {
		it := items[j]
		f := facts[it.s.ID]
		a, e := actualOf(it.i+1, in.Dataset.Indicators[it.i], f, in.Respondents[it.s.ID], it.t.Total)
		flowOf(&a, f, it.t.Flow, it.d.Flow)
		actuals[j], ests[j] = a, e
		putBreakdown(cells[it.cell:it.cell+it.cells], a, f, it.d)
		return nil
	})
	derive(actuals, ests)
	return actuals, cells
}

// sortedSeries are the series of inds (package series) by the ward, plan
// year, issue and number of their latest row: each is one indicator, its
// waves judged each by the row of its year's plan (series.Judge).
func sortedSeries(inds []model.Indicator) []series.Series {
	groups := series.Group(inds)
	slices.SortStableFunc(groups, func(x, y series.Series) int {
		a, b := &inds[x.Latest()], &inds[y.Latest()]
		return cmp.Or(strings.Compare(a.Ward, b.Ward), cmp.Compare(a.PlanYear, b.PlanYear),
			cmp.Compare(a.IssueNo, b.IssueNo), cmp.Compare(a.IndicatorNo, b.IndicatorNo))
	})
	return groups
}

// SortedSurveys are the waves by fiscal year and survey id, the order
// the published tables list them in.
func SortedSurveys(surveys []model.Survey) []model.Survey {
	s := slices.Clone(surveys)
	slices.SortStableFunc(s, func(a, b model.Survey) int {
		return cmp.Or(cmp.Compare(a.FiscalYear, b.FiscalYear), strings.Compare(a.ID, b.ID))
	})
	return s
}

// measures reports whether the wave measures indicator i.
func measures(p *tally.Plan, survey string, i int) bool {
	_, found := slices.BinarySearch(p.Of(survey).Indicators, i)
	return found
}

// actualOf is the actual of indicator ind (numbered id) in the wave of f,
// whose domain sums are s.
func actualOf(id int, ind model.Indicator, f *waveFacts, respondents int, s tally.Sums) (Actual, Estimate) {
	a := Actual{
		IndicatorID: id, Ward: ind.Ward, PlanYear: ind.PlanYear, IssueNo: ind.IssueNo, IndicatorNo: ind.IndicatorNo,
		Title: ind.Title, Population: ind.Population, QuestionKey: ind.QuestionKey, QuestionText: f.text[ind.QuestionKey],
		SurveyID: f.survey.ID, FiscalYear: f.survey.FiscalYear, Mailed: f.survey.Mailed, Respondents: respondents,
		Weighted: f.weighted, NValid: int(s.N), NPositive: int(s.NPositive),
		TargetPercent: ind.TargetPercent, TargetOp: ind.TargetOp, TargetYear: ind.TargetYear,
		Series: series.Name(ind),
	}
	tenths, _ := s.Tenths()
	a.Percent = float64(tenths) / 10
	a.Status = a.target().Status(a.Percent)
	e := Estimate{IndicatorID: id, NWave: respondents, NValid: a.NValid, NPositive: a.NPositive,
		SumW: s.SW, SumWY: s.SWY, SumW2: s.SW2, SumW2Y: s.SW2Y}
	return a, e
}

// flowOf fills the flow of a (in the wave of f) from the pass's, hiding
// what disclosure control hides (counts; nil for a 複数回答 question).
func flowOf(a *Actual, f *waveFacts, fl tally.Flow, counts []disclose.FlowCount) {
	a.Multi = f.multi[a.QuestionKey]
	a.FlowFiltered, a.FlowNotApplicable = int(fl.Filtered), int(fl.NotApplicable)
	a.FlowNoAnswer, a.FlowExcluded = int(fl.Missing), int(fl.Excluded)
	labelled := func(by []tally.CodeCount) []FlowCode {
		out := make([]FlowCode, len(by))
		for i, c := range by {
			out[i] = FlowCode{Code: int(c.Code), Label: f.labels[a.QuestionKey][c.Code], N: int(c.N)}
		}
		return out
	}
	a.ExcludedBy, a.PositiveBy = labelled(fl.ExcludedBy), labelled(fl.PositiveBy)
	hideFlow(a, counts)
	a.FlowExcludedBy, a.FlowPositiveBy = FlowText(a.ExcludedBy), FlowText(a.PositiveBy)
}
