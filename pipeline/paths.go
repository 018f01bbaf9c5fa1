package pipeline

import (
	"context"

	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// ErrPaths is returned, wrapped with the reason, when the data folder, the
// database and the published folder are placed so that a refresh would
// overwrite or publish one of them with another (sitedir.ErrPlacement).
var ErrPaths = sitedir.ErrPlacement

// CheckPaths refuses, before anything is read or written, options under
// which a refresh could destroy or publish what it must not: see
// sitedir.CheckPlacement for what it returns. Refresh calls it first; the
// schedule daemon calls it once at start.
func CheckPaths(opts Options) error {
	opts = opts.withDefaults()
	return sitedir.CheckPlacement(opts.DataDir, opts.DB, opts.Out)
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
