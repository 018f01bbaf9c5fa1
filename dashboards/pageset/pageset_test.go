package pageset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
)

func jobsOf(contents map[string]string) []Job {
	var jobs []Job
	for f, c := range contents {
		jobs = append(jobs, Job{File: f, Build: func() (Page, error) {
			return Page{File: f, Key: "k-" + c, Write: func(w io.Writer) error { _, err := io.WriteString(w, c); return err }}, nil
		}})
	}
	return jobs
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

// TestWriteLinksUnchanged: every page is written, in parallel; given the
// previous site, a page with its previous key is a hard link to the
// previous file, unless that file was altered since, and a changed page
// is a new file.
func TestWriteLinksUnchanged(t *testing.T) {
	ctx := context.Background()
	first := t.TempDir()
	pages := map[string]string{}
	for i := range 50 {
		pages[fmt.Sprintf("p%02d.html", i)] = fmt.Sprintf("content %d", i)
	}
	res, err := Write(ctx, first, jobsOf(pages), nil)
	if err != nil || len(res.Keys) != 50 || len(res.Linked) != 0 {
		t.Fatalf("first Write = %d keys, %v linked, %v", len(res.Keys), res.Linked, err)
	}
	if err := os.WriteFile(filepath.Join(first, "p03.html"), []byte("altered"), 0o644); err != nil {
		t.Fatal(err)
	}
	pages["p07.html"] = "changed"
	second := t.TempDir()
	prev := &Previous{Dir: first, Keys: res.Keys, Same: func(f string) bool { return f != "p03.html" }}
	res2, err := Write(ctx, second, jobsOf(pages), prev)
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Linked) != 48 || slices.Contains(res2.Linked, "p03.html") || slices.Contains(res2.Linked, "p07.html") {
		t.Errorf("linked %d pages %v; want all but p03 and p07", len(res2.Linked), res2.Linked)
	}
	for f, want := range pages {
		b, err := os.ReadFile(filepath.Join(second, f))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", f, b, err, want)
		}
	}
	if len(res2.Written) != 2 {
		t.Errorf("written %v; want p03 and p07", res2.Written)
	}
	for f, sum := range res2.Written {
		b, _ := os.ReadFile(filepath.Join(second, f))
		if h := sha256.Sum256(b); sum != (Sum{SHA256: hex.EncodeToString(h[:]), Size: int64(len(b))}) {
			t.Errorf("%s: written sum %v; the file's %x, %d bytes", f, sum, h, len(b))
		}
	}
	if inode(t, filepath.Join(first, "p01.html")) != inode(t, filepath.Join(second, "p01.html")) {
		t.Error("an unchanged page is not a link to the previous one")
	}
	if inode(t, filepath.Join(first, "p07.html")) == inode(t, filepath.Join(second, "p07.html")) {
		t.Error("a changed page is a link to the previous one")
	}
}

// TestWriteLinksUnbuilt: a page whose source key is the one recorded is
// linked without its model being built, and keeps its recorded key; a
// page whose source changed, or whose published file was altered, is
// built; a page without a source is built as before.
func TestWriteLinksUnbuilt(t *testing.T) {
	ctx := context.Background()
	var built sync.Map // file → times Build ran
	jobs := func(sources map[string]string, contents map[string]string) []Job {
		var out []Job
		for f, c := range contents {
			j := Job{File: f, Build: func() (Page, error) {
				n, _ := built.LoadOrStore(f, new(atomic.Int32))
				n.(*atomic.Int32).Add(1)
				return Page{File: f, Key: "k-" + c, Write: func(w io.Writer) error { _, err := io.WriteString(w, c); return err }}, nil
			}}
			if src, ok := sources[f]; ok {
				j.Source = func() (string, error) { return src, nil }
			}
			out = append(out, j)
		}
		return out
	}
	builds := func(f string) int32 {
		n, ok := built.Load(f)
		if !ok {
			return 0
		}
		return n.(*atomic.Int32).Load()
	}
	contents := map[string]string{"a.html": "a", "b.html": "b", "c.html": "c", "d.html": "d"}
	sources := map[string]string{"a.html": "s-a", "b.html": "s-b", "c.html": "s-c"}
	first := t.TempDir()
	res, err := Write(ctx, first, jobs(sources, contents), nil)
	if err != nil || len(res.Sources) != 3 || res.Sources["a.html"] != "s-a" || res.Keys["a.html"] != "k-a" {
		t.Fatalf("first Write = keys %v, sources %v, %v", res.Keys, res.Sources, err)
	}
	built.Clear()
	// b's source changes (its content does not); c's file is altered; a's
	// build would now give other bytes, which a source left unchanged
	// must not reach (equal sources promise equal models).
	sources["b.html"] = "s-b2"
	contents["a.html"] = "never built"
	second := t.TempDir()
	prev := &Previous{Dir: first, Keys: res.Keys, Sources: res.Sources, Same: func(f string) bool { return f != "c.html" }}
	res2, err := Write(ctx, second, jobs(sources, contents), prev)
	if err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]int32{"a.html": 0, "b.html": 1, "c.html": 1, "d.html": 1} {
		if got := builds(f); got != want {
			t.Errorf("%s built %d times; want %d", f, got, want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(second, "a.html")); string(b) != "a" || inode(t, filepath.Join(first, "a.html")) != inode(t, filepath.Join(second, "a.html")) {
		t.Errorf("a.html = %q; want the previous file, linked", b)
	}
	if !slices.Equal(res2.Linked, []string{"a.html", "b.html", "d.html"}) || len(res2.Written) != 1 {
		t.Errorf("linked %v, written %v; want a, b (its key unchanged) and d linked, c written", res2.Linked, res2.Written)
	}
	if res2.Keys["a.html"] != "k-a" || res2.Sources["b.html"] != "s-b2" || res2.Sources["d.html"] != "" {
		t.Errorf("keys %v, sources %v; want a's recorded key kept and b's new source", res2.Keys, res2.Sources)
	}
	boom := errors.New("boom")
	bad := []Job{{File: "e.html", Source: func() (string, error) { return "", boom }, Build: func() (Page, error) { return Page{File: "e.html"}, nil }}}
	if _, err := Write(ctx, t.TempDir(), bad, prev); !errors.Is(err, boom) || !strings.Contains(err.Error(), "e.html") {
		t.Errorf("Write = %v; want the source's error with the page", err)
	}
}

// TestWriteStops: the first failing page stops the writing with its
// error; a cancelled context gives context.Canceled as it is.
func TestWriteStops(t *testing.T) {
	boom := errors.New("boom")
	jobs := jobsOf(map[string]string{"a.html": "a", "b.html": "b"})
	jobs = append(jobs, Job{File: "x.html", Build: func() (Page, error) { return Page{}, boom }})
	if _, err := Write(context.Background(), t.TempDir(), jobs, nil); !errors.Is(err, boom) {
		t.Errorf("Write = %v; want the job's error", err)
	}
	bad := append(jobsOf(nil), Job{File: "c.html", Build: func() (Page, error) {
		return Page{File: "c.html", Write: func(io.Writer) error { return boom }}, nil
	}})
	if _, err := Write(context.Background(), t.TempDir(), bad, nil); !errors.Is(err, boom) || !strings.Contains(err.Error(), "c.html") {
		t.Errorf("Write = %v; want the render error with the page", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, t.TempDir(), jobsOf(map[string]string{"a.html": "a"}), nil); err != context.Canceled {
		t.Errorf("Write(cancelled) = %v; want context.Canceled", err)
	}
}

// TestKey: equal models have equal keys; a change anywhere a template can
// read (a nested text, a number, a list's length, a map) changes the key,
// and so does the template; a field no template can read does not.
func TestKey(t *testing.T) {
	type row struct {
		Label string
		N     int
		note  string
	}
	type model struct {
		Title string
		Rows  []row
		Share float64
		Tags  map[string]bool
		Any   any
	}
	base := func() model {
		return model{Title: "支え合い", Rows: []row{{"男性", 10, "x"}, {"女性", 12, "y"}}, Share: 59.8,
			Tags: map[string]bool{"a": true, "b": false}, Any: row{"z", 1, ""}}
	}
	key := func(tmpl string, m model) string {
		k, err := Key(tmpl, m)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	want := key("indicator.html", base())
	same := base()
	same.Rows[0].note = "other"
	if key("indicator.html", same) != want || key("indicator.html", base()) != want {
		t.Error("equal models (but for an unexported field) have different keys")
	}
	changes := []func(*model){
		func(m *model) { m.Rows[1].Label = "女性 " },
		func(m *model) { m.Rows[0].N = 11 },
		func(m *model) { m.Rows = m.Rows[:1] },
		func(m *model) { m.Share = 59.9 },
		func(m *model) { m.Tags["b"] = true },
		func(m *model) { m.Any = row{"z", 2, ""} },
		func(m *model) { m.Title, m.Rows[0].Label = "支え", "合い男性" },
	}
	for i, change := range changes {
		m := base()
		change(&m)
		if key("indicator.html", m) == want {
			t.Errorf("change %d left the key as it was", i)
		}
	}
	if key("ward.html", base()) == want {
		t.Error("another template has the same key")
	}
	// A model of more than keyFlush is hashed in parts: a change in its
	// first part, or in what is left after the last flush, still counts.
	big := func() model {
		m := base()
		for i := range 3 * keyFlush / 8 {
			m.Rows = append(m.Rows, row{Label: "行", N: i})
		}
		return m
	}
	early := big()
	early.Title = "支え合い。"
	if key("indicator.html", early) == key("indicator.html", big()) {
		t.Error("a change in a large model's first part left its key as it was")
	}
	bigKey := key("indicator.html", big())
	if key("indicator.html", big()) != bigKey {
		t.Error("a large model's key is not the same twice")
	}
	late := big()
	late.Rows[len(late.Rows)-1].N = -1
	if key("indicator.html", late) == bigKey {
		t.Error("a change in a large model's last part left its key as it was")
	}
}
