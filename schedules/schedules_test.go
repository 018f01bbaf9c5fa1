package schedules

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// records keeps the log records of a manager, safe for the cron
// goroutines, so that the tests look at their attributes (outcome, event,
// error), not at the wording of the messages.
type records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) WithAttrs([]slog.Attr) slog.Handler       { return r }
func (r *records) WithGroup(string) slog.Handler            { return r }

func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recs = append(r.recs, rec.Clone())
	return nil
}

// find returns the records whose attribute key has the value want (as
// text), in order.
func (r *records) find(key, want string) []slog.Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []slog.Record
	for _, rec := range r.recs {
		rec.Attrs(func(a slog.Attr) bool {
			if a.Key == key && a.Value.String() == want {
				out = append(out, rec)
				return false
			}
			return true
		})
	}
	return out
}

// index is the position of the first record whose attribute key has the
// value want, in the order they were logged; -1 if none.
func (r *records) index(key, want string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, rec := range r.recs {
		if attr(rec, key) == want {
			return i
		}
	}
	return -1
}

// attr is the value of the attribute key of rec, as text.
func attr(rec slog.Record, key string) string {
	var v string
	rec.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v = a.Value.String()
			return false
		}
		return true
	})
	return v
}

// every ticks every d: a schedule for the tests, which do not wait for
// cron's whole seconds.
type every time.Duration

func (d every) Next(t time.Time) time.Time { return t.Add(time.Duration(d)) }

// start runs a manager for job on a schedule ticking every 10ms and
// returns a stop function that cancels it and waits for Run to return.
// The minute it allows is a hang guard, not a speed target.
func start(t *testing.T, job Job) (*Manager, *records, func()) {
	t.Helper()
	logs := &records{}
	m, err := New(Options{Schedule: every(10 * time.Millisecond), Job: job, Logger: slog.New(logs)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	stopped := false
	stop := func() {
		t.Helper()
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("Run did not return after the stop")
		}
	}
	t.Cleanup(stop)
	return m, logs, stop
}

// waitFor polls cond until it holds; the minute allowed is a hang guard
// for ticks that a loaded machine may deliver late.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPanickingJobDoesNotStopTheManager(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	m, logs, stop := start(t, func(ctx context.Context) error {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			panic("boom")
		}
		return nil
	})
	waitFor(t, "a run after the panic", func() bool { return m.Stats().Succeeded >= 1 })
	stop()
	st := m.Stats()
	if st.Panicked != 1 || st.Failed != 0 {
		t.Errorf("stats %+v; want 1 panic, no failure", st)
	}
	panics := logs.find("event", "panic")
	if len(panics) != 1 || panics[0].Level != slog.LevelError || !strings.Contains(attr(panics[0], "error"), "boom") {
		t.Errorf("the panic is not logged as an error with its value: %v", panics)
	}
}

// TestStopCancelsTheRunningJob: the stop cancels the job's context, and Run
// returns only once the job has returned. The job could only return by
// seeing its context cancelled, so the order of events proves both, with
// no clock involved.
func TestStopCancelsTheRunningJob(t *testing.T) {
	running, returned := make(chan struct{}), make(chan struct{})
	m, logs, stop := start(t, func(ctx context.Context) error {
		defer close(returned)
		close(running)
		<-ctx.Done()
		return ctx.Err()
	})
	<-running
	stop()
	select {
	case <-returned:
	default:
		t.Error("Run returned while the job was still running")
	}
	st := m.Stats()
	if st.Cancelled != 1 || st.Failed != 0 {
		t.Errorf("stats %+v; want the run cancelled, not failed", st)
	}
	for _, rec := range logs.find("outcome", "cancelled") {
		if rec.Level >= slog.LevelError {
			t.Errorf("a cancelled run was logged as an error: %v", rec)
		}
	}
	cancelled, stopped := logs.index("outcome", "cancelled"), logs.index("event", "stopped")
	if cancelled < 0 || stopped < cancelled {
		t.Errorf("want the cancelled run logged before the stop (records %d and %d)", cancelled, stopped)
	}
}

// TestOverlappingTicksAreSkipped: ticks that come while the run goes on
// are skipped and counted; the run is not started again meanwhile.
func TestOverlappingTicksAreSkipped(t *testing.T) {
	release := make(chan struct{})
	m, logs, stop := start(t, func(ctx context.Context) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-release:
			return nil
		}
	})
	waitFor(t, "a skipped tick", func() bool { return m.Stats().Skipped >= 1 })
	if st := m.Stats(); st.Started != 1 {
		t.Errorf("stats %+v; want one run only while it runs", st)
	}
	close(release)
	stop()
	if skips := logs.find("event", "skip"); len(skips) == 0 || skips[0].Level != slog.LevelWarn {
		t.Errorf("the skip is not logged as a warning: %v", skips)
	}
}

func TestFailedJobIsLogged(t *testing.T) {
	m, logs, stop := start(t, func(ctx context.Context) error { return errors.New("input broken") })
	waitFor(t, "two failed runs", func() bool { return m.Stats().Failed >= 2 })
	stop()
	failed := logs.find("outcome", "failed")
	if len(failed) < 2 || failed[0].Level != slog.LevelError || attr(failed[0], "error") != "input broken" {
		t.Errorf("the failure is not logged as an error with its cause: %v", failed)
	}
}

func TestSpecs(t *testing.T) {
	job := func(context.Context) error { return nil }
	after := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // 09:00 in Tokyo
	cases := []struct {
		spec string
		want time.Time
	}{
		{"", time.Date(2026, 1, 1, 17, 0, 0, 0, time.UTC)}, // 02:00 JST on 2 January
		{"0 2 * * *", time.Date(2026, 1, 1, 17, 0, 0, 0, time.UTC)},
		{"CRON_TZ=UTC 0 2 * * *", time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)},
		{"@every 10m", after.Add(10 * time.Minute)},
		{"@daily", time.Date(2026, 1, 1, 15, 0, 0, 0, time.UTC)}, // midnight JST
	}
	for _, c := range cases {
		m, err := New(Options{Spec: c.spec, Job: job})
		if err != nil {
			t.Errorf("New(%q): %v", c.spec, err)
			continue
		}
		if got := m.Next(after); !got.Equal(c.want) {
			t.Errorf("%q: next %v; want %v", c.spec, got.UTC(), c.want)
		}
	}
	for _, bad := range []string{"61 * * * *", "every night", "@every nope", "CRON_TZ=Mars/Base 0 2 * * *"} {
		if _, err := New(Options{Spec: bad, Job: job}); !errors.Is(err, ErrSpec) {
			t.Errorf("New(%q) = %v; want ErrSpec", bad, err)
		}
	}
}
