package stage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// breakdowns.csv and frequencies.csv run in segments (manifest.Segment):
// the rows of one indicator in one wave, of one wave. When only some
// waves were reloaded (Spec.Audit), the rows of the others are those
// published, byte for byte: the published file, checked against the
// manifest, is copied segment by segment, and only the reloaded waves'
// rows are written. At city scale breakdowns.csv is 21 MB, and writing
// all of it was ≈ 0.13 s of a refresh that reloads one wave.

// runs says how the rows of a table group into segments: rows of one key
// run together, and each key is of one wave.
type runs[T any, K comparable] struct {
	key  func(*T) K
	name func(K) string // the key as stored
	wave func(*T) string
}

type breakdownKey struct {
	model.IndicatorKey
	survey string
}

var breakdownRuns = runs[compute.Breakdown, breakdownKey]{
	key: func(b *compute.Breakdown) breakdownKey { return breakdownKey{b.Key(), b.SurveyID} },
	name: func(k breakdownKey) string {
		return fmt.Sprintf("%s\t%d\t%d\t%d\t%s", k.Ward, k.PlanYear, k.IssueNo, k.IndicatorNo, k.survey)
	},
	wave: func(b *compute.Breakdown) string { return b.SurveyID },
}

var frequencyRuns = runs[frequencies.Frequency, string]{
	key:  func(f *frequencies.Frequency) string { return f.SurveyID },
	name: func(id string) string { return id },
	wave: func(f *frequencies.Frequency) string { return f.SurveyID },
}

// errStale is a published table whose segments do not run as the new
// rows do: it is written whole instead.
var errStale = errors.New("the published table does not match its segments")

// published is a table as the last refresh published it.
type published struct {
	content []byte
	segs    []manifest.Segment
}

// span is a segment of a published table, where it starts in the file.
type span struct {
	manifest.Segment
	start int64
}

// readPublished reads the table name of the published folder out, if it
// is the one the manifest holds and its segments cover it; nil otherwise:
// altered since it was published, it is written anew. The bytes read are
// the ones hashed, so that nothing changed between a check and the copy.
func (st *Site) readPublished(ctx context.Context, out, name string) *published {
	segs, want := st.stored.Segments[name], st.stored.Site[name]
	if len(segs) == 0 || want.SHA256 == "" || ctx.Err() != nil {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(out, name))
	if err != nil || int64(len(b)) != want.Size || manifest.HashOf(b) != want {
		return nil
	}
	var total int64
	for _, s := range segs {
		if s.Bytes < 0 {
			return nil
		}
		total += s.Bytes
	}
	if total != want.Size {
		return nil
	}
	st.verified[name] = true
	return &published{content: b, segs: segs}
}

// kept are the segments of old that are not of a wave in redo, in order,
// if old's header is header; ok is false otherwise.
func (old *published) kept(header []byte, redo map[string]bool) (spans []span, ok bool) {
	if old.segs[0].Key != "" || !bytes.Equal(old.content[:old.segs[0].Bytes], header) {
		return nil, false
	}
	start := old.segs[0].Bytes
	for _, s := range old.segs[1:] {
		if !redo[s.Wave] {
			spans = append(spans, span{s, start})
		}
		start += s.Bytes
	}
	return spans, true
}

// writeSegmented writes the header and rows of a table into buf through
// w, and returns its segments and how many of them were copied. With old
// (the published table) the rows of a wave not in redo are copied from
// it; errStale when they are not there as the rows run now.
func writeSegmented[T any, K comparable](buf *bytes.Buffer, w *sitetables.Rows[T], rows []T, r runs[T, K], old *published, redo map[string]bool) ([]manifest.Segment, int, error) {
	if err := w.Header(); err != nil {
		return nil, 0, err
	}
	segs := []manifest.Segment{{Bytes: int64(buf.Len())}}
	var spans []span
	if old != nil {
		var ok bool
		if spans, ok = old.kept(buf.Bytes(), redo); !ok {
			return nil, 0, errStale
		}
	}
	copied := 0
	for i := 0; i < len(rows); {
		k, wave := r.key(&rows[i]), r.wave(&rows[i])
		j := i + 1
		for j < len(rows) && r.key(&rows[j]) == k {
			j++
		}
		start, name := buf.Len(), r.name(k)
		if old != nil && !redo[wave] {
			if len(spans) == 0 || spans[0].Key != name || spans[0].Wave != wave {
				return nil, 0, errStale
			}
			buf.Write(old.content[spans[0].start : spans[0].start+spans[0].Bytes])
			spans, copied = spans[1:], copied+1
		} else if err := w.Write(rows[i:j]); err != nil {
			return nil, 0, err
		}
		segs = append(segs, manifest.Segment{Key: name, Wave: wave, Bytes: int64(buf.Len() - start)})
		i = j
	}
	if len(spans) > 0 {
		return nil, 0, errStale
	}
	return segs, copied, nil
}

// segmentedTable writes a table with writeSegmented, copying from the
// published one (old, nil for none) what it can, and whole when that is
// stale.
func segmentedTable[T any, K comparable](buf *bytes.Buffer, newRows func(io.Writer) *sitetables.Rows[T], rows []T, r runs[T, K], old *published, redo map[string]bool) ([]manifest.Segment, int, error) {
	segs, copied, err := writeSegmented(buf, newRows(buf), rows, r, old, redo)
	if errors.Is(err, errStale) {
		buf.Reset()
		segs, copied, err = writeSegmented(buf, newRows(buf), rows, r, nil, nil)
	}
	return segs, copied, err
}
