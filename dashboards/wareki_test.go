package dashboards

import "testing"

func TestTargetYearLabel(t *testing.T) {
	if got := targetYearLabel(2027); got != "令和9年度末" {
		t.Errorf("targetYearLabel(2027) = %q", got)
	}
	if got := targetYearLabel(0); got != "" {
		t.Errorf("targetYearLabel(0) = %q, want empty", got)
	}
}

func TestFormatPercentRoundsHalfUp(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{1.25, "1.3%"},
		{59.84, "59.8%"},
		{59.85, "59.9%"},
		{66, "66.0%"},
		{0.05, "0.1%"},
		{100, "100.0%"},
	} {
		if got := formatPercent(c.in); got != c.want {
			t.Errorf("formatPercent(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFormatters(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{formatTarget(60, "以上"), "60%以上"},
		{formatTarget(62.5, "以下"), "62.5%以下"},
		{formatTarget(90, ""), "90%以上"},
		{formatCount(2000), "2,000"},
		{formatCount(736), "736"},
		{formatCount(1234567), "1,234,567"},
		{formatRate(736, 2000), "36.8%"},
		{formatRate(736, 0), "—"},
		{circled(1), "①"},
		{circled(3), "③"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestFileNames(t *testing.T) {
	if got := wardFile("鶴見区"); got != "ward-tsurumi.html" {
		t.Errorf("wardFile(鶴見区) = %q", got)
	}
	if got := wardFile("大阪市東住吉区"); got != "ward-higashisumiyoshi.html" {
		t.Errorf("wardFile(大阪市東住吉区) = %q", got)
	}
	other := wardFile("堺区")
	if other != wardFile("堺区") || other == wardFile("北区") {
		t.Errorf("fallback name %q is not stable or collides", other)
	}
	k := indicatorKey{Ward: "鶴見区", PlanYear: 2023, IssueNo: 3, IndicatorNo: 1}
	if got := indicatorFile(k); got != "indicator-tsurumi-2023-3-1.html" {
		t.Errorf("indicatorFile = %q", got)
	}
}
