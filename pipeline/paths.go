package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// ErrPaths is returned, wrapped with the reason, when the data folder, the
// database and the published folder are placed so that a refresh would
// overwrite or publish one of them with another.
var ErrPaths = errors.New("--data, --db, --out の場所の組み合わせが正しくありません")

// CheckPaths refuses, before anything is read or written, options under
// which a refresh could destroy or publish what it must not. Every path is
// compared with its symbolic links followed. It returns:
//
//   - sitedir.ErrDBInSite (wrapped) for a database in the published folder;
//   - ErrPaths (wrapped) for a database in the data folder (which staff
//     own; shihyo only reads it), or a published folder that is the data
//     folder, inside it, or holds it (it would be replaced whole);
//   - a *sitedir.NotSiteError for a published folder that shihyo may not
//     replace: a file, a folder holding a database or input data, or a
//     folder without shihyo's marker when there is no database whose
//     manifest could show it was published by an earlier version.
//
// Refresh calls it first; the schedule daemon calls it once at start.
func CheckPaths(opts Options) error {
	opts = opts.withDefaults()
	var data, db, out string
	for _, p := range []struct {
		in  string
		out *string
	}{{opts.DataDir, &data}, {opts.DB, &db}, {opts.Out, &out}} {
		r, err := sitedir.Resolve(p.in)
		if err != nil {
			return err
		}
		*p.out = r
	}
	switch {
	case sitedir.Within(db, out):
		return sitedir.CheckDBOutside(opts.DB, opts.Out)
	case sitedir.Within(db, data):
		return fmt.Errorf("%w: データベース %s がデータフォルダ %s の中にあります。データフォルダの外に置いてください",
			ErrPaths, opts.DB, opts.DataDir)
	case sitedir.Within(data, out):
		return fmt.Errorf("%w: 公開フォルダ %s がデータフォルダ %s を含んでいます (公開フォルダは更新のたびに丸ごと置き換わります)。"+
			"データフォルダの外の、専用のフォルダを指定してください", ErrPaths, opts.Out, opts.DataDir)
	case sitedir.Within(out, data):
		return fmt.Errorf("%w: 公開フォルダ %s がデータフォルダ %s の中にあります。データフォルダの外に置いてください",
			ErrPaths, opts.Out, opts.DataDir)
	}
	state, err := sitedir.Inspect(opts.Out)
	if err != nil {
		return err
	}
	if _, serr := os.Stat(opts.DB); state == sitedir.Unmarked && serr != nil {
		return sitedir.UnmarkedError(opts.Out)
	}
	return nil
}

// claimOut returns the published folder as shihyo's own (see
// sitedir.Claim), or the refusal. A folder without the marker is taken as
// a site of an earlier version when its files are among those the stored
// manifest lists, with the same content: that version wrote no marker.
func claimOut(ctx context.Context, out string, stored manifest.Manifest) (sitedir.Folder, error) {
	return sitedir.Claim(out, func(dir string) bool { return publishedBefore(ctx, dir, stored) })
}

// publishedBefore reports whether every file under out (status.html
// aside) is one the stored manifest.Manifest lists, with the content it lists, and
// there is at least one: a site published by this database, perhaps with
// some files removed since.
func publishedBefore(ctx context.Context, out string, stored manifest.Manifest) bool {
	if len(stored.Site) == 0 {
		return false
	}
	cur, err := manifest.HashSite(ctx, out)
	if err != nil || len(cur) == 0 {
		return false
	}
	for p, h := range cur {
		if want, ok := stored.Site[p]; !ok || want != h {
			return false
		}
	}
	return true
}
