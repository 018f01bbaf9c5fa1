package present

import (
	"testing"

	"github.com/shihyo/shihyo/internal/csvsafe"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
)

func TestNumbers(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Percent(59.75), "59.8%"}, {Percent(6.25), "6.3%"}, {Percent(-0.04), "0.0%"}, {Decimal(71.3), "71.3"},
		{SignedPoints(-11.5), "-11.5"}, {SignedPoints(1.25), "+1.3"}, {SignedPoints(0), "+0.0"},
		{Count(2000), "2,000"}, {Count(-1234567), "-1,234,567"}, {Count(12), "12"},
		{Circled(1), "①"}, {Circled(20), "⑳"}, {Circled(21), "㉑"}, {Circled(50), "㊿"}, {Circled(51), "51"},
	} {
		if c.got != c.want {
			t.Errorf("got %q; want %q", c.got, c.want)
		}
	}
}

// TestTargetText: the target reads as the plan's sentence does, and as
// plantext writes it.
func TestTargetText(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Target(60, ""), "60%以上"}, {Target(62.5, "以下"), "62.5%以下"}, {Deadline(2027), "令和9年度末"},
		{Deadline(0), ""}, {TargetBy(75, "以上", 2027), "令和9年度末までに75%以上"}, {TargetBy(75, "以上", 0), "75%以上"},
		{Rate(736, 2000), "36.8%"}, {Rate(736, 0), "—"},
	} {
		if c.got != c.want {
			t.Errorf("got %q; want %q", c.got, c.want)
		}
	}
}

// TestWords: one spelling of 達成 for the status and the trajectory.
func TestWords(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{StatusText(stats.StatusA), "A（達成）"}, {StatusText(stats.StatusB), "B（未達成）"}, {StatusText(""), "—"},
		{TrajectoryText(stats.Achieved), "達成"}, {TrajectoryText(stats.OnTrack), "順調"},
		{TrajectoryText(stats.Behind), "遅れ"}, {TrajectoryText(stats.NotJudged), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q; want %q", c.got, c.want)
		}
	}
}

func TestDifference(t *testing.T) {
	cases := []struct {
		percent, target float64
		want            string
	}{
		{59.8, 60, "-0.2"}, {60, 60, "0.0"}, {71.3, 60, "11.3"}, {40.1, 25, "15.1"}, {60.3, 60.25, "0.05"}, {0, 50, "-50.0"},
	}
	for _, c := range cases {
		if got := Difference(c.percent, c.target); got != c.want {
			t.Errorf("Difference(%v, %v) = %q; want %q", c.percent, c.target, got, c.want)
		}
		if csvsafe.Neutralise(c.want) != c.want {
			t.Errorf("difference %q would be neutralised", c.want)
		}
	}
}

func TestPercentRoundsHalfUp(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{1.25, "1.3%"}, {59.84, "59.8%"}, {59.85, "59.9%"}, {66, "66.0%"}, {0.05, "0.1%"}, {100, "100.0%"}} {
		if got := Percent(c.in); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCertainty: an A or B whose interval holds the target says so, in the
// words of 達成状況.
func TestCertainty(t *testing.T) {
	for _, c := range []struct {
		s                 stats.Status
		target, low, high float64
		want              string
	}{
		{stats.StatusB, 60, 55.6, 63.9, "誤差の範囲内での未達成"},
		{stats.StatusA, 60, 58.0, 66.0, "誤差の範囲内での達成"},
		{stats.StatusB, 75, 55.6, 63.9, ""},
		{stats.StatusA, 50, 53.1, 61.6, ""},
		{stats.StatusB, 60, 55.0, 60.0, "誤差の範囲内での未達成"}, // the bound itself
		{"", 60, 55, 65, ""},
	} {
		if got := CertaintyText(c.s, WithinError(c.target, c.low, c.high)); got != c.want {
			t.Errorf("%s %v in %v–%v: %q; want %q", c.s, c.target, c.low, c.high, got, c.want)
		}
	}
}

func TestProjectionShown(t *testing.T) {
	for _, c := range []struct {
		waves     int
		low, high float64
		want      bool
	}{{3, 49.7, 60.7, true}, {4, 0, 100, false}, {2, 50, 55, false}, {4, 19.2, 69.2, true}, {4, 19.2, 69.3, false}} {
		if got := ProjectionShown(c.waves, c.low, c.high); got != c.want {
			t.Errorf("ProjectionShown(%d, %v, %v) = %v", c.waves, c.low, c.high, got)
		}
	}
}
