package dashboards

import (
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/charts"
)

func TestTrendChartMarksTargetAndBand(t *testing.T) {
	m := newSiteModel(testSite())
	v := m.byKey[key("鶴見区", 2023, 1, 1)]
	c, err := charts.Trend("chart-1", v.chart())
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
