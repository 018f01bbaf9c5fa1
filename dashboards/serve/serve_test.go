package serve

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline"
)

// site makes a published folder by refreshing the small fixture, adds the
// things that must never be served, and returns the folder.
func site(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	out := filepath.Join(root, "out")
	opts := pipeline.Options{DataDir: "../../pipeline/testdata/small", DB: filepath.Join(root, "shihyo.duckdb"), Out: out}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("secret.txt", "SECRET-OUTSIDE")
	write("out/copy.duckdb", "DUCKDB-INSIDE")
	write("out/copy.DuckDB.wal", "DUCKDB-INSIDE")
	write("out/.hidden", "HIDDEN")
	if err := os.Mkdir(filepath.Join(out, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("out/sub/page.html", "<p>sub</p>")
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(out, "escape.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(out, "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("actuals.csv", filepath.Join(out, "inside.csv")); err != nil {
		t.Fatal(err)
	}
	// A folder whose index.html is the folder itself.
	if err := os.Mkdir(filepath.Join(out, "cyc"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(out, "cyc", "index.html")); err != nil {
		t.Fatal(err)
	}
	return out
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://127.0.0.1"+target, nil)
	if strings.Contains(target, "%") || strings.Contains(target, "..") {
		// httptest cleans nothing, but be explicit about the raw path.
		req.URL.RawPath = target
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestHandler(t *testing.T) {
	h := Handler(site(t))
	cases := []struct {
		method, path string
		code         int
		body         string // a piece of the body, for 200
		ctype        string
	}{
		{"GET", "/", 200, "<!DOCTYPE html>", "text/html; charset=utf-8"},
		{"GET", "/index.html", 200, "<!DOCTYPE html>", "text/html; charset=utf-8"},
		{"HEAD", "/index.html", 200, "", "text/html; charset=utf-8"},
		{"GET", "/actuals.csv", 200, "ward,plan_year", "text/csv; charset=utf-8"},
		{"GET", "/assets/style.css", 200, "", "text/css; charset=utf-8"},
		{"GET", "/assets/dashboard.js", 200, "JSON.parse", "text/javascript; charset=utf-8"},
		{"GET", "/inside.csv", 200, "ward,plan_year", "text/csv; charset=utf-8"}, // a symlink within the folder
		{"GET", "/sub/page.html", 200, "<p>sub</p>", ""},
		{"POST", "/index.html", 405, "", ""},
		{"PUT", "/index.html", 405, "", ""},
		{"DELETE", "/index.html", 405, "", ""},
		{"GET", "/assets/", 404, "", ""}, // no listing
		{"GET", "/assets", 404, "", ""},
		{"GET", "/sub/", 404, "", ""},
		{"GET", "/copy.duckdb", 404, "", ""},
		{"GET", "/copy.DuckDB.wal", 404, "", ""},
		{"GET", "/.hidden", 404, "", ""},
		{"GET", "/escape.txt", 404, "", ""}, // a symlink that leaves the folder
		{"GET", "/up/secret.txt", 404, "", ""},
		{"GET", "/../secret.txt", 404, "", ""},
		{"GET", "/assets/../../secret.txt", 404, "", ""},
		{"GET", "/%2e%2e/secret.txt", 404, "", ""},
		{"GET", "/..%2fsecret.txt", 404, "", ""},
		{"GET", "/nothing.html", 404, "", ""},
		{"GET", "/cyc/", 404, "", ""},
		{"GET", "/cyc/index.html/index.html", 404, "", ""},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			w := get(t, h, c.method, c.path)
			if w.Code != c.code {
				t.Fatalf("status %d; want %d", w.Code, c.code)
			}
			checkHeaders(t, w.Header())
			body := w.Body.String()
			for _, secret := range []string{"SECRET-OUTSIDE", "DUCKDB-INSIDE", "HIDDEN"} {
				if strings.Contains(body, secret) {
					t.Fatalf("served %s", secret)
				}
			}
			if c.code == 200 && !strings.Contains(body, c.body) {
				t.Errorf("body lacks %q", c.body)
			}
			if c.ctype != "" && w.Header().Get("Content-Type") != c.ctype {
				t.Errorf("Content-Type %q; want %q", w.Header().Get("Content-Type"), c.ctype)
			}
			if c.code == 405 && w.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow = %q", w.Header().Get("Allow"))
			}
		})
	}
}

func checkHeaders(t *testing.T, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": Policy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q; want %q", k, got, v)
		}
	}
}

// TestPagesFitThePolicy: the policy allows no inline script, no event
// handler attribute and no javascript: URL; the generated pages must need
// none, or the dashboards would break when served.
func TestPagesFitThePolicy(t *testing.T) {
	dir := site(t)
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	scriptRe := regexp.MustCompile(`(?is)<script\b([^>]*)>`)
	handlerRe := regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range scriptRe.FindAllStringSubmatch(string(b), -1) {
			attrs := m[1]
			if !strings.Contains(attrs, "src=") && !strings.Contains(attrs, `type="application/json"`) {
				t.Errorf("%s: inline script <script%s>", filepath.Base(p), attrs)
			}
			if strings.Contains(attrs, "src=") && regexp.MustCompile(`src="(https?:)?//`).MatchString(attrs) {
				t.Errorf("%s: script from another origin <script%s>", filepath.Base(p), attrs)
			}
		}
		if handlerRe.Match(b) {
			t.Errorf("%s: event handler attribute", filepath.Base(p))
		}
		if strings.Contains(strings.ToLower(string(b)), "javascript:") {
			t.Errorf("%s: javascript: URL", filepath.Base(p))
		}
	}
}

// TestServeRealListener starts the server on a free loopback port, fetches
// a page over TCP and shuts it down by cancelling the context.
func TestServeRealListener(t *testing.T) {
	dir := site(t)
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, Options{Dir: dir}) }()
	url := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(url + "/actuals.csv")
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(strings.TrimPrefix(string(body), "\ufeff"), "ward,") {
		t.Errorf("GET actuals.csv: %d %.40q", res.StatusCode, body)
	}
	checkHeaders(t, res.Header)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve = %v; want nil after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := client.Get(url + "/"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

// TestServeFollowsSwap: a refresh replaces the folder by a rename; the
// server must serve the new one, not the folder it saw at start.
func TestServeFollowsSwap(t *testing.T) {
	dir := site(t)
	h := Handler(dir)
	old := dir + ".old"
	if err := os.Rename(dir, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("NEW SITE"), 0o644); err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, "GET", "/"); w.Code != 200 || w.Body.String() != "NEW SITE" {
		t.Errorf("after the swap: %d %q", w.Code, w.Body.String())
	}
}

func TestServeMissingFolder(t *testing.T) {
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = Serve(context.Background(), ln, Options{Dir: filepath.Join(t.TempDir(), "none")})
	if !errors.Is(err, ErrNoFolder) {
		t.Fatalf("Serve = %v; want ErrNoFolder", err)
	}
}

func TestDefaultAddrIsLoopback(t *testing.T) {
	if !strings.HasPrefix(DefaultAddr, "127.0.0.1:") {
		t.Errorf("DefaultAddr = %s", DefaultAddr)
	}
}
