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

// Stage creates an empty folder beside out (.<out>.tmp-*), on the same
// file system, into which a new version of the folder is written before
// Swap puts it in place.
func Stage(out string) (string, error) {
	parent := beside(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, tempPattern(out))
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
// The name must not match the temporaries' ".<out>.tmp-*": CleanStale
// removes those, and a parked site may be the only copy of the site.
func parkedPath(staged, out string) string {
	base := filepath.Base(staged)
	suffix := base[strings.LastIndex(base, "-")+1:]
	return filepath.Join(beside(out), hidden(out, parkedKind)+suffix)
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

// CleanStale tidies what a process killed while it replaced target left
// beside it: temporary files and folders (".<target>.tmp-*") are removed,
// and so are those of earlier versions that legacy names: globs beside
// target in which %s stands for target's base name (".%s.new-*"). A
// parked previous folder (".<target>.old-*", see exchangeByRenames) is
// removed only when target exists. When target is missing, the process was killed between
// the two renames of a swap and the parked folder is the published one: it
// is put back as target first.
//
// The caller holds a lock that keeps any other writer of target away. A
// temporary that cannot be removed is logged as a warning and left: it is
// not published, and must not stop every later run. An error is returned
// only when the parked folder cannot be put back.
func CleanStale(target string, log *slog.Logger, legacy ...string) error {
	target = filepath.Clean(target)
	parked, err := filepath.Glob(filepath.Join(beside(target), escape(hidden(target, parkedKind))+"*"))
	if err != nil {
		return fmt.Errorf("find parked folders: %w", err)
	}
	if parked, err = restoreParked(target, parked); err != nil {
		return err
	}
	stale := parked
	for _, g := range globs(target, legacy) {
		m, err := filepath.Glob(g)
		if err != nil {
			return fmt.Errorf("find temporary files: %w", err)
		}
		stale = append(stale, m...)
	}
	for _, m := range stale {
		if err := removeAll(m); err != nil {
			log.Warn("前回の更新が残した一時ファイル・フォルダを削除できません。権限を確かめてください (公開には差し支えありません)",
				"path", m, "error", err)
		}
	}
	return nil
}

// restoreParked puts the newest parked folder back as target when target
// is missing, and returns the parked folders left to remove.
func restoreParked(target string, parked []string) ([]string, error) {
	if len(parked) == 0 {
		return nil, nil
	}
	_, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		site := newest(parked)
		if err := os.Rename(site, target); err != nil {
			return nil, fmt.Errorf("restore %s from %s: %w", target, site, err)
		}
		return slices.DeleteFunc(parked, func(p string) bool { return p == site }), nil
	case err != nil:
		return nil, fmt.Errorf("stat %s: %w", target, err)
	}
	return parked, nil
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
