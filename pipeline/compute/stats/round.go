package stats

import "math"

// Rounding to tenths of a point, in one place. A published percentage is
// rounded half up (6.25 → 6.3, never to even) in exact integer arithmetic
// in SQL (create_rounding_macro.sql), where the weights are exact; in Go a
// value is rounded to tenths only through Tenths, which every page, CSV
// file and export shows numbers with (RoundTenth) and which compares and
// subtracts published values exactly (change points, the A/B rule, the
// straight path). Published values are already exact tenths; Tenths of
// them is exact whatever their binary error.

// Tenths is v in whole tenths of a point, rounded as staff round (四捨五入:
// halves away from zero, 1.25 → 13, −1.25 → −13). The nudge absorbs binary
// error such as 1.25×10 = 12.4999…. v must be finite.
func Tenths(v float64) int64 { return scaled(v, 10) }

// RoundTenth rounds v to one decimal as Tenths does, for display: pages,
// CSV files and exports show unrounded values (interval bounds,
// projections) through it, so a bound of 55.05 reads the same everywhere.
// NaN and infinities are returned as they are.
func RoundTenth(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r := float64(Tenths(v)) / 10
	if r == 0 {
		return 0 // never −0, which prints as "-0.0"
	}
	return r
}

// Thousandths is v in whole thousandths of a point: targets have at most
// three decimals and published values one, so both are exact in it.
func Thousandths(v float64) int64 { return scaled(v, 1000) }

// scaled is v·unit rounded half away from zero to a whole number.
func scaled(v, unit float64) int64 {
	r := math.Floor(math.Abs(v)*unit + 0.5 + 1e-9)
	if v < 0 {
		r = -r
	}
	return int64(r)
}
