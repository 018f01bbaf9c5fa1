package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/internal/progress"
	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/defcache"
	"github.com/shihyo/shihyo/pipeline/firstrun"
	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
	"github.com/shihyo/shihyo/pipeline/load"
	"github.com/shihyo/shihyo/pipeline/lock"
	"github.com/shihyo/shihyo/pipeline/manifest"
	"github.com/shihyo/shihyo/pipeline/sidedb"
	"github.com/shihyo/shihyo/pipeline/stage"
)

// session is one refresh: its locks, its databases and its run record.
type session struct {
	opts   Options
	log    *slog.Logger
	locks  []*lock.Lock // of the database, then of the published folder
	runs   *sql.Conn    // the run history beside the database: written on every run
	runsDB *sql.DB
	data   *sql.Conn // the database, opened to read the manifest: never written
	dataDB *sql.DB
	// next is the side file the refresh's transactions run in until it
	// replaces the database (package sidedb).
	next     *sidedb.File
	progress *progress.Line // the progress line on a terminal, or nil
	times    []any          // durations of the phases, for the last log line (timer)
	site     sitedir.Folder // the published folder, once claimed as shihyo's own
	run      status.Run
	// wards are the wards of the published site, as the database says,
	// for the menu of a status.html written over it (a failure, a no-op),
	// and namer the names of their pages.
	wards []string
	namer wards.Namer
	// published is the check of the published files, begun once the
	// refresh knows it will publish and linked pages may need it.
	published *manifest.Published
}

// openSession takes the refresh locks of the database and of the published
// folder, removes what a killed refresh left behind, opens the history
// database and records the run as started. The data database is opened by
// refresh, so that a failure to open it (the file held by another program)
// is recorded like any other. pre, a first refresh's, notices what another
// refresh made before the locks were taken.
func openSession(ctx context.Context, opts Options, start time.Time, log *slog.Logger, pre *firstrun.Preread) (_ *session, err error) {
	s := &session{opts: opts, log: log, progress: progress.New(opts.Progress, opts.Now)}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	if s.locks, err = firstrun.Acquire(opts.DB, opts.Out, pre); err != nil {
		return nil, err
	}
	if err := cleanStale(opts, log); err != nil {
		return nil, err
	}
	if s.runsDB, s.runs, err = s.open(ctx, history.Path(opts.DB)); err != nil {
		return nil, err
	}
	if s.run, err = history.Start(ctx, s.runs, opts.Trigger, start); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *session) open(ctx context.Context, path string) (*sql.DB, *sql.Conn, error) {
	db, conn, err := sidedb.OpenFile(ctx, path)
	if err != nil {
		return nil, nil, lock.FromDuckDB(s.opts.DB, err)
	}
	return db, conn, nil
}

// close closes the databases (DuckDB checkpoints them), removes a side
// file left by a failure, then releases the locks.
func (s *session) close() {
	s.closeDatabases()
	for i := len(s.locks) - 1; i >= 0; i-- {
		s.locks[i].Release()
	}
}

// closeDatabases ends the progress line, drops a side file left by a
// failure and closes the data and run-history databases.
func (s *session) closeDatabases() {
	s.progress.Done()
	s.next.Drop()
	s.closeData()
	if s.runs != nil {
		s.runs.Close()
		s.runsDB.Close()
		s.runs, s.runsDB = nil, nil
	}
}

// forget ends a first refresh over a defect of a response file, found as
// the wave was loaded, as if it had been found before anything was
// created: nothing is recorded (there is no history to record it in),
// the databases are closed, the side file dropped, and what the refresh
// created is removed (firstrun.Preread.Forget), the locks with it.
func (s *session) forget(pre *firstrun.Preread) {
	s.closeDatabases()
	pre.Forget(s.opts.DB, s.opts.Out, s.locks)
	s.locks = nil
}

// ownFile reports whether the file rel of the published folder is one a
// refresh writes there besides the site its marker lists: status.html and
// its script, rewritten in place, and a temporary of theirs (package
// fsatomic's scheme) that a killed refresh left.
func ownFile(rel string) bool {
	return status.Rewritten(rel) || fsatomic.IsTemporary(path.Base(rel))
}

// plan is what one refresh has to do, worked out from the stored manifest.Manifest
// and the data folder.
type plan struct {
	dataset  *model.Dataset
	stored   manifest.Manifest // of the last successful refresh
	manifest manifest.Manifest // to store once the refresh has succeeded
	changed  []string          // input files added, changed or removed
	changes  load.Changes
	// kept is true when the definitions are those the database kept
	// (package defcache), not read again; keep, when not nil, are the
	// definitions read this run (encoded), to be kept under key.
	kept bool
	keep []byte
	key  string
}

func (p *plan) reloaded() []string {
	ids := make([]string, len(p.changes.Reload))
	for i, s := range p.changes.Reload {
		ids[i] = s.ID
	}
	return ids
}

// refresh decides between a no-op and a (partial) reload, and runs it.
func (s *session) refresh(ctx context.Context, pre *firstrun.Preread, hashes map[string]manifest.FileHash) (Result, error) {
	// A marked or empty folder is claimed at once, so that a failure to
	// open the database is shown on its status.html too; a folder without
	// the marker only once the manifest shows it was published from here.
	s.site, _ = sitedir.Claim(s.opts.Out, nil)
	stored, err := s.readStored(ctx)
	if err != nil {
		return Result{}, err
	}
	if s.site, err = claimOut(ctx, s.opts.Out, stored); err != nil {
		return Result{}, err
	}
	if err := sitedir.CheckStrays(s.opts.Out, ownFile); err != nil {
		return Result{}, err // before a no-op too: the staff's status.html says what to move
	}
	same, err := manifest.InputsUnchanged(ctx, s.opts.DataDir, stored, hashes)
	if err != nil {
		return Result{}, err
	}
	if same && stored.Program == manifest.ProgramID() && manifest.SiteMatches(ctx, s.opts.Out, stored) {
		s.log.Info("入力に変更はありません。公開中の内容をそのまま使います", "step", StepNoOp)
		return Result{NoOp: true}, nil
	}
	if len(stored.Pages) > 0 { // checked on the core the plan and the load leave idle
		s.published = manifest.CheckPublished(ctx, s.opts.Out, stored.Site, slices.Sorted(maps.Keys(stored.Pages)))
		defer s.published.Close()
	}
	t := s.timer("plan")
	src, err := s.definitionSource(ctx, pre, hashes)
	if err != nil {
		return Result{}, err
	}
	p, err := makePlan(ctx, s.opts.DataDir, stored, hashes, src)
	t.next("")
	if err != nil {
		return Result{}, err
	}
	if p.changes.Full && s.published != nil { // every page is new: nothing is linked
		s.published.Close()
		s.published = nil
	}
	if err := sitedir.CheckWritable(s.opts.Out); err != nil {
		return Result{}, err
	}
	s.log.Info("変更を確認しました", "step", StepPlanned, "changed", summary(p.changed), "full", p.changes.Full,
		"reload", summary(p.reloaded()), "remove", p.changes.Remove, "indicators", len(p.dataset.Indicators), "kept_definitions", p.kept)
	logWarnings(s.log, p.dataset.Warnings)
	res, err := loadAndPublish(ctx, s, p)
	if err != nil {
		return Result{}, err
	}
	res.Warnings = p.dataset.Warnings
	res.Changed, res.FullReload, res.KeptDefinitions = p.changed, p.changes.Full, p.kept
	res.ReloadedWaves, res.RemovedWaves = p.reloaded(), p.changes.Remove
	s.progress.Done()
	s.log.Info("更新しました", append([]any{"step", StepPublished, "reloaded", summary(res.ReloadedWaves), "respondents", res.Respondents,
		"answers", res.Answers, "recounted", res.Recounted, "actuals", res.Actuals, "copied", res.CopiedSegments}, s.times...)...)
	return res, nil
}

// logWarnings logs each input warning; the refresh goes on.
func logWarnings(log *slog.Logger, warnings []*model.Warning) {
	for _, w := range warnings {
		log.Warn("入力に注意があります", "file", w.File, "line", w.Line, "column", w.Column, "msg", w.Msg)
	}
}

// readStored opens the database, if there is one, and reads its manifest;
// a first refresh has an empty one.
func (s *session) readStored(ctx context.Context) (manifest.Manifest, error) {
	if _, err := os.Stat(s.opts.DB); errors.Is(err, fs.ErrNotExist) {
		return manifest.New(), nil
	}
	var err error
	if s.dataDB, s.data, err = s.open(ctx, s.opts.DB); err != nil {
		return manifest.Manifest{}, err
	}
	s.wards, s.namer = manifest.SiteWards(ctx, s.data)
	return manifest.Read(ctx, s.data)
}

// summary shortens a list of names for a log line: a first load lists
// every file.
func summary(names []string) string {
	const max = 8
	if len(names) <= max {
		return strings.Join(names, " ")
	}
	return fmt.Sprintf("%s ほか %d 件", strings.Join(names[:max], " "), len(names)-max)
}

// definitionSource is where the definitions of a refresh come from
// (definitions).
type definitionSource struct {
	pre  *firstrun.Preread // read before a first refresh
	kept *model.Dataset    // kept by the last refresh that read the same files, or nil
	key  string            // defcache.Key of the data folder
	log  *slog.Logger
}

// definitionSource looks for definitions kept in the database under the
// data folder's key; a first refresh has them read already (pre).
func (s *session) definitionSource(ctx context.Context, pre *firstrun.Preread, hashes map[string]manifest.FileHash) (definitionSource, error) {
	// The clock input.Read checks the years against (field.RecentYear).
	src := definitionSource{pre: pre, key: defcache.Key(s.opts.DataDir, hashes, time.Now()), log: s.log}
	if pre != nil || s.data == nil {
		return src, nil
	}
	var err error
	src.kept, err = defcache.Read(ctx, s.data, src.key, s.opts.DataDir)
	if errors.Is(err, defcache.ErrUndecodable) { // read the files, and keep them anew
		s.log.Warn("保存済みの定義を読めませんでした。定義ファイルを読み直します", "error", err)
		err = nil
	}
	return src, err
}

// definitions are the definitions src offers, or else those read and
// checked now, which are then encoded (keep) for the refresh to keep in
// the database if the files did not change while they were read. Kept
// definitions are used only when every response file they name may still
// be opened: else they are read again, and what is wrong is reported as
// Read reports it.
func definitions(ctx context.Context, dir string, src definitionSource) (*model.Dataset, []byte, error) {
	if src.pre == nil && src.kept != nil && input.ResponseFilesThere(ctx, src.kept) == nil {
		return src.kept, nil, nil
	}
	ds, err := firstrun.Definitions(ctx, dir, src.pre)
	if err != nil {
		return nil, nil, err
	}
	return ds, keepable(ctx, dir, src, ds), nil
}

// keepable is ds encoded to be kept, or nil when it must not be: a
// definition file changed while it was read (the next refresh reads them
// again), or ds does not encode (a warning: keeping them only saves time).
func keepable(ctx context.Context, dir string, src definitionSource, ds *model.Dataset) []byte {
	if !defcache.Unchanged(ctx, dir, src.key, time.Now()) {
		return nil
	}
	keep, err := defcache.Encode(ds)
	if err != nil {
		src.log.Warn("定義を保存できませんでした。次の更新でも定義ファイルを読みます", "error", err)
	}
	return keep
}

// makePlan reads and checks the definition files, unless the last refresh
// that read the very same files kept them (definitions), and decides
// which waves to load: those whose fingerprint changed. Their response
// files are read and checked as they are loaded (engine.Run); a wave left
// unchanged was checked when it was loaded, from the very same inputs.
func makePlan(ctx context.Context, dir string, stored manifest.Manifest, hashes map[string]manifest.FileHash, src definitionSource) (*plan, error) {
	ds, keep, err := definitions(ctx, dir, src)
	if err != nil {
		return nil, err
	}
	cur, err := manifest.Current(ctx, ds, hashes)
	if err != nil {
		return nil, err
	}
	p := &plan{dataset: ds, stored: stored, manifest: cur, changed: manifest.Diff(stored.Inputs, cur.Inputs),
		kept: ds == src.kept, keep: keep, key: src.key}
	p.changes.Full = stored.Empty() || stored.Program != cur.Program
	if p.changes.Full && p.kept { // a new database: what was kept is not copied
		p.keep = keepable(ctx, dir, src, ds)
	}
	p.changes.Definitions = p.definitionsChanged()
	for _, s := range ds.Surveys {
		if p.changes.Full || stored.Waves[s.ID] != cur.Waves[s.ID] {
			p.changes.Reload = append(p.changes.Reload, s)
		}
	}
	if !p.changes.Full {
		for id := range stored.Waves {
			if _, ok := cur.Waves[id]; !ok {
				p.changes.Remove = append(p.changes.Remove, id)
			}
		}
	}
	return p, nil
}

// definitionsChanged reports whether the definitions may differ from those
// of the last refresh (whose tables the side file holds): on a full
// reload, or when an input other than a wave's response file changed.
func (p *plan) definitionsChanged() bool {
	return p.changes.Full || !manifest.OnlyResponses(p.dataset, p.changed)
}

// changedWaves are the waves whose published numbers may differ from
// those of the last refresh: nil (every wave) on a full reload or when a
// definition file changed (surveys.csv does when a wave is removed), else
// the waves loaded again. The audit before the swap checks only those (the
// site published last passed it), and the store replaces only their rows.
func (p *plan) changedWaves() map[string]bool {
	if p.definitionsChanged() {
		return nil
	}
	waves := map[string]bool{}
	for _, s := range p.changes.Reload {
		waves[s.ID] = true
	}
	return waves
}

// sealSite completes the staged site with status.html, which shows this
// run as successful, and stores the manifest of inputs and published files
// in the transaction of the side file.
func (s *session) sealSite(ctx context.Context, st *stage.Site, p *plan, res Result) error {
	staged := st.Dir
	run := s.run
	run.Ended, run.Outcome = s.opts.Now(), status.OK
	run.Changed, run.Reloaded, run.Removed = p.changed, p.reloaded(), p.changes.Remove
	run.Respondents, run.Answers, run.Actuals = res.Respondents, res.Answers, res.Actuals
	page, err := history.Page(ctx, s.runs, s.opts.Now(), &run)
	if err != nil {
		return err
	}
	page.Wards, page.Namer = layout.Wards(p.dataset), p.dataset.WardNamer()
	if err := status.WriteFile(staged, page); err != nil {
		return err
	}
	if p.manifest.Site, err = manifest.HashSiteKnown(ctx, staged, st.Known); err != nil {
		return err
	}
	p.manifest.Pages, p.manifest.Sources, p.manifest.Segments = st.Pages, st.Sources, st.Segments
	return manifest.Write(ctx, s.next.Conn, p.manifest)
}

// end records how the run ended and, unless it published a new site (whose
// status.html already shows it), replaces status.html in the published
// folder, if that was claimed as shihyo's own: a refused folder is not
// written into. Errors here are logged, not returned: the refresh's own
// outcome stands.
func (s *session) end(ctx context.Context, res Result, err error) {
	run := s.run
	run.Ended, run.Outcome = s.opts.Now(), outcome(ctx, res, err)
	ctx = context.WithoutCancel(ctx)
	run.Changed, run.Reloaded, run.Removed = res.Changed, res.ReloadedWaves, res.RemovedWaves
	run.Respondents, run.Answers, run.Actuals = res.Respondents, res.Answers, res.Actuals
	if run.Outcome == status.Failed {
		run.Error = history.ErrorText(history.Folders{Data: s.opts.DataDir, DB: s.opts.DB, Out: s.opts.Out}, err)
	}
	if ferr := history.Finish(ctx, s.runs, run); ferr != nil {
		s.log.Error("実行の記録に失敗しました", "error", ferr)
	}
	if run.Outcome == status.OK {
		return
	}
	page, perr := history.Page(ctx, s.runs, s.opts.Now(), nil)
	page.Wards, page.Namer = s.wards, s.namer
	if perr == nil {
		perr = status.Replace(s.site, page)
	}
	if perr != nil {
		s.log.Error("更新状況のページを書けませんでした", "error", perr)
	}
}

// cleanStale removes what a killed refresh may have left beside out and
// beside the database. The caller holds the locks.
func cleanStale(opts Options, log *slog.Logger) error {
	if err := fsatomic.CleanStale(opts.Out, log, legacyOutTemps...); err != nil {
		return err
	}
	return sidedb.CleanStale(opts.DB, log)
}

// outcome classifies how a run ended.
func outcome(ctx context.Context, res Result, err error) string {
	switch {
	case err == nil && res.NoOp:
		return status.NoOp
	case err == nil:
		return status.OK
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		return status.Cancelled
	}
	return status.Failed
}
