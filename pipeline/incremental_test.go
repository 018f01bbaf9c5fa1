package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/lock"

	"github.com/xuri/excelize/v2"
)

// copySmall copies the small fixture into a temporary data folder that a
// test may edit, and returns options for it.
func copySmall(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.CopyFS(data, os.DirFS(small)); err != nil {
		t.Fatal(err)
	}
	return Options{DataDir: data, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
}

func mustRefresh(t *testing.T, opts Options) Result {
	t.Helper()
	res, err := Refresh(context.Background(), opts)
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	return res
}

// edit replaces old by new once in the file name of the data folder.
func edit(t *testing.T, opts Options, name, old, new string) {
	t.Helper()
	p := filepath.Join(opts.DataDir, name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dropLines removes the lines of the file name that start with prefix.
func dropLines(t *testing.T, opts Options, name, prefix string) {
	t.Helper()
	rewriteLines(t, opts, name, func(l string) (string, bool) { return l, !strings.HasPrefix(l, prefix) })
}

// rewriteLines replaces each line of the file name (with its line end) by
// what f returns for it, or drops it when f returns false.
func rewriteLines(t *testing.T, opts Options, name string, f func(string) (string, bool)) {
	t.Helper()
	p := filepath.Join(opts.DataDir, name)
	var out strings.Builder
	for _, l := range strings.SplitAfter(readFile(t, p), "\n") {
		if l, keep := f(l); keep {
			out.WriteString(l)
		}
	}
	if err := os.WriteFile(p, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fresh refreshes the data folder of opts into a new database and folder,
// as a reference for an incremental refresh, and returns its actuals.csv.
func fresh(t *testing.T, opts Options) string {
	t.Helper()
	return readFile(t, filepath.Join(reference(t, opts).Out, ActualsFile))
}

// reference is a full refresh of the data of opts into a new database
// and folder: what every incremental refresh of the same data must equal.
func reference(t *testing.T, opts Options) Options {
	t.Helper()
	dir := t.TempDir()
	ref := Options{DataDir: opts.DataDir, DB: filepath.Join(dir, "ref.duckdb"), Out: filepath.Join(dir, "out")}
	if res := mustRefresh(t, ref); !res.FullReload || res.ReusedWaves != 0 {
		t.Fatalf("reference refresh: %+v; want a full one that reuses nothing", res)
	}
	return ref
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRefreshNoOp(t *testing.T) {
	opts := copySmall(t)
	if res := mustRefresh(t, opts); res.NoOp || !res.FullReload || len(res.ReloadedWaves) != 4 {
		t.Fatalf("first refresh: %+v; want a full load of 4 waves", res)
	}
	before := snapshot(t, opts.Out)
	folder, err := os.Stat(opts.Out)
	if err != nil {
		t.Fatal(err)
	}
	dbFile, err := os.Stat(opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	// How fast a no-op is, is BenchmarkNoOpRefresh's business; this test
	// checks that it does no work: no plan made (so no input parsed),
	// nothing loaded, no site rendered or swapped in.
	logs := &steps{}
	opts.Logger = slog.New(logs)
	res := mustRefresh(t, opts)
	if !res.NoOp || len(res.Changed) != 0 || len(res.ReloadedWaves) != 0 || res.Respondents != 0 {
		t.Fatalf("second refresh: %+v; want a no-op", res)
	}
	if got := logs.all(); !slices.Equal(got, []string{StepNoOp}) {
		t.Errorf("steps logged %q; want the no-op only, and no plan, load or publication", got)
	}
	if snapshot(t, opts.Out) != before {
		t.Error("a no-op refresh changed the published files")
	}
	if now, err := os.Stat(opts.Out); err != nil || !os.SameFile(folder, now) {
		t.Errorf("a no-op refresh swapped in a new output folder (%v)", err)
	}
	// A refresh that loads works in a copy of the database, renamed over
	// it; a no-op copies nothing.
	if now, err := os.Stat(opts.DB); err != nil || !os.SameFile(dbFile, now) || now.ModTime() != dbFile.ModTime() {
		t.Errorf("a no-op refresh replaced or wrote the database file (%v)", err)
	}
	page := readFile(t, filepath.Join(opts.Out, status.File))
	if !strings.Contains(page, "変更なし") || !strings.Contains(page, "成功") {
		t.Errorf("status.html does not show the no-op after the success:\n%s", page)
	}
	if got := outcomes(t, opts); !slices.Equal(got, []string{status.OK, status.NoOp}) {
		t.Errorf("runs = %v", got)
	}
}

func TestRefreshReloadsOnlyChangedWave(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	// Respondent 2 of 2020 changes from そう思わない (3) to そう思う (1).
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	res := mustRefresh(t, opts)
	if res.NoOp || res.FullReload || !slices.Equal(res.ReloadedWaves, []string{"w2020"}) ||
		!slices.Equal(res.Changed, []string{"responses/w2020.csv"}) || res.Respondents != 22 {
		t.Fatalf("refresh: %+v; want only w2020 (22 respondents) reloaded", res)
	}
	got := readFile(t, filepath.Join(opts.Out, ActualsFile))
	if want := fresh(t, opts); got != want {
		t.Errorf("incremental actuals.csv differs from a full refresh:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(got, ",w2020,2020,false,16,2,12.5,") {
		t.Errorf("actuals.csv does not show the edit (2 of 16 positive):\n%s", got)
	}
	checkCounts(t, opts, 39)
}

// TestRefreshReloadsAChangedWorkbook: a wave delivered as a workbook is
// reloaded when the workbook changes, as a CSV file is.
func TestRefreshReloadsAChangedWorkbook(t *testing.T) {
	dir := t.TempDir()
	opts := Options{DataDir: overlay(t, "accepted_xlsx"), DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	mustRefresh(t, opts)
	path := filepath.Join(opts.DataDir, "responses", "w2020.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Respondent 2 of 2020 changes from そう思わない (3) to そう思う (1).
	if err := f.SetCellInt("回答", "C3", 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res := mustRefresh(t, opts)
	if res.NoOp || res.FullReload || !slices.Equal(res.ReloadedWaves, []string{"w2020"}) || !slices.Equal(res.Changed, []string{"responses/w2020.xlsx"}) {
		t.Fatalf("refresh: %+v; want only w2020 reloaded", res)
	}
	got := readFile(t, filepath.Join(opts.Out, ActualsFile))
	if want := fresh(t, opts); got != want {
		t.Errorf("incremental actuals.csv differs from a full refresh:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(got, ",w2020,2020,false,16,2,12.5,") {
		t.Errorf("actuals.csv does not show the edit (2 of 16 positive):\n%s", got)
	}
}

func TestRefreshIndicatorsOnlyRecomputes(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	edit(t, opts, "indicators.csv", "住みやすいと感じる区民の割合", "住みやすいと感じる区民の割合（全体）")
	res := mustRefresh(t, opts)
	if res.NoOp || res.FullReload || len(res.ReloadedWaves) != 0 || res.Respondents != 0 ||
		!slices.Equal(res.Changed, []string{"indicators.csv"}) {
		t.Fatalf("refresh: %+v; want a recompute without reloading any wave", res)
	}
	if got, want := readFile(t, filepath.Join(opts.Out, ActualsFile)), fresh(t, opts); got != want {
		t.Errorf("actuals.csv differs from a full refresh:\n%s\nwant:\n%s", got, want)
	}
	checkCounts(t, opts, 39)
}

func TestRefreshDefinitionOfOneWave(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	edit(t, opts, "choices.csv", "w2022,q,9,わからない", "w2022,q,9,分からない")
	res := mustRefresh(t, opts)
	if res.FullReload || !slices.Equal(res.ReloadedWaves, []string{"w2022"}) {
		t.Fatalf("refresh: %+v; want only w2022 reloaded", res)
	}
	checkCounts(t, opts, 39)
}

func TestRefreshRemovedWave(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	for _, name := range []string{"surveys.csv", "questions.csv", "choices.csv"} {
		dropLines(t, opts, name, "w2022,")
	}
	res := mustRefresh(t, opts)
	if res.FullReload || len(res.ReloadedWaves) != 0 || !slices.Equal(res.RemovedWaves, []string{"w2022"}) {
		t.Fatalf("refresh: %+v; want w2022 removed and nothing reloaded", res)
	}
	if got, want := readFile(t, filepath.Join(opts.Out, ActualsFile)), fresh(t, opts); got != want {
		t.Errorf("actuals.csv differs from a full refresh:\n%s\nwant:\n%s", got, want)
	}
	checkCounts(t, opts, 39-4)
	// The status page says which wave's actuals were withdrawn.
	page := readFile(t, filepath.Join(opts.Out, "status.html"))
	if !strings.Contains(page, "外した調査") || !strings.Contains(page, "<td>w2022</td>") {
		t.Errorf("status.html does not name the removed wave w2022")
	}
}

func TestRefreshRebuildsDamagedSite(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	want := readFile(t, filepath.Join(opts.Out, ActualsFile))
	if err := os.Remove(filepath.Join(opts.Out, "method.html")); err != nil {
		t.Fatal(err)
	}
	res := mustRefresh(t, opts)
	if res.NoOp || len(res.ReloadedWaves) != 0 || len(res.Changed) != 0 {
		t.Fatalf("refresh: %+v; want the site rendered again, nothing reloaded", res)
	}
	if _, err := os.Stat(filepath.Join(opts.Out, "method.html")); err != nil {
		t.Error(err)
	}
	if got := readFile(t, filepath.Join(opts.Out, ActualsFile)); got != want {
		t.Error("actuals.csv changed")
	}
}

// TestRefreshAfterCommitWithoutSwap: a refresh killed between its COMMIT
// and the swap leaves the new database with the old site. The next refresh
// must see that the site does not match and render it again, without
// reloading anything.
func TestRefreshAfterCommitWithoutSwap(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	old := filepath.Join(t.TempDir(), "old")
	if err := os.CopyFS(old, os.DirFS(opts.Out)); err != nil {
		t.Fatal(err)
	}
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	mustRefresh(t, opts)
	want := readFile(t, filepath.Join(opts.Out, ActualsFile))
	if err := os.RemoveAll(opts.Out); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(old, opts.Out); err != nil {
		t.Fatal(err)
	}
	res := mustRefresh(t, opts)
	if res.NoOp || len(res.ReloadedWaves) != 0 || len(res.Changed) != 0 {
		t.Fatalf("refresh: %+v; want the site rendered again, nothing reloaded", res)
	}
	if got := readFile(t, filepath.Join(opts.Out, ActualsFile)); got != want {
		t.Error("the site rendered again does not show the committed data")
	}
}

func TestRefreshFailureIsRecorded(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	before := snapshot(t, opts.Out)
	edit(t, opts, "responses/w2020.csv", "17,2,4", "17,2,7")
	_, err := Refresh(context.Background(), opts)
	if _, ok := input.AsProblems(err); !ok {
		t.Fatalf("Refresh = %v; want input problems", err)
	}
	if snapshot(t, opts.Out) != before {
		t.Error("a failed refresh changed a published file other than status.html")
	}
	// Every page learns of the failure from assets/status.js, rewritten
	// with status.html: the pages themselves are not rendered again.
	if js := readFile(t, filepath.Join(opts.Out, filepath.FromSlash(status.ScriptFile))); !strings.Contains(js, `"stale":true`) {
		t.Errorf("%s after a failure:\n%s", status.ScriptFile, js)
	}
	page := readFile(t, filepath.Join(opts.Out, status.File))
	for _, want := range []string{"失敗", "responses/w2020.csv:18", "最新の更新は失敗しました"} {
		if !strings.Contains(page, want) {
			t.Errorf("status.html lacks %q", want)
		}
	}
	if strings.Contains(page, opts.DataDir) {
		t.Error("status.html shows the absolute path of the data folder")
	}
	if got := outcomes(t, opts); !slices.Equal(got, []string{status.OK, status.Failed}) {
		t.Errorf("runs = %v", got)
	}
	// With the file mended, the database and the site are those of the
	// last success again: nothing to do.
	edit(t, opts, "responses/w2020.csv", "17,2,7", "17,2,4")
	if res := mustRefresh(t, opts); !res.NoOp {
		t.Errorf("after the file was mended: %+v; want a no-op", res)
	}
}

func TestRefreshInterruptedRunIsMarked(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	// A run left 'running', as a killed process leaves it.
	db, err := sql.Open("duckdb", history.Path(opts.DB))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO runs (run_id, started_at, triggered_by, pid, outcome)
		VALUES (99, now()::TIMESTAMP, 'schedule', 1, 'running')`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	mustRefresh(t, opts)
	if got := outcomes(t, opts); !slices.Equal(got, []string{status.OK, status.Interrupted, status.NoOp}) {
		t.Errorf("runs = %v", got)
	}
	if page := readFile(t, filepath.Join(opts.Out, status.File)); !strings.Contains(page, "強制終了") {
		t.Error("status.html does not show the interrupted run")
	}
}

func TestRefreshRefusedWhileLocked(t *testing.T) {
	opts := copySmall(t)
	held, err := lock.Acquire(lock.RefreshPath(opts.DB), opts.DB, lock.LockedError{DB: opts.DB})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	// The lock is released only after this test has its answer, so a
	// Refresh that waited for the lock instead of refusing would never
	// return: that it returns at all shows it refused at once. The
	// deadline only turns such a hang into a failure.
	done := make(chan error, 1)
	go func() {
		_, err := Refresh(context.Background(), opts)
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("Refresh waits for the lock held by this test instead of refusing")
	}
	var le *lock.LockedError
	if !errors.Is(err, lock.ErrLocked) || !errors.As(err, &le) {
		t.Fatalf("Refresh = %v; want lock.ErrLocked", err)
	}
	msg := err.Error()
	if le.Holder.PID != os.Getpid() || !strings.Contains(msg, opts.DB) || !strings.Contains(msg, "更新中") {
		t.Errorf("message %q does not name the database and this process", msg)
	}
	if _, err := os.Stat(opts.Out); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused refresh wrote the output folder")
	}
}

func TestCancelledRefreshIsNotAFailure(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	before := snapshot(t, opts.Out)
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	// Cancelled once the plan is made, just before the transaction.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts.Logger = slog.New(&onStep{step: StepPlanned, do: cancel})
	if _, err := Refresh(ctx, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("Refresh = %v; want context.Canceled", err)
	}
	if got := outcomes(t, opts); !slices.Equal(got, []string{status.OK, status.Cancelled}) {
		t.Errorf("runs = %v", got)
	}
	if snapshot(t, opts.Out) != before {
		t.Error("a cancelled refresh changed the published files")
	}
	opts.Logger = nil
	if res := mustRefresh(t, opts); !slices.Equal(res.ReloadedWaves, []string{"w2020"}) {
		t.Errorf("after the cancelled run: %+v; want w2020 reloaded", res)
	}
}

// steps is a slog handler that keeps the steps logged (their attribute
// "step").
type steps struct {
	mu    sync.Mutex
	steps []string
}

func (h *steps) Enabled(context.Context, slog.Level) bool { return true }
func (h *steps) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s := stepOf(r); s != "" {
		h.steps = append(h.steps, s)
	}
	return nil
}

// stepOf is the record's attribute "step", or "".
func stepOf(r slog.Record) string {
	var step string
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "step" {
			step = a.Value.String()
			return false
		}
		return true
	})
	return step
}
func (h *steps) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *steps) WithGroup(string) slog.Handler      { return h }

func (h *steps) all() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.steps)
}

// onStep is a slog handler that calls do when the step is logged.
type onStep struct {
	step string
	do   func()
}

func (h *onStep) Enabled(context.Context, slog.Level) bool { return true }
func (h *onStep) Handle(_ context.Context, r slog.Record) error {
	if stepOf(r) == h.step {
		h.do()
	}
	return nil
}
func (h *onStep) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *onStep) WithGroup(string) slog.Handler      { return h }

// outcomes lists the runs table's outcomes, oldest first.
func outcomes(t *testing.T, opts Options) []string {
	t.Helper()
	var out []string
	query(t, history.Path(opts.DB), "SELECT outcome FROM runs ORDER BY run_id", func(rows *sql.Rows) error {
		var o string
		out = append(out, o)
		return rows.Scan(&out[len(out)-1])
	})
	return out
}

// checkCounts checks the respondents table and the surveys table's counts.
func checkCounts(t *testing.T, opts Options, want int) {
	t.Helper()
	// Orphans: rows of a wave that is no longer loaded (its respondents,
	// keys or sums), sums of a domain no indicator has, or a flow without
	// its sums.
	query(t, opts.DB, `SELECT (SELECT count(*) FROM respondents), (SELECT sum(respondents) FROM surveys),
		(SELECT count(*) FROM respondents ANTI JOIN waves USING (wave_id))
		+ (SELECT count(*) FROM wave_keys ANTI JOIN waves USING (wave_id))
		+ (SELECT count(*) FROM cells ANTI JOIN waves USING (wave_id))
		+ (SELECT count(*) FROM cells ANTI JOIN domains USING (domain_id))
		+ (SELECT count(*) FROM flows ANTI JOIN cells USING (wave_id, domain_id))
		+ (SELECT count(*) FROM waves ANTI JOIN surveys USING (survey_id))`, func(rows *sql.Rows) error {
		var n, sum, orphans int
		if err := rows.Scan(&n, &sum, &orphans); err != nil {
			return err
		}
		if n != want || sum != want || orphans != 0 {
			t.Errorf("respondents %d, surveys say %d, orphan rows %d; want %d, %d, 0", n, sum, orphans, want, want)
		}
		return nil
	})
}

func query(t *testing.T, path, q string, scan func(*sql.Rows) error) {
	t.Helper()
	db := openReadOnly(t, path)
	defer db.Close()
	queryDB(t, db, q, scan)
}

// queryDB is query on an open database.
func queryDB(t *testing.T, db *sql.DB, q string, scan func(*sql.Rows) error) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// inodes are the inode of every file of the published folder.
func inodes(t *testing.T, dir string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.Sys().(*syscall.Stat_t).Ino
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pageFile is the one page of the published folder whose name ends in
// suffix.
func pageFile(t *testing.T, out, suffix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(out, "*"+suffix))
	if len(m) != 1 {
		t.Fatalf("pages *%s: %v", suffix, m)
	}
	return filepath.Base(m[0])
}

// timeless is a page without the time of its footer.
var timeless = regexp.MustCompile(`更新日時：[^<]*`)

// TestRefreshRendersOnlyChangedPages: after an edit of one indicator's
// title, the pages that show it (its own, the ward's, the overview, 算出方法)
// are rendered anew and the other indicators' pages are the very files
// published before (hard links, same inode), but a page altered by hand
// since, which is rendered again; and the site is what a full refresh
// publishes, but for the time in the footer of the pages kept.
func TestRefreshRendersOnlyChangedPages(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	before := inodes(t, opts.Out)
	altered := pageFile(t, opts.Out, "-3-1.html")
	if err := os.WriteFile(filepath.Join(opts.Out, altered), []byte("altered"), 0o644); err != nil {
		t.Fatal(err)
	}
	before[altered] = inodes(t, opts.Out)[altered]
	edit(t, opts, "indicators.csv", "住みやすいと感じる区民の割合,", "住みやすいと感じる区民の割合（全体）,")
	mustRefresh(t, opts)
	after := inodes(t, opts.Out)
	for _, suffix := range []string{"-1-2.html", "-2-1.html"} {
		if f := pageFile(t, opts.Out, suffix); after[f] != before[f] {
			t.Errorf("%s was rendered again; want the published file kept", f)
		}
	}
	for _, f := range []string{pageFile(t, opts.Out, "-1-1.html"), "ward-test.html",
		"index.html", "method.html", altered, ActualsFile, BreakdownsFile} {
		if after[f] == before[f] {
			t.Errorf("%s is the published file; want it rendered or written anew", f)
		}
	}
	ref := reference(t, opts)
	for f := range inodes(t, ref.Out) {
		if f == status.File {
			continue
		}
		got, want := readFile(t, filepath.Join(opts.Out, f)), readFile(t, filepath.Join(ref.Out, f))
		if timeless.ReplaceAllString(got, "") != timeless.ReplaceAllString(want, "") {
			t.Errorf("%s differs from what a full refresh publishes", f)
		}
	}
}

// cellsOf are the stored sums of the domains other than spec, as text:
// what a refresh must not have recounted.
func cellsOf(t *testing.T, db, spec string) string {
	t.Helper()
	var b strings.Builder
	query(t, db, `SELECT d.spec, w.survey_id, c.key_no, c.code, c.n, c.sw, c.swu_hi, c.swu_lo FROM cells c
		JOIN domains d USING (domain_id) JOIN waves w USING (wave_id)
		WHERE d.spec <> '`+spec+`' ORDER BY ALL`, func(rows *sql.Rows) error {
		var d, s string
		var k, n int
		var code sql.NullInt64
		var sw float64
		var hi, lo uint64
		if err := rows.Scan(&d, &s, &k, &code, &n, &sw, &hi, &lo); err != nil {
			return err
		}
		fmt.Fprintln(&b, d, s, k, code, n, sw, hi, lo)
		return nil
	})
	return b.String()
}

// TestRefreshChangedIndicatorRecountsItsDomain: a changed rule of one
// indicator (its excluded codes) is counted again from the microdata of
// its three waves, read back from the database, not from the response
// files; the sums of every other domain are kept as they were, the old
// rule's sums dropped, and the actuals are those of a full refresh.
func TestRefreshChangedIndicatorRecountsItsDomain(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	const newSpec = "question=q positive=1,2 excluded="
	before := cellsOf(t, opts.DB, newSpec)
	edit(t, opts, "indicators.csv", "住みやすいと感じる区民の割合,区民,q,1;2,9,", "住みやすいと感じる区民の割合,区民,q,1;2,,")
	res := mustRefresh(t, opts)
	if res.Waves != 0 || res.Recounted != 3 || res.FullReload {
		t.Fatalf("refresh: %+v; want no wave reloaded and 3 waves recounted", res)
	}
	after := cellsOf(t, opts.DB, newSpec)
	if old := "question=q positive=1,2 excluded=9 "; !strings.Contains(before, old) || strings.Contains(after, old) ||
		strings.ReplaceAll(before, old, "") == before {
		t.Errorf("the sums of the old rule were not dropped:\n%s", after)
	}
	var kept []string
	for _, l := range strings.Split(before, "\n") {
		if !strings.HasPrefix(l, "question=q positive=1,2 excluded=9 ") {
			kept = append(kept, l)
		}
	}
	if strings.Join(kept, "\n") != after {
		t.Errorf("the sums of other domains changed:\n%s\nwant\n%s", after, strings.Join(kept, "\n"))
	}
	if got, want := readFile(t, filepath.Join(opts.Out, ActualsFile)), fresh(t, opts); got != want {
		t.Errorf("actuals.csv differs from a full refresh:\n%s\nwant:\n%s", got, want)
	}
	checkCounts(t, opts, 39)
}

// TestFullReloadStartsEmpty: a new shihyo binary reloads everything into a
// new, empty side file rather than a copy of the database (which would
// keep every dropped page of DuckDB's file), and the database keeps its
// permissions.
func TestFullReloadStartsEmpty(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	if err := os.Chmod(opts.DB, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	// As if an older binary had made the database, with a table of its own.
	_, err = db.Exec(`UPDATE manifest SET sha256 = 'an older binary' WHERE kind = 'program';
		CREATE TABLE left_by_an_older_version (x INTEGER)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	res := mustRefresh(t, opts)
	if !res.FullReload || res.Waves != 4 {
		t.Fatalf("refresh: %+v; want a full reload", res)
	}
	if st, err := os.Stat(opts.DB); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v (%v); want 0600 kept", st.Mode(), err)
	}
	if strings.Contains(dbContent(t, opts.DB), "left_by_an_older_version") {
		t.Error("the full reload copied the old database")
	}
	if got, want := readFile(t, filepath.Join(opts.Out, ActualsFile)), fresh(t, opts); got != want {
		t.Errorf("actuals.csv differs from a fresh refresh:\n%s\nwant:\n%s", got, want)
	}
}
