package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shihyo/shihyo/dashboards"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/load"
	"github.com/shihyo/shihyo/pipeline/publish"
)

// ActualsFile is the name of the actuals table in the published folder.
const ActualsFile = "actuals.csv"

// Result describes a successful refresh.
type Result struct {
	load.Stats
	Actuals  int
	Duration time.Duration
}

// Refresh reads and checks the data directory, loads it into the database,
// computes the actuals and publishes actuals.csv and the dashboards in the
// output folder.
//
// It is all or nothing: on any input defect (returned as input.Problems) it
// writes nothing; on any later failure the database transaction is rolled
// back and the previous output folder is left as it was. The new site
// replaces the old one in a single rename.
func Refresh(ctx context.Context, opts Options) (Result, error) {
	opts = opts.withDefaults()
	start := opts.Now()
	log := opts.Logger.With("data", opts.DataDir, "db", opts.DB, "out", opts.Out)
	if err := publish.CheckDBOutside(opts.DB, opts.Out); err != nil {
		return Result{}, err
	}
	ds, waves, err := readAll(ctx, opts.DataDir)
	if err != nil {
		return Result{}, err
	}
	log.Info("入力を確認しました", "waves", len(waves), "indicators", len(ds.Indicators))
	res, err := loadAndPublish(ctx, opts, ds, waves)
	if err != nil {
		return Result{}, err
	}
	res.Duration = opts.Now().Sub(start)
	log.Info("更新しました", "respondents", res.Respondents, "answers", res.Answers,
		"actuals", res.Actuals, "duration", res.Duration)
	return res, nil
}

func loadAndPublish(ctx context.Context, opts Options, ds *input.Dataset, waves []*input.Wave) (res Result, err error) {
	if err := os.MkdirAll(filepath.Dir(opts.DB), 0o755); err != nil {
		return Result{}, fmt.Errorf("create database folder: %w", err)
	}
	db, conn, err := openDB(ctx, opts.DB)
	if err != nil {
		return Result{}, err
	}
	defer db.Close()
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return Result{}, fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if err != nil {
			// The context may be cancelled; the rollback must still run.
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if res.Stats, err = load.Load(ctx, conn, ds, waves); err != nil {
		return Result{}, fmt.Errorf("load: %w", err)
	}
	actuals, err := compute.Compute(ctx, conn)
	if err != nil {
		return Result{}, fmt.Errorf("compute: %w", err)
	}
	res.Actuals = len(actuals)
	staged, err := stageSite(ctx, opts, ds, actuals)
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(staged) // gone after a successful swap; cleans up otherwise
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return Result{}, fmt.Errorf("commit: %w", err)
	}
	return res, publish.Swap(staged, opts.Out)
}

// stageSite writes the whole new site into a staging folder beside out.
func stageSite(ctx context.Context, opts Options, ds *input.Dataset, actuals []compute.Actual) (string, error) {
	if err := publish.CleanStale(opts.Out); err != nil {
		return "", err
	}
	staged, err := publish.Stage(opts.Out)
	if err != nil {
		return "", err
	}
	err = writeSite(ctx, staged, opts, ds, actuals)
	if err != nil {
		os.RemoveAll(staged)
		return "", err
	}
	return staged, nil
}

func writeSite(ctx context.Context, dir string, opts Options, ds *input.Dataset, actuals []compute.Actual) error {
	site := dashboards.Site{Dataset: ds, Actuals: actuals, GeneratedAt: opts.Now()}
	if err := dashboards.Render(ctx, dir, site); err != nil {
		return fmt.Errorf("render dashboards: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, ActualsFile))
	if err != nil {
		return fmt.Errorf("create %s: %w", ActualsFile, err)
	}
	werr := publish.WriteActualsCSV(f, actuals)
	return errors.Join(werr, f.Close())
}
