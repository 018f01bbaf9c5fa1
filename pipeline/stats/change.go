package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// The plain-language results of a change test, as staff write them.
const (
	Rose     = "有意に上昇"
	Fell     = "有意に低下"
	NoChange = "変化は誤差の範囲"
)

// Change is the test of the difference between two waves.
type Change struct {
	Diff float64 // cur.P − prev.P
	Z    float64 // Diff / sqrt(SE_prev² + SE_cur²)
	P    float64 // two-sided p-value
	Flag string  // Rose, Fell or NoChange
}

// Compare tests cur against prev at the given level (two-sided) as two
// independent samples: each wave is a separate random draw from the resident
// register. z uses the linearization standard errors and the normal
// distribution, as R's (p2 − p1) / sqrt(SE1² + SE2²) with 2·pnorm(−|z|).
//
// It is false when either wave has fewer than two respondents in the
// domain: one answer says nothing about sampling error. When both standard
// errors are zero (every answer alike in both waves, e.g. 0% then 100%), a
// difference counts as significant and no difference as NoChange.
func Compare(prev, cur Proportion, level float64) (Change, bool) {
	if prev.N < 2 || cur.N < 2 || math.IsNaN(prev.SE) || math.IsNaN(cur.SE) {
		return Change{}, false
	}
	c := Change{Diff: cur.P - prev.P}
	se := math.Hypot(prev.SE, cur.SE)
	switch {
	case se > 0:
		c.Z = c.Diff / se
		c.P = 2 * distuv.UnitNormal.CDF(-math.Abs(c.Z))
	case c.Diff == 0:
		c.Z, c.P = 0, 1
	default:
		c.Z, c.P = math.Copysign(math.Inf(1), c.Diff), 0
	}
	c.Flag = NoChange
	if c.P < 1-level {
		c.Flag = Fell
		if c.Diff > 0 {
			c.Flag = Rose
		}
	}
	return c, true
}
