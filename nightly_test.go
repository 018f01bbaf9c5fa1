package main

// Tests of the nightly refresh as staff run it: real shihyo processes (the
// binary TestMain builds) on real files, killed with real signals.

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/internal/sitetest"

	"golang.org/x/net/html"

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/lock"
)

// proc is a shihyo process whose stderr (the log) is read as it comes.
type proc struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	log   bytes.Buffer
	lines chan string   // every log line, for waitLog; dropped when full
	done  chan struct{} // closed once the process has exited
	code  int
}

// start starts shihyo with args. The process is killed at the end of the
// test if it is still running.
func start(t *testing.T, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(binary(t), args...), lines: make(chan string, 4096), done: make(chan struct{})}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go p.read(stderr) // ends when the process exits and the pipe closes
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

func (p *proc) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p.mu.Lock()
		p.log.WriteString(sc.Text() + "\n")
		p.mu.Unlock()
		select {
		case p.lines <- sc.Text():
		default:
		}
	}
	p.cmd.Wait()
	p.code = p.cmd.ProcessState.ExitCode()
	close(p.done)
}

func (p *proc) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// waitLog waits until a log line contains s; false if the process ended
// or the time ran out first.
func (p *proc) waitLog(s string, limit time.Duration) bool {
	timeout := time.After(limit)
	for {
		select {
		case line := <-p.lines:
			if strings.Contains(line, s) {
				return true
			}
		case <-p.done:
			return strings.Contains(p.stderr(), s)
		case <-timeout:
			return false
		}
	}
}

// wait waits up to limit for the process to exit and returns its exit code.
func (p *proc) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(limit):
		t.Fatalf("shihyo %v still running after %v\n%s", p.cmd.Args[1:], limit, p.stderr())
		return -1
	}
}

// folders are the three paths of one deployment.
type folders struct{ data, db, out string }

func (f folders) args(cmd string) []string {
	return []string{cmd, "--data", f.data, "--db", f.db, "--out", f.out}
}

func (f folders) refresh(t *testing.T) result {
	t.Helper()
	return shihyo(t, f.args("refresh")...)
}

func (f folders) mustRefresh(t *testing.T) result {
	t.Helper()
	r := f.refresh(t)
	if r.code != exitOK {
		t.Fatalf("refresh: exit %d\n%s", r.code, r.stderr)
	}
	return r
}

// newFolders copies the data folder src into a new deployment.
func newFolders(t *testing.T, src string) folders {
	t.Helper()
	root := t.TempDir()
	f := folders{data: filepath.Join(root, "data"), db: filepath.Join(root, "db", "shihyo.duckdb"), out: filepath.Join(root, "www", "out")}
	if err := copyInto(f.data, src); err != nil {
		t.Fatal(err)
	}
	return f
}

// scale is a new deployment of the city-size data set (about 5 s to load
// on an idle machine).
func scale(t *testing.T) folders {
	t.Helper()
	if testing.Short() {
		t.Skip("the city-size data set is slow on a loaded machine")
	}
	dir := filepath.Join(t.TempDir(), "gen")
	r := shihyo(t, "gen", "--wards", "6", "--years", "4", "--respondents", "1500", "--questions", "20", "--out", dir)
	if r.code != exitOK {
		t.Fatalf("gen: exit %d\n%s", r.code, r.stderr)
	}
	return newFolders(t, dir)
}

// setAnswer rewrites field col of line (1-based, the header is line 1) of
// the response file name; generated files have no quoted fields.
func setAnswer(t *testing.T, f folders, name string, line, col int, value string) {
	t.Helper()
	editField(t, f, name, line, col, func(string) string { return value })
}

// toggleAnswer changes an answer between the codes 1 and 2, so that the
// file is sure to change.
func toggleAnswer(t *testing.T, f folders, name string, line, col int) {
	t.Helper()
	editField(t, f, name, line, col, func(old string) string {
		if old == "1" {
			return "2"
		}
		return "1"
	})
}

func editField(t *testing.T, f folders, name string, line, col int, change func(string) string) {
	t.Helper()
	p := filepath.Join(f.data, "responses", name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	fields := strings.Split(lines[line-1], ",")
	fields[col] = change(fields[col])
	lines[line-1] = strings.Join(fields, ",")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkWhole fails unless out holds a complete site with the files of
// want (same names): see checkFiles. It returns the site's files.
func checkWhole(t *testing.T, out string, want map[string]string) map[string]string {
	t.Helper()
	got := sitetest.Files(t, out, nil)
	checkFiles(t, got, want)
	return got
}

// checkFiles fails unless got has the names of want, every page is whole
// with every local link resolving, and actuals.csv is a complete table.
func checkFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("the site has %d files; want the %d of a complete site", len(got), len(want))
	}
	for name, body := range got {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if !strings.HasPrefix(body, "<!DOCTYPE html>") || !strings.HasSuffix(strings.TrimSpace(body), "</html>") {
			t.Errorf("%s is not a whole page", name)
		}
		for _, link := range localLinks(body) {
			if _, ok := got[link]; !ok && !status.Rewritten(link) {
				t.Errorf("%s links to %s, which is missing", name, link)
			}
		}
	}
	recs, err := csv.NewReader(strings.NewReader(got[pipeline.ActualsFile])).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Errorf("actuals.csv is not a whole table: %d rows, %v", len(recs), err)
	}
}

// localLinks lists the href and src values of a page that point to files
// of the site.
func localLinks(page string) []string {
	var links []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return links
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				k, v, more := z.TagAttr()
				ref, _, _ := strings.Cut(string(v), "#")
				if (string(k) == "href" || string(k) == "src") && ref != "" && !strings.Contains(ref, ":") {
					links = append(links, ref)
				}
				if !more {
					break
				}
			}
		}
	}
}

// runsOf reads the outcomes and reloaded waves of the run history.
func runsOf(t *testing.T, db string) (outcomes, reloaded []string) {
	t.Helper()
	h, err := sql.Open("duckdb", history.Path(db)+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	rows, err := h.Query("SELECT outcome, reloaded FROM runs ORDER BY run_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var o, r string
		if err := rows.Scan(&o, &r); err != nil {
			t.Fatal(err)
		}
		outcomes, reloaded = append(outcomes, o), append(reloaded, r)
	}
	return outcomes, reloaded
}

// TestNightlyRefresh runs the refresh the way the nightly job does, on the
// city-size data set: a full load, a no-op, one changed wave, a defect.
func TestNightlyRefresh(t *testing.T) {
	f := scale(t)
	begin := time.Now()
	f.mustRefresh(t)
	t.Logf("first refresh (full load): %v", time.Since(begin))
	good := checkWhole(t, f.out, sitetest.Files(t, f.out, nil))

	t.Run("no-op", func(t *testing.T) {
		// Its speed is BenchmarkNoOpRefresh's business (pipeline/); here
		// the no-op must do no work: no plan, no load, no new site.
		folder, err := os.Stat(f.out)
		if err != nil {
			t.Fatal(err)
		}
		begin := time.Now()
		r := f.mustRefresh(t)
		t.Logf("no-op refresh, whole process: %v", time.Since(begin))
		if !strings.Contains(r.stderr, "入力に変更はありません") || strings.Contains(r.stderr, "変更を確認しました") {
			t.Errorf("not a no-op:\n%s", r.stderr)
		}
		if !maps.Equal(sitetest.Files(t, f.out, nil), good) {
			t.Error("a no-op refresh changed published files")
		}
		if now, err := os.Stat(f.out); err != nil || !os.SameFile(folder, now) {
			t.Errorf("a no-op refresh swapped in a new output folder (%v)", err)
		}
	})

	t.Run("one wave", func(t *testing.T) {
		toggleAnswer(t, f, "nishi-kumin-2021.csv", 2, 5) // 問1 of respondent 1
		begin := time.Now()
		r := f.mustRefresh(t)
		t.Logf("one-wave refresh: %v", time.Since(begin))
		if !strings.Contains(r.stderr, "reload=nishi-kumin-2021 ") || !strings.Contains(r.stderr, "changed=responses/nishi-kumin-2021.csv ") {
			t.Errorf("not only nishi-kumin-2021 reloaded:\n%s", r.stderr)
		}
		if _, reloaded := runsOf(t, f.db); reloaded[len(reloaded)-1] != "nishi-kumin-2021" {
			t.Errorf("runs table: reloaded %q", reloaded[len(reloaded)-1])
		}
		good = checkWhole(t, f.out, good)
	})

	t.Run("bad code", func(t *testing.T) {
		before, err := os.ReadFile(filepath.Join(f.data, "responses", "kita-kumin-2023.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(filepath.Join(f.data, "responses", "kita-kumin-2023.csv"), before, 0o644)
		setAnswer(t, f, "kita-kumin-2023.csv", 11, 6, "7")
		r := f.refresh(t)
		if r.code != exitFailure || !strings.Contains(r.stderr, "kita-kumin-2023.csv:11") {
			t.Fatalf("refresh over a bad code: exit %d\n%s", r.code, r.stderr)
		}
		if !maps.Equal(sitetest.Files(t, f.out, nil), good) {
			t.Error("a failed refresh changed published files other than status.html")
		}
		page, err := os.ReadFile(filepath.Join(f.out, "status.html"))
		if err != nil || !bytes.Contains(page, []byte("kita-kumin-2023.csv:11")) || !bytes.Contains(page, []byte("最新の更新は失敗しました")) {
			t.Errorf("status.html does not show the failure (%v)", err)
		}
		if outcomes, _ := runsOf(t, f.db); outcomes[len(outcomes)-1] != "failed" {
			t.Errorf("runs: %v", outcomes)
		}
	})
}

// TestKilledRefreshLeavesLastGoodSite kills refreshes with SIGKILL at
// several moments. After each kill the published folder is the previous
// site or the new one, whole, the database file is the previous one byte
// for byte or the new one whole, and the next refresh succeeds (stale
// staging folders, side files and the lock files left behind do not stand
// in its way).
func TestKilledRefreshLeavesLastGoodSite(t *testing.T) {
	f := scale(t)
	f.mustRefresh(t)
	good := checkWhole(t, f.out, sitetest.Files(t, f.out, nil))
	waves := []string{"kita", "miyakojima", "fukushima", "konohana", "chuo", "nishi"}
	type kill struct {
		onLog string        // once this log line is written (or from the start)
		after time.Duration // and then after this long
	}
	const planned = "変更を確認しました" // the plan is made; the transaction begins
	kills := []kill{
		{after: 20 * time.Millisecond}, {after: 80 * time.Millisecond}, {after: 200 * time.Millisecond},
		{after: 500 * time.Millisecond}, {after: 1000 * time.Millisecond}, {after: 2000 * time.Millisecond},
		{after: 3500 * time.Millisecond}, {onLog: planned}, {onLog: planned, after: 150 * time.Millisecond},
		{onLog: planned, after: 400 * time.Millisecond}, {onLog: planned, after: 900 * time.Millisecond},
		{onLog: "更新しました"}, // after the swap, before the run is recorded
	}
	for i, k := range kills {
		name := strings.TrimSpace(k.onLog + " " + k.after.String())
		t.Run(name, func(t *testing.T) {
			previous, db := good[pipeline.ActualsFile], sumOf(t, f.db)
			// A different wave each time, so that every run has work to do.
			wave := waves[i%len(waves)] + "-kumin-2022"
			toggleAnswer(t, f, wave+".csv", 3+i, 7)
			p := start(t, f.args("refresh")...)
			if k.onLog != "" && !p.waitLog(k.onLog, 2*time.Minute) {
				t.Fatalf("no %q in the log\n%s", k.onLog, p.stderr())
			}
			time.Sleep(k.after)
			p.cmd.Process.Signal(syscall.SIGKILL)
			code := p.wait(t, 10*time.Second)
			t.Logf("killed (exit %d) after: %s", code, lastLine(p.stderr()))
			killed := checkWhole(t, f.out, good)[pipeline.ActualsFile]
			// The database is byte for byte the previous one, or the new
			// one whole (the kill came after it was put in place): then the
			// next refresh has nothing left to load.
			committed := sumOf(t, f.db) != db
			r := f.mustRefresh(t)
			if committed && strings.Contains(r.stderr, "reload="+wave) {
				t.Errorf("the database changed, but not into the new one: %s is loaded again\n%s", wave, r.stderr)
			}
			good = checkWhole(t, f.out, good)
			if killed != previous && killed != good[pipeline.ActualsFile] {
				t.Error("after the kill actuals.csv was neither the previous one nor the next")
			}
			if stale := leftovers(t, f.out); len(stale) > 0 {
				t.Errorf("left behind after the next refresh: %v", stale)
			}
			side, _ := filepath.Glob(filepath.Join(filepath.Dir(f.db), "."+filepath.Base(f.db)+".tmp-*"))
			if old, _ := filepath.Glob(f.db + ".next-*"); len(side)+len(old) > 0 {
				t.Errorf("side files of the database left after the next refresh: %v %v", side, old)
			}
		})
	}
	if outcomes, _ := runsOf(t, f.db); !slices.Contains(outcomes, "interrupted") {
		t.Errorf("no run recorded as interrupted: %v", outcomes)
	}
}

// TestKilledFirstRefresh kills the very first refresh: the published
// folder does not exist yet, and must not appear half made.
func TestKilledFirstRefresh(t *testing.T) {
	f := scale(t)
	for _, after := range []time.Duration{300 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second} {
		t.Run(after.String(), func(t *testing.T) {
			os.RemoveAll(filepath.Dir(f.db))
			os.RemoveAll(f.out)
			p := start(t, f.args("refresh")...)
			time.Sleep(after)
			p.cmd.Process.Signal(syscall.SIGKILL)
			p.wait(t, 10*time.Second)
			t.Logf("killed after: %s", lastLine(p.stderr()))
			var killed map[string]string
			if _, err := os.Stat(f.out); err == nil {
				killed = sitetest.Files(t, f.out, nil)
			}
			f.mustRefresh(t)
			good := checkWhole(t, f.out, sitetest.Files(t, f.out, nil))
			if killed != nil { // the kill came after the swap
				checkFiles(t, killed, good)
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	msg := lines[len(lines)-1]
	if i := strings.Index(msg, "msg="); i >= 0 {
		msg = msg[i:]
	}
	if len(msg) > 80 {
		msg = msg[:80]
	}
	return msg
}

// TestSecondWriterIsRefused: while one refresh runs, a second one on the
// same database is refused at once, naming the database and the process.
// "At once" is a matter of order, not of speed: the second exits with the
// refusal while the first still holds the lock (stopped with SIGSTOP, so it
// cannot finish first however slow the second is). A second refresh that
// waited for the lock would never exit, and the 2-minute limit of shihyo()
// would fail it.
func TestSecondWriterIsRefused(t *testing.T) {
	f := scale(t)
	f.mustRefresh(t)
	toggleAnswer(t, f, "chuo-kumin-2020.csv", 2, 5)
	first := start(t, f.args("refresh")...)
	pid := first.cmd.Process.Pid
	waitHolder(t, f.db, pid)
	if err := first.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	second := f.refresh(t)
	t.Logf("second refresh: %s", strings.TrimSpace(second.stderr))
	want := fmt.Sprintf("PID %d, shihyo refresh", pid)
	if second.code != exitFailure || !strings.Contains(second.stderr, f.db) || !strings.Contains(second.stderr, want) {
		t.Errorf("second refresh: exit %d; want 1 and a message naming %s and %q\n%s", second.code, f.db, want, second.stderr)
	}
	select {
	case <-first.done:
		t.Fatalf("the first refresh ended before the second was refused\n%s", first.stderr())
	default:
	}
	if b, _ := os.ReadFile(lock.RefreshPath(f.db)); !bytes.HasPrefix(b, []byte(fmt.Sprintf("pid=%d\n", pid))) {
		t.Errorf("the lock file no longer names the first refresh: %q", b)
	}
	if err := first.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	if code := first.wait(t, 2*time.Minute); code != exitOK {
		t.Errorf("first refresh: exit %d\n%s", code, first.stderr())
	}
}

// waitHolder waits until the refresh lock file names pid.
func waitHolder(t *testing.T, db string, pid int) {
	t.Helper()
	want := fmt.Sprintf("pid=%d\n", pid)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(lock.RefreshPath(db)); bytes.HasPrefix(b, []byte(want)) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d never took the lock", pid)
}

// TestDatabaseOpenElsewhere: DuckDB's own lock (the file open in another
// program, here this test) is reported in plain words.
func TestDatabaseOpenElsewhere(t *testing.T) {
	f := newFolders(t, small)
	f.mustRefresh(t)
	db, err := sql.Open("duckdb", f.db+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	r := f.refresh(t)
	want := fmt.Sprintf("PID %d", os.Getpid())
	if r.code != exitFailure || !strings.Contains(r.stderr, "開いています") || !strings.Contains(r.stderr, want) {
		t.Errorf("refresh: exit %d; want 1 and a message naming %s\n%s", r.code, want, r.stderr)
	}
	if outcomes, _ := runsOf(t, f.db); !slices.Equal(outcomes, []string{"ok", "failed"}) {
		t.Errorf("runs: %v; want the failure recorded", outcomes)
	}
}

// TestScheduleDaemon runs `shihyo schedule --cron '@every 1s'` until two
// runs have completed (the first loads, the next is a no-op), then sends
// SIGTERM: the daemon exits 0, and says it stopped only after its last run
// started and ended. The waits are hang guards, not speed targets.
func TestScheduleDaemon(t *testing.T) {
	f := newFolders(t, small)
	p := start(t, append(f.args("schedule"), "--cron", "@every 1s")...)
	for i := range 2 {
		if !p.waitLog("outcome=ok", 2*time.Minute) {
			t.Fatalf("run %d did not complete\n%s", i+1, p.stderr())
		}
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	code := p.wait(t, time.Minute)
	log := p.stderr()
	if code != exitOK {
		t.Errorf("exit %d after SIGTERM; want 0\n%s", code, log)
	}
	if n := strings.Count(log, "outcome=ok"); n < 2 {
		t.Errorf("%d completed runs; want at least 2\n%s", n, log)
	}
	checkOrder(t, log, "outcome=ok", "停止します", "停止しました")
	// The daemon waits for the run under way: it says it has stopped after
	// the last run's start and end.
	stopped := strings.Index(log, "停止しました")
	if stopped < strings.LastIndex(log, "実行を開始します") || stopped < strings.LastIndex(log, "outcome=") {
		t.Errorf("the daemon said it stopped before its last run started or ended:\n%s", log)
	}
	if !strings.Contains(log, "入力に変更はありません") || strings.Contains(log, "level=ERROR") {
		t.Errorf("want a load, then no-ops, and no error:\n%s", log)
	}
	if outcomes, _ := runsOf(t, f.db); len(outcomes) < 2 || outcomes[0] != "ok" || outcomes[1] != "noop" {
		t.Errorf("runs: %v", outcomes)
	}
}

// TestScheduleStopsARunningRefresh sends SIGTERM while a (long, first)
// refresh is running: the run is cancelled and rolled back, the daemon
// exits 0 once the run has ended, and no half site appears. The minute
// allowed for the exit is a hang guard, not a speed target.
func TestScheduleStopsARunningRefresh(t *testing.T) {
	f := scale(t)
	p := start(t, append(f.args("schedule"), "--cron", "@every 1s")...)
	if !p.waitLog("変更を確認しました", 2*time.Minute) {
		t.Fatalf("the refresh never started\n%s", p.stderr())
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	code := p.wait(t, time.Minute)
	log := p.stderr()
	if code != exitOK {
		t.Errorf("exit %d after SIGTERM; want 0\n%s", code, log)
	}
	// The run was under way when the stop came, and ended (cancelled)
	// before the daemon said it had stopped.
	checkOrder(t, log, "変更を確認しました", "outcome=cancelled", "停止しました")
	checkOrder(t, log, "停止します", "停止しました")
	if !strings.Contains(log, "outcome=cancelled") || strings.Contains(log, "level=ERROR") {
		t.Errorf("the run was not cancelled quietly:\n%s", log)
	}
	if _, err := os.Stat(f.out); err == nil {
		t.Errorf("a cancelled first refresh published %s", f.out)
	}
	if outcomes, _ := runsOf(t, f.db); !slices.Equal(outcomes, []string{"cancelled"}) {
		t.Errorf("runs: %v", outcomes)
	}
}

// checkOrder fails unless each of want is in log, each first seen after
// the previous one.
func checkOrder(t *testing.T, log string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(log[at:], w)
		if i < 0 {
			t.Errorf("log lacks %q in the order %q:\n%s", w, want, log)
			return
		}
		at += i + len(w)
	}
}

// TestSecondDaemonIsRefused: one daemon per database.
func TestSecondDaemonIsRefused(t *testing.T) {
	f := newFolders(t, small)
	first := start(t, f.args("schedule")...)
	if !first.waitLog("常駐を開始しました", 30*time.Second) {
		t.Fatalf("the first daemon did not start\n%s", first.stderr())
	}
	second := shihyo(t, f.args("schedule")...)
	want := fmt.Sprintf("PID %d, shihyo schedule", first.cmd.Process.Pid)
	if second.code != exitFailure || !strings.Contains(second.stderr, want) || !strings.Contains(second.stderr, "常駐しています") {
		t.Errorf("second daemon: exit %d; want 1 naming %q\n%s", second.code, want, second.stderr)
	}
	first.cmd.Process.Signal(syscall.SIGINT)
	if code := first.wait(t, 10*time.Second); code != exitOK {
		t.Errorf("first daemon after SIGINT: exit %d", code)
	}
}

func TestScheduleBadSpecIsAUsageError(t *testing.T) {
	f := newFolders(t, small)
	for _, spec := range []string{"61 * * * *", "@every nope"} {
		r := shihyo(t, append(f.args("schedule"), "--cron", spec)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--cron") {
			t.Errorf("--cron %q: exit %d\n%s", spec, r.code, r.stderr)
		}
	}
}
