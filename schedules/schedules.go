// Package schedules runs a job on a cron schedule until it is told to stop:
// the nightly refresh of shihyo's dashboards. It is a small manager in the
// manner of Prometheus's rules manager: an Options struct with defaults, a
// Manager whose Run blocks until its context ends, one log line per event
// with component keys, and a stop that signals every running job, then
// waits for all of them.
//
// Runs never overlap: a tick that comes while the previous run is still
// going is skipped and counted. A job that panics is logged with its stack
// and the manager lives on. A run cancelled by the stop is not a failure.
package schedules

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/shihyo/shihyo/internal/jst"
)

// DefaultSpec runs the job every night at 02:00.
const DefaultSpec = "0 2 * * *"

// DefaultZone is the time zone of a spec without CRON_TZ=: Japan time
// (jst.Location).
const DefaultZone = jst.Name

// ErrSpec is returned by New for a spec cron cannot read.
var ErrSpec = errors.New("invalid cron spec")

// Job is one run of the scheduled work. It must return promptly once ctx
// is cancelled.
type Job func(ctx context.Context) error

// Options configures a Manager.
type Options struct {
	// Spec is a standard five-field cron spec ("0 2 * * *"), a descriptor
	// ("@daily", "@every 10m"), either optionally preceded by CRON_TZ=Zone.
	// Empty is DefaultSpec.
	Spec string
	// Schedule, if not nil, is used instead of Spec: when the job runs
	// next after a given time. Tests give one that ticks in milliseconds.
	Schedule Schedule
	// Location is the zone of a spec without CRON_TZ=; nil is DefaultZone.
	Location *time.Location
	// Job is the work to run; required.
	Job Job
	// Logger receives one line per run and per event; nil discards.
	Logger *slog.Logger
}

// Schedule says when the job runs next after a time; cron.Schedule (what
// a spec is parsed into) is one.
type Schedule interface {
	Next(time.Time) time.Time
}

// Stats counts what a Manager did.
type Stats struct {
	Started   int64 // runs begun
	Succeeded int64
	Failed    int64 // returned an error other than its cancellation
	Cancelled int64 // stopped by the manager's stop
	Panicked  int64 // recovered from a panic
	Skipped   int64 // ticks skipped because the previous run was still going
}

// Manager runs one job on one schedule.
type Manager struct {
	opts     Options
	schedule Schedule
	log      *slog.Logger

	started, succeeded, failed, cancelled, panicked, skipped atomic.Int64
}

// New checks opts and fills its defaults. It returns an error wrapping
// ErrSpec when the spec cannot be read.
func New(opts Options) (*Manager, error) {
	if opts.Spec == "" {
		opts.Spec = DefaultSpec
	}
	if opts.Job == nil {
		return nil, errors.New("schedules: no job")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Location == nil {
		opts.Location = jst.Location
	}
	sched := opts.Schedule
	if sched == nil {
		parsed, err := cron.ParseStandard(opts.Spec)
		if err != nil {
			return nil, fmt.Errorf("%w %q: %w", ErrSpec, opts.Spec, err)
		}
		sched = parsed
	}
	log := opts.Logger.With("component", "schedule", "cron", opts.Spec)
	return &Manager{opts: opts, schedule: sched, log: log}, nil
}

// Next is when the job would run next after t.
func (m *Manager) Next(t time.Time) time.Time {
	return m.schedule.Next(t.In(m.opts.Location))
}

// Run starts the schedule and blocks until ctx is done. It then takes no
// new run, cancels the context of the run in progress (each run's context
// derives from ctx) and waits for it to return. It returns nil.
func (m *Manager) Run(ctx context.Context) error {
	adapter := cronLogger{m}
	c := cron.New(
		cron.WithLocation(m.opts.Location),
		cron.WithLogger(adapter),
		// Recover goes inside SkipIfStillRunning: in cron v3.0.1 the latter
		// hands its token back only when the job returns, so a panic passing
		// through it would skip every later run.
		cron.WithChain(cron.SkipIfStillRunning(adapter), cron.Recover(adapter)),
	)
	c.Schedule(m.schedule, cron.FuncJob(func() { m.runOnce(ctx) }))
	c.Start()
	m.log.Info("常駐を開始しました", "event", "started", "tz", m.opts.Location.String(), "next", m.Next(time.Now()))
	<-ctx.Done()
	m.log.Info("停止します。新しい実行は受け付けません", "event", "stopping")
	<-c.Stop().Done() // the running job, if any, sees ctx cancelled
	st := m.Stats()
	m.log.Info("停止しました", "event", "stopped", "started", st.Started, "succeeded", st.Succeeded, "failed", st.Failed,
		"cancelled", st.Cancelled, "panicked", st.Panicked, "skipped", st.Skipped)
	return nil
}

// Stats returns the counts so far; safe to call at any time.
func (m *Manager) Stats() Stats {
	return Stats{
		Started: m.started.Load(), Succeeded: m.succeeded.Load(), Failed: m.failed.Load(),
		Cancelled: m.cancelled.Load(), Panicked: m.panicked.Load(), Skipped: m.skipped.Load(),
	}
}

// runOnce runs the job once under a context derived from the manager's.
func (m *Manager) runOnce(parent context.Context) {
	if parent.Err() != nil {
		return // the tick raced with the stop
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	n := m.started.Add(1)
	log := m.log.With("run", n)
	start := time.Now()
	log.Info("実行を開始します")
	err := m.opts.Job(ctx)
	took := time.Since(start).Round(time.Millisecond)
	switch {
	case err == nil:
		m.succeeded.Add(1)
		log.Info("実行が終わりました", "outcome", "ok", "duration", took, "next", m.Next(time.Now()))
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		m.cancelled.Add(1)
		log.Info("停止のため実行を中断しました", "outcome", "cancelled", "duration", took)
	default:
		m.failed.Add(1)
		log.Error("実行に失敗しました。公開中の内容は前回のままです", "outcome", "failed", "duration", took,
			"error", err, "next", m.Next(time.Now()))
	}
}

// cronLogger passes cron's own messages to slog: skipped ticks and
// recovered panics are counted and logged; routine messages go to Debug.
type cronLogger struct{ m *Manager }

func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		l.m.skipped.Add(1)
		l.m.log.Warn("前回の実行が続いているため、今回の実行を見送りました", "event", "skip", "skipped", l.m.skipped.Load())
		return
	}
	l.m.log.Debug("cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	if msg == "panic" {
		l.m.panicked.Add(1)
		l.m.log.Error("実行中に panic しました。常駐は続けます", append([]any{"event", "panic", "error", err}, kv...)...)
		return
	}
	l.m.log.Error("cron: "+msg, append([]any{"error", err}, kv...)...)
}
