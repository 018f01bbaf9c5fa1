package wave

import (
	"fmt"
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// FlowTable is an indicator's denominator explained, one column per wave
// (oldest first): 回答者数, then who is left out before n (対象外, 無回答,
// 除外 with each excluded answer), n, and 肯定 with each positive answer
// (docs/statistics.md §1). The rows of one level add up to 回答者数; an
// うち row (Sub) is part of the row above it. Counts are respondents,
// unweighted.
type FlowTable struct {
	Years []string
	Rows  []FlowRow
}

// FlowRow is one step of the flow in every wave.
type FlowRow struct {
	Label string
	Sub   bool // an うち row of the step above
	Key   bool // n (有効回答): the denominator itself
	Cells []string
}

// FlowOf is the flow table of an indicator's waves; empty without waves.
// The 対象外 rows are left out only when every wave publishes 0 there: a
// row whose counts are hidden (非公表) stays, so that its absence never
// reads as 0 where the count is hidden (the disclosure control does not
// assume it, and a reader would).
func FlowOf(waves []compute.Actual) FlowTable {
	var t FlowTable
	if len(waves) == 0 {
		return t
	}
	anyOf := func(n func(compute.Actual) int) bool {
		for _, a := range waves {
			if n(a) != 0 {
				return true
			}
		}
		return false
	}
	add := func(label string, sub bool, n func(compute.Actual) int) {
		r := FlowRow{Label: label, Sub: sub}
		for _, a := range waves {
			r.Cells = append(r.Cells, flowCell(n(a)))
		}
		t.Rows = append(t.Rows, r)
	}
	for _, a := range waves {
		t.Years = append(t.Years, wareki.Label(a.FiscalYear))
	}
	add("回答者数", false, func(a compute.Actual) int { return a.Respondents })
	if filtered := func(a compute.Actual) int { return a.FlowFiltered }; anyOf(filtered) {
		add("対象外（絞り込みの条件に当てはまらない）", false, filtered)
	}
	if na := func(a compute.Actual) int { return a.FlowNotApplicable }; anyOf(na) {
		add("対象外（非該当）", false, na)
	}
	add("無回答", false, func(a compute.Actual) int { return a.FlowNoAnswer })
	last := waves[len(waves)-1]
	if len(last.ExcludedBy) > 0 {
		add("除外（分母から除く回答）", false, func(a compute.Actual) int { return a.FlowExcluded })
		t.addCodes(waves, func(a compute.Actual) []compute.FlowCode { return a.ExcludedBy })
	}
	add("n（有効回答）", false, func(a compute.Actual) int { return a.NValid })
	t.Rows[len(t.Rows)-1].Key = true
	add("肯定的な回答（分子）", false, func(a compute.Actual) int { return a.NPositive })
	t.addCodes(waves, func(a compute.Actual) []compute.FlowCode { return a.PositiveBy })
	return t
}

// addCodes adds an うち row for each code and its label, with the count
// of each wave that gave the code that label: the latest wave's codes
// first, in its order, then those only earlier waves have, newest first.
// A code whose label changed between waves is one row per label, so that
// no year's count stands under another year's wording; a wave where the
// code has no label (no choice of its own) counts in the code's first row.
func (t *FlowTable) addCodes(waves []compute.Actual, of func(compute.Actual) []compute.FlowCode) {
	type choice struct {
		code  int
		label string
	}
	var rows []choice
	cells := map[choice][]string{}
	place := func(labelled bool) {
		for i := len(waves) - 1; i >= 0; i-- {
			for _, o := range of(waves[i]) {
				if (o.Label != "") != labelled {
					continue
				}
				c := choice{o.Code, o.Label}
				if at := slices.IndexFunc(rows, func(r choice) bool { return r.code == o.Code }); !labelled && at >= 0 {
					c = rows[at]
				}
				if cells[c] == nil {
					rows = append(rows, c)
					cells[c] = make([]string, len(waves))
				}
				cells[c][i] = flowCell(o.N)
			}
		}
	}
	place(true)
	place(false)
	for _, c := range rows {
		label := c.label
		if label == "" {
			label = fmt.Sprintf("コード %d", c.code)
		}
		r := FlowRow{Label: "うち「" + label + "」", Sub: true, Cells: cells[c]}
		for i, cell := range r.Cells {
			if cell == "" {
				r.Cells[i] = present.Dash
			}
		}
		t.Rows = append(t.Rows, r)
	}
}

// flowCell writes a count of the flow; a hidden one (compute.FlowHidden)
// as 非公表.
func flowCell(n int) string {
	if n < 0 {
		return "非公表"
	}
	return present.Count(n)
}
