package pipeline

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/status"
)

var headerRe = regexp.MustCompile(`(?s)<header class="site-header">.*?</header>`)

// siteHeader is the site header of a published page, its aria-current
// marks removed: the same on every page.
func siteHeader(t *testing.T, page string) string {
	t.Helper()
	h := headerRe.FindString(page)
	if h == "" {
		t.Fatalf("no site header in\n%s", page)
	}
	return strings.ReplaceAll(h, ` aria-current="page"`, "")
}

// TestStatusPageHasTheSiteMenu: status.html has the header of every other
// page, ward links included, both when a refresh publishes it and when a
// failed refresh rewrites it over the last good site (its wards then come
// from the database that published that site).
func TestStatusPageHasTheSiteMenu(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	index := siteHeader(t, readFile(t, filepath.Join(opts.Out, "index.html")))
	if !strings.Contains(index, `href="ward-`) {
		t.Fatalf("the index's menu has no ward link:\n%s", index)
	}
	if got := siteHeader(t, readFile(t, filepath.Join(opts.Out, status.File))); got != index {
		t.Errorf("status.html's header\n%s\nis not the index's\n%s", got, index)
	}
	edit(t, opts, "indicators.csv", ",60,", ",600,")
	if _, err := Refresh(context.Background(), opts); err == nil {
		t.Fatal("Refresh accepted a target of 600%")
	}
	page := readFile(t, filepath.Join(opts.Out, status.File))
	if !strings.Contains(page, "失敗") {
		t.Fatalf("status.html does not show the failure:\n%s", page)
	}
	if got := siteHeader(t, page); got != index {
		t.Errorf("after a failure status.html's header\n%s\nis not the index's\n%s", got, index)
	}
}
