package plan

import (
	"strconv"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/present/selfeval"
)

// Draft is the 自己評価 (案) of in for the fiscal year shown for its ward
// (package selfeval), from the waves of its series up to that year, each
// judged by its own year's plan; nil when the indicator was not measured
// that year.
func (p *Data) Draft(in model.Indicator) selfeval.Draft {
	year := p.years[in.Ward]
	var waves []compute.Actual
	for _, a := range p.wavesOf(in) {
		if a.FiscalYear <= year {
			waves = append(waves, a)
		}
	}
	if len(waves) == 0 {
		return nil
	}
	latest := waves[len(waves)-1]
	return selfeval.Write(selfeval.Indicator{
		Population: latest.Population, Filtered: in.FilterText != "", Waves: waves,
		Positive: p.labelsOf(latest, in.PositiveCodes), Excluded: p.labelsOf(latest, in.ExcludedCodes),
	}, year)
}

// labelsOf are the labels of codes of a's question in a's wave, a code
// itself where choices.csv had no label.
func (p *Data) labelsOf(a compute.Actual, codes []int) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if l := p.labels[labelKey{a.SurveyID, a.QuestionKey, c}]; l != "" {
			out = append(out, l)
		} else {
			out = append(out, "コード "+strconv.Itoa(c))
		}
	}
	return out
}

// IssueLine is the line of 自己評価 (案) of the 経営課題 k, from the waves of
// its indicators in the fiscal year shown for its ward (package selfeval).
func (p *Data) IssueLine(k IssueKey) string {
	var waves []*compute.Actual
	for _, in := range p.Indicators {
		if in.Ward == k.Ward && in.PlanYear == k.PlanYear && in.IssueNo == k.IssueNo {
			a, err := p.ActualOf(in)
			if err != nil {
				a = nil // written into the table's own cell as an error elsewhere
			}
			waves = append(waves, a)
		}
	}
	return selfeval.IssueLine(k.IssueNo, waves)
}
