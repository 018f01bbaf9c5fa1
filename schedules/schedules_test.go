package schedules

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a log sink safe for the cron goroutines.
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

// start runs a manager for job at @every 1s and returns a stop function
// that cancels it and waits for Run to return. The minute it allows is a
// hang guard, not a speed target.
func start(t *testing.T, job Job) (*Manager, *syncBuffer, func()) {
	t.Helper()
	logs := &syncBuffer{}
	m, err := New(Options{Spec: "@every 1s", Job: job, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	stop := func() {
		t.Helper()
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
	t.Cleanup(cancel)
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
		time.Sleep(20 * time.Millisecond)
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
	if !strings.Contains(logs.String(), "panic しました") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("the panic is not logged:\n%s", logs)
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
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a cancelled run was logged as an error:\n%s", logs)
	}
	log := logs.String()
	cancelled, stopped := strings.Index(log, "outcome=cancelled"), strings.Index(log, "停止しました")
	if cancelled < 0 || stopped < cancelled {
		t.Errorf("want the cancelled run logged before the stop:\n%s", log)
	}
}

func TestOverlappingTicksAreSkipped(t *testing.T) {
	m, logs, stop := start(t, func(ctx context.Context) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2500 * time.Millisecond):
			return nil
		}
	})
	waitFor(t, "a skipped tick", func() bool { return m.Stats().Skipped >= 1 })
	stop()
	if st := m.Stats(); st.Started != 1 {
		t.Errorf("stats %+v; want one run only", st)
	}
	if !strings.Contains(logs.String(), "見送りました") {
		t.Errorf("the skip is not logged:\n%s", logs)
	}
}

func TestFailedJobIsLogged(t *testing.T) {
	m, logs, stop := start(t, func(ctx context.Context) error { return errors.New("input broken") })
	waitFor(t, "two failed runs", func() bool { return m.Stats().Failed >= 2 })
	stop()
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "input broken") {
		t.Errorf("the failure is not logged:\n%s", logs)
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
