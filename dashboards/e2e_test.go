package dashboards_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shihyo/shihyo/dashboards"
	"github.com/shihyo/shihyo/pipeline"
)

// sampleDir is the committed sample data, relative to this package.
const sampleDir = "../data/sample"

// hostileTitle replaces the title of 鶴見区 経営課題1 ① in the copied
// indicators.csv: it must show as text on every page that names it.
const hostileTitle = `<img src=x onerror=alert(1)>支え合い`

// screenshotsDir is where the README's screenshots live, relative to this
// package.
const screenshotsDir = "../docs/screenshots"

// TestSampleSiteInBrowser refreshes a copy of data/sample, with one hostile
// indicator title, through the whole pipeline, and opens every page it
// publishes (status.html included) in headless chromium from file:// with
// the network offline: every chart draws, nothing logs an error, nothing
// leaves file://, and the hostile title shows as text. With
// SHIHYO_SCREENSHOTS=1 (make screenshots) it also retakes the README's
// screenshots in docs/screenshots/; otherwise it leaves them alone.
func TestSampleSiteInBrowser(t *testing.T) {
	dashboards.RequireChromium(t)
	out := refreshSample(t, hostileTitle)
	browser := dashboards.CheckPagesInBrowser(t, out, map[string]dashboards.PageWant{
		"indicator-tsurumi-2023-1-1.html": {H1: hostileTitle, Text: []string{hostileTitle}},
		"ward-tsurumi.html":               {Text: []string{hostileTitle, "取組と予算", "46,000千円", "令和3年度 決算"}},
		"index.html":                      {Text: []string{hostileTitle}},
		"method.html":                     {Text: []string{hostileTitle}},
		"indicator-tsurumi-2023-3-1.html": {Text: []string{"属性別の実績", "（参考値）", "n<10 のため非表示"}},
	})
	if os.Getenv("SHIHYO_SCREENSHOTS") != "1" {
		return
	}
	out = refreshSample(t, "") // the README shows the sample as it is
	for _, s := range []struct {
		page, file string
		height     int64
	}{
		{"index.html", "overview.png", 1100},
		{"ward-tsurumi.html", "ward.png", 1700}, // 経営課題1: its budget lines, then its first indicator
		{"indicator-tsurumi-2023-3-1.html", "indicator.png", 2210},
		{"simple-tsurumi-kumin-2023.html", "simple.png", 1300},
	} {
		dashboards.Screenshot(t, browser, dashboards.FileURL(out, s.page), filepath.Join(screenshotsDir, s.file), 1280, s.height)
	}
}

// TestFailedRefreshBannerInBrowser: after a refresh that fails, every page
// of the site it left (rendered by the refresh before, not again) shows,
// from file://, a banner that the figures are older than the inputs, with
// a link to status.html; status.html says so itself and has no banner;
// once a refresh succeeds again, the banner is gone.
func TestFailedRefreshBannerInBrowser(t *testing.T) {
	dashboards.RequireChromium(t)
	tmp := t.TempDir()
	opts := pipeline.Options{DataDir: filepath.Join(tmp, "data"), DB: filepath.Join(tmp, "shihyo.duckdb"), Out: filepath.Join(tmp, "out")}
	if err := os.CopyFS(opts.DataDir, os.DirFS(sampleDir)); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	indicators := filepath.Join(opts.DataDir, "indicators.csv")
	good, err := os.ReadFile(indicators)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(good, []byte(",75,"), []byte(",750,"), 1)
	if bytes.Equal(bad, good) {
		t.Fatal("indicators.csv has no target of 75")
	}
	if err := os.WriteFile(indicators, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Refresh(context.Background(), opts); err == nil {
		t.Fatal("a target of 750% was accepted")
	}
	browser := dashboards.StartBrowser(t)
	for _, page := range []string{"index.html", "ward-tsurumi.html", "indicator-tsurumi-2023-4-1.html", "method.html"} {
		r := dashboards.OpenOffline(t, browser, dashboards.FileURL(opts.Out, page))
		if r.DOM.BannerLink != "status.html" || !strings.Contains(r.DOM.Text, "最新の更新に失敗しました") ||
			!strings.Contains(r.DOM.Text, "入力データより古くなっています") {
			t.Errorf("%s after a failed refresh: banner link %q, text:\n%.300s", page, r.DOM.BannerLink, r.DOM.Text)
		}
		for _, m := range r.Console {
			t.Errorf("%s: console: %s", page, m)
		}
	}
	if r := dashboards.OpenOffline(t, browser, dashboards.FileURL(opts.Out, "status.html")); r.DOM.BannerLink != "" ||
		!strings.Contains(r.DOM.Text, "最新の更新は失敗しました") {
		t.Errorf("status.html: banner link %q, text:\n%.300s", r.DOM.BannerLink, r.DOM.Text)
	}
	if err := os.WriteFile(indicators, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if r := dashboards.OpenOffline(t, browser, dashboards.FileURL(opts.Out, "index.html")); r.DOM.BannerLink != "" ||
		strings.Contains(r.DOM.Text, "最新の更新に失敗しました") {
		t.Errorf("index.html after a successful refresh still shows the banner:\n%.300s", r.DOM.Text)
	}
}

// refreshSample copies data/sample into a temporary folder, the title of
// 鶴見区 経営課題1 ① replaced by title unless it is empty, runs the pipeline
// and returns the output folder.
func refreshSample(t *testing.T, title string) string {
	t.Helper()
	tmp := t.TempDir()
	data := filepath.Join(tmp, "data")
	if err := os.CopyFS(data, os.DirFS(sampleDir)); err != nil {
		t.Fatalf("copy sample data: %v", err)
	}
	if title != "" {
		setTitle(t, filepath.Join(data, "indicators.csv"), "鶴見区", "1", "1", title)
	}
	out := filepath.Join(tmp, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := pipeline.Refresh(ctx, pipeline.Options{
		DataDir: data, DB: filepath.Join(tmp, "shihyo.duckdb"), Out: out,
		Now: func() time.Time { return time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	return out
}

// setTitle rewrites indicators.csv with a new title for the first
// indicator of the ward's issue and number, through encoding/csv so that
// the field is quoted as CSV needs. The UTF-8 BOM is kept.
func setTitle(t *testing.T, file, ward, issue, number, title string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	bom := []byte("\uFEFF")
	hasBOM := bytes.HasPrefix(b, bom)
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, bom))).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", file, err)
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	done := false
	for _, r := range records[1:] {
		if !done && r[col["ward"]] == ward && r[col["issue_no"]] == issue && r[col["indicator_no"]] == number {
			r[col["title"]], done = title, true
		}
	}
	if !done {
		t.Fatalf("%s has no indicator %s %s-%s", file, ward, issue, number)
	}
	var buf bytes.Buffer
	if hasBOM {
		buf.Write(bom)
	}
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(records); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), fs.FileMode(0o644)); err != nil {
		t.Fatal(err)
	}
}

// TestPlansSiteInBrowser opens every page of pipeline/testdata/plans (two
// plans of one ward, a target raised between them) in headless chromium:
// the target's step line draws with the rest, and the pages say what the
// plans changed.
func TestPlansSiteInBrowser(t *testing.T) {
	dashboards.RequireChromium(t)
	dir := t.TempDir()
	opts := pipeline.Options{DataDir: "../pipeline/testdata/plans", DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	dashboards.CheckPagesInBrowser(t, opts.Out, map[string]dashboards.PageWant{
		"indicator-tsurumi-2024-4-1.html": {Text: []string{"目標の履歴", "引き上げ", "令和5年度の運営方針の目標（令和9年度末までに40%以上）で判定"}},
		"ward-tsurumi.html":               {Text: []string{"以前の運営方針の指標", "地域の防犯活動を知っている区民の割合"}},
	})
}
