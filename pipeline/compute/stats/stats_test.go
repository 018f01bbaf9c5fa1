package stats

import (
	"errors"
	"math"
	"testing"
)

// The expected values in this file were printed by R 4.2.2 with survey
// 4.1-1: svymean / svyciprop(method = "logit") on the data sets described
// in each case, binom.test and qbeta for the exact intervals, and
// predict(lm(), interval = "prediction") for projections.

// unweighted16 is 5 positives out of a domain of 16 in a wave of 18.
var unweighted16 = Sums{NWave: 18, NValid: 16, NPositive: 5, SumW: 16, SumWY: 5, SumW2: 16, SumW2Y: 5}

// weighted6 is w = (0.5, 1.5, 2, 1, 1, 0.8), y = (1, 0, 1, 1, 0, 0) in a
// wave of 10.
var weighted6 = Sums{NWave: 10, NValid: 6, NPositive: 3, SumW: 6.8, SumWY: 3.5, SumW2: 9.14, SumW2Y: 5.25}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestEstimateAndCI(t *testing.T) {
	cases := []struct {
		name            string
		sums            Sums
		p, se, lo, hi   float64
		neff            float64
		wantCI, wantErr bool
	}{
		{"unweighted", unweighted16, 0.3125, 0.119237582594336, 0.122238063885059, 0.597363156076693, 16, true, false},
		{"weighted", weighted6, 0.514705882352941, 0.233395971346051, 0.0876164997148959, 0.921345631533505,
			6.8 * 6.8 / 9.14, true, false},
		// R's logit interval collapses to [0, 0]; binom.test(0, 7) gives 0–0.4096.
		{"zero share", Sums{NWave: 9, NValid: 7, SumW: 7, SumW2: 7}, 0, 0, 0, 0.409616397225003, 7, true, false},
		{"one answer", Sums{NWave: 5, NValid: 1, NPositive: 1, SumW: 2, SumWY: 2, SumW2: 4, SumW2Y: 4},
			1, 0, 0.025, 1, 1, true, false},
		{"empty", Sums{NWave: 5}, 0, 0, 0, 0, 0, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Estimate(c.sums)
			if c.wantErr {
				if !errors.Is(err, ErrEmptyDomain) {
					t.Fatalf("Estimate = %v; want ErrEmptyDomain", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !near(p.P, c.p, 1e-12) || !near(p.SE, c.se, 1e-12) || !near(p.NEff, c.neff, 1e-12) {
				t.Errorf("Estimate = %+v; want p %v se %v neff %v", p, c.p, c.se, c.neff)
			}
			ci, ok := p.CI(Level)
			if ok != c.wantCI || !near(ci.Low, c.lo, 1e-9) || !near(ci.High, c.hi, 1e-9) {
				t.Errorf("CI = %+v %v; want %v–%v", ci, ok, c.lo, c.hi)
			}
		})
	}
}

func TestCIEdges(t *testing.T) {
	// qbeta(0.025, 3.2, 1): all positive with a Kish n of 3.2.
	ci, ok := Proportion{P: 1, N: 4, NEff: 3.2}.CI(Level)
	if !ok || !near(ci.Low, 0.315759374232801, 1e-9) || ci.High != 1 {
		t.Errorf("CI(p=1) = %+v %v", ci, ok)
	}
	// One respondent with a share strictly inside (0, 1) cannot happen, but a
	// domain of one has no degrees of freedom.
	if _, ok := (Proportion{P: 0.5, N: 1, NEff: 1}).CI(Level); ok {
		t.Error("CI with no degrees of freedom is ok")
	}
}

func TestCompare(t *testing.T) {
	a, _ := Estimate(unweighted16)
	b, _ := Estimate(weighted6)
	cases := []struct {
		name       string
		prev, cur  Proportion
		z, p       float64
		flag       ChangeFlag
		ok         bool
		approxOnly bool
	}{
		// R: z = 0.771512521856693, 2·pnorm(−|z|) = 0.440403203190679.
		{"within error", a, b, 0.771512521856693, 0.440403203190679, NoChange, true, false},
		{"reversed", b, a, -0.771512521856693, 0.440403203190679, NoChange, true, false},
		{"rose", Proportion{P: 0.4, SE: 0.02, N: 500}, Proportion{P: 0.5, SE: 0.02, N: 500},
			0.1 / math.Hypot(0.02, 0.02), 0.000406952, Rose, true, true},
		{"fell", Proportion{P: 0.5, SE: 0.02, N: 500}, Proportion{P: 0.4, SE: 0.02, N: 500},
			-0.1 / math.Hypot(0.02, 0.02), 0.000406952, Fell, true, true},
		{"both certain and equal", Proportion{P: 1, N: 5, NEff: 5}, Proportion{P: 1, N: 8, NEff: 8}, 0, 1, NoChange, true, false},
		// 0 of 5, then 8 of 8: the exact intervals (qbeta) meet 0 at
		// R's uniroot(function(a) 1 − sqrt((1 − qbeta(a/2, 8, 1))² +
		// qbeta(1 − a/2, 1, 5)²), c(1e-12, 1), tol = 1e-15); z = qnorm(1 − p/2).
		{"both certain and different", Proportion{P: 0, N: 5, NEff: 5}, Proportion{P: 1, N: 8, NEff: 8},
			3.32007532519577, 0.000899931628852139, Rose, true, true},
		{"one answer", Proportion{P: 1, N: 1}, a, 0, 0, "", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Compare(c.prev, c.cur, Level)
			if ok && (got.Method == MethodZ) != (c.prev.P > 0 && c.prev.P < 1 && c.cur.P > 0 && c.cur.P < 1) {
				t.Errorf("Compare used %s", got.Method)
			}
			if ok != c.ok || got.Flag != c.flag {
				t.Fatalf("Compare = %+v %v; want flag %q ok %v", got, ok, c.flag, c.ok)
			}
			tol := 1e-12
			if c.approxOnly {
				tol = 1e-5
			}
			if ok && (!(got.Z == c.z || near(got.Z, c.z, tol)) || !near(got.P, c.p, tol)) {
				t.Errorf("Compare = %+v; want z %v p %v", got, c.z, c.p)
			}
		})
	}
}

// TestCompareAllAnswersAlike is issue 10's case: 10 of 10 against 114 of
// 125 was published as 有意に上昇 (p = 0.0005), taking the 10's zero
// standard error for certainty, though its own interval (69.2–100%) holds
// 91.2%. The values are R's (survey 4.1-1):
//
//	ci1 <- function(lev) attr(svyciprop(~y, des114of125, method = "logit", level = lev), "ci")
//	L <- function(a) (1 - 114/125) - sqrt((1 - qbeta(a/2, 10, 1))^2 + (ci1(1 - a)[2] - 114/125)^2)
//	L(0.05)                                        # -0.222952679339224
//	uniroot(L, c(1e-9, 1), tol = 1e-15)$root       # 0.798097614464442
func TestCompareAllAnswersAlike(t *testing.T) {
	prev, err := Estimate(Sums{NWave: 125, NValid: 125, NPositive: 114, SumW: 125, SumWY: 114, SumW2: 125, SumW2Y: 114})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := Estimate(Sums{NWave: 10, NValid: 10, NPositive: 10, SumW: 10, SumWY: 10, SumW2: 10, SumW2Y: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		prev, cur Proportion
		flag      ChangeFlag
	}{{"rise to 10 of 10", prev, cur, NoChange}, {"fall from 10 of 10", cur, prev, NoChange}} {
		got, ok := Compare(c.prev, c.cur, Level)
		if !ok || got.Flag != c.flag || got.Method != MethodMOVER || !near(got.P, 0.798097614464442, 1e-9) {
			t.Errorf("%s: Compare = %+v %v; want %s, MOVER, p 0.798097614464442", c.name, got, ok, c.flag)
		}
	}
	iv, ok := Mover(prev, cur, Level)
	if !ok || !near(iv.Low, -0.222952679339224, 1e-9) || iv.High <= 0 {
		t.Errorf("Mover = %+v %v; want low -0.222952679339224 and a high above 0", iv, ok)
	}
}

func TestTrajectory(t *testing.T) {
	up := Target{Percent: 60, Op: AtLeast, Year: 2027}
	down := Target{Percent: 25, Op: AtMost, Year: 2027}
	cases := []struct {
		name      string
		target    Target
		base, cur Point
		want      Trajectory
	}{
		{"met", up, Point{2022, 50}, Point{2024, 60}, Achieved},
		{"met in the baseline year", up, Point{2022, 61}, Point{2022, 61}, Achieved},
		{"baseline year", up, Point{2022, 50}, Point{2022, 50}, ""},
		// The path rises 2 points a year: 56.0 in 2025.
		{"on the path", up, Point{2022, 50}, Point{2025, 56}, OnTrack},
		{"above the path", up, Point{2022, 50}, Point{2025, 58.4}, OnTrack},
		{"below the path", up, Point{2022, 50}, Point{2025, 55.9}, Behind},
		{"target year missed", up, Point{2022, 50}, Point{2027, 59.9}, Behind},
		{"after the target year", up, Point{2022, 50}, Point{2029, 59.9}, Behind},
		// 以下: the path falls from 40 to 25, 3 points a year: 31.0 in 2025.
		{"以下 on the path", down, Point{2022, 40}, Point{2025, 31}, OnTrack},
		{"以下 below the path", down, Point{2022, 40}, Point{2025, 27.5}, OnTrack},
		{"以下 above the path", down, Point{2022, 40}, Point{2025, 31.1}, Behind},
		{"以下 met", down, Point{2022, 40}, Point{2023, 25}, Achieved},
		// A third of the way: the path is 53.333…; 53.3 is under it.
		{"path between tenths", Target{Percent: 60, Op: AtLeast, Year: 2025}, Point{2022, 50}, Point{2023, 53.3}, Behind},
		{"path between tenths above", Target{Percent: 60, Op: AtLeast, Year: 2025}, Point{2022, 50}, Point{2023, 53.4}, OnTrack},
		{"baseline met, fallen back", up, Point{2022, 65}, Point{2024, 58}, Behind},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Progress(c.target, c.base, c.cur); got != c.want {
				t.Errorf("Progress = %q; want %q", got, c.want)
			}
		})
	}
}

func TestPath(t *testing.T) {
	up := Target{Percent: 60, Op: AtLeast, Year: 2027}
	cases := []struct {
		base Point
		year int
		want float64
		ok   bool
	}{
		{Point{2022, 50}, 2022, 50, true},
		{Point{2022, 50}, 2025, 56, true},
		{Point{2022, 50}, 2030, 60, true},
		{Point{2027, 50}, 2027, 0, false},
	}
	for _, c := range cases {
		got, ok := up.Path(c.base, c.year)
		if ok != c.ok || !near(got, c.want, 1e-12) {
			t.Errorf("Path(%v, %d) = %v %v; want %v %v", c.base, c.year, got, ok, c.want, c.ok)
		}
	}
}

func TestPointsPerYear(t *testing.T) {
	cases := []struct {
		name   string
		target Target
		cur    Point
		want   float64
		ok     bool
	}{
		{"rising", Target{60, AtLeast, 2027}, Point{2023, 52}, 2, true},
		{"falling", Target{25, AtMost, 2027}, Point{2024, 31}, -2, true},
		{"met", Target{60, AtLeast, 2027}, Point{2023, 62}, 0, true},
		{"target year", Target{60, AtLeast, 2027}, Point{2027, 59}, 0, false},
	}
	for _, c := range cases {
		got, ok := PointsPerYear(c.target, c.cur)
		if ok != c.ok || !near(got, c.want, 1e-12) {
			t.Errorf("%s: PointsPerYear = %v %v; want %v %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestProject(t *testing.T) {
	cases := []struct {
		name          string
		points        []Point
		fit, low, hig float64
		ok            bool
	}{
		// R: fit 54.4057142857141, 44.6162998252467–64.1951287461815.
		{"four waves", []Point{{2019, 40}, {2021, 43.5}, {2022, 44.1}, {2023, 47.9}},
			54.4057142857141, 44.6162998252467, 64.1951287461815, true},
		// R: fit 56.2666666666671, −20.906…–133.439…: clamped to 0–100.
		{"three waves, clamped", []Point{{2021, 50.2}, {2022, 53.1}, {2023, 52.0}}, 56.2666666666671, 0, 100, true},
		{"two waves", []Point{{2021, 50.2}, {2022, 53.1}}, 0, 0, 0, false},
		{"one year", []Point{{2021, 50.2}, {2021, 53.1}, {2021, 52}}, 0, 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Project(c.points, 2027, Level)
			if ok != c.ok || !near(got.Percent, c.fit, 1e-9) || !near(got.Low, c.low, 1e-9) || !near(got.High, c.hig, 1e-9) {
				t.Errorf("Project = %+v %v; want %v (%v–%v) %v", got, ok, c.fit, c.low, c.hig, c.ok)
			}
		})
	}
}

func TestMet(t *testing.T) {
	cases := []struct {
		target  Target
		percent float64
		want    bool
	}{
		{Target{60, AtLeast, 2027}, 60.0, true},
		{Target{60, AtLeast, 2027}, 59.9, false},
		{Target{25, AtMost, 2027}, 25.0, true},
		{Target{25, AtMost, 2027}, 25.1, false},
		{Target{33.333, AtLeast, 2027}, 33.3, false},
		{Target{Percent: 50, Year: 2027}, 50, true}, // empty op is 以上
	}
	for _, c := range cases {
		if got := c.target.Met(c.percent); got != c.want {
			t.Errorf("%+v.Met(%v) = %v", c.target, c.percent, got)
		}
	}
}
