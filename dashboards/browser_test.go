package dashboards

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package (and CI) installs it.
const chromiumPath = "/usr/bin/chromium"

// RequireChromium skips the test when chromium is not installed (CI
// installs it), and with -short: a browser test takes seconds. The helpers
// below are exported, from this test file only, so that e2e_test.go
// (package dashboards_test) shares them.
func RequireChromium(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs headless chromium (skipped with -short)")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no %s: %v", chromiumPath, err)
	}
}

// PageWant is what one page must show on top of the checks every page gets.
type PageWant struct {
	H1   string   // the text of the page's <h1>, when not ""
	Text []string // text the page must show as text (its title or body)
}

// CheckPagesInBrowser opens every page under dir from file:// in headless
// chromium with the network offline, one subtest per page, and checks that
// every chart drew a canvas, that nothing logged an error or threw, that no
// request left file://, that no dialog opened, that no input became an
// <img>, and what want asks of each page. It returns the browser, which
// t.Cleanup stops.
func CheckPagesInBrowser(t *testing.T, dir string, want map[string]PageWant) context.Context {
	t.Helper()
	RequireChromium(t)
	browser := StartBrowser(t)
	pages := htmlPages(outputFiles(t, dir))
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	sort.Strings(names)
	for name := range want {
		if _, ok := pages[name]; !ok {
			t.Errorf("no page %s", name)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			report := OpenOffline(t, browser, FileURL(dir, name))
			checkReport(t, report, strings.Count(pages[name], `role="img"`))
			w := want[name]
			if w.H1 != "" && report.DOM.H1 != w.H1 {
				t.Errorf("<h1> text = %q, want %q", report.DOM.H1, w.H1)
			}
			if w.H1 != "" && !strings.HasPrefix(report.DOM.Title, w.H1) {
				t.Errorf("<title> = %q, want it to start with %q", report.DOM.Title, w.H1)
			}
			for _, text := range w.Text {
				if !strings.Contains(report.DOM.Title, text) && !strings.Contains(report.DOM.Text, text) {
					t.Errorf("page does not show %q as text", text)
				}
			}
		})
	}
	return browser
}

// FileURL is the file:// address of a page under dir.
func FileURL(dir, name string) string {
	abs, err := filepath.Abs(filepath.Join(dir, name))
	if err != nil {
		abs = filepath.Join(dir, name)
	}
	return "file://" + filepath.ToSlash(abs)
}

// TestPagesInBrowser runs CheckPagesInBrowser over testSite, whose
// hostile titles must be on screen, as text, where they belong.
func TestPagesInBrowser(t *testing.T) {
	RequireChromium(t)
	CheckPagesInBrowser(t, renderTestSite(t), map[string]PageWant{
		"indicator-tsurumi-2023-2-1.html":          {H1: hostileImg, Text: []string{hostileImg}},
		"indicator-higashisumiyoshi-2020-1-1.html": {H1: hostileScript, Text: []string{hostileScript}},
		"indicator-tsurumi-2023-1-1.html":          {Text: []string{hostileLabel, hostileAttr, hostileChoice}},
		"indicator-tsurumi-2023-3-1.html":          {Text: []string{hostileChoice}},
		"ward-tsurumi.html":                        {Text: []string{hostileImg}},
		"index.html":                               {Text: []string{hostileImg, hostileScript}},
	})
}

// StartBrowser starts one chromium for the whole test; t.Cleanup stops it.
func StartBrowser(t *testing.T) context.Context {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// PageReport is what a page showed and logged.
type PageReport struct {
	DOM      DOMReport
	Console  []string
	Requests []string
	Dialogs  []string
}

// DOMReport is read from the page by domScript.
type DOMReport struct {
	Charts     int      `json:"charts"`
	NoCanvas   []string `json:"noCanvas"`
	Images     int      `json:"images"`
	H1         string   `json:"h1"`
	Title      string   `json:"title"`
	ECharts    bool     `json:"echarts"`
	Unlabelled int      `json:"unlabelled"`
	Text       string   `json:"text"` // what the page shows as text
	// BannerLink is where the banner of a failed refresh links to, when
	// the page shows it; "" when it does not.
	BannerLink string `json:"bannerLink"`
}

const domScript = `(() => {
  const charts = Array.from(document.querySelectorAll('.chart'));
  return {
    charts: charts.length,
    noCanvas: charts.filter(c => !c.querySelector('canvas')).map(c => c.id),
    images: document.querySelectorAll('img').length,
    h1: (document.querySelector('h1') || {}).textContent || '',
    title: document.title,
    echarts: typeof echarts !== 'undefined',
    unlabelled: charts.filter(c => c.getAttribute('role') !== 'img' || !c.getAttribute('aria-label')).length,
    text: document.body.innerText,
    bannerLink: (b => b && !b.hidden && b.querySelector('a') ? b.querySelector('a').getAttribute('href') : '')(document.getElementById('refresh-banner')),
  };
})()`

// offlineTab opens a new tab, with a time limit, whose network is offline;
// done closes it.
func offlineTab(t *testing.T, browser context.Context) (tab context.Context, done func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 30*time.Second)
	tab, closeTab := chromedp.NewContext(ctx)
	done = func() { closeTab(); cancel() }
	if err := chromedp.Do(tab); err != nil {
		done()
		t.Fatalf("open tab: %v", err)
	}
	goOffline(t, tab)
	return tab, done
}

// OpenOffline loads url in a new tab whose network is offline, and
// collects its console, its requests and any dialog while it loads.
func OpenOffline(t *testing.T, browser context.Context, url string) PageReport {
	t.Helper()
	tab, done := offlineTab(t, browser)
	defer done()

	var report PageReport
	var mu sync.Mutex
	add := func(dst *[]string, s string) {
		mu.Lock()
		defer mu.Unlock()
		*dst = append(*dst, s)
	}
	// Subscribe before navigating; each loop ends when the tab closes.
	console := chromedp.Console(tab)
	requests := chromedp.Events(tab, network.RequestWillBeSent)
	dialogs := chromedp.Events(tab, cdppage.JavascriptDialogOpening)
	var wg sync.WaitGroup
	wg.Go(func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
				add(&report.Console, string(m.Type)+": "+m.String())
			}
		}
	})
	wg.Go(func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			if !strings.HasPrefix(ev.Request.URL, "file://") {
				add(&report.Requests, ev.Request.URL)
			}
		}
	})
	wg.Go(func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			add(&report.Dialogs, ev.Message)
			// Dismiss it so that the page finishes loading and the test reports.
			_, _ = chromedp.Call(tab, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
		}
	})

	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	dom, err := chromedp.Run(tab, chromedp.Evaluate[DOMReport](domScript))
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	done() // ends the event loops above; the deferred call is then a no-op
	wg.Wait()
	report.DOM = dom
	return report
}

// goOffline cuts the tab's network before it loads anything, so a
// reference to a CDN would fail and show up as an error.
func goOffline(t *testing.T, tab context.Context) {
	t.Helper()
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable network: %v", err)
	}
	offline := []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	if _, err := chromedp.Call(tab, network.EmulateNetworkConditionsByRule,
		network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: offline}); err != nil {
		t.Fatalf("emulate offline: %v", err)
	}
	if _, err := chromedp.Call(tab, network.OverrideNetworkState,
		network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatalf("override network state: %v", err)
	}
}

func checkReport(t *testing.T, r PageReport, wantCharts int) {
	t.Helper()
	for _, m := range r.Console {
		t.Errorf("console: %s", m)
	}
	for _, u := range r.Requests {
		t.Errorf("request outside file://: %s", u)
	}
	for _, d := range r.Dialogs {
		t.Errorf("dialog opened (script ran from input?): %q", d)
	}
	d := r.DOM
	if d.Charts != wantCharts {
		t.Errorf("%d chart containers in the DOM, want %d", d.Charts, wantCharts)
	}
	if wantCharts > 0 && !d.ECharts {
		t.Error("ECharts did not load from assets/")
	}
	if len(d.NoCanvas) > 0 {
		t.Errorf("charts without a canvas: %v", d.NoCanvas)
	}
	if d.Unlabelled > 0 {
		t.Errorf("%d charts without role=img and aria-label", d.Unlabelled)
	}
	if d.Images > 0 {
		t.Errorf("%d <img> elements: input became markup", d.Images)
	}
}

// Screenshot saves a PNG of the top of the page at url, width pixels wide
// and at most height pixels tall, into file. The tab is offline too.
func Screenshot(t *testing.T, browser context.Context, url, file string, width, height int64) {
	t.Helper()
	tab, done := offlineTab(t, browser)
	defer done()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(width, height), chromedp.Navigate(url)); err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
	docHeight, err := chromedp.Run(tab, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if err != nil {
		t.Fatalf("measure %s: %v", url, err)
	}
	clip := &cdppage.Viewport{Width: float64(width), Height: min(docHeight, float64(height)), Scale: 1}
	shot, err := chromedp.Call(tab, cdppage.CaptureScreenshot, cdppage.CaptureScreenshotParams{
		Format: cdppage.CaptureScreenshotFormatPng, Clip: clip,
	})
	if err != nil {
		t.Fatalf("screenshot %s: %v", url, err)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, shot.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}
