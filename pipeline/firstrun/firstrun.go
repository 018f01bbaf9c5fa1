// Package firstrun is what a first refresh (no database yet) needs so that
// over a defect it leaves nothing behind: the definition files checked
// before anything is created (Check), a record of which of the paths a
// refresh creates before it loads were there already, and the removal of
// the others when a response file's defect is found only as its wave is
// loaded (Preread.Forget). Every refresh takes its locks here (Acquire):
// the lock files and their folders are among those paths, and what was
// there must be noticed before the locks are taken and after.
package firstrun

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/lock"
)

// lockSpec is one lock a refresh takes: where, and the error another
// refresh gets while it is held.
type lockSpec struct {
	path    string
	refused lock.LockedError
}

// refreshLocks are the locks one refresh holds, in the order taken: the
// database's, then the published folder's.
func refreshLocks(db, out string) []lockSpec {
	return []lockSpec{
		{lock.RefreshPath(db), lock.LockedError{DB: db}},
		{lock.OutPath(out), lock.LockedError{DB: db, Out: out}},
	}
}

// Preread is the definitions of a data folder, read and checked before a
// first refresh creates anything, and which of the files a refresh
// creates before it loads (firstPaths) were there already.
type Preread struct {
	ds      *model.Dataset
	existed map[string]bool
}

// Check reads and checks the definition files of dataDir when the
// database db does not exist yet, before anything is created; the
// response files are checked as they are loaded (engine.Run), and a
// defect found there makes the refresh remove what it created
// (Preread.Forget). Either way a first refresh over a defect leaves no
// database, lock, history or folder behind. It returns nil when the
// database exists. A refresh already running on db or out is refused
// before the reading starts.
func Check(ctx context.Context, dataDir, db, out string) (*Preread, error) {
	if _, err := os.Stat(db); err == nil {
		return nil, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open database %s: %w", db, err)
	}
	for _, l := range refreshLocks(db, out) {
		if err := lock.Probe(l.path, l.refused); err != nil {
			return nil, err
		}
	}
	ds, err := input.Read(ctx, dataDir)
	if err != nil {
		return nil, err
	}
	pre := &Preread{ds: ds, existed: map[string]bool{}}
	fp := firstPaths(db, out)
	pre.notice(slices.Concat(fp.dirs, fp.locks, fp.files))
	return pre, nil
}

// Acquire takes the locks of a refresh on the database db publishing to
// out, the database's first, and returns them in that order. When one is
// refused (a *lock.LockedError while another refresh holds it) it returns
// those it took with the error, for the caller to release with the rest
// of what it opened. pre, a first refresh's (nil for any other), notices
// what another refresh made between Check and the locks.
func Acquire(db, out string, pre *Preread) ([]*lock.Lock, error) {
	// The lock files and their folders are noticed before the locks are
	// taken (taking one makes them; a folder holding anything is never
	// removed), the run history once no other refresh can make it.
	fp := firstPaths(db, out)
	pre.notice(slices.Concat(fp.dirs, fp.locks))
	var locks []*lock.Lock
	for _, spec := range refreshLocks(db, out) {
		l, err := lock.Acquire(spec.path, db, spec.refused)
		if err != nil {
			return locks, err
		}
		locks = append(locks, l)
	}
	pre.notice(fp.files)
	return locks, nil
}

// Definitions returns the definitions pre read, or, when pre is nil (not
// a first refresh), reads and checks those of dir.
func Definitions(ctx context.Context, dir string, pre *Preread) (*model.Dataset, error) {
	if pre != nil {
		return pre.ds, nil
	}
	return input.Read(ctx, dir)
}

// createdFirst are what a refresh creates before it loads: the folders of
// the database and of the published folder's lock, the lock files (in the
// order of refreshLocks) and the run history.
type createdFirst struct{ dirs, locks, files []string }

func firstPaths(db, out string) createdFirst {
	var c createdFirst
	c.dirs = slices.Concat(ancestors(filepath.Dir(db)), ancestors(filepath.Dir(lock.OutPath(out))))
	// Deepest first, so that a folder the refresh made is empty, and can
	// be removed, once the folders it made inside it are.
	slices.SortStableFunc(c.dirs, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	c.dirs = slices.Compact(c.dirs)
	for _, l := range refreshLocks(db, out) {
		c.locks = append(c.locks, l.path)
	}
	runs := history.Path(db)
	c.files = []string{runs, runs + ".wal"}
	return c
}

// notice marks as existing those of paths that are there now, which
// Forget leaves: Check notices what is there before a first refresh
// creates anything, and Acquire again what another refresh may have made
// (its run history, its locks) between that check and the locks. A nil
// pre (not a first refresh) notices nothing.
func (pre *Preread) notice(paths []string) {
	if pre == nil {
		return
	}
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			pre.existed[p] = true
		}
	}
}

// ancestors are dir and every folder above it (lock.Acquire makes any
// that are missing).
func ancestors(dir string) []string {
	dir, _ = filepath.Abs(dir)
	var out []string
	for ; ; dir = filepath.Dir(dir) {
		out = append(out, dir)
		if filepath.Dir(dir) == dir {
			return out
		}
	}
}

// Forget removes what a first refresh on the database db publishing to
// out created and pre did not notice: the run history, then the lock
// files (each while it is held, lock.Remove), then the folders, if empty.
// locks are those Acquire returned; each is removed or released. The
// caller closes its databases first: the run history must not be open
// while it is removed.
func (pre *Preread) Forget(db, out string, locks []*lock.Lock) {
	fp := firstPaths(db, out)
	removeNew(pre, fp.files)
	for i := len(locks) - 1; i >= 0; i-- {
		if i < len(fp.locks) && !pre.existed[fp.locks[i]] {
			locks[i].Remove()
		} else {
			locks[i].Release()
		}
	}
	removeNew(pre, fp.dirs) // os.Remove leaves a folder that holds anything
}

func removeNew(pre *Preread, paths []string) {
	for _, p := range paths {
		if !pre.existed[p] {
			os.Remove(p)
		}
	}
}
