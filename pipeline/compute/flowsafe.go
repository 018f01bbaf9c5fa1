package compute

import "github.com/shihyo/shihyo/pipeline/compute/smallcount"

// FlowHidden stands for a count of the denominator's flow that is not
// published: actuals.csv leaves its cell empty, the pages show —.
const FlowHidden = smallcount.Hidden

// protectFlow hides the small counts of a's flow. n_valid and n_positive
// are published (the plan's own figures), and so is the wave's 回答者数
// and the 対象外 of the filter, so the flow has two groups whose totals are
// known: those left out after the filter (非該当, 無回答, each excluded
// code), which add up to 回答者数 − 対象外 − n, and the positives by code,
// which add up to n_positive. In each group, a count of 1 to 9 is hidden
// with the complementary rule of the breakdowns (the smallest first, empty
// counts too, until two or more are hidden holding 10 or more, or the
// whole group): no hidden count can be worked out from the shown ones. The
// total excluded is hidden with any of its codes. A 複数回答 question's
// counts by code overlap (a respondent is under every code chosen), add
// up to no published number, and only their counts of 1 to 9 are hidden.
func protectFlow(a *Actual) {
	left := []*int{&a.FlowNotApplicable, &a.FlowNoAnswer}
	if a.Multi {
		left = append(left, &a.FlowExcluded)
		smallcount.HideEach(codeCounts(a.ExcludedBy))
		smallcount.HideEach(codeCounts(a.PositiveBy))
	} else {
		left = append(left, codeCounts(a.ExcludedBy)...)
		smallcount.HideGroup(codeCounts(a.PositiveBy))
	}
	smallcount.HideGroup(left)
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
