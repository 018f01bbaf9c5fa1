package compute

import (
	"database/sql"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// blankLabel is the label of the cell of respondents who left the
// attribute blank; a cell that holds them with a code (kind with_blank)
// is labelled the code's label, WithBlankSuffix and code the code's.
const blankLabel = "無回答"

// WithBlankSuffix ends the label of a cell that counts 無回答 with a code:
// 「子育て中ではない・無回答」.
const WithBlankSuffix = "・" + blankLabel

// breakdownCells is how many cells the breakdown of a decision has: one
// per category of each attribute (putBreakdown).
func breakdownCells(d *decide.Decision) int {
	n := 0
	for _, t := range d.Tables {
		n += len(t.Levels)
	}
	return n
}

// putBreakdown writes into out, breakdownCells(d) long, the breakdown of
// actual a (its wave's facts f) that decision d publishes: every category
// of each attribute, a hidden cell with its row but none of its numbers.
func putBreakdown(out []Breakdown, a Actual, f *waveFacts, d *decide.Decision) {
	k := 0
	for _, t := range d.Tables {
		for l, code := range t.Levels {
			c := tally.Cell{Attribute: t.Attribute, Code: code, Sums: t.Cells[l]}
			out[k] = cellOf(a, f, c, t.Hidden[l])
			if t.WithBlank[l] {
				out[k].Label += WithBlankSuffix
			}
			k++
		}
	}
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
