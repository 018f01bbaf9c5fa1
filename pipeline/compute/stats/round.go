package stats

import "math"

// RoundTenth rounds v to one decimal as staff do (四捨五入: halves away
// from zero, 1.25 → 1.3, −1.25 → −1.3). Pages, CSV files and exports all
// display unrounded values (interval bounds, projections) through it, so a
// bound of 55.05 reads the same everywhere. The nudge absorbs binary error
// such as 1.25×10 = 12.4999…; published percentages are already exact
// tenths, computed in SQL.
func RoundTenth(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r := math.Floor(math.Abs(v)*10+0.5+1e-9) / 10
	if r == 0 {
		return 0 // never −0, which prints as "-0.0"
	}
	return math.Copysign(r, v)
}
