package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ChangeFlag is the plain-language result of a change test, as staff
// write it.
type ChangeFlag string

// The results of a change test.
const (
	Rose     ChangeFlag = "有意に上昇"
	Fell     ChangeFlag = "有意に低下"
	NoChange ChangeFlag = "変化は誤差の範囲"
)

// The tests Compare chooses between (Change.Method).
const (
	// MethodZ is the z test on the linearization standard errors.
	MethodZ = "z"
	// MethodMOVER is the interval for the difference built from the two
	// waves' own published intervals (MOVER, Newcombe's method 10).
	MethodMOVER = "mover"
)

// Change is the test of the difference between two waves.
type Change struct {
	Method string  // MethodZ or MethodMOVER
	Diff   float64 // cur.P − prev.P
	// Z is Diff / sqrt(SE_prev² + SE_cur²) for MethodZ; for MethodMOVER the
	// normal quantile with the same two-sided p-value, signed as Diff.
	Z    float64
	P    float64    // two-sided p-value
	Flag ChangeFlag // Rose, Fell or NoChange
}

// Compare tests cur against prev at the given level (two-sided) as two
// independent samples: each wave is a separate random draw from the resident
// register.
//
// When both shares are strictly between 0 and 1 it is the z test on the
// linearization standard errors and the normal distribution, R's
// (p2 − p1) / sqrt(SE1² + SE2²) with 2·pnorm(−|z|).
//
// A wave at 0% or 100% has a standard error of zero, which the z test would
// take for certainty: 10 of 10 against 114 of 125 would be a significant
// rise although the 10's own interval (69.2–100%) holds 91.2%. Compare then
// tests with the MOVER interval for the difference (see mover), built from
// the intervals each wave publishes (CI: logit, or Clopper–Pearson at 0 and
// 100%): the change is significant when that interval excludes 0, and the
// p-value is the level at which it just touches 0.
//
// It is false when either wave has fewer than two respondents in the
// domain: one answer says nothing about sampling error.
func Compare(prev, cur Proportion, level float64) (Change, bool) {
	if prev.N < 2 || cur.N < 2 || math.IsNaN(prev.SE) || math.IsNaN(cur.SE) {
		return Change{}, false
	}
	c := Change{Method: MethodZ, Diff: cur.P - prev.P}
	if prev.atBound() || cur.atBound() {
		p, ok := moverP(prev, cur)
		if !ok {
			return Change{}, false
		}
		c.Method, c.P = MethodMOVER, p
		c.Z = math.Copysign(distuv.UnitNormal.Quantile(1-p/2), c.Diff)
	} else {
		c.Z = c.Diff / math.Hypot(prev.SE, cur.SE)
		c.P = 2 * distuv.UnitNormal.CDF(-math.Abs(c.Z))
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

// atBound is whether the share is 0 or 1, where its standard error is 0.
func (p Proportion) atBound() bool { return p.P <= 0 || p.P >= 1 }

// Mover returns the interval for cur.P − prev.P at the given level by the
// method of variance estimates recovery (Zou & Donner 2008; Newcombe 1998,
// method 10, for unweighted shares): with d = p₂ − p₁ and each wave's own
// interval (l, u) at that level,
//
//	low  = d − √((p₂ − l₂)² + (u₁ − p₁)²)
//	high = d + √((u₂ − p₂)² + (p₁ − l₁)²).
//
// Each side borrows the half-widths of the wave intervals on the side the
// difference moves to, so it stays valid at 0 and 100%, where a wave's
// interval is one-sided. It is false when a wave has no interval.
func Mover(prev, cur Proportion, level float64) (Interval, bool) {
	a, ok := prev.CI(level)
	if !ok {
		return Interval{}, false
	}
	b, ok := cur.CI(level)
	if !ok {
		return Interval{}, false
	}
	d := cur.P - prev.P
	return Interval{
		Low:  d - math.Hypot(cur.P-b.Low, a.High-prev.P),
		High: d + math.Hypot(b.High-cur.P, prev.P-a.Low),
	}, true
}

// moverP is the two-sided p-value of the MOVER interval: the α at which the
// interval at level 1 − α has 0 as its bound, found by bisection (the
// interval narrows as α grows). It is 1 when the difference is 0, or when
// even the interval at level 0 holds 0 (an interval at 0 or 100% keeps a
// width at every level).
func moverP(prev, cur Proportion) (float64, bool) {
	d := cur.P - prev.P
	if d == 0 {
		return 1, true
	}
	// excludes is whether the interval at level 1 − α lies beyond 0.
	var bad bool
	excludes := func(alpha float64) bool {
		iv, ok := Mover(prev, cur, 1-alpha)
		if !ok {
			bad = true
			return false
		}
		if d > 0 {
			return iv.Low > 0
		}
		return iv.High < 0
	}
	if !excludes(1) {
		return 1, !bad
	}
	lo, hi := 0.0, 1.0 // excludes(hi) holds; at α = 0 the interval is 0–1 wide
	for i := 0; i < 200 && hi-lo > 1e-13*hi; i++ {
		mid := lo + (hi-lo)/2
		if excludes(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, !bad
}
