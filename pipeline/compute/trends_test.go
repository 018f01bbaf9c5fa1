package compute

import (
	"fmt"
	"math"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
)

// wave builds the actual and sums of one unweighted wave with pos positives
// out of n, published as percent.
func wave(id, year int, survey string, percent float64, pos, n int) (Actual, Estimate) {
	a := Actual{Series: fmt.Sprint(id), SurveyID: survey, FiscalYear: year, Percent: percent, NValid: n, NPositive: pos,
		TargetPercent: 60, TargetOp: "以上", TargetYear: 2026}
	e := Estimate{IndicatorID: id, NWave: 2 * n, NValid: n, NPositive: pos, SumW: float64(n),
		SumWY: float64(pos), SumW2: float64(n), SumW2Y: float64(pos)}
	return a, e
}

func TestDeriveTrends(t *testing.T) {
	var actuals []Actual
	var ests []Estimate
	for _, w := range []struct {
		id, year int
		survey   string
		percent  float64
		pos, n   int
	}{
		{1, 2020, "a2020", 50, 100, 200},
		{2, 2020, "b2020", 30, 30, 100}, // another indicator between the waves of 1
		{1, 2022, "a2022", 55, 110, 200},
		{1, 2023, "a2023", 54, 108, 200},
		{1, 2023, "x2023", 60, 120, 200}, // a second wave in 2023: its previous is 2022, not a2023
	} {
		a, e := wave(w.id, w.year, w.survey, w.percent, w.pos, w.n)
		actuals, ests = append(actuals, a), append(ests, e)
	}
	derive(actuals, ests)
	cases := []struct {
		i                 int
		previous, change  float64 // NaN: none
		trajectory        stats.Trajectory
		path, perYear     float64
		projected, points bool
	}{
		{0, math.NaN(), math.NaN(), "", 50, 10.0 / 6, false, false},
		{1, math.NaN(), math.NaN(), "", 30, 5, false, false},
		// No wave in 2021, so no 前年度 for 2022 (not the 2020 wave). The
		// path rises 10/6 a year from 50 in 2020: 53.33 in 2022.
		{2, math.NaN(), math.NaN(), "順調", 50 + 20.0/6, 5.0 / 4, false, false},
		// 55.0 in 2023; 54 is under it. Three waves so far: a projection.
		{3, 55, -1, "遅れ", 55, 2, true, true},
		{4, 55, 5, "A", 55, 0, true, true},
	}
	for _, c := range cases {
		a := actuals[c.i]
		if !same(a.PreviousPercent.Float64, a.PreviousPercent.Valid, c.previous) ||
			!same(a.ChangePoints.Float64, a.ChangePoints.Valid, c.change) {
			t.Errorf("%s: previous %v change %v; want %v %v", a.SurveyID, a.PreviousPercent, a.ChangePoints,
				c.previous, c.change)
		}
		if a.Trajectory != c.trajectory || !same(a.PathPercent.Float64, a.PathPercent.Valid, c.path) ||
			!same(a.PointsPerYearNeeded.Float64, a.PointsPerYearNeeded.Valid, c.perYear) {
			t.Errorf("%s: trajectory %q path %v per year %v; want %q %v %v", a.SurveyID, a.Trajectory,
				a.PathPercent, a.PointsPerYearNeeded, c.trajectory, c.path, c.perYear)
		}
		if a.ProjectedPercent.Valid != c.projected || a.ProjectedLow.Valid != c.projected {
			t.Errorf("%s: projection %v; want one: %v", a.SurveyID, a.ProjectedPercent, c.projected)
		}
		if (a.ChangeFlag != "") != !math.IsNaN(c.change) || a.ChangePValue.Valid != !math.IsNaN(c.change) {
			t.Errorf("%s: change flag %q p %v", a.SurveyID, a.ChangeFlag, a.ChangePValue)
		}
		if a.NEffective.Valid || !a.CILow.Valid || a.PercentUnweighted.Float64 != a.PercentExact {
			t.Errorf("%s: n_eff %v ci %v unweighted %v exact %v", a.SurveyID, a.NEffective, a.CILow,
				a.PercentUnweighted, a.PercentExact)
		}
	}
}

// same reports whether a nullable value is want (NaN: NULL).
func same(v float64, ok bool, want float64) bool {
	if math.IsNaN(want) {
		return !ok
	}
	return ok && math.Abs(v-want) < 1e-12
}

// TestChangeFromAllAlike: 114 of 125, then 10 of 10. The 10's standard
// error is zero, which the z test took for certainty (有意に上昇, p =
// 0.0005) although its own interval, 69.2–100%, holds 91.2%. It is within
// error (docs/statistics.md §3).
func TestChangeFromAllAlike(t *testing.T) {
	a1, e1 := wave(1, 2022, "a2022", 91.2, 114, 125)
	a2, e2 := wave(1, 2023, "a2023", 100, 10, 10)
	e1.NWave, e2.NWave = 125, 10
	actuals, ests := []Actual{a1, a2}, []Estimate{e1, e2}
	derive(actuals, ests)
	a := actuals[1]
	if a.ChangeFlag != "変化は誤差の範囲" || !a.ChangePValue.Valid || a.ChangePValue.Float64 < 0.05 {
		t.Errorf("10/10 after 114/125: %s p %v; want 変化は誤差の範囲", a.ChangeFlag, a.ChangePValue)
	}
	if !a.CILow.Valid || a.CILow.Float64 > 91.2 {
		t.Errorf("10/10: interval from %v; want it to hold 91.2", a.CILow)
	}
}
