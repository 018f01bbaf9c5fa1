package fsatomic

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Stage creates an empty folder beside out, on the same file system, into
// which a new site is written before Swap puts it in place.
func Stage(out string) (string, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return "", fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", fmt.Errorf("chmod %s: %w", dir, err)
	}
	return dir, nil
}

// ErrLeftover is returned (wrapped in a *LeftoverError) by a Swap that
// put the new site in place but could not remove the previous one.
var ErrLeftover = errors.New("前の版のサイトを削除できませんでした")

// LeftoverError names the previous site a Swap left beside out. The new
// site is published: the caller reports this as a warning, and the next
// CleanStale tries again.
type LeftoverError struct {
	Path string
	Err  error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("新しいサイトは公開しましたが、前の版 %s を削除できませんでした (%v)。次の更新のときにもう一度削除します", e.Path, e.Err)
}

func (e *LeftoverError) Unwrap() []error { return []error{ErrLeftover, e.Err} }

// removeAll removes a previous or stale site. It is a variable so that a
// test can make a removal fail as root, whom permission bits do not stop.
var removeAll = os.RemoveAll

// Swap puts the staged folder in place of out in one step, so that a reader
// (or a crash) sees either the old site whole or the new one whole, never a
// mix. The old site is removed afterwards; if that fails, the new site
// stays published and a *LeftoverError says what was left (call
// CheckWritable first, so that it does not). When out does not exist yet,
// the staged folder is simply renamed. On a system without an atomic
// exchange (not Linux) there is a moment in which out is missing; see
// exchangeByRenames for what a crash or a failure then leaves.
func Swap(staged, out string) error {
	_, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staged, out); err != nil {
			return fmt.Errorf("publish %s: %w", out, err)
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("stat %s: %w", out, err)
	}
	prev, err := exchange(staged, out)
	if err != nil {
		return fmt.Errorf("publish %s: %w", out, err)
	}
	if err := removeAll(prev); err != nil {
		return &LeftoverError{Path: prev, Err: err}
	}
	return nil
}

// parkedPath is where exchangeByRenames moves the previous site while it
// puts staged in place: beside out, as ".<out>.old-<suffix of staged>".
// The name must not match the staging folders' ".<out>.new-*": CleanStale
// removes those, and a parked site may be the only copy of the site.
func parkedPath(staged, out string) string {
	out = filepath.Clean(out)
	base := filepath.Base(staged)
	suffix := base[strings.LastIndex(base, "-")+1:]
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".old-"+suffix)
}

// exchangeByRenames puts staged in place of out with two calls of rename:
// out is moved aside to parkedPath, then staged is moved in. It returns the
// parked path, which holds the previous site.
//
// In between, out is missing. A crash there leaves the previous site
// parked, and the next CleanStale puts it back. If moving staged in fails,
// the previous site is moved back at once, so a failed swap leaves out as
// it was; should that fail too, the site stays parked for CleanStale.
//
// It is the exchange of systems without an atomic one, kept free of build
// tags so that its failure paths are tested on every system.
func exchangeByRenames(staged, out string, rename func(from, to string) error) (string, error) {
	parked := parkedPath(staged, out)
	if err := rename(out, parked); err != nil {
		return "", fmt.Errorf("move %s aside: %w", out, err)
	}
	if err := rename(staged, out); err != nil {
		if rerr := rename(parked, out); rerr != nil {
			return "", fmt.Errorf("move %s in: %w; put the previous site back from %s: %w", staged, err, parked, rerr)
		}
		return "", fmt.Errorf("move %s in: %w", staged, err)
	}
	return parked, nil
}

// CleanStale tidies what a refresh killed before it finished publishing
// left beside out: staging folders (".<out>.new-*") are removed. A parked
// previous site (".<out>.old-*", see exchangeByRenames) is removed only
// when out exists. When out is missing, the refresh was killed between its
// two renames and the parked folder is the published site: it is put back
// as out first.
//
// A folder that cannot be removed is logged as a warning and left: it
// holds no published file, and must not stop every later refresh. An error
// is returned only when the parked site cannot be put back.
func CleanStale(out string, log *slog.Logger) error {
	out = filepath.Clean(out)
	pattern := func(kind string) string {
		return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+kind+"*")
	}
	parked, err := filepath.Glob(pattern(".old-"))
	if err != nil {
		return fmt.Errorf("find parked sites: %w", err)
	}
	if len(parked) > 0 {
		_, err := os.Lstat(out)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			site := newest(parked)
			if err := os.Rename(site, out); err != nil {
				return fmt.Errorf("restore %s from %s: %w", out, site, err)
			}
			parked = slices.DeleteFunc(parked, func(p string) bool { return p == site })
		case err != nil:
			return fmt.Errorf("stat %s: %w", out, err)
		}
	}
	staged, err := filepath.Glob(pattern(".new-"))
	if err != nil {
		return fmt.Errorf("find stale staging folders: %w", err)
	}
	for _, m := range append(staged, parked...) {
		if err := removeAll(m); err != nil {
			log.Warn("前回の更新が残したフォルダを削除できません。権限を確かめてください (公開には差し支えありません)",
				"path", m, "error", err)
		}
	}
	return nil
}

// newest is the folder of dirs written last. Only one site can be parked
// while out is missing (every refresh cleans before it swaps); should a
// stray one from an earlier crash remain, the later site is the one that
// was published.
func newest(dirs []string) string {
	best, bestTime := dirs[0], time.Time{}
	for _, d := range dirs {
		if st, err := os.Lstat(d); err == nil && st.ModTime().After(bestTime) {
			best, bestTime = d, st.ModTime()
		}
	}
	return best
}
