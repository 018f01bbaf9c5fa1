// Package compute turns the sums of the per-wave pass (package tally) into
// the published actuals and breakdowns, with the statistics of
// docs/statistics.md, and decides what is published: the disclosure rules
// (package decide: a filtered domain under SuppressBelow, primary and
// complementary suppression of breakdown cells, flow counts and 単純集計
// rows over the linked tables) are applied here, before anything is
// stored in the actuals and breakdowns tables, written to out/ or
// exported. A suppressed cell's numbers never leave this package (the
// 単純集計's, package frequencies). A wave's decisions depend on that
// wave's own inputs only: a refresh keeps them (DecidedReusing, package
// keep) and decides again only the waves whose inputs are not those the
// stored decisions were made from.
package compute

import (
	"database/sql"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
)

// Estimate holds the sums over one indicator's domain in one wave, from
// which every statistic of the Actual is derived. w is the respondent's
// weight (1 in an unweighted wave), y is 1 for a positive answer.
type Estimate struct {
	IndicatorID int
	NWave       int // respondents in the whole wave (the survey design's n)
	NValid      int
	NPositive   int
	SumW        float64 `db:"sw"`   // Σw
	SumWY       float64 `db:"swy"`  // Σw·y
	SumW2       float64 `db:"sw2"`  // Σw²
	SumW2Y      float64 `db:"sw2y"` // Σw²·y
}

// derive fills the values that follow from the sums: those of each wave,
// then those that compare the waves of an indicator.
func derive(actuals []Actual, ests []Estimate) {
	props := make([]stats.Proportion, len(actuals))
	for i := range actuals {
		props[i] = waveStats(&actuals[i], ests[i])
	}
	trends(actuals, props)
}

// waveStats fills the statistics of one wave and returns its proportion
// (zero when the domain is empty, which the estimates query never returns).
func waveStats(a *Actual, e Estimate) stats.Proportion {
	a.PercentExact = 100 * e.SumWY / e.SumW
	if e.NValid > 0 {
		a.PercentUnweighted = valid(100 * float64(e.NPositive) / float64(e.NValid))
	}
	p, err := stats.Estimate(e.sums())
	if err != nil {
		return stats.Proportion{}
	}
	if a.Weighted {
		a.NEffective = valid(p.NEff)
	}
	if ci, ok := p.CI(stats.Level); ok {
		a.CILow, a.CIHigh = valid(100*ci.Low), valid(100*ci.High)
	}
	return p
}

func (e Estimate) sums() stats.Sums {
	return stats.Sums{NWave: e.NWave, NValid: e.NValid, NPositive: e.NPositive,
		SumW: e.SumW, SumWY: e.SumWY, SumW2: e.SumW2, SumW2Y: e.SumW2Y}
}

func valid(v float64) sql.NullFloat64 { return sql.NullFloat64{Float64: v, Valid: true} }
