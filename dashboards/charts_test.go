package dashboards

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// TestOptionJSONEscapes guards the one place input text enters a <script>:
// go-echarts would write it unescaped.
func TestOptionJSONEscapes(t *testing.T) {
	hostile := `</script><img src=x onerror=alert(1)>&` + "\u2028"
	line := newLine("chart-1")
	line.SetXAxis([]string{hostile})
	line.AddSeries(hostile, []opts.LineData{{Value: 1.5}})
	got, err := optionJSON(line)
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
	if got := line.JSAssets.Values; len(got) != 1 || got[0] != echartsFile {
		t.Errorf("go-echarts assets = %v, want [%s]", got, echartsFile)
	}
}

func TestTrendChartMarksTargetAndBand(t *testing.T) {
	m := newSiteModel(testSite())
	v := m.byKey[indicatorKey{"鶴見区", 2023, 1, 1}]
	c, err := trendChart("chart-1", v)
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
