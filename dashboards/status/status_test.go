package status

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shihyo/shihyo/internal/sitedir"
)

func TestRenderEscapesAndWarns(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 17, 0, 1, 0, time.UTC) // 02:00:01 in Japan
	ok := Run{ID: 1, Started: t0, Ended: t0.Add(3 * time.Second), Trigger: "schedule", Outcome: OK, Actuals: 480}
	bad := Run{ID: 2, Started: t0.Add(24 * time.Hour), Ended: t0.Add(24*time.Hour + time.Second), Trigger: "schedule",
		Outcome: Failed, Error: `responses/a.csv:3: <script>alert(1)</script>`}
	var b bytes.Buffer
	if err := Render(&b, Page{Generated: t0, Recent: []Run{bad, ok}, LastOK: &ok, LastFailure: &bad}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`href="index.html"`, `href="assets/style.css"`, "最新の更新は失敗しました",
		"2026年11月21日 02:00:01", "3.0 秒", "定期実行", "&lt;script&gt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("the error text is not escaped")
	}
	// Once a later run succeeds, the warning goes.
	ok2 := ok
	ok2.ID = 3
	b.Reset()
	if err := Render(&b, Page{Recent: []Run{ok2, bad, ok}, LastOK: &ok2, LastFailure: &bad}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "最新の更新は失敗しました") {
		t.Error("warns of a failure that a later success replaced")
	}
}

func TestReplace(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if err := Replace(sitedir.Folder{Path: out}, Page{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("Replace created the published folder")
	}
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Replace(sitedir.Folder{Path: out}, Page{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("left beside out: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(out, File)); err != nil {
		t.Error(err)
	}
}

// TestStatusMenu: status.html has the menu of every page of the site, its
// wards in the city's order, and marks itself as the current page.
func TestStatusMenu(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, Page{Wards: []string{"東住吉区", "鶴見区"}}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	tsurumi, higashi := strings.Index(page, `<a href="ward-tsurumi.html">鶴見区</a>`), strings.Index(page, `<a href="ward-higashisumiyoshi.html">東住吉区</a>`)
	if tsurumi < 0 || higashi < tsurumi {
		t.Errorf("the menu lacks the wards in the city's order:\n%s", page)
	}
	if !strings.Contains(page, `<a href="status.html" aria-current="page">更新状況</a>`) ||
		!strings.Contains(page, `<a href="method.html">算出方法</a>`) {
		t.Errorf("the menu is not the site's:\n%s", page)
	}
}

// TestStatusScript: the script every page loads says stale after a failed
// run, with when the figures shown were published, and no longer once a
// later run succeeded or found nothing changed (the failed change undone);
// Replace writes it into assets/ of the published folder with status.html.
func TestStatusScript(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 17, 0, 1, 0, time.UTC)
	ok := Run{ID: 1, Started: t0, Ended: t0.Add(time.Second), Outcome: OK}
	bad := Run{ID: 2, Started: t0.Add(24 * time.Hour), Ended: t0.Add(25 * time.Hour), Outcome: Failed, Error: "x"}
	noop := Run{ID: 3, Started: t0.Add(48 * time.Hour), Ended: t0.Add(48 * time.Hour), Outcome: NoOp}
	out := filepath.Join(t.TempDir(), "out")
	if err := os.MkdirAll(filepath.Join(out, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		b, err := os.ReadFile(filepath.Join(out, "assets", "status.js"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if err := Replace(sitedir.Folder{Path: out}, Page{Recent: []Run{bad, ok}, LastOK: &ok, LastFailure: &bad}); err != nil {
		t.Fatal(err)
	}
	want := `window.shihyoStatus = {"stale":true,"shown":"2026年11月21日 02:00:01","failed":"2026年11月22日 02:00:01","page":"status.html"};`
	if js := read(); !strings.Contains(js, want) {
		t.Errorf("status.js after a failure:\n%s\nwant %s", js, want)
	}
	if err := Replace(sitedir.Folder{Path: out}, Page{Recent: []Run{noop, bad, ok}, LastOK: &ok, LastFailure: &bad}); err != nil {
		t.Fatal(err)
	}
	if js := read(); !strings.Contains(js, `{"stale":false,"page":"status.html"}`) {
		t.Errorf("status.js after a no-op that followed the failure:\n%s", js)
	}
	var b bytes.Buffer
	if err := Render(&b, Page{Recent: []Run{noop, bad, ok}, LastOK: &ok, LastFailure: &bad}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "最新の更新は失敗しました") {
		t.Error("status.html still warns after a no-op that followed the failure")
	}
}
