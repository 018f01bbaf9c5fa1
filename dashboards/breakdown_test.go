package dashboards

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/charts"
)

func TestBreakdownSections(t *testing.T) {
	m := newSiteModel(testSite())
	secs, err := m.breakdownSections(&idGen{}, m.byKey[key("鶴見区", 2023, 1, 1)])
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 2 || secs[0].Key != "nendai" || secs[1].Key != "kosodate" {
		t.Fatalf("sections %+v, want nendai then kosodate (questions.csv order)", secs)
	}
	nendai, kosodate := secs[0], secs[1]
	if nendai.Title != hostileAttr || nendai.Year != "令和5年度" {
		t.Errorf("nendai title %q year %q", nendai.Title, nendai.Year)
	}
	// Labels: choices.csv of the wave first, then the cell's own, then the code.
	var labels []string
	for _, r := range nendai.Rows {
		labels = append(labels, r.Label+" "+r.Shown()+" n="+r.N)
	}
	want := []string{hostileLabel + " 60.0%（参考値） n=25", "50歳以上 61.2% n=400", "60歳代 58.4% n=150"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("nendai rows\n got %q\nwant %q", labels, want)
	}
	if got := strings.Join(nendai.Hidden, ","); got != "18〜29歳,無回答" {
		t.Errorf("nendai hidden = %q", got)
	}
	if !strings.Contains(nendai.HiddenNote, "逆算できないよう") {
		t.Errorf("nendai note %q does not explain complementary suppression", nendai.HiddenNote)
	}
	if len(kosodate.Rows) != 2 || kosodate.Rows[0].Label != hostileChoice || kosodate.Rows[1].Label != "コード2" {
		t.Errorf("kosodate rows %+v", kosodate.Rows)
	}
	// n=9 not flagged as suppressed upstream: still hidden.
	if got := strings.Join(kosodate.Hidden, ","); got != "その他" || !strings.Contains(kosodate.HiddenNote, "n<10 のため非表示") {
		t.Errorf("kosodate hidden %q note %q", got, kosodate.HiddenNote)
	}
	if !nendai.HasChart || nendai.Chart.Height != 180 { // three bars
		t.Errorf("nendai chart %+v", nendai.Chart)
	}
}

// TestSuppressedNeverShown: no number of a suppressed cell, nor of an older
// wave's breakdown, reaches any page.
func TestSuppressedNeverShown(t *testing.T) {
	for name, body := range htmlPages(outputFiles(t, renderTestSite(t))) {
		for _, bad := range []string{"91.9", "77.7", "n=4）", "n=9）", "n=0）"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s shows %q", name, bad)
			}
		}
	}
}

func TestBreakdownChart(t *testing.T) {
	page := htmlPages(outputFiles(t, renderTestSite(t)))["indicator-tsurumi-2023-1-1.html"]
	for _, want := range []string{
		"属性別の実績（令和5年度）", `class="chart chart-bars"`, `data-height="180"`,
		`<tr class="reference"><th scope="row">`, "60.0%<span class=\"note\">（参考値）</span>",
		"「18〜29歳」「無回答」は非表示にしています",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("indicator page lacks %q", want)
		}
	}
	var option struct {
		YAxis  []struct{ Data []string } `json:"yAxis"`
		XAxis  []struct{ Type string }   `json:"xAxis"`
		Series []struct {
			Type string
			Data []struct {
				Value     float64
				Label     struct{ Formatter string }
				ItemStyle *struct {
					Decal *struct{ Symbol string }
				}
			}
			MarkLine struct {
				Data []struct {
					Name  string
					XAxis float64
				}
			} `json:"markLine"`
		}
	}
	block := regexp.MustCompile(`(?s)class="chart chart-bars".*?data-chart="chart-\d+">(.*?)</script>`).FindStringSubmatch(page)
	if block == nil {
		t.Fatal("no bar chart option")
	}
	if err := json.Unmarshal([]byte(block[1]), &option); err != nil {
		t.Fatal(err)
	}
	if len(option.YAxis) != 1 || len(option.YAxis[0].Data) != 3 || option.YAxis[0].Data[0] != hostileLabel {
		t.Errorf("bar categories %+v", option.YAxis)
	}
	if len(option.XAxis) != 1 || option.XAxis[0].Type != "value" {
		t.Errorf("x axis %+v, want a value axis (horizontal bars)", option.XAxis)
	}
	s := option.Series[0]
	if s.Type != "bar" || len(s.Data) != 3 {
		t.Fatalf("series %+v", s)
	}
	if s.Data[0].Label.Formatter != "60.0%（参考値）" || s.Data[0].ItemStyle == nil || s.Data[0].ItemStyle.Decal == nil {
		t.Errorf("参考値 bar %+v: want its label marked and a hatched style", s.Data[0])
	}
	if s.Data[1].Label.Formatter != "61.2%" || s.Data[1].ItemStyle != nil {
		t.Errorf("published bar %+v", s.Data[1])
	}
	if len(s.MarkLine.Data) != 2 || s.MarkLine.Data[0].XAxis != 59.8 || s.MarkLine.Data[1].XAxis != 75 {
		t.Errorf("mark lines %+v, want 全体 59.8 and 目標 75", s.MarkLine.Data)
	}
}

func TestTrendChartPathAndProjection(t *testing.T) {
	m := newSiteModel(testSite())
	c, err := charts.Trend("chart-1", m.byKey[key("鶴見区", 2023, 1, 1)].Chart())
	if err != nil {
		t.Fatal(err)
	}
	var option struct {
		Legend struct{ Data []string }
		Series []struct {
			Name     string
			Data     []json.RawMessage
			MarkLine *struct {
				Data json.RawMessage
			} `json:"markLine"`
		}
	}
	if err := json.Unmarshal([]byte(c.Option), &option); err != nil {
		t.Fatal(err)
	}
	byName := map[string]int{}
	for i, s := range option.Series {
		byName[s.Name] = i
	}
	// The axis runs 令和元年度 (2019) to 令和9年度 (2027): 9 years.
	path := option.Series[byName[charts.PathName]]
	if len(path.Data) != 9 || string(path.Data[0]) != `{"value":68.4}` || string(path.Data[8]) != `{"value":75}` || string(path.Data[4]) != `{"value":"-"}` {
		t.Errorf("path data %s", path.Data)
	}
	// Its projection's interval is 0–100%: too wide to be a figure, so it
	// is neither drawn nor read out, and the page says why.
	if _, drawn := byName[charts.ProjectionName]; drawn || strings.Contains(c.Label, "見通し") {
		t.Errorf("a projection of 0–100%% is drawn: %s / %s", c.Option, c.Label)
	}
	if got := strings.Join(option.Legend.Data, ","); got != "実績,95%信頼区間,目標への直線" {
		t.Errorf("legend %s", got)
	}
	if !strings.Contains(c.Label, "目標への直線は基準年令和元年度の68.4%から令和9年度末の75%以上まで") {
		t.Errorf("aria-label %q lacks the path", c.Label)
	}
	if note, ok := charts.WithheldProjection(m.byKey[key("鶴見区", 2023, 1, 1)].Chart()); !ok || note != "予測区間が 0.0%〜100.0% と広く、目標年度の見通しはまだ立ちません" {
		t.Errorf("withheld projection note %q", note)
	}

	// Three waves and an interval of 21.6 points: drawn at 令和4年度 (the
	// axis runs 平成30年度 to 令和4年度), and read out.
	hs, err := charts.Trend("chart-1", m.byKey[key("東住吉区", 2020, 1, 1)].Chart())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(hs.Option), &option); err != nil {
		t.Fatal(err)
	}
	var proj *struct {
		Name     string
		Data     []json.RawMessage
		MarkLine *struct {
			Data json.RawMessage
		} `json:"markLine"`
	}
	for i := range option.Series {
		if option.Series[i].Name == charts.ProjectionName {
			proj = &option.Series[i]
		}
	}
	if proj == nil || !strings.Contains(string(proj.Data[4]), `"value":66`) || !strings.Contains(string(proj.Data[4]), "見通し 66.0%") {
		t.Fatalf("projection series %+v", proj)
	}
	if proj.MarkLine == nil || string(proj.MarkLine.Data) != `[[{"coord":[4,55.2]},{"coord":[4,76.8]}]]` {
		t.Errorf("prediction interval %+v, want a bar at 令和4年度 from 55.2 to 76.8", proj.MarkLine)
	}
	if !strings.Contains(hs.Label, "令和4年度の見通し 66.0%（95%予測区間 55.2%〜76.8%）") {
		t.Errorf("aria-label %q lacks the projection", hs.Label)
	}

	// One wave: no path (it starts at the only wave), no projection.
	one, err := charts.Trend("chart-1", m.byKey[key("東住吉区", 2020, 1, 2)].Chart())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(one.Option), charts.ProjectionName) {
		t.Errorf("single wave has a projection: %s", one.Option)
	}
}

func TestSummaryPaceAndCounts(t *testing.T) {
	pages := htmlPages(outputFiles(t, renderTestSite(t)))
	checks := map[string][]string{
		"ward-tsurumi.html": {"目標まで毎年3.8ポイントの上昇が必要", "目標年度の見通し：予測区間が 0.0%〜100.0% と広く、目標年度の見通しはまだ立ちません",
			"<th scope=\"col\">目標への直線</th>", "<td class=\"num\">71.1%</td>", "—（基準年）",
			`<span class="status status-ok">順調</span>`, `<span class="status status-late">遅れ</span>`},
		"index.html": {`<span class="status status-a">A（達成）</span> 2件`, `<span class="status status-ok">順調</span> 1件`,
			`<span class="status status-late">遅れ</span> 1件`, `<span class="status status-none">実績なし</span> 1件`,
			`<th scope="col">進捗</th>`},
		"indicator-higashisumiyoshi-2020-1-1.html": {"<dt>目標までに必要なペース</dt><dd>毎年4.4ポイントの上昇が必要</dd>",
			"<dt>目標年度の見通し</dt><dd>令和4年度 66.0%（95%予測区間 55.2%〜76.8%）</dd>"},
		"method.html": {"svyciprop", "ロジット", "有意水準5%", "順調", "遅れ", "基準年", "最小二乗法", "95%予測区間",
			"<strong>30人以下</strong>", "<strong>10人未満</strong>", "相補秘匿", "1.25% → 1.3%", "公表値"},
	}
	for page, wants := range checks {
		for _, want := range wants {
			if !strings.Contains(pages[page], want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
	}
	// A met target needs no pace.
	if strings.Contains(pages["indicator-higashisumiyoshi-2020-1-2.html"], "必要なペース") {
		t.Error("a met target shows a pace")
	}
	for name, body := range pages {
		if !strings.Contains(body, `<a href="status.html">更新状況</a>`) {
			t.Errorf("%s lacks the link to status.html", name)
		}
	}
}
