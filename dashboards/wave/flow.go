package wave

import (
	"fmt"

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
// The 対象外 rows are shown only when some wave has someone in them.
func FlowOf(waves []compute.Actual) FlowTable {
	var t FlowTable
	if len(waves) == 0 {
		return t
	}
	anyOf := func(n func(compute.Actual) int) bool {
		for _, a := range waves {
			if n(a) > 0 {
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
		t.addCodes(waves, last.ExcludedBy, func(a compute.Actual) []compute.FlowCode { return a.ExcludedBy })
	}
	add("n（有効回答）", false, func(a compute.Actual) int { return a.NValid })
	t.Rows[len(t.Rows)-1].Key = true
	add("肯定的な回答（分子）", false, func(a compute.Actual) int { return a.NPositive })
	t.addCodes(waves, last.PositiveBy, func(a compute.Actual) []compute.FlowCode { return a.PositiveBy })
	return t
}

// addCodes adds an うち row for each code of codes (the latest wave's,
// for their labels), with each wave's count of that code.
func (t *FlowTable) addCodes(waves []compute.Actual, codes []compute.FlowCode, of func(compute.Actual) []compute.FlowCode) {
	for _, c := range codes {
		label := c.Label
		if label == "" {
			label = fmt.Sprintf("コード %d", c.Code)
		}
		r := FlowRow{Label: "うち「" + label + "」", Sub: true}
		for _, a := range waves {
			cell := present.Dash
			for _, o := range of(a) {
				if o.Code == c.Code {
					cell = flowCell(o.N)
				}
			}
			r.Cells = append(r.Cells, cell)
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
