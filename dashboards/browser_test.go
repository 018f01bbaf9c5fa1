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
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian's chromium package (and CI) installs it.
const chromiumPath = "/usr/bin/chromium"

// TestPagesInBrowser opens every rendered page from file:// in headless
// chromium with the network offline, and checks that every chart drew a
// canvas, that nothing logged an error or threw, that no request left
// file://, and that hostile titles show as text.
func TestPagesInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no %s: %v", chromiumPath, err)
	}
	dir := renderTestSite(t)
	browser := startBrowser(t)
	pages := htmlPages(outputFiles(t, dir))
	names := make([]string, 0, len(pages))
	for name := range pages {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			report := openOffline(t, browser, "file://"+filepath.ToSlash(filepath.Join(dir, name)))
			checkReport(t, report, strings.Count(pages[name], `role="img"`))
		})
	}
}

// startBrowser starts one chromium for the whole test; t.Cleanup stops it.
func startBrowser(t *testing.T) context.Context {
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

// pageReport is what a page showed and logged.
type pageReport struct {
	DOM      domReport
	Console  []string
	Requests []string
	Dialogs  []string
}

// domReport is read from the page by domScript.
type domReport struct {
	Charts      int      `json:"charts"`
	NoCanvas    []string `json:"noCanvas"`
	Images      int      `json:"images"`
	H1          string   `json:"h1"`
	Title       string   `json:"title"`
	ECharts     bool     `json:"echarts"`
	UnlabelledC int      `json:"unlabelled"`
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
  };
})()`

// openOffline loads url in a new tab whose network is offline, and
// collects its console, its requests and any dialog while it loads.
func openOffline(t *testing.T, browser context.Context, url string) pageReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(browser, 30*time.Second)
	defer cancel()
	tab, closeTab := chromedp.NewContext(ctx)
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	goOffline(t, tab)

	var report pageReport
	var mu sync.Mutex
	var wg sync.WaitGroup
	collect := func(dst *[]string, next func(func(string) bool)) {
		wg.Go(func() {
			next(func(s string) bool {
				mu.Lock()
				defer mu.Unlock()
				*dst = append(*dst, s)
				return true
			})
		})
	}
	console := chromedp.Console(tab)
	collect(&report.Console, func(yield func(string) bool) {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
				yield(string(m.Type) + ": " + m.String())
			}
		}
	})
	requests := chromedp.Events(tab, network.RequestWillBeSent)
	collect(&report.Requests, func(yield func(string) bool) {
		for ev, err := range requests {
			if err != nil {
				return
			}
			if !strings.HasPrefix(ev.Request.URL, "file://") {
				yield(ev.Request.URL)
			}
		}
	})
	dialogs := chromedp.Events(tab, page.JavascriptDialogOpening)
	collect(&report.Dialogs, func(yield func(string) bool) {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			yield(ev.Message)
			// Dismiss it so the page can finish loading and the test report.
			_, _ = chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})

	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	dom, err := chromedp.Run(tab, chromedp.Evaluate[domReport](domScript))
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	closeTab()
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

func checkReport(t *testing.T, r pageReport, wantCharts int) {
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
	if d.UnlabelledC > 0 {
		t.Errorf("%d charts without role=img and aria-label", d.UnlabelledC)
	}
	if d.Images > 0 {
		t.Errorf("%d <img> elements: input became markup", d.Images)
	}
	if strings.Contains(d.H1, "onerror") && d.H1 != hostileImg && d.H1 != hostileScript {
		t.Errorf("hostile title shown as %q", d.H1)
	}
	if strings.Contains(d.Title, "onerror") && !strings.Contains(d.Title, hostileImg) && !strings.Contains(d.Title, hostileScript) {
		t.Errorf("hostile <title> shown as %q", d.Title)
	}
}

// TestHostileTitleShownAsText pins the two hostile titles to their pages,
// so that the browser test cannot pass by not showing them at all.
func TestHostileTitleShownAsText(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no %s: %v", chromiumPath, err)
	}
	dir := renderTestSite(t)
	browser := startBrowser(t)
	for page, want := range map[string]string{
		"indicator-tsurumi-2023-2-1.html":          hostileImg,
		"indicator-higashisumiyoshi-2020-1-1.html": hostileScript,
	} {
		r := openOffline(t, browser, "file://"+filepath.ToSlash(filepath.Join(dir, page)))
		if r.DOM.H1 != want {
			t.Errorf("%s: <h1> text = %q, want %q", page, r.DOM.H1, want)
		}
	}
}
