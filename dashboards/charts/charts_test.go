package charts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
)

// TestOptionJSONEscapes guards the one place input text enters a <script>:
// go-echarts would write it unescaped.
func TestOptionJSONEscapes(t *testing.T) {
	hostile := `</script><img src=x onerror=alert(1)>&` + "\u2028"
	line := newLine("chart-1")
	line.SetXAxis([]string{hostile})
	line.AddSeries(hostile, []opts.LineData{{Value: 1.5}})
	got, err := OptionJSON(line)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<", ">", "&", "\u2028"} {
		if strings.Contains(string(got), raw) {
			t.Errorf("option contains raw %q: %s", raw, got)
		}
	}
	var back struct {
		Series []struct{ Name string }
	}
	if err := json.Unmarshal([]byte(got), &back); err != nil || len(back.Series) != 1 || back.Series[0].Name != hostile {
		t.Errorf("option does not round-trip the text: %v %+v", err, back)
	}
}

// TestAssetsHost checks that go-echarts itself resolves ECharts to the
// copy Render writes, not to its default CDN host.
func TestAssetsHost(t *testing.T) {
	line := newLine("chart-1")
	line.Validate()
	if got := line.JSAssets.Values; len(got) != 1 || got[0] != EChartsFile {
		t.Errorf("go-echarts assets = %v, want [%s]", got, EChartsFile)
	}
}

// TestBreakdownOptionAsGoECharts: a breakdown's option, the shape built
// once with the data put in, is byte for byte the one go-echarts builds
// for that data.
func TestBreakdownOptionAsGoECharts(t *testing.T) {
	hostile := `</script><b>"a"&'b'+{c}</b>` + "\u2028"
	v := Indicator{Title: hostile, Target: stats.Target{Percent: 60, Op: ">=", Year: 2027}}
	cases := []BarSection{
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
		want, err := OptionJSON(breakdownBar(labels, items, breakdownMarks(v, a)))
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
	v := Indicator{Title: "地域活動に参加している区民の割合", Target: stats.Target{Percent: 60, Op: ">=", Year: 2027}}
	sec := BarSection{Title: "年代", Year: "令和5年度"}
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
