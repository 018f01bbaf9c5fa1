// Package pipeline runs shihyo's jobs end to end: read and check a data
// directory, load it into DuckDB, compute the actuals and publish them.
package pipeline

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"github.com/shihyo/shihyo/internal/parallel"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// Defaults of the command line.
const (
	DefaultDataDir = "data/sample"
	DefaultDB      = "shihyo.duckdb"
	DefaultOut     = "out"
)

// Options says where a refresh reads and writes.
type Options struct {
	DataDir string
	DB      string
	Out     string
	Logger  *slog.Logger     // nil discards
	Now     func() time.Time // nil is time.Now
	Trigger string           // recorded in the runs table: TriggerCLI (the default) or TriggerSchedule
	// Progress, if not nil, gets a progress line (phase, wave i of n) kept
	// up to date with carriage returns once a refresh has run for a few
	// seconds: the command sets it to its stderr when that is a terminal.
	Progress io.Writer
}

func (o Options) withDefaults() Options {
	if o.DataDir == "" {
		o.DataDir = DefaultDataDir
	}
	if o.DB == "" {
		o.DB = DefaultDB
	}
	if o.Out == "" {
		o.Out = DefaultOut
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Trigger == "" {
		o.Trigger = TriggerCLI
	}
	o.Out, o.DB = followLink(o.Out), followLink(o.DB)
	return o
}

// followLink returns the target of p when p is a symbolic link, so that a
// published folder reached through a link (a web root, say) is replaced
// where it really is and the link stays; any other path is returned as is.
func followLink(p string) string {
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		return p
	}
	if target, err := filepath.EvalSymlinks(p); err == nil {
		return target
	}
	return p
}

// Validate reads and checks every file of the data directory dir, response
// files included, without touching any database or output, as
// input.Validate does, with the response files read by a worker per CPU.
func Validate(ctx context.Context, dir string) ([]*model.Warning, error) {
	ds, err := input.Read(ctx, dir)
	if err != nil {
		return input.WarningsOf(err), err
	}
	return ds.Warnings, checkWaves(ctx, ds)
}

// checkWaves reads and checks every response file of ds, keeping none of
// the waves: a worker per CPU reads one wave at a time. Every defect of
// every file is returned, in the order of surveys.csv, as responses.Each
// returns them.
func checkWaves(ctx context.Context, ds *model.Dataset) error {
	problems := make([]input.Problems, len(ds.Surveys))
	err := parallel.Each(ctx, len(ds.Surveys), func(i int) error {
		_, err := responses.ReadWave(ctx, ds, ds.Surveys[i])
		if p, ok := input.AsProblems(err); ok {
			problems[i] = p
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	var all input.Problems
	for _, p := range problems {
		all = append(all, p...)
	}
	if len(all) > 0 {
		return all
	}
	return nil
}

// The steps of a refresh, logged as the attribute "step" of its progress
// lines: what a log reader (or a test) keys on, whatever the wording of
// the message.
const (
	StepNoOp      = "noop"      // nothing changed: nothing is read, loaded or rendered
	StepPlanned   = "planned"   // the inputs are read and the waves to load decided
	StepLoaded    = "loaded"    // the waves are loaded; the actuals are computed next
	StepDecided   = "decided"   // each wave's disclosure is decided (or reused) and stored, at level Debug
	StepPublished = "published" // the new site is in place
)

// Triggers of a run, recorded in the runs table.
const (
	TriggerCLI      = "cli"
	TriggerSchedule = "schedule"
)
