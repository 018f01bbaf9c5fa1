// Package indicator tells what the pages say of one アウトカム指標 followed
// across plans: its title and target, its one-line summary, how it is
// counted (its definition, as method.html explains it) and the 自己評価
// (案) of its latest wave. Which pages there are, their files and their
// order are package dashboards'.
package indicator

import (
	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/present/selfeval"
)

// View is one アウトカム指標 followed across plans (a series, package
// series) with every wave measured for it. Key and Def are the row of its
// latest plan; each wave carries the row of the plan that judged it.
type View struct {
	Key    model.IndicatorKey
	Def    model.Indicator // zero when only Actuals name the indicator
	HasDef bool
	Plans  []model.Indicator // the series' rows, oldest plan first
	Waves  []compute.Actual  // oldest first
}

// Latest is the newest wave, if any.
func (v *View) Latest() (compute.Actual, bool) {
	if len(v.Waves) == 0 {
		return compute.Actual{}, false
	}
	return v.Waves[len(v.Waves)-1], true
}

// Title prefers the plan's wording; Actuals copy it, so they are the fallback.
func (v *View) Title() string {
	if v.HasDef && v.Def.Title != "" {
		return v.Def.Title
	}
	if a, ok := v.Latest(); ok {
		return a.Title
	}
	return ""
}

// target is the indicator's target; the plan row wins over a copied one.
func (v *View) target() (percent float64, op string, year int) {
	if v.HasDef {
		return v.Def.TargetPercent, v.Def.TargetOp, v.Def.TargetYear
	}
	a, _ := v.Latest()
	return a.TargetPercent, a.TargetOp, a.TargetYear
}

// Chart is what the charts show of the indicator.
func (v *View) Chart() charts.Indicator {
	percent, op, year := v.target()
	return charts.Indicator{Title: v.Title(), Target: stats.Target{Percent: percent, Op: op, Year: year}, Waves: v.Waves}
}

// QuestionKey is the question the indicator counts, as its plan row or
// (without one) its latest wave names it.
func (v *View) QuestionKey() string {
	if v.HasDef {
		return v.Def.QuestionKey
	}
	a, _ := v.Latest()
	return a.QuestionKey
}

// Draft is the 自己評価 draft of v's latest wave, or nil; ds labels its
// answers.
func Draft(ds *model.Dataset, v *View) selfeval.Draft {
	a, ok := v.Latest()
	if !ok {
		return nil
	}
	return selfeval.Write(selfevalOf(ds, v), a.FiscalYear)
}

// selfevalOf is what the 自己評価 draft of v is written from: its waves and
// the labels of its positive and excluded answers in its latest wave.
func selfevalOf(ds *model.Dataset, v *View) selfeval.Indicator {
	in := selfeval.Indicator{Population: v.Def.Population, Filtered: len(v.Def.Filter) > 0, Waves: v.Waves}
	if a, ok := v.Latest(); ok && in.Population == "" {
		in.Population = a.Population
	}
	key := v.QuestionKey()
	survey := labelSurvey(ds, v, key)
	label := func(c int) string { return choiceLabel(ds, survey, key, c) }
	in.Positive, in.Excluded = selfeval.Labels(v.Def.PositiveCodes, label), selfeval.Labels(v.Def.ExcludedCodes, label)
	return in
}
