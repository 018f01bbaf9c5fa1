package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // zones named in CRON_TZ (Asia/Tokyo too) on machines without zoneinfo; the default JST needs none

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/lock"
	"github.com/shihyo/shihyo/schedules"
)

// runSchedule stays in the foreground and refreshes on a cron schedule
// until SIGTERM or SIGINT, then exits 0 once the run in progress (if any)
// has been cancelled and rolled back. A second daemon on the same database
// is refused (exit 1).
func runSchedule(ctx context.Context, e env) int {
	fs := newFlags("schedule", "[--cron SPEC] [--data DIR] [--db FILE] [--out DIR]", e)
	spec := fs.String("cron", schedules.DefaultSpec,
		"実行の予定 (cron の 5 項目、@daily、@every 10m など。先頭に CRON_TZ=地域 で時間帯を指定できる)")
	opts := pipeline.Options{Trigger: pipeline.TriggerSchedule}
	siteFlags(fs, &opts)
	if code, ok := parseWithData(fs, e, &opts.DataDir); !ok {
		return code
	}
	loc, err := scheduleZone()
	if err != nil {
		fmt.Fprintf(e.stderr, "shihyo schedule: %v\n", err)
		return exitUsage
	}
	opts.Logger = e.logger
	m, err := schedules.New(schedules.Options{Spec: *spec, Location: loc, Logger: e.logger, Job: refreshJob(opts)})
	if err != nil {
		// cron's own reason is in English; staff get the form to write.
		fmt.Fprintf(e.stderr, "shihyo schedule: --cron %q を読めません。分 時 日 月 曜日 の 5 つを空白で区切って書きます"+
			" (例: \"0 2 * * *\" は毎日 2:00、\"@every 1h\" は 1 時間ごと、\"CRON_TZ=Asia/Tokyo 0 2 * * *\" は日本時間で)\n", *spec)
		e.logger.Debug("cron spec", "error", err)
		return exitUsage
	}
	// The same checks as every refresh, once at start: a daemon set up on
	// wrong paths exits at once instead of failing every night.
	if err := pipeline.CheckPaths(opts); err != nil {
		fmt.Fprintf(e.stderr, "shihyo schedule: %v\n", err)
		return exitFailure
	}
	daemon, err := lock.Daemon(opts.DB)
	if err != nil {
		fmt.Fprintf(e.stderr, "shihyo schedule: %v\n", err)
		return exitFailure
	}
	defer daemon.Release()
	if err := m.Run(ctx); err != nil {
		fmt.Fprintf(e.stderr, "shihyo schedule: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// scheduleZone is the zone of a spec without CRON_TZ=: the CRON_TZ
// environment variable if set, else Asia/Tokyo.
func scheduleZone() (*time.Location, error) {
	name := os.Getenv("CRON_TZ")
	if name == "" {
		return nil, nil // schedules' default: Asia/Tokyo
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("環境変数 CRON_TZ=%s の時間帯がわかりません: %w", name, err)
	}
	return loc, nil
}

// refreshJob is one scheduled refresh. A refresh already running (by hand,
// say) is not a failure: this run is skipped and the next tick tries again.
func refreshJob(opts pipeline.Options) schedules.Job {
	return func(ctx context.Context) error {
		res, err := pipeline.Refresh(ctx, opts)
		if errors.Is(err, lock.ErrLocked) {
			opts.Logger.Warn("別のプロセスが更新中のため、今回は見送ります", "reason", err.Error())
			return nil
		}
		if err != nil {
			return err
		}
		opts.Logger.Info("更新の結果", "noop", res.NoOp, "changed_files", len(res.Changed),
			"reloaded_waves", len(res.ReloadedWaves), "respondents", res.Respondents, "actuals", res.Actuals)
		return nil
	}
}
