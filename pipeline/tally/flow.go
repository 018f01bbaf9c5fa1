package tally

import (
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// Flow is where the respondents of a wave went on the way to a domain's
// denominator (docs/statistics.md §1), counted unweighted in the same pass
// as the sums: 回答者数 (the wave's rows) = Filtered + NotApplicable +
// Missing + Excluded + Total.N, and Total.NPositive of the n are positive.
// Each respondent is counted once, at the first test it fails, in the
// order countDomain tests them.
type Flow struct {
	Filtered      int64 // 対象外: did not pass the filter
	NotApplicable int64 // 対象外: 非該当 to the question (a not_applicable code)
	Missing       int64 // 無回答: a blank, or a code of kind missing
	Excluded      int64 // 除外: an excluded code (a 複数回答: only excluded options)
	// ExcludedBy are the excluded respondents who gave each excluded code,
	// PositiveBy the counted ones who gave each positive code: every code
	// of the domain, ascending, 0 when nobody gave it. For a single answer
	// each adds up to Excluded (NPositive); a 複数回答 respondent who chose
	// two of the codes is in both.
	ExcludedBy, PositiveBy []CodeCount
}

// CodeCount is the number of respondents who gave Code.
type CodeCount struct {
	Code int32
	N    int64
}

// Out is the respondents left out of the domain before n: 対象外, 無回答
// and 除外 together.
func (f Flow) Out() int64 { return f.Filtered + f.NotApplicable + f.Missing + f.Excluded }

// step is where a respondent leaves a domain's flow, or stays in it.
type step uint8

const (
	stepFiltered step = iota
	stepNotApplicable
	stepMissing
	stepExcluded
	stepCounted
)

// stepOf tests a respondent's row in the order of the flow: the filter
// (対象外), 非該当 (対象外), a blank answer (無回答), an excluded code (除外).
func (c *compiled) stepOf(row []int32) step {
	if !c.passes(row) {
		return stepFiltered
	}
	switch a := row[c.col]; {
	case a == model.NotApplicable:
		return stepNotApplicable
	case a == model.Blank:
		return stepMissing
	case c.isExcluded(a):
		return stepExcluded
	}
	return stepCounted
}

// isExcluded reports whether answer a (not blank) is excluded: an excluded
// code, or for a 複数回答 question a set of options all excluded (an
// 「わからない」 chosen alone).
func (c *compiled) isExcluded(a int32) bool {
	if c.multi {
		return c.excluded.low != 0 && microdata.MultiMask(a)&^c.excluded.low == 0
	}
	return c.excluded.has(a)
}

// isPositive reports whether answer a of a counted respondent is positive:
// a positive code, or for a 複数回答 question any positive option chosen.
func (c *compiled) isPositive(a int32) bool {
	if c.multi {
		return microdata.MultiMask(a)&c.positive.low != 0
	}
	return c.positive.has(a)
}

// newFlow is an empty flow with a zero count for each code of d (nil
// lists for no codes, as load reads them back).
func newFlow(d Domain) Flow {
	var f Flow
	for _, c := range d.Excluded {
		f.ExcludedBy = append(f.ExcludedBy, CodeCount{Code: int32(c)})
	}
	for _, c := range d.Positive {
		f.PositiveBy = append(f.PositiveBy, CodeCount{Code: int32(c)})
	}
	return f
}

// add counts a respondent who left at s with answer a (positive: y).
func (f *Flow) add(c *compiled, s step, a int32, y bool) {
	switch s {
	case stepFiltered:
		f.Filtered++
	case stepNotApplicable:
		f.NotApplicable++
	case stepMissing:
		f.Missing++
	case stepExcluded:
		f.Excluded++
		countCodes(f.ExcludedBy, c.multi, a)
	case stepCounted:
		if y {
			countCodes(f.PositiveBy, c.multi, a)
		}
	}
}

// countCodes adds one to the code of by that answer a is, or, for a
// 複数回答 answer, to each code of by among its options.
func countCodes(by []CodeCount, multi bool, a int32) {
	for i := range by {
		if multi && microdata.MultiMask(a)>>by[i].Code&1 == 1 || !multi && by[i].Code == a {
			by[i].N++
		}
	}
}
