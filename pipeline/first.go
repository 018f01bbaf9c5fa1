package pipeline

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"

	"github.com/shihyo/shihyo/pipeline/history"
	"github.com/shihyo/shihyo/pipeline/lock"
)

// createdFirst are what a refresh creates before it loads: the folders of
// the database and of the published folder's lock, the lock files (in the
// order of refreshLocks) and the run history.
type createdFirst struct{ dirs, locks, files []string }

func firstPaths(opts Options) createdFirst {
	var c createdFirst
	c.dirs = slices.Concat(ancestors(filepath.Dir(opts.DB)), ancestors(filepath.Dir(lock.OutPath(opts.Out))))
	// Deepest first, so that a folder the refresh made is empty, and can
	// be removed, once the folders it made inside it are.
	slices.SortStableFunc(c.dirs, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	c.dirs = slices.Compact(c.dirs)
	for _, l := range refreshLocks(opts) {
		c.locks = append(c.locks, l.path)
	}
	runs := history.Path(opts.DB)
	c.files = []string{runs, runs + ".wal"}
	return c
}

// notice marks as existing those of paths that are there now, which
// forget leaves: checkFirst notices what is there before a first refresh
// creates anything, and openSession again what another refresh may have
// made (its run history, its locks) between that check and the locks. A
// nil pre (not a first refresh) notices nothing.
func (pre *preread) notice(paths []string) {
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

// forget ends a first refresh over a defect of a response file, found as
// the wave was loaded, as if it had been found before anything was
// created: nothing is recorded (there is no history to record it in),
// the databases are closed, the side file dropped, and what the refresh
// created is removed: the run history, then the lock files (each while it
// is held, lock.Remove), then the folders, if empty.
func (s *session) forget(pre *preread) {
	s.closeDatabases()
	fp := firstPaths(s.opts)
	removeNew(pre, fp.files)
	for i := len(s.locks) - 1; i >= 0; i-- {
		if i < len(fp.locks) && !pre.existed[fp.locks[i]] {
			s.locks[i].Remove()
		} else {
			s.locks[i].Release()
		}
	}
	s.locks = nil
	removeNew(pre, fp.dirs) // os.Remove leaves a folder that holds anything
}

func removeNew(pre *preread, paths []string) {
	for _, p := range paths {
		if !pre.existed[p] {
			os.Remove(p)
		}
	}
}
