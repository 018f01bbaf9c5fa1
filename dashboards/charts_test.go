package dashboards

import (
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/charts"
)

func TestTrendChartMarksTargetAndBand(t *testing.T) {
	m := newSiteModel(testSite())
	v := m.byKey[key("鶴見区", 2023, 1, 1)]
	c, err := charts.Trend("chart-1", v.Chart())
	if err != nil {
		t.Fatal(err)
	}
	option := string(c.Option)
	for _, want := range []string{`"令和元年度"`, `"令和9年度"`, `"目標 75%以上"`, `"目標年度 令和9年度末"`,
		`"95%信頼区間"`, `"stack":"ci"`, `"-"`} {
		if !strings.Contains(option, want) {
			t.Errorf("trend option lacks %s", want)
		}
	}
	if !strings.Contains(c.Label, "令和5年度 59.8%") || !strings.Contains(c.Label, "令和9年度末までに75%以上") {
		t.Errorf("aria-label %q lacks values or target", c.Label)
	}
}

// TestChartOptionsShared: a trend chart is built once for the ward page
// and the indicator page (indicatorView.trend) and given each page's ID,
// which is right only because the option never names its chart: the ID is
// on the container and the data block, not in the option.
func TestChartOptionsShared(t *testing.T) {
	m := newSiteModel(testSite())
	for _, v := range m.indicators {
		if len(v.Waves) == 0 {
			continue
		}
		a, errA := charts.Trend("chart-1", v.Chart())
		b, errB := charts.Trend("chart-7", v.Chart())
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if a.Option != b.Option || a.Label != b.Label || a.Class != b.Class || a.Height != b.Height {
			t.Errorf("%v: the trend chart depends on its ID", v.Key)
		}
		if strings.Contains(string(a.Option), "chart-1") {
			t.Errorf("%v: the option names its chart", v.Key)
		}
	}
}
