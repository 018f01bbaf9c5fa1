package compute

import (
	"github.com/shihyo/shihyo/pipeline/compute/smallcount"
	"github.com/shihyo/shihyo/pipeline/disclose"
)

// FlowHidden stands for a count of the denominator's flow that is not
// published: actuals.csv leaves its cell empty, the pages show —.
const FlowHidden = smallcount.Hidden

// hideFlow hides the counts of a's flow that disclosure control hides:
// those of counts (the flow as the linked model decided it, linkWave),
// or, for a 複数回答 question (counts nil), by protectFlow.
func hideFlow(a *Actual, counts []disclose.FlowCount) {
	if counts == nil {
		protectFlow(a)
		return
	}
	steps := []*int{&a.FlowFiltered, &a.FlowNotApplicable, &a.FlowNoAnswer, &a.FlowExcluded}
	by := append(codeCounts(a.ExcludedBy), codeCounts(a.PositiveBy)...)
	for i, c := range counts {
		if c.Shown {
			continue
		}
		if i < len(steps) {
			*steps[i] = FlowHidden
		} else if i-len(steps) < len(by) {
			*by[i-len(steps)] = FlowHidden
		}
	}
}

// protectFlow hides the small counts of the flow of a 複数回答 question,
// whose counts by code overlap (a respondent is under every code chosen)
// and add up to no published number: only their counts of 1 to 9 are
// hidden. Those left out after the filter (非該当, 無回答, 除外) add up to
// 回答者数 − 対象外 − n and hide a count of 1 to 9 with complements
// (smallcount.HideGroup, 無回答 first).
func protectFlow(a *Actual) {
	smallcount.HideEach(codeCounts(a.ExcludedBy))
	smallcount.HideEach(codeCounts(a.PositiveBy))
	smallcount.HideGroup([]*int{&a.FlowNotApplicable, &a.FlowNoAnswer, &a.FlowExcluded}, 1)
	for _, c := range a.ExcludedBy {
		if c.N == FlowHidden {
			a.FlowExcluded = FlowHidden
		}
	}
}

func codeCounts(codes []FlowCode) []*int {
	out := make([]*int, len(codes))
	for i := range codes {
		out[i] = &codes[i].N
	}
	return out
}
