package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"os"
	"path/filepath"

	"github.com/shihyo/shihyo/dashboards"
	"github.com/shihyo/shihyo/dashboards/pageset"
	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/internal/sitedir"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// stage is the new site, written whole into a staging folder beside the
// published one, which it replaces in one rename (swap). A file whose
// content is the one published, checked against the stored manifest, is
// a hard link to the published file rather than a new file: an unchanged
// page is not even rendered (its content key is the one stored,
// dashboards.RenderSite), and an unchanged CSV file is not written.
type stage struct {
	dir    string
	prev   *pageset.Previous // nil on a full reload: every file is new
	stored manifest.Manifest
	// linked are the files linked from the published site, with their
	// checked hashes; pages are the content keys of every page.
	linked map[string]manifest.FileHash
	pages  map[string]string
}

// stageSite writes the new site into a staging folder beside out.
func stageSite(ctx context.Context, opts Options, p *plan, actuals []compute.Actual, breakdowns []compute.Breakdown, freq []frequencies.Frequency) (*stage, error) {
	// What a killed refresh left beside out was removed by openSession,
	// under the same lock.
	dir, err := fsatomic.Stage(opts.Out)
	if err != nil {
		return nil, err
	}
	st := &stage{dir: dir, stored: p.stored, linked: map[string]manifest.FileHash{}}
	if !p.changes.Full && len(p.stored.Pages) > 0 {
		// A full reload (a new program, too) renders every page anew.
		st.prev = &pageset.Previous{Dir: opts.Out, Keys: p.stored.Pages, Same: func(f string) bool {
			return manifest.Unchanged(ctx, opts.Out, f, p.stored.Site[f])
		}}
	}
	err = st.write(ctx, opts, p, actuals, breakdowns, freq)
	if err == nil {
		// After the pages: dashboards.RenderSite wants an empty folder.
		err = sitedir.WriteMarker(dir)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return st, nil
}

func (st *stage) write(ctx context.Context, opts Options, p *plan, actuals []compute.Actual, breakdowns []compute.Breakdown, freq []frequencies.Frequency) error {
	// The CSV files are formatted while the pages are rendered: the
	// rendering waits on the file system at times.
	var csvs [3]bytes.Buffer
	var csvErr error
	formatted := make(chan struct{})
	go func() {
		defer close(formatted)
		csvErr = errors.Join(sitetables.WriteActualsCSV(&csvs[0], actuals), sitetables.WriteBreakdownsCSV(&csvs[1], breakdowns),
			sitetables.WriteFrequenciesCSV(&csvs[2], freq))
	}()
	site := dashboards.Site{Dataset: p.dataset, Actuals: actuals, Breakdowns: breakdowns, Frequencies: freq, GeneratedAt: opts.Now()}
	res, err := dashboards.RenderSite(ctx, st.dir, site, st.prev)
	<-formatted
	if err != nil {
		return fmt.Errorf("render dashboards: %w", err)
	}
	if csvErr != nil {
		return csvErr
	}
	st.pages = res.Keys
	for _, f := range res.Linked {
		st.linked[f] = st.stored.Site[f]
	}
	if err := st.file(ctx, opts.Out, ActualsFile, csvs[0].Bytes()); err != nil {
		return err
	}
	if err := st.file(ctx, opts.Out, BreakdownsFile, csvs[1].Bytes()); err != nil {
		return err
	}
	return st.file(ctx, opts.Out, FrequenciesFile, csvs[2].Bytes())
}

// file puts content into the staged site as name: a link to the published
// file when that holds this very content, else a new file.
func (st *stage) file(ctx context.Context, out, name string, content []byte) error {
	sum := sha256.Sum256(content)
	h := manifest.FileHash{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content))}
	path := filepath.Join(st.dir, name)
	if st.prev != nil && st.stored.Site[name] == h && manifest.Unchanged(ctx, out, name, h) {
		if err := os.Link(filepath.Join(out, name), path); err == nil {
			st.linked[name] = h
			return nil
		}
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
