package compute

import (
	"github.com/shihyo/shihyo/pipeline/compute/stats"
)

// trends fills what compares the waves of each indicator: the change from
// the previous wave, the trajectory against the straight path from the
// baseline (the indicator's earliest wave) and the projection to the target
// year. An indicator is a series: its waves are compared across plans, each
// against its own plan's target. actuals, ests and props are parallel; the
// waves of an indicator come in fiscal-year order.
func trends(actuals []Actual, props []stats.Proportion) {
	type seriesOf struct{ ward, name string }
	var order []seriesOf
	waves := map[seriesOf][]int{}
	for i, a := range actuals {
		k := seriesOf{a.Ward, a.Series}
		if _, ok := waves[k]; !ok {
			order = append(order, k)
		}
		waves[k] = append(waves[k], i)
	}
	for _, id := range order {
		idx := waves[id]
		for k, i := range idx {
			if j := previous(actuals, idx[:k], actuals[i].FiscalYear); j >= 0 {
				change(&actuals[i], props[i], actuals[j].Percent, props[j])
			}
			progress(&actuals[i], actuals[idx[0]], sofar(actuals, idx, actuals[i].FiscalYear))
		}
	}
}

// previous returns the index of the wave of the previous fiscal year
// (year − 1) among earlier, or −1. 前年度実績 in a plan means that year: a
// gap year has none, rather than an older wave passed off as 前年度.
func previous(actuals []Actual, earlier []int, year int) int {
	for k := len(earlier) - 1; k >= 0; k-- {
		if actuals[earlier[k]].FiscalYear == year-1 {
			return earlier[k]
		}
	}
	return -1
}

// change fills the change from the previous wave, whose published value is
// prevPercent. The points are the difference of the published values, exact
// in tenths, so that they match what a reader subtracts; the test uses the
// unrounded estimates.
func change(a *Actual, cur stats.Proportion, prevPercent float64, prev stats.Proportion) {
	a.PreviousPercent = valid(prevPercent)
	a.ChangePoints = valid(float64(stats.Tenths(a.Percent)-stats.Tenths(prevPercent)) / 10)
	if c, ok := stats.Compare(prev, cur, stats.Level); ok {
		a.ChangeFlag, a.ChangePValue = c.Flag, valid(c.P)
	}
}

// progress fills the trajectory, the path, the points per year still needed
// and the projection of a (whose baseline wave is base) from points, the
// published values of the waves up to a's fiscal year.
func progress(a *Actual, base Actual, points []stats.Point) {
	t := a.target()
	cur := stats.Point{Year: a.FiscalYear, Percent: a.Percent}
	b := stats.Point{Year: base.FiscalYear, Percent: base.Percent}
	a.Trajectory = stats.Progress(t, b, cur)
	if v, ok := t.Path(b, a.FiscalYear); ok {
		a.PathPercent = valid(v)
	}
	if v, ok := stats.PointsPerYear(t, cur); ok {
		a.PointsPerYearNeeded = valid(v)
	}
	if a.FiscalYear >= a.TargetYear {
		return
	}
	if pr, ok := stats.Project(points, a.TargetYear, stats.Level); ok {
		a.ProjectedPercent, a.ProjectedLow, a.ProjectedHigh = valid(pr.Percent), valid(pr.Low), valid(pr.High)
	}
}

// sofar returns the published values of the waves in idx up to year.
func sofar(actuals []Actual, idx []int, year int) []stats.Point {
	var pts []stats.Point
	for _, i := range idx {
		if actuals[i].FiscalYear <= year {
			pts = append(pts, stats.Point{Year: actuals[i].FiscalYear, Percent: actuals[i].Percent})
		}
	}
	return pts
}
