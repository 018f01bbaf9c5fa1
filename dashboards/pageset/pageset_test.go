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
	"syscall"
	"testing"
)

func jobsOf(contents map[string]string) []Job {
	var jobs []Job
	for f, c := range contents {
		jobs = append(jobs, func() (Page, error) {
			return Page{File: f, Key: "k-" + c, Write: func(w io.Writer) error { _, err := io.WriteString(w, c); return err }}, nil
		})
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

// TestWriteStops: the first failing page stops the writing with its
// error; a cancelled context gives context.Canceled as it is.
func TestWriteStops(t *testing.T) {
	boom := errors.New("boom")
	jobs := jobsOf(map[string]string{"a.html": "a", "b.html": "b"})
	jobs = append(jobs, func() (Page, error) { return Page{}, boom })
	if _, err := Write(context.Background(), t.TempDir(), jobs, nil); !errors.Is(err, boom) {
		t.Errorf("Write = %v; want the job's error", err)
	}
	bad := append(jobsOf(nil), func() (Page, error) {
		return Page{File: "c.html", Write: func(io.Writer) error { return boom }}, nil
	})
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
