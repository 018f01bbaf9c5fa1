package search

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
)

// classes are the levels of a question's answer dimension: each code a
// domain on it names or its 単純集計 lists, Other for every answer code
// neither names (left out when the 単純集計 lists every code given),
// NotApplicable and Blank. No domain counts the last two.
type classes struct {
	codes []int32
	// counted[k][l] is whether local domain k counts level l, positive
	// whether it counts it as positive.
	counted, positive [][]bool
}

func classesOf(ds []disclose.Domain, simple *disclose.Simple) classes {
	var c classes
	for _, d := range ds {
		for _, x := range slices.Concat(d.Positive, d.Excluded) {
			c.codes = append(c.codes, int32(x))
		}
	}
	if simple != nil {
		for _, x := range simple.Codes {
			if x >= 0 {
				c.codes = append(c.codes, x)
			}
		}
	}
	slices.Sort(c.codes)
	c.codes = slices.Compact(c.codes)
	if simple == nil {
		c.codes = append(c.codes, disclose.Other)
	}
	c.codes = append(c.codes, disclose.NotApplicable, disclose.Blank)
	for _, d := range ds {
		n, p := make([]bool, len(c.codes)), make([]bool, len(c.codes))
		for l, x := range c.codes {
			answer := x >= 0 || x == disclose.Other
			n[l] = answer && !slices.Contains(d.Excluded, int(x))
			p[l] = x >= 0 && slices.Contains(d.Positive, int(x))
		}
		c.counted, c.positive = append(c.counted, n), append(c.positive, p)
	}
	return c
}

// mask is the levels counted (positive: counted as positive) by local
// domain k.
func (c classes) mask(k int, positive bool) []bool {
	if positive {
		return c.positive[k]
	}
	return c.counted[k]
}

// of is the levels of the given codes; Blank stands for Blank and
// NotApplicable when blankHolds (the 単純集計's 無回答 row).
func (c classes) of(blankHolds bool, codes ...int32) []bool {
	b := make([]bool, len(c.codes))
	for l, x := range c.codes {
		b[l] = slices.Contains(codes, x) || blankHolds && x == disclose.NotApplicable && slices.Contains(codes, disclose.Blank)
	}
	return b
}

// all is every level.
func (c classes) all() []bool {
	b := make([]bool, len(c.codes))
	for l := range b {
		b[l] = true
	}
	return b
}
