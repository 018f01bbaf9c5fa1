package dashboards

import (
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/present/selfeval"
)

// selfevalOf is what the 自己評価 draft of v is written from: its waves and
// the labels of its positive and excluded answers in its latest wave.
func (m *siteModel) selfevalOf(v *indicatorView) selfeval.Indicator {
	in := selfeval.Indicator{Population: v.Def.Population, Filtered: len(v.Def.Filter) > 0, Waves: v.Waves}
	if a, ok := v.latest(); ok && in.Population == "" {
		in.Population = a.Population
	}
	key := v.questionKey()
	survey := m.labelSurvey(v, key)
	label := func(c int) string { return m.Label(survey, key, c) }
	in.Positive, in.Excluded = selfeval.Labels(v.Def.PositiveCodes, label), selfeval.Labels(v.Def.ExcludedCodes, label)
	return in
}

// draft is the 自己評価 draft of v's latest wave, or nil.
func (m *siteModel) draft(v *indicatorView) selfeval.Draft {
	a, ok := v.latest()
	if !ok {
		return nil
	}
	return selfeval.Write(m.selfevalOf(v), a.FiscalYear)
}

// issueLine is the one line of the 自己評価 of a 経営課題 from the latest
// waves of its indicators views.
func issueLine(no int, views []*indicatorView) string {
	waves := make([]*compute.Actual, len(views))
	for i, v := range views {
		if a, ok := v.latest(); ok {
			waves[i] = &a
		}
	}
	return selfeval.IssueLine(no, waves)
}
