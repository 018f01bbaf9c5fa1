package compute

import (
	"cmp"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// blankLabel is the label of the cell of respondents who left the
// attribute blank.
const blankLabel = "無回答"

// appendBreakdown appends to out the breakdown of actual a (its wave's
// facts f, its sums t) by every attribute of the wave, suppression
// applied: a suppressed cell keeps its row but none of its numbers.
func appendBreakdown(out []Breakdown, a Actual, f *waveFacts, t *tally.Tally) []Breakdown {
	for _, group := range byAttribute(t.Cells) {
		hidden := suppressed(group)
		for k, c := range group {
			out = append(out, cellOf(a, f, c, hidden[k]))
		}
	}
	return out
}

// byAttribute splits cells (each attribute's together, codes ascending,
// 無回答 last) by attribute, sorted by key as breakdowns.csv lists them.
func byAttribute(cells []tally.Cell) [][]tally.Cell {
	var groups [][]tally.Cell
	for lo := 0; lo < len(cells); {
		hi := lo + 1
		for hi < len(cells) && cells[hi].Attribute == cells[lo].Attribute {
			hi++
		}
		groups = append(groups, cells[lo:hi])
		lo = hi
	}
	slices.SortStableFunc(groups, func(a, b []tally.Cell) int { return strings.Compare(a[0].Attribute, b[0].Attribute) })
	return groups
}

// suppressed decides which cells of one attribute are hidden. A cell with
// n below SuppressBelow is. Because the indicator's total is published,
// the hidden cells of an attribute could be recovered together as the
// total minus the shown ones; so when an attribute has a small cell, its
// cells are hidden from the smallest up (ties: the smaller code first,
// 無回答 last) until at least two are hidden and together they hold at
// least SuppressBelow (complementary suppression).
func suppressed(cells []tally.Cell) []bool {
	hidden := make([]bool, len(cells))
	small := 0
	for k, c := range cells {
		if c.N < SuppressBelow {
			hidden[k] = true
			small++
		}
	}
	if small == 0 {
		return hidden
	}
	order := make([]int, len(cells))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(cells[i].N, cells[j].N), compareCodes(cells[i].Code, cells[j].Code))
	})
	var before int64 // what the smaller cells hold
	for rank, k := range order {
		if rank < 2 || before < SuppressBelow {
			hidden[k] = true
		}
		before += cells[k].N
	}
	return hidden
}

// compareCodes orders codes ascending with 無回答 (model.Blank) last.
func compareCodes(a, b int32) int {
	switch {
	case a == b:
		return 0
	case a == model.Blank:
		return 1
	case b == model.Blank:
		return -1
	}
	return cmp.Compare(a, b)
}

// cellOf is one cell of a's breakdown, with its statistics unless hidden.
func cellOf(a Actual, f *waveFacts, c tally.Cell, hidden bool) Breakdown {
	b := Breakdown{
		IndicatorID: a.IndicatorID, Ward: a.Ward, PlanYear: a.PlanYear, IssueNo: a.IssueNo, IndicatorNo: a.IndicatorNo,
		Title: a.Title, SurveyID: a.SurveyID, FiscalYear: a.FiscalYear, Weighted: a.Weighted,
		AttributeKey: c.Attribute, AttributeText: f.text[c.Attribute], Label: blankLabel, Suppressed: hidden,
	}
	if c.Code != model.Blank {
		b.Code = sql.NullInt64{Int64: int64(c.Code), Valid: true}
		label, ok := f.labels[c.Attribute][c.Code]
		if !ok {
			label = strconv.Itoa(int(c.Code))
		}
		b.Label = label
	}
	if hidden {
		return b
	}
	tenths, ok := c.Tenths()
	if !ok {
		return b
	}
	b.NValid = sql.NullInt64{Int64: c.N, Valid: true}
	b.Reference = c.N <= ReferenceUpTo
	b.Percent = valid(float64(tenths) / 10)
	p, err := stats.Estimate(stats.Sums{NWave: a.Respondents, NValid: int(c.N), NPositive: int(c.NPositive),
		SumW: c.SW, SumWY: c.SWY, SumW2: c.SW2, SumW2Y: c.SW2Y})
	if err != nil {
		return b
	}
	b.PercentExact = valid(100 * p.P)
	if ci, ok := p.CI(stats.Level); ok {
		b.CILow, b.CIHigh = valid(100*ci.Low), valid(100*ci.High)
	}
	return b
}
