package dashboards

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/shihyo/shihyo/dashboards/status"
)

var wantFiles = []string{
	"index.html",
	"method.html",
	"ward-tsurumi.html",
	"ward-higashisumiyoshi.html",
	"indicator-tsurumi-2023-1-1.html",
	"indicator-tsurumi-2023-2-1.html",
	"indicator-tsurumi-2023-3-1.html",
	"indicator-higashisumiyoshi-2020-1-1.html",
	"indicator-higashisumiyoshi-2020-1-2.html",
	"assets/echarts.min.js",
	"assets/style.css",
	"assets/dashboard.js",
	"assets/banner.js",
	"assets/status.js",
}

func TestRenderWritesSite(t *testing.T) {
	files := outputFiles(t, renderTestSite(t))
	for _, name := range wantFiles {
		if strings.TrimSpace(files[name]) == "" {
			t.Errorf("%s missing or empty", name)
		}
	}
	for name := range files {
		if !regexp.MustCompile(`^[a-z0-9/._-]+$`).MatchString(name) {
			t.Errorf("file name %q is not plain ASCII", name)
		}
	}
	if len(files) != len(wantFiles) {
		t.Errorf("wrote %d files, want %d", len(files), len(wantFiles))
	}
}

// htmlPages are the pages of a rendered site.
func htmlPages(files map[string]string) map[string]string {
	pages := map[string]string{}
	for name, body := range files {
		if strings.HasSuffix(name, ".html") {
			pages[name] = body
		}
	}
	return pages
}

func TestPagesLoadLocalECharts(t *testing.T) {
	files := outputFiles(t, renderTestSite(t))
	for name, body := range htmlPages(files) {
		hasChart := strings.Contains(body, `role="img"`)
		loads := strings.Contains(body, `<script src="assets/echarts.min.js"></script>`)
		if hasChart != loads {
			t.Errorf("%s: has charts %v but loads assets/echarts.min.js %v", name, hasChart, loads)
		}
		unmeasured := name == "indicator-tsurumi-2023-3-1.html"
		if name != "method.html" && !unmeasured && !hasChart {
			t.Errorf("%s has no chart", name)
		}
	}
}

func TestLinksAreRelativeAndResolve(t *testing.T) {
	files := outputFiles(t, renderTestSite(t))
	for name, body := range htmlPages(files) {
		for _, ref := range attrValues(t, body, "src", "href") {
			if strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") {
				t.Errorf("%s: non-relative reference %q", name, ref)
				continue
			}
			target := strings.SplitN(ref, "#", 2)[0]
			if target == status.File {
				continue // the pipeline writes it beside the site (e2e_test.go opens it)
			}
			if target != "" && files[target] == "" {
				t.Errorf("%s: link %q points at no file", name, ref)
			}
		}
	}
}

// attrValues collects the values of the named attributes in a page.
func attrValues(t *testing.T, page string, names ...string) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				for _, n := range names {
					if a.Key == n {
						out = append(out, a.Val)
					}
				}
			}
		}
	}
}

func TestNoURLsOrMachinePaths(t *testing.T) {
	dir := renderTestSite(t)
	for name, body := range outputFiles(t, dir) {
		if name == "assets/echarts.min.js" {
			continue // third-party: XML namespaces and its licence URL
		}
		for _, bad := range []string{"http://", "https://", "file:", dir, fakeDataDir, os.TempDir()} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

func TestHostileTextIsEscaped(t *testing.T) {
	pages := htmlPages(outputFiles(t, renderTestSite(t)))
	for name, body := range pages {
		for _, raw := range []string{"<img", "<b>", "onerror=alert(1)>", "<script>alert", "</td><img"} {
			if strings.Contains(body, raw) {
				t.Errorf("%s contains raw %q", name, raw)
			}
		}
		if a, b := strings.Count(body, "<script"), strings.Count(body, "</script>"); a != b {
			t.Errorf("%s: %d <script> but %d </script>: input closed a script", name, a, b)
		}
	}
	for _, c := range []struct{ page, want string }{
		{"indicator-tsurumi-2023-2-1.html", "SDGsを知っている&lt;img src=x onerror=alert(1)&gt;区民の割合"},
		{"indicator-higashisumiyoshi-2020-1-1.html", "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;地域の支え合い"},
		{"ward-tsurumi.html", "区民の&lt;b&gt;声&lt;/b&gt;を区政に生かす"},
		// a 取組's title: in the table, the aria-label and the chart's legend
		{"ward-tsurumi.html", "<th scope=\"row\">1-1-10 &lt;img src=x onerror=alert(5)&gt;取組</th>"},
		{"ward-tsurumi.html", "1-1-10 &lt;img src=x onerror=alert(5)&gt;取組 令和5年度 予算 5,237千円"},
		{"ward-tsurumi.html", `"1-1-10 \u003cimg src=x onerror=alert(5)\u003e取組"`},
		// breakdown labels and attribute texts: in the table, the caption and the aria-label
		{"indicator-tsurumi-2023-1-1.html", "<th scope=\"row\">&lt;img src=x onerror=alert(2)&gt;30〜40歳代</th>"},
		{"indicator-tsurumi-2023-1-1.html", "<figcaption>回答別：年齢は？&lt;script&gt;alert(3)&lt;/script&gt;</figcaption>"},
		{"indicator-tsurumi-2023-1-1.html", "&lt;img src=x onerror=alert(2)&gt;30〜40歳代 60.0%（参考値）（n=25）"},
		// and in the chart option, as JSON escapes
		{"indicator-tsurumi-2023-1-1.html", `"\u003cimg src=x onerror=alert(2)\u003e30〜40歳代"`},
		// choice labels: in a breakdown, and in the filter of another indicator
		{"indicator-tsurumi-2023-1-1.html", "<th scope=\"row\">はい&lt;/td&gt;&lt;img src=x onerror=alert(4)&gt;</th>"},
		{"indicator-tsurumi-2023-1-1.html", `"はい\u003c/td\u003e\u003cimg src=x onerror=alert(4)\u003e"`},
		{"indicator-tsurumi-2023-3-1.html", "1（はい&lt;/td&gt;&lt;img src=x onerror=alert(4)&gt;）"},
	} {
		if !strings.Contains(pages[c.page], c.want) {
			t.Errorf("%s lacks escaped text %q", c.page, c.want)
		}
	}
}

func TestChartsAreAccessible(t *testing.T) {
	pages := htmlPages(outputFiles(t, renderTestSite(t)))
	div := regexp.MustCompile(`<div id="(chart-\d+)" class="chart [^"]*" role="img" aria-label="([^"]+)"(?: data-height="\d+")?></div>`)
	for name, body := range pages {
		if n := strings.Count(body, `class="chart `); n != len(div.FindAllString(body, -1)) {
			t.Errorf("%s: %d chart containers, not all with role=img and aria-label", name, n)
		}
		for _, m := range div.FindAllStringSubmatch(body, -1) {
			block := regexp.MustCompile(`data-chart="` + m[1] + `">(.*?)</script>`).FindStringSubmatch(body)
			if block == nil {
				t.Errorf("%s: chart %s has no option", name, m[1])
				continue
			}
			var option map[string]any
			if err := json.Unmarshal([]byte(block[1]), &option); err != nil {
				t.Errorf("%s: option of %s is not JSON: %v", name, m[1], err)
			}
		}
	}
	ward := pages["ward-tsurumi.html"]
	for _, want := range []string{"<th scope=\"col\">年度</th><th scope=\"col\">実績</th>", "n（有効回答）", "A（達成）", "B（未達成）"} {
		if !strings.Contains(ward, want) {
			t.Errorf("ward page lacks %q", want)
		}
	}
}

func TestWarekiAxisLabels(t *testing.T) {
	pages := htmlPages(outputFiles(t, renderTestSite(t)))
	body := pages["ward-higashisumiyoshi.html"]
	// In the option JSON (the x axis) and in the data table.
	for _, want := range []string{`"令和2年度"`, `"令和元年度"`, `"平成30年度"`, "<th scope=\"row\">令和元年度</th>"} {
		if !strings.Contains(body, want) {
			t.Errorf("ward page lacks %s", want)
		}
	}
	if !strings.Contains(pages["indicator-tsurumi-2023-1-1.html"], "令和9年度末") {
		t.Error("indicator page lacks the target year 令和9年度末")
	}
}

func TestPageContent(t *testing.T) {
	pages := htmlPages(outputFiles(t, renderTestSite(t)))
	checks := map[string][]string{
		"index.html": {`lang="ja"`, "59.8%", "令和9年度末", "75%以上", "遅れ", "有意に低下（-11.5ポイント）", `<span class="status status-a">達成</span>`, "—",
			`href="ward-tsurumi.html"`, `href="indicator-tsurumi-2023-1-1.html"`, "（参考値）", "chart-spark"},
		"ward-tsurumi.html": {"みんなでつくる、住みたい・住み続けたいまち", "使命", "経営課題1　区政への参画と情報発信",
			"指標のない経営課題", "この指標の実績はまだありません", "95%信頼区間",
			// the budget lines: 決算 before 予算, oldest first; the 経営課題's own line, then 1-1-2 before 1-1-10
			"<figcaption>取組と予算</figcaption>", "データ表：経営課題1 区政への参画と情報発信の取組と予算（千円）",
			`<th scope="col">令和3年度 決算</th><th scope="col">令和4年度 予算</th><th scope="col">令和5年度 予算</th>`,
			`<tr><th scope="row">経営課題全体</th><td class="num">46,000千円</td><td class="num">47,000千円</td><td class="num">—</td></tr>`,
			`<tr><th scope="row">1-1-2 広報紙の充実</th><td class="num">—</td><td class="num">—</td><td class="num">—</td></tr>`,
			"棒グラフ：経営課題1 区政への参画と情報発信の予算・決算（千円）。経営課題全体 令和3年度 決算 46,000千円、令和4年度 予算 47,000千円。",
			"データ表：経営課題4 指標のない経営課題の取組と予算", "chart-budget"},
		"indicator-tsurumi-2023-1-1.html": {"質問：広報紙を読んでいる区民の割合", "1（毎月読んでいる）、2（ときどき読んでいる）",
			"無回答、9（わからない）", "36.8%", "令和９年度末までに75％以上にする", "chart-gauge", "<dt>前年度の実績</dt><dd>71.3%</dd>", "東住吉区", "indicator-higashisumiyoshi-2020-1-1.html",
			"分母の内訳（人数）", `<tr><th scope="row">回答者数</th><td class="num">736</td>`, `<tr class="key"><th scope="row">n（有効回答）</th><td class="num">700</td>`},
		"indicator-tsurumi-2023-3-1.html":          {"<code>kosodate=1</code>", "この指標の実績はまだありません"},
		"indicator-higashisumiyoshi-2020-1-2.html": {"20%以下", "A（達成）"},
		"method.html": {"四捨五入", "1.25% → 1.3%", "無回答", "以上", "以下", "<code>kosodate=1</code>"},
	}
	for page, wants := range checks {
		for _, want := range wants {
			if !strings.Contains(pages[page], want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
	}
	if w := pages["ward-tsurumi.html"]; strings.Index(w, ">1-1-2 広報紙の充実<") > strings.Index(w, ">1-1-10 &lt;img") {
		t.Error("取組 1-1-10 is listed before 1-1-2")
	}
	if strings.Contains(pages["ward-higashisumiyoshi.html"], "取組と予算") {
		t.Error("a ward without plan_actions.csv lines shows a budget")
	}
	// One spelling of a met target's 進捗, the exports' 達成 (present).
	for page, body := range pages {
		if strings.Contains(body, "達成済み") {
			t.Errorf("%s spells the trajectory A 達成済み; want 達成 as the exports do", page)
		}
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	a, b := outputFiles(t, renderTestSite(t)), outputFiles(t, renderTestSite(t))
	for name := range a {
		if a[name] != b[name] {
			t.Errorf("%s differs between two renders", name)
		}
	}
}

func TestRenderRequiresEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Render(context.Background(), dir, testSite()); err == nil {
		t.Error("Render into a non-empty folder succeeded")
	}
	if err := Render(context.Background(), filepath.Join(dir, "missing"), testSite()); err == nil {
		t.Error("Render into a missing folder succeeded")
	}
}

func TestRenderStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Render(ctx, t.TempDir(), testSite()); err != context.Canceled {
		t.Errorf("Render with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestRenderEmptySite(t *testing.T) {
	dir := t.TempDir()
	if err := Render(context.Background(), dir, Site{}); err != nil {
		t.Fatalf("Render(empty) = %v", err)
	}
	files := outputFiles(t, dir)
	if files["index.html"] == "" || files["method.html"] == "" {
		t.Error("empty site lacks index.html or method.html")
	}
}

// TestMenuMarksOwnPage: the menus written once for the site (menus) mark
// the ward page's own link, and no ward on any other page.
func TestMenuMarksOwnPage(t *testing.T) {
	pages := htmlPages(outputFiles(t, renderTestSite(t)))
	tsurumi := `<li><a href="ward-tsurumi.html" aria-current="page">鶴見区</a></li>`
	higashi := `<li><a href="ward-higashisumiyoshi.html" aria-current="page">東住吉区</a></li>`
	for name, body := range pages {
		marked := strings.Count(body, `aria-current="page"`)
		switch name {
		case "ward-tsurumi.html":
			if !strings.Contains(body, tsurumi) || marked != 1 {
				t.Errorf("%s: menu does not mark its own ward alone", name)
			}
		case "ward-higashisumiyoshi.html":
			if !strings.Contains(body, higashi) || marked != 1 {
				t.Errorf("%s: menu does not mark its own ward alone", name)
			}
		case "index.html", "method.html":
			if marked != 1 {
				t.Errorf("%s marks %d links, want its own", name, marked)
			}
		default:
			if marked != 0 || !strings.Contains(body, `<li><a href="ward-tsurumi.html">鶴見区</a></li>`) {
				t.Errorf("%s: menu marks %d links or lacks the wards", name, marked)
			}
		}
	}
}
