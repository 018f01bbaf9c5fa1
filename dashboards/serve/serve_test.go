package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline"
)

// published makes a published folder by refreshing the small fixture and
// returns it.
func published(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	out := filepath.Join(root, "out")
	opts := pipeline.Options{DataDir: small, DB: filepath.Join(root, "shihyo.duckdb"), Out: out}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	return out
}

const small = "../../pipeline/testdata/small"

// site makes a published folder, adds the things that must never be
// served, and returns the folder. Serve refuses such a folder whole
// (CheckDir); the handler refuses each of them on its own too.
func site(t *testing.T) string {
	t.Helper()
	out := published(t)
	root := filepath.Dir(out)
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
	write("out/answers.xlsx", "ANSWERS-INSIDE")
	write("out/sub/answers.txt", "ANSWERS-INSIDE")
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
		{"GET", "/answers.xlsx", 404, "", ""}, // input data put there after serve started
		{"GET", "/sub/answers.txt", 404, "", ""},
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
			for _, secret := range []string{"SECRET-OUTSIDE", "DUCKDB-INSIDE", "HIDDEN", "ANSWERS-INSIDE"} {
				if strings.Contains(body, secret) {
					t.Fatalf("served %s", secret)
				}
			}
			if c.code == 200 && !strings.Contains(body, c.body) {
				t.Errorf("body lacks %q", c.body)
			}
			if want := errorBodies[c.code]; c.method == "GET" && want != "" && !strings.Contains(body, want) {
				t.Errorf("body %q; want the message in Japanese, %q", body, want)
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

// errorBodies are a piece of the body of each error the server answers
// with: the staff's browser shows it.
var errorBodies = map[int]string{405: "GET、HEAD", 404: "ページが見つかりません"}

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
	dir := published(t)
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

// syncBuffer is a log sink that Serve's goroutines may write to while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// acceptedListener tells when it has handed a connection to the server.
type acceptedListener struct {
	net.Listener
	accepted chan struct{} // one value per connection, dropped when full
}

func (l *acceptedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		select {
		case l.accepted <- struct{}{}:
		default:
		}
	}
	return c, err
}

// TestServeCutsClientsThatHoldOn: a client that keeps its connection busy
// past the shutdown grace does not keep Serve from returning, nor make it
// fail: the stop was asked for. The connection is cut, not left open.
func TestServeCutsClientsThatHoldOn(t *testing.T) {
	// big is far larger than the socket buffers, so a download that is not
	// read keeps its handler writing.
	const big = 1 << 30
	cases := []struct {
		name string
		// hold makes the client hold on, and returns what is left to read.
		hold func(t *testing.T, c net.Conn, r *bufio.Reader) io.Reader
		// cut: the grace surely ends with the connection busy. A request
		// sent in part stops being waited for when it is 5 s old (then the
		// server times it out itself), which a loaded machine may reach.
		cut bool
	}{
		{"download not read", func(t *testing.T, c net.Conn, r *bufio.Reader) io.Reader {
			fmt.Fprint(c, "GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
			res, err := http.ReadResponse(r, nil)
			if err != nil || res.StatusCode != 200 || res.ContentLength != big {
				t.Fatalf("GET big.bin: %v %v", res, err)
			}
			return res.Body // the handler is writing it
		}, true},
		{"request sent in part", func(t *testing.T, c net.Conn, r *bufio.Reader) io.Reader {
			fmt.Fprint(c, "GET /index.html HTTP/1.1\r\nHo")
			return r
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := published(t)
			f, err := os.Create(filepath.Join(dir, "big.bin"))
			if err == nil {
				err = errors.Join(f.Truncate(big), f.Close()) // sparse: no disk used
			}
			if err != nil {
				t.Fatal(err)
			}
			inner, err := Listen("127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ln := &acceptedListener{Listener: inner, accepted: make(chan struct{}, 1)}
			logs := &syncBuffer{}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() {
				done <- Serve(ctx, ln, Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(logs, nil)),
					ShutdownTimeout: 100 * time.Millisecond})
			}()
			conn, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			select { // the server has the connection, not the backlog
			case <-ln.accepted:
			case err := <-done:
				t.Fatalf("Serve returned before it accepted the connection: %v", err)
			}
			rest := c.hold(t, conn, bufio.NewReader(conn))

			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve = %v; want nil after cancel", err)
				}
			case <-time.After(60 * time.Second): // a hang guard, not a speed target
				t.Fatal("Serve did not return after cancel")
			}
			// Serve has returned: the connection must be closed by now, so
			// reading what is left ends (the deadline only guards a hang).
			conn.SetReadDeadline(time.Now().Add(60 * time.Second))
			n, err := io.Copy(io.Discard, rest)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatal("the connection is still open after Serve returned")
			}
			if n >= big {
				t.Errorf("the client read %d bytes; want the download cut", n)
			}
			if log := logs.String(); c.cut && !(strings.Contains(log, "level=WARN") && strings.Contains(log, "event=cut")) {
				t.Errorf("the cut is not logged:\n%s", log)
			}
		})
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

// TestServeRefusesDataFolders: a data folder, or a folder holding a
// database, given as the folder to serve by mistake, is refused whole
// before anything is served, even where the handler would refuse each file.
func TestServeRefusesDataFolders(t *testing.T) {
	withDB := published(t)
	if err := os.WriteFile(filepath.Join(withDB, "shihyo.duckdb"), []byte("DB"), 0o644); err != nil {
		t.Fatal(err)
	}
	responses := filepath.Join(t.TempDir(), "responses")
	if err := os.CopyFS(responses, os.DirFS(filepath.Join(small, "responses"))); err != nil {
		t.Fatal(err)
	}
	// A data folder of workbooks (issue 13): no CSV file, and its response
	// workbooks are microdata; Excel's Unicode text is read as .txt too.
	workbooks := t.TempDir()
	for _, name := range []string{"surveys.xlsx", "questions.xlsx", "responses/w2020.xlsx", "responses/w2021.txt"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(workbooks, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(workbooks, name), []byte("PK"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	unicodeText := t.TempDir()
	if err := os.WriteFile(filepath.Join(unicodeText, "w2021.txt"), []byte("\xff\xfeN\x00o\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{
		"data folder":           small,
		"responses folder":      responses,
		"database inside":       withDB,
		"hostile site":          site(t),
		"workbook data folder":  workbooks,
		"unicode text response": unicodeText,
	} {
		t.Run(name, func(t *testing.T) {
			ln, err := Listen("127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			// Cancelled: a folder that is not refused is served not at all.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			err = Serve(ctx, ln, Options{Dir: dir})
			if !errors.Is(err, sitedir.ErrNotSite) || !strings.Contains(err.Error(), "配信しません") {
				t.Fatalf("Serve = %v; want a refusal", err)
			}
		})
	}
	if err := CheckDir(published(t)); err != nil {
		t.Errorf("a published folder is refused: %v", err)
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

// TestListenRefusalsInJapanese: an --addr that is no host:port, and a port
// another program holds, are explained to staff in Japanese.
func TestCheckAddr(t *testing.T) {
	for addr, ok := range map[string]bool{"": true, "127.0.0.1:0": true, ":8080": true, "0.0.0.0:65535": true, "[::1]:8080": true,
		"bogus": false, "127.0.0.1:99999": false, "127.0.0.1:-1": false, "127.0.0.1:http": false, "127.0.0.1": false} {
		if err := CheckAddr(addr); (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "ホスト:ポート")) {
			t.Errorf("CheckAddr(%q) = %v; want ok %v", addr, err, ok)
		}
	}
}

func TestListenRefusalsInJapanese(t *testing.T) {
	held, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	for addr, want := range map[string]string{
		"bogus":              "ホスト:ポート",
		"127.0.0.1:99999":    "ホスト:ポート",
		held.Addr().String(): "ほかのプログラムが使っています",
		"192.0.2.1:8080":     "このパソコンのアドレスではありません",
	} {
		ln, err := Listen(addr)
		if err == nil {
			ln.Close()
			t.Errorf("Listen(%s) = nil", addr)
			continue
		}
		if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--addr") {
			t.Errorf("Listen(%s) = %v; want it to say %q", addr, err, want)
		}
	}
}
