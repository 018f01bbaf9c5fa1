package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Target operators, as written in indicators.csv.
const (
	AtLeast = "以上"
	AtMost  = "以下"
)

// Status is 達成状況: A when the published value meets the target, else B.
type Status string

// The two statuses of the plan's own tables.
const (
	StatusA Status = "A" // 達成
	StatusB Status = "B" // 未達成
)

// Trajectory is 進捗: where a wave stands on the way to the target.
type Trajectory string

// Trajectories. NotJudged is the baseline wave's: the path starts there.
const (
	Achieved  Trajectory = "A"
	OnTrack   Trajectory = "順調"
	Behind    Trajectory = "遅れ"
	NotJudged Trajectory = ""
)

// Target is what an indicator aims for by the end of a fiscal year.
type Target struct {
	Percent float64 // points
	Op      string  // AtLeast or AtMost
	Year    int
}

// Point is the published value (points) of one wave.
type Point struct {
	Year    int
	Percent float64
}

// Met reports whether percent meets the target: ≥ for 以上, ≤ for 以下.
// Values are compared exactly in Thousandths of a point, so that a
// published 60.0 meets 60. It is the A/B rule: Status applies it to the
// published value.
func (t Target) Met(percent float64) bool {
	if t.Op == AtMost {
		return Thousandths(percent) <= Thousandths(t.Percent)
	}
	return Thousandths(percent) >= Thousandths(t.Percent)
}

// Status is the 達成状況 of a wave whose published value is percent: A
// when it meets the target (Met), else B. A page never shows 60.0% B
// against 60%以上.
func (t Target) Status(percent float64) Status {
	if t.Met(percent) {
		return StatusA
	}
	return StatusB
}

// Progress judges the wave cur of an indicator whose earliest wave is
// base:
//   - Achieved when cur meets the target;
//   - otherwise, from the target year on, Behind;
//   - otherwise OnTrack when cur is on or beyond the straight path from base
//     to the target at the target year (above it for 以上, below it for
//     以下), else Behind.
//
// It returns NotJudged for a wave of the baseline year itself that does
// not meet the target: the path starts there, so there is no progress to
// judge yet. A baseline wave that meets the target is Achieved, as its
// status is A: that needs no path (docs/statistics.md 4.).
func Progress(t Target, base, cur Point) Trajectory {
	switch {
	case t.Met(cur.Percent):
		return Achieved
	case cur.Year >= t.Year:
		return Behind
	case cur.Year <= base.Year:
		return NotJudged
	}
	// cur·(Y−b) against base·(Y−b) + (T−base)·(t−b), exactly in Thousandths.
	span, done := int64(t.Year-base.Year), int64(cur.Year-base.Year)
	lhs := Thousandths(cur.Percent) * span
	path := Thousandths(base.Percent)*span + (Thousandths(t.Percent)-Thousandths(base.Percent))*done
	if (t.Op == AtMost && lhs <= path) || (t.Op != AtMost && lhs >= path) {
		return OnTrack
	}
	return Behind
}

// Path returns the value of the straight path from base to the target at
// year, in points; false when base is not before the target year.
func (t Target) Path(base Point, year int) (float64, bool) {
	if base.Year >= t.Year {
		return 0, false
	}
	if year >= t.Year {
		return t.Percent, true
	}
	f := float64(year-base.Year) / float64(t.Year-base.Year)
	return base.Percent + (t.Percent-base.Percent)*f, true
}

// PointsPerYear returns the change per year, in points, still needed from
// cur to reach the target in the target year: negative when the value must
// fall (以下 targets). It is 0 once the target is met and false from the
// target year on.
func PointsPerYear(t Target, cur Point) (float64, bool) {
	if t.Met(cur.Percent) {
		return 0, true
	}
	if cur.Year >= t.Year {
		return 0, false
	}
	return (t.Percent - cur.Percent) / float64(t.Year-cur.Year), true
}

// Projection is a straight-line projection to a year, in points.
type Projection struct {
	Percent   float64
	Low, High float64 // prediction interval
}

// Project fits the least-squares line through points (percent on year) and
// returns its value at year with the prediction interval at level: the range
// in which the value published that year is expected to fall if the trend
// holds, ŷ ± t(k−2)·s·√(1 + 1/k + (x−x̄)²/Sxx) with s the residual standard
// error, as R's predict(lm(percent ~ year), interval = "prediction").
// Values are clamped to 0–100.
//
// It is false for fewer than three points or fewer than two distinct
// years: a line through two noisy points has no measure of its error.
func Project(points []Point, year int, level float64) (Projection, bool) {
	k := len(points)
	if k < 3 {
		return Projection{}, false
	}
	xs, ys := make([]float64, k), make([]float64, k)
	for i, p := range points {
		xs[i], ys[i] = float64(p.Year), p.Percent
	}
	xbar := stat.Mean(xs, nil)
	var sxx float64
	for _, x := range xs {
		sxx += (x - xbar) * (x - xbar)
	}
	if sxx == 0 {
		return Projection{}, false
	}
	alpha, beta := stat.LinearRegression(xs, ys, nil, false)
	var rss float64
	for i := range xs {
		r := ys[i] - alpha - beta*xs[i]
		rss += r * r
	}
	s := math.Sqrt(rss / float64(k-2))
	x := float64(year)
	fit := alpha + beta*x
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(k - 2)}.Quantile(1 - (1-level)/2)
	half := q * s * math.Sqrt(1+1/float64(k)+(x-xbar)*(x-xbar)/sxx)
	return Projection{Percent: clamp(fit), Low: clamp(fit - half), High: clamp(fit + half)}, true
}

func clamp(v float64) float64 { return math.Max(0, math.Min(100, v)) }
