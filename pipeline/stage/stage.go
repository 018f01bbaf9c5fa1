// Package stage writes the new site of a refresh into a staging folder
// beside the published one, which the refresh then swaps in (one rename),
// and audits the published tables of the waves whose numbers may have
// changed before it is.
package stage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/shihyo/shihyo/dashboards"
	"github.com/shihyo/shihyo/dashboards/pageset"
	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// bytesPerRow is about what a row of a published table takes (250 at city
// scale, 440 in actuals.csv): the room made for a table before it is
// formatted when no file of it was published before.
const bytesPerRow = 256

// The published tables, in the site's folder.
const (
	ActualsFile     = "actuals.csv"
	BreakdownsFile  = "breakdowns.csv"
	FrequenciesFile = "frequencies.csv" // the 単純集計 of every wave
)

// Spec is what a refresh publishes and what it knows of the site
// published before.
type Spec struct {
	Out     string // the published folder: the staging folder is made beside it
	Dataset *model.Dataset
	Stored  manifest.Manifest // of the last successful refresh
	// Relink lets an unchanged page or table be a hard link to the
	// published file (false on a full reload: every page is new).
	Relink bool
	// Published, if not nil, is the check of the published files begun
	// earlier (manifest.CheckPublished); without it a file is hashed
	// when it would be linked.
	Published   *manifest.Published
	GeneratedAt time.Time
	Actuals     []compute.Actual
	Breakdowns  []compute.Breakdown
	Frequencies []frequencies.Frequency
	// Audit are the waves whose published tables Site.Audit checks
	// (every wave when nil).
	Audit map[string]bool
}

// Site is the new site, written whole into a staging folder beside the
// published one. A file whose content is the one published, checked
// against the stored manifest, is a hard link to the published file
// rather than a new file: an unchanged page is not even rendered (its
// content key is the one stored, dashboards.RenderSite), and an unchanged
// CSV file is not written.
//
// The auditor (Site.Audit) starts on the tables as soon as they are
// staged, beside the page render: Audited waits for its verdict, Close
// stops it.
type Site struct {
	Dir string
	// Known are the files whose hashes are known without reading them:
	// linked from the published site (their hashes checked), or written
	// from bytes hashed as they were written. Pages are the content keys
	// of every page, Sources the source keys of those that have one.
	Known   map[string]manifest.FileHash
	Pages   map[string]string
	Sources map[string]string
	// Segments are how breakdowns.csv and frequencies.csv run, for the
	// next refresh to copy from (manifest.Segment).
	Segments map[string][]manifest.Segment

	prev   *pageset.Previous // nil on a full reload: every file is new
	stored manifest.Manifest
	same   func(file string) bool // whether a published file is the one stored
	// verified are the published tables read and hashed to be copied from
	// (readPublished), and copied the segments copied from them: the
	// tables' goroutine's own until Copied.
	verified map[string]bool
	copied   int

	verdict func() error // waits for the audit, once
	cancel  context.CancelFunc
}

// Copied is the number of segments of breakdowns.csv and frequencies.csv
// copied from the published files rather than written (manifest.Segment).
// It is known once Write has returned.
func (st *Site) Copied() int { return st.copied }

// Audited waits for the audit of the staged tables and returns its
// verdict (an *audit.Error for a finding).
func (st *Site) Audited() error { return st.verdict() }

// Close stops the audit, if it is still running, and waits for it.
func (st *Site) Close() {
	st.cancel()
	st.Audited()
}

// Write writes the new site into a staging folder beside sp.Out, and
// audits its tables (Site.Audit) meanwhile; on any error nothing of it is
// left. The caller closes the Site it returns.
func Write(ctx context.Context, sp Spec) (*Site, error) {
	// What a killed refresh left beside out was removed by the refresh,
	// under its lock.
	dir, err := fsatomic.Stage(sp.Out)
	if err != nil {
		return nil, err
	}
	st := &Site{Dir: dir, stored: sp.Stored, Known: map[string]manifest.FileHash{}, verified: map[string]bool{}}
	st.same = func(f string) bool { return manifest.Unchanged(ctx, sp.Out, f, sp.Stored.Site[f]) }
	if sp.Published != nil {
		st.same = func(f string) bool { return sp.Published.Same(ctx, f) }
	}
	if sp.Relink && len(sp.Stored.Pages) > 0 {
		st.prev = &pageset.Previous{Dir: sp.Out, Keys: sp.Stored.Pages, Sources: sp.Stored.Sources, Same: st.same}
	}
	err = st.write(ctx, sp)
	if err == nil {
		err = sitedir.WriteMarker(dir)
	}
	if err != nil {
		st.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	return st, nil
}

// write stages the tables and, beside them, the pages. The tables are
// formatted, written and then audited on a goroutine of their own while
// the pages render: the audit reads nothing of the pages.
func (st *Site) write(ctx context.Context, sp Spec) error {
	actx, cancel := context.WithCancel(ctx)
	st.cancel = cancel
	known := make(map[string]manifest.FileHash, 3)
	staged, audited := make(chan error, 1), make(chan error, 1)
	st.verdict = sync.OnceValue(func() error { return <-audited })
	go func() {
		err := st.tables(actx, sp, known)
		staged <- err
		if err == nil {
			err = st.Audit(actx, sp)
		}
		audited <- err
	}()
	site := dashboards.Site{Dataset: sp.Dataset, Actuals: sp.Actuals, Breakdowns: sp.Breakdowns, Frequencies: sp.Frequencies, GeneratedAt: sp.GeneratedAt}
	res, err := dashboards.RenderSite(ctx, st.Dir, site, st.prev)
	if err != nil {
		cancel()
	}
	if terr := <-staged; err == nil && terr != nil {
		return terr
	}
	if err != nil {
		return fmt.Errorf("render dashboards: %w", err)
	}
	st.Pages, st.Sources = res.Keys, res.Sources
	for _, f := range res.Linked {
		st.Known[f] = st.stored.Site[f]
	}
	for f, sum := range res.Written {
		st.Known[f] = manifest.FileHash{SHA256: sum.SHA256, Size: sum.Size}
	}
	maps.Copy(st.Known, known)
	return nil
}

// tables formats the published tables and puts them into the staged
// site, each with its hash in known, and the segments of those that run
// in segments in st.Segments (which nothing else writes: it is read once
// the tables are staged).
func (st *Site) tables(ctx context.Context, sp Spec, known map[string]manifest.FileHash) error {
	var csvs [3]bytes.Buffer
	// Room for each table at once, as large as the file published last or
	// as its rows are likely to need: grown by doubling, the 22 MB of
	// breakdowns.csv at city scale were copied and cleared again and again.
	names := []string{ActualsFile, BreakdownsFile, FrequenciesFile}
	rows := []int{len(sp.Actuals), len(sp.Breakdowns), len(sp.Frequencies)}
	for i, name := range names {
		csvs[i].Grow(max(int(sp.Stored.Site[name].Size)+4096, rows[i]*bytesPerRow))
	}
	var oldB, oldF *published // copied from where their waves were not reloaded
	if sp.Relink && sp.Audit != nil {
		oldB, oldF = st.readPublished(ctx, sp.Out, BreakdownsFile), st.readPublished(ctx, sp.Out, FrequenciesFile)
	}
	var errs [3]error
	var copied [2]int
	st.Segments = make(map[string][]manifest.Segment, 2)
	errs[0] = sitetables.WriteActualsCSV(&csvs[0], sp.Actuals)
	st.Segments[BreakdownsFile], copied[0], errs[1] = segmentedTable(&csvs[1], sitetables.BreakdownRows, sp.Breakdowns, breakdownRuns, oldB, sp.Audit)
	st.Segments[FrequenciesFile], copied[1], errs[2] = segmentedTable(&csvs[2], sitetables.FrequencyRows, sp.Frequencies, frequencyRuns, oldF, sp.Audit)
	st.copied = copied[0] + copied[1]
	if err := errors.Join(errs[:]...); err != nil {
		return err
	}
	for i, name := range names {
		h, err := st.file(ctx, sp.Out, name, csvs[i].Bytes())
		if err != nil {
			return err
		}
		known[name] = h
	}
	return nil
}

// file puts content into the staged site as name: a link to the published
// file when that holds this very content, else a new file. It returns the
// content's hash.
func (st *Site) file(ctx context.Context, out, name string, content []byte) (manifest.FileHash, error) {
	h := manifest.HashOf(content)
	path := filepath.Join(st.Dir, name)
	if st.prev != nil && st.stored.Site[name] == h && (st.verified[name] || st.same(name)) {
		if err := os.Link(filepath.Join(out, name), path); err == nil {
			return h, nil
		}
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		return h, fmt.Errorf("write %s: %w", name, err)
	}
	return h, nil
}
