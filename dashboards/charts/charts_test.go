package charts

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
