package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	cstore "github.com/shihyo/shihyo/pipeline/compute/store"
	"log/slog"
	"os"
	"time"

	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/defcache"
	"github.com/shihyo/shihyo/pipeline/engine"
	"github.com/shihyo/shihyo/pipeline/firstrun"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/load"
	"github.com/shihyo/shihyo/pipeline/manifest"
	"github.com/shihyo/shihyo/pipeline/sidedb"
	"github.com/shihyo/shihyo/pipeline/stage"
	"github.com/shihyo/shihyo/queries"
)

// The published tables, in the published folder: the actuals, the
// breakdowns, and the 単純集計 of every wave.
const (
	ActualsFile     = stage.ActualsFile
	BreakdownsFile  = stage.BreakdownsFile
	FrequenciesFile = stage.FrequenciesFile
)

// Result describes a successful refresh.
type Result struct {
	load.Stats // what was loaded this time: only the waves that changed
	Actuals    int
	Duration   time.Duration

	// NoOp is true when no input had changed and the published folder was
	// whole: nothing was read, loaded or rendered (status.html aside).
	NoOp bool
	// Changed lists the input files added, changed or removed since the last
	// successful refresh, relative to the data folder.
	Changed []string
	// FullReload is true when every wave was loaded again: the first
	// refresh of a database, or a new shihyo binary.
	FullReload bool
	// KeptDefinitions is true when the definition files were not read
	// again: none had changed since the last refresh that read them, which
	// kept what it made of them in the database (package defcache).
	KeptDefinitions bool
	// ReloadedWaves and RemovedWaves are the survey ids whose rows were
	// loaded again, or deleted because they left surveys.csv.
	ReloadedWaves []string
	RemovedWaves  []string
	// DecidedWaves are the waves whose disclosure was decided this run,
	// ReusedWaves those whose decisions stored by an earlier refresh were
	// used again: the same inputs (compute.DecidedReusing).
	DecidedWaves, ReusedWaves int
	// CopiedSegments are the runs of rows of breakdowns.csv and
	// frequencies.csv (one indicator in one wave, one wave) copied from the
	// published files: those of the waves not reloaded, when only
	// response files changed (package stage).
	CopiedSegments int
	// Warnings are the doubts about the inputs found this run (see
	// model.Warning), each also logged at level Warn; they do not stop the
	// refresh. A no-op run reads no input and has none.
	Warnings []*model.Warning
}

// Refresh brings the database and the published folder up to date with the
// data directory: it loads the waves whose inputs changed since the last
// successful refresh (all of them the first time), recomputes the actuals
// and publishes actuals.csv, breakdowns.csv and the dashboards in the
// output folder. When nothing changed and the published folder is whole, it
// returns at once with Result.NoOp.
//
// It never replaces or writes into what is not its own: the paths are
// checked first (CheckPaths), and the output folder is replaced only when
// it does not exist, is empty, holds the marker every published site
// carries (sitedir.MarkerFile), or holds only files of the site the
// database's manifest says it published (a site of a version before the
// marker). Anything else is refused (*sitedir.NotSiteError) before
// anything is written, status.html included.
//
// Only one refresh runs on a database, and one on an output folder, at a
// time: another process gets a *lock.LockedError (errors.Is lock.ErrLocked) at once.
// Every run is recorded in the runs table of the history database beside
// it (history.Path) and shown on status.html.
//
// It is all or nothing: on any input defect (returned as input.Problems),
// any later failure, a cancelled ctx or the process being killed, the
// database file is left byte for byte as it was (the transactions run in
// a side copy that replaces it only once all are committed; package
// sidedb), and
// every published file is left as it was, except status.html, which is
// replaced (atomically) to show the failure. The new site replaces the old
// one in a single rename; a refresh that could not remove the old site
// afterwards is refused before it loads anything (sitedir.CheckWritable).
// A first refresh (no database yet) checks the definition files before it
// creates anything, and the response files as it loads them; over a
// defect it leaves nothing behind: no database, lock, run history or
// folder (firstrun.Check, session.forget).
//
// One window is not atomic across the two: a failure after the committed
// side file has replaced the database and before the site swap (a full
// disk, say) leaves the new database beside the old site. The run is
// recorded as failed, and the next refresh sees that the published files
// do not match the manifest and publishes again without reloading.
func Refresh(ctx context.Context, opts Options) (Result, error) {
	opts = opts.withDefaults()
	start := opts.Now()
	log := opts.Logger.With("data", opts.DataDir, "db", opts.DB, "out", opts.Out, "trigger", opts.Trigger)
	if err := CheckPaths(opts); err != nil {
		return Result{}, err
	}
	hashes, err := manifest.HashTree(ctx, opts.DataDir)
	if err != nil {
		return Result{}, err
	}
	first, err := firstrun.Check(ctx, opts.DataDir, opts.DB, opts.Out)
	if err != nil {
		return Result{}, err
	}
	checked := opts.Now().Sub(start)
	s, err := openSession(ctx, opts, start, log, first)
	if err != nil {
		return Result{}, err
	}
	if first != nil {
		s.times = append(s.times, "t_check", checked.Round(time.Millisecond))
	}
	defer s.close()
	res, err := s.refresh(ctx, first, hashes)
	if _, defect := input.AsProblems(err); defect && first != nil {
		s.forget(first)
		return Result{}, err
	}
	res.Duration = opts.Now().Sub(start)
	s.end(ctx, res, err)
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// loadAndPublish runs the plan in a side copy of the database (package
// sidedb), in two transactions: the load (engine.Run), committed while
// each wave's disclosure is decided (store.Decide); then the decisions, the
// actuals, the staged site's manifest. Only once both are committed does
// the side file replace the database, and the staged site is swapped in.
func loadAndPublish(ctx context.Context, s *session, p *plan) (res Result, err error) {
	if s.next, err = sidedb.Open(ctx, s.opts.DB, s.data, p.changes.Full); err != nil {
		return Result{}, err
	}
	defer s.next.Drop() // nothing left to drop once the side file is in place
	conn := s.next.Conn
	// The transaction is begun on the connection itself, not with BeginTx:
	// the Appender reaches the driver connection through conn.Raw, which a
	// *sql.Tx does not offer, and appends within the connection's
	// transaction.
	if err := queries.Exec(ctx, conn, "begin"); err != nil {
		return Result{}, err
	}
	if err := p.keepDefinitions(ctx, conn); err != nil {
		return Result{}, err
	}
	t := s.timer("load")
	in, loaded, err := engine.Run(ctx, conn, p.dataset, p.changes, s.progress)
	if err != nil {
		return Result{}, err
	}
	res.Stats = loaded
	s.log.Debug("読み込みました。実績を計算します", "step", StepLoaded, "respondents", res.Respondents, "answers", res.Answers)
	t = t.next("compute")
	s.progress.Phase("実績の計算")
	commit := s.next.Commit // the reloaded waves: checkpointed with the actuals (stage)
	if p.changes.Full {
		commit = s.next.CommitPart // all the microdata, written while Go decides
	}
	in, reuse, err := cstore.Decide(ctx, conn, commit, in, p.changes.Full, manifest.ProgramID()) // once for the actuals and the 単純集計
	if err != nil {
		return Result{}, err
	}
	res.DecidedWaves, res.ReusedWaves = len(reuse.Decided), reuse.Reused
	s.log.Debug("公開の可否を判定しました", "step", StepDecided, "decided", res.DecidedWaves, "reused", res.ReusedWaves)
	var freqs []frequencies.Frequency // the 単純集計, made on another core meanwhile
	made := make(chan struct{})
	go func() { defer close(made); freqs = frequencies.Of(in) }()
	actuals, breakdowns := compute.Publish(in)
	<-made
	res.Actuals = len(actuals)
	spec, err := s.spec(ctx, p)
	if err != nil {
		return Result{}, err
	}
	spec.Actuals, spec.Breakdowns, spec.Frequencies = actuals, breakdowns, freqs
	t = t.next("render")
	s.progress.Phase("ページの作成")
	st, err := s.stage(ctx, conn, spec)
	if st != nil {
		defer os.RemoveAll(st.Dir) // gone after a successful swap; cleans up otherwise
		defer st.Close()
	}
	if err != nil {
		return Result{}, err
	}
	res.CopiedSegments = st.Copied()
	return res, s.seal(ctx, t, p, st, res)
}

// keepDefinitions keeps in the side file the definitions read this run,
// if they are to be kept (package defcache).
func (p *plan) keepDefinitions(ctx context.Context, conn *sql.Conn) error {
	if p.keep == nil {
		return nil
	}
	return defcache.Write(ctx, conn, p.key, p.keep)
}

// spec is what the refresh of p stages, but the numbers: the waves whose
// published rows may have changed (p.changedWaves) are audited, their
// breakdowns stored and their rows of the tables written, and the rows of
// the others copied from the published tables (their segments read).
func (s *session) spec(ctx context.Context, p *plan) (stage.Spec, error) {
	changed := p.changedWaves()
	if changed != nil && s.data != nil {
		var err error
		p.stored.Segments, err = manifest.ReadSegments(ctx, s.data)
		if errors.Is(err, manifest.ErrUndecodableSegments) { // the tables written whole
			s.log.Warn("保存済みの表の区切りを読めませんでした。表をすべて書き直します", "error", err)
			p.stored.Segments, err = nil, nil
		}
		if err != nil {
			return stage.Spec{}, err
		}
	}
	return stage.Spec{Out: s.opts.Out, Dataset: p.dataset, Stored: p.stored, Relink: !p.changes.Full, Published: s.published,
		GeneratedAt: s.opts.Now(), Audit: changed}, nil
}

// stage stages the site (stage.Write) while the actuals and breakdowns
// are stored on the side file's connection (store.Store: the breakdowns
// of the waves spec.Audit names, all when nil) and committed (timed as t_store):
// one is DuckDB's work, the other Go's. It returns the staged site even
// when the store failed.
func (s *session) stage(ctx context.Context, conn *sql.Conn, spec stage.Spec) (*stage.Site, error) {
	var storing time.Duration
	stored := make(chan error, 1)
	storeCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		start := s.opts.Now()
		err := cstore.Store(storeCtx, conn, spec.Actuals, spec.Breakdowns, spec.Audit)
		if err == nil {
			err = s.next.CommitPart(storeCtx) // written while Go renders, not after
		}
		storing = s.opts.Now().Sub(start).Round(time.Millisecond)
		stored <- err
	}()
	st, err := stage.Write(ctx, spec)
	if err != nil {
		cancel() // the refresh fails: what the store has left to do is for nothing
	}
	serr := <-stored
	s.times = append(s.times, "t_store", storing)
	if err == nil && serr != nil {
		err = fmt.Errorf("store actuals: %w", serr)
	}
	return st, err
}

// seal seals the staged site (status.html, the manifest) while its
// audit goes on, commits and closes the side file, and, if the audit found
// nothing, puts the side file and then the site in place. A finding, or
// any failure, leaves both unused (dropped, removed).
func (s *session) seal(ctx context.Context, t phaseTimer, p *plan, st *stage.Site, res Result) error {
	t = t.next("seal")
	s.progress.Phase("保存")
	if err := s.sealSite(ctx, st, p, res); err != nil {
		return err
	}
	t = t.next("commit")
	if err := queries.Exec(ctx, s.next.Conn, "commit"); err != nil {
		return err
	}
	if err := s.next.Close(ctx); err != nil {
		return err
	}
	t = t.next("audit") // what is left of it
	if err := st.Audited(); err != nil {
		return err
	}
	t = t.next("replace")
	if err := s.next.Replace(s.closeData); err != nil {
		return err
	}
	t = t.next("swap")
	err := swap(s.log, st.Dir, s.opts.Out)
	t.next("")
	return err
}

// swap puts the staged site in place. An old site that could not be
// removed afterwards is a warning: the new site is published whole, and
// the next refresh removes the leftover.
func swap(log *slog.Logger, staged, out string) error {
	err := fsatomic.Swap(staged, out)
	var left *fsatomic.LeftoverError
	if errors.As(err, &left) {
		log.Warn("新しいサイトを公開しましたが、前の版を削除できませんでした。次の更新で削除します",
			"path", left.Path, "error", left.Err)
		return nil
	}
	return err
}
