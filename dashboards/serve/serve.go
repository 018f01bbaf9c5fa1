// Package serve serves the published folder over HTTP, so that colleagues
// on the office LAN can open the dashboards without a web server.
//
// It serves the files of one folder and nothing else: GET and HEAD only, no
// path outside the folder (".." and symlinks that leave it are refused), no
// directory listing, no hidden file and never a DuckDB file, a workbook or
// a text file of input data, even one put there by mistake. Every response carries a Content-Security-Policy that
// allows only the site's own scripts, and nosniff, no-referrer and
// frame-deny headers.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/shihyo/shihyo/internal/sitedir"
)

// DefaultAddr listens on the loopback interface only: serving to the LAN
// must be asked for with an explicit address.
const DefaultAddr = "127.0.0.1:8080"

// ErrNoFolder is returned when the folder to serve does not exist.
var ErrNoFolder = errors.New("公開フォルダがありません (先に shihyo refresh を実行してください)")

// Policy is the Content-Security-Policy of every response. The pages load
// their scripts from assets/ and keep chart data in
// <script type="application/json"> blocks, which are data, not code, so no
// inline script is allowed. ECharts sets inline styles on its tooltips and
// draws on a canvas whose snapshots are data: URLs.
const Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Timeouts of the server: a slow or idle client cannot hold a connection.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 60 * time.Second
	shutdownTimeout   = 5 * time.Second
	maxHeaderBytes    = 16 << 10
)

// Options says what Serve serves and where it logs.
type Options struct {
	Dir    string       // the published folder
	Logger *slog.Logger // nil discards
	// ShutdownTimeout is how long the requests under way may take to
	// finish once Serve's ctx is cancelled; the connections still open then
	// are cut. 0 is 5 s.
	ShutdownTimeout time.Duration
}

// Handler returns the handler that serves the files of dir. The folder is
// opened again for every request, so a refresh that swaps in a new site is
// served at once.
func Handler(dir string) http.Handler {
	return &handler{dir: dir}
}

type handler struct {
	dir string
}

// contentTypes fixes the type of the files a site holds where the
// system's MIME table may lack them: with nosniff, a wrong type breaks the
// page.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".csv":  "text/csv; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
}

// secure sets the headers every response carries.
func secure(hdr http.Header) {
	hdr.Set("Content-Security-Policy", Policy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Cache-Control", "no-cache") // a refreshed site is seen at once
}

// The bodies of the errors the server answers with: read by the staff
// whose browser shows them, so in Japanese, after the status code.
const (
	msgMethod   = "405 ページの表示（GET、HEAD）のみ受け付けます"
	msgNotFound = "404 ページが見つかりません。公開フォルダーにないか、公開しないファイルです"
	msgStopping = "503 サーバーを停止しています。しばらくしてから開き直してください"
)

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	secure(hdr)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, msgMethod, http.StatusMethodNotAllowed)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		http.Error(w, msgNotFound, http.StatusNotFound)
		return
	}
	f, st, err := h.open(name)
	if err != nil {
		http.Error(w, msgNotFound, http.StatusNotFound)
		return
	}
	defer f.Close()
	if ct, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		hdr.Set("Content-Type", ct)
	}
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// fileName turns a request path into a slash path relative to the folder,
// "index.html" for a folder. It refuses hidden names (staging folders,
// editor files), DuckDB files, and every kind of file that no site
// holds and a data folder does (inputExts): a workbook or text file put
// there after serve started is input data, never served.
func fileName(p string) (string, bool) {
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if inputExts[strings.ToLower(path.Ext(name))] {
		return "", false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") || strings.Contains(strings.ToLower(part), ".duckdb") {
			return "", false
		}
	}
	return name, true
}

// open opens name inside the folder: os.OpenInRoot refuses ".." and
// symlinks that lead outside it. A folder is served by its index.html, one
// level only, so a symlink loop cannot make it recurse.
func (h *handler) open(name string) (*os.File, fs.FileInfo, error) {
	f, st, err := h.openFile(name)
	if err == nil && st.IsDir() {
		f.Close()
		f, st, err = h.openFile(path.Join(name, "index.html"))
	}
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("open %s: not a regular file", name)
	}
	return f, st, nil
}

func (h *handler) openFile(name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenInRoot(h.dir, name)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("stat %s: %w", name, err)
	}
	return f, st, nil
}

// CheckDir returns ErrNoFolder, wrapped, when dir is not a folder, and a
// *sitedir.NotSiteError when it holds input data or a database (a data
// folder given by mistake): it must never be served, whatever the handler
// would refuse.
func CheckDir(dir string) error {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: %w", dir, ErrNoFolder)
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real // the folder a link points to is the one served
	}
	_, err := sitedir.Inspect(dir)
	if err == nil {
		err = checkNoInputFiles(dir)
	}
	var nse *sitedir.NotSiteError
	if errors.As(err, &nse) {
		return fmt.Errorf("%w: %s には%s。データフォルダやデータベースは配信しません。"+
			"--out には shihyo refresh の公開フォルダを指定してください", sitedir.ErrNotSite, dir, nse.Reason)
	}
	return err
}

// inputExts are the kinds of file a data folder holds besides CSV (which
// sitedir.Inspect looks for) and a site never does: workbooks, and text
// files (Excel's Unicode テキスト is saved as .txt). A response workbook is
// microdata.
var inputExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xls": true, ".txt": true, ".tsv": true}

// checkNoInputFiles returns a *sitedir.NotSiteError at the first file of
// dir, at any depth, that is input data by its kind.
func checkNoInputFiles(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !inputExts[strings.ToLower(filepath.Ext(d.Name()))] {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		return &sitedir.NotSiteError{Dir: dir, Reason: fmt.Sprintf("入力データ (%s) があります", filepath.ToSlash(rel))}
	})
	var nse *sitedir.NotSiteError
	if err != nil && !errors.As(err, &nse) {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	return err
}

// addrForm is what an --addr must look like, for staff.
const addrForm = "ホスト:ポート の形 (127.0.0.1:8080、0.0.0.0:8080。ポートは 1〜65535) で指定してください"

// CheckAddr returns an error, in Japanese, when addr is not of the form
// host:port with a numeric port of 0 to 65535: a usage error, unlike an
// address that is well formed but cannot be listened at (Listen).
func CheckAddr(addr string) error {
	if addr == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(addr)
	if err == nil {
		var p int
		if p, err = strconv.Atoi(port); err == nil && (p < 0 || p > 65535) {
			err = errors.New("port out of range")
		}
	}
	if err != nil {
		return fmt.Errorf("--addr %s で待ち受けられません: %s", addr, addrForm)
	}
	return nil
}

// Listen opens the listening socket at addr (DefaultAddr when empty). Its
// errors say in Japanese what is wrong with the --addr staff gave.
func Listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %s で待ち受けられません: %s (%w)", addr, listenReason(err), err)
	}
	return ln, nil
}

// listenReason is why net.Listen failed, for staff.
func listenReason(err error) string {
	var addrErr *net.AddrError
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return "このポートはほかのプログラムが使っています。ほかのポート (127.0.0.1:8081 など) を指定するか、そのプログラムを止めてください"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "このパソコンのアドレスではありません。LAN に配信するときは 0.0.0.0:8080 を指定してください"
	case errors.Is(err, syscall.EACCES):
		return "1024 より小さいポートは管理者でないと使えません。8080 などを指定してください"
	case errors.As(err, &addrErr):
		return addrForm
	}
	return "ホスト:ポート の形 (127.0.0.1:8080) で、使われていないポートを指定してください"
}

// Serve serves opts.Dir on ln until ctx is cancelled, then lets the requests
// under way finish for opts.ShutdownTimeout (5 s) and returns nil. A client
// still connected then (a slow download, a request sent in part) is cut,
// and logged: the stop was asked for, so that is no failure. No handler
// outlives Serve. ln is closed when Serve returns. It returns ErrNoFolder,
// wrapped, when the folder does not exist.
func Serve(ctx context.Context, ln net.Listener, opts Options) error {
	if err := CheckDir(opts.Dir); err != nil {
		ln.Close()
		return err
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	grace := opts.ShutdownTimeout
	if grace <= 0 {
		grace = shutdownTimeout
	}
	handlers := &inflight{h: Handler(opts.Dir)}
	srv := &http.Server{
		Handler:           handlers,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("配信しています", "dir", opts.Dir, "addr", ln.Addr().String())
	select {
	case err := <-errc:
		srv.Close() // the listener failed: cut the connections it left too
		handlers.wait()
		return fmt.Errorf("serve %s: %w", opts.Dir, err)
	case <-ctx.Done():
	}
	// The requests under way may finish; ctx is already cancelled.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	var serr error
	if err := srv.Shutdown(sctx); err != nil {
		// Shutdown does not close the connections still active at its
		// deadline, and their handlers would run on after Serve returned:
		// Close cuts them, and their handlers fail on their next write.
		if cerr := srv.Close(); cerr != nil {
			log.Warn("接続を閉じられませんでした", "error", cerr)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			log.Warn("終わらない接続を切って終了します", "event", "cut", "grace", grace)
		} else {
			serr = fmt.Errorf("shut down server: %w", err)
		}
	}
	handlers.wait()
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", opts.Dir, err)
	}
	if serr != nil {
		return serr
	}
	log.Info("配信を終了しました")
	return nil
}

// inflight counts the requests being handled, so that Serve can wait for
// their handlers once the connections are closed. A request that comes
// after the wait began (read just before its connection was closed) is
// refused: a WaitGroup must not grow while it is waited on.
type inflight struct {
	h       http.Handler
	mu      sync.Mutex
	stopped bool
	running sync.WaitGroup
}

func (f *inflight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if f.stopped {
		f.mu.Unlock()
		secure(w.Header())
		http.Error(w, msgStopping, http.StatusServiceUnavailable)
		return
	}
	f.running.Add(1)
	f.mu.Unlock()
	defer f.running.Done()
	f.h.ServeHTTP(w, r)
}

// wait refuses new requests and waits for the handlers under way.
func (f *inflight) wait() {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
	f.running.Wait()
}
