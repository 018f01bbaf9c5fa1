package bars

import (
	"testing"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
)

// TestBreakdownOptionAsGoECharts: a breakdown's option, the shape built
// once with the data put in, is byte for byte the one go-echarts builds
// for that data.
func TestBreakdownOptionAsGoECharts(t *testing.T) {
	hostile := `</script><b>"a"&'b'+{c}</b>` + "\u2028"
	v := charts.Indicator{Title: hostile, Target: stats.Target{Percent: 60, Op: ">=", Year: 2027}}
	cases := []Section{
		{Title: "年代", Year: "令和5年度", Bars: []Bar{{Label: "18〜29歳", Text: "60.0%（参考値）", N: "25", Value: 60, Reference: true}}},
		{Title: hostile, Year: "令和5年度", Bars: []Bar{
			{Label: hostile, Text: hostile, N: "1,234", Value: 12.345},
			{Label: "70歳以上", Text: "61.2%", N: "400", Value: 61.24},
			{Label: "無回答", Text: "0.0%", N: "10", Value: 0, Reference: true},
		}},
	}
	for i, sec := range cases {
		a := compute.Actual{Percent: 58.75, FiscalYear: 2023}
		if i == 1 {
			v.Target = stats.Target{}
		}
		got, err := Breakdown("chart-3", v, a, sec)
		if err != nil {
			t.Fatal(err)
		}
		labels, items := barData(sec)
		want, err := charts.OptionJSON(breakdownBar(labels, items, breakdownMarks(v, a)))
		if err != nil {
			t.Fatal(err)
		}
		if got.Option != want {
			t.Errorf("case %d:\n got %s\nwant %s", i, got.Option, want)
		}
	}
}

// BenchmarkBreakdown is one breakdown chart of seven bars, as a site has
// about 9,000 of.
func BenchmarkBreakdown(b *testing.B) {
	v := charts.Indicator{Title: "地域活動に参加している区民の割合", Target: stats.Target{Percent: 60, Op: ">=", Year: 2027}}
	sec := Section{Title: "年代", Year: "令和5年度"}
	for i, l := range []string{"18〜29歳", "30歳代", "40歳代", "50歳代", "60歳代", "70歳以上", "無回答"} {
		sec.Bars = append(sec.Bars, Bar{Label: l, Text: "55.0%", N: "120", Value: 50 + float64(i), Reference: i == 6})
	}
	a := compute.Actual{Percent: 58.75, FiscalYear: 2023}
	for b.Loop() {
		if _, err := Breakdown("chart-3", v, a, sec); err != nil {
			b.Fatal(err)
		}
	}
}
