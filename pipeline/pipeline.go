// Package pipeline runs shihyo's jobs end to end: read and check a data
// directory, load it into DuckDB, compute the actuals and publish them.
package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

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
// files included, without touching any database or output: input.Validate.
func Validate(ctx context.Context, dir string) ([]*model.Warning, error) {
	return input.Validate(ctx, dir)
}

func readAll(ctx context.Context, dir string) (*model.Dataset, []*model.Wave, error) {
	ds, err := input.Read(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	waves, err := responses.ReadAll(ctx, ds)
	if err != nil {
		return nil, nil, err
	}
	return ds, waves, nil
}

// openDB opens the DuckDB file at path and one connection to it.
func openDB(ctx context.Context, path string) (*sql.DB, *sql.Conn, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, conn, nil
}

// The steps of a refresh, logged as the attribute "step" of its progress
// lines: what a log reader (or a test) keys on, whatever the wording of
// the message.
const (
	StepNoOp      = "noop"      // nothing changed: nothing is read, loaded or rendered
	StepPlanned   = "planned"   // the inputs are read and the waves to load decided
	StepLoaded    = "loaded"    // the waves are loaded; the actuals are computed next
	StepPublished = "published" // the new site is in place
)

// Triggers of a run, recorded in the runs table.
const (
	TriggerCLI      = "cli"
	TriggerSchedule = "schedule"
)
