package stage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
	"github.com/shihyo/shihyo/pipeline/manifest"
)

// cells are breakdown rows of two indicators in three waves, as Publish
// orders them: by indicator, then wave.
func cells() []compute.Breakdown {
	var out []compute.Breakdown
	for _, no := range []int{1, 2} {
		for _, wave := range []string{"w1", "w2", "w3"} {
			for code := range int64(3) {
				out = append(out, compute.Breakdown{Ward: "テスト区", PlanYear: 2023, IssueNo: 1, IndicatorNo: no, Title: "割合",
					SurveyID: wave, AttributeKey: "age", Code: sql.NullInt64{Int64: code, Valid: true},
					NValid: sql.NullInt64{Int64: 40 + code, Valid: true}, Percent: sql.NullFloat64{Float64: 51.5, Valid: true}})
			}
		}
	}
	return out
}

// whole is rows written whole, as breakdowns.csv.
func whole(t *testing.T, rows []compute.Breakdown) []byte {
	t.Helper()
	var want bytes.Buffer
	if err := sitetables.WriteBreakdownsCSV(&want, rows); err != nil {
		t.Fatal(err)
	}
	return want.Bytes()
}

// writtenFirst writes cells as a first refresh does (nothing published
// to copy from): the rows, the table, which is the table written whole,
// and its segments.
func writtenFirst(t *testing.T) ([]compute.Breakdown, []byte, []manifest.Segment) {
	t.Helper()
	rows := cells()
	var first bytes.Buffer
	segs, copied, err := segmentedTable(&first, sitetables.BreakdownRows, rows, breakdownRuns, nil, nil)
	if err != nil || copied != 0 {
		t.Fatalf("segmentedTable with nothing published: copied %d, %v", copied, err)
	}
	if want := whole(t, rows); !bytes.Equal(first.Bytes(), want) {
		t.Fatalf("segmented write:\n%s\nwant:\n%s", first.Bytes(), want)
	}
	return rows, first.Bytes(), segs
}

// TestSegmentsCopyTheWavesNotReloaded: a table written from the
// published one copies the segments of the waves not reloaded (a mark put
// into the published bytes comes through) and writes those of the waves
// reloaded (a mark there does not), and is the table written whole when
// the published one is.
func TestSegmentsCopyTheWavesNotReloaded(t *testing.T) {
	rows, want, segs := writtenFirst(t)
	if len(segs) != 1+6 || segs[0].Key != "" {
		t.Fatalf("segments %+v; want the header and one per indicator and wave", segs)
	}
	var total int64
	for _, s := range segs {
		total += s.Bytes
	}
	if total != int64(len(want)) {
		t.Fatalf("segments cover %d bytes of %d", total, len(want))
	}

	// Marks of the same length in the published file: 51.5 → 15.5 in w1 and w2.
	marked := bytes.ReplaceAll(want, []byte("w1,0,false,age,,0,,40,51.5"), []byte("w1,0,false,age,,0,,40,15.5"))
	marked = bytes.ReplaceAll(marked, []byte("w2,0,false,age,,0,,40,51.5"), []byte("w2,0,false,age,,0,,40,15.5"))
	if bytes.Equal(marked, want) {
		t.Fatal("no mark made: the test's rows are not as it thinks")
	}
	var got bytes.Buffer
	segs2, copied, err := segmentedTable(&got, sitetables.BreakdownRows, rows, breakdownRuns, &published{marked, segs}, map[string]bool{"w2": true})
	if err != nil {
		t.Fatal(err)
	}
	if copied != 4 {
		t.Errorf("%d segments copied, want 4 (two indicators in w1 and w3)", copied)
	}
	text := got.String()
	if n := strings.Count(text, "w1,0,false,age,,0,,40,15.5"); n != 2 {
		t.Errorf("the mark in w1 (not reloaded) came through %d times, want 2 (copied):\n%s", n, text)
	}
	if strings.Contains(text, "w2,0,false,age,,0,,40,15.5") {
		t.Errorf("the mark in w2 (reloaded) came through: its rows were copied, not written:\n%s", text)
	}
	if !slices.Equal(segs2, segs) {
		t.Errorf("segments %+v, want %+v", segs2, segs)
	}
}

// TestSegmentsStaleWritesWhole: a published table that does not run as
// the new rows do (its header, a segment gone, one more, another order) is
// not copied from: the table is written whole.
func TestSegmentsStaleWritesWhole(t *testing.T) {
	rows, want, segs := writtenFirst(t)
	redo := map[string]bool{"w2": true}
	fewer := slices.Concat(rows[:3], rows[6:]) // indicator 1's w2 cells gone
	wantFewer := whole(t, fewer)
	swapped := slices.Clone(segs)
	swapped[1], swapped[3] = swapped[3], swapped[1] // same lengths, another order
	cases := []struct {
		name string
		rows []compute.Breakdown
		old  *published
		want []byte
	}{
		{"header changed", rows, &published{append([]byte("x"), want[1:]...), segs}, want},
		{"a segment of a kept wave gone", rows[3:], &published{want, segs}, whole(t, rows[3:])},
		{"a segment of a kept wave more", rows, &published{wantFewer, slices.Delete(slices.Clone(segs), 1, 2)}, want},
		{"another order", rows, &published{want, swapped}, want},
		{"a reloaded wave's segment gone", fewer, &published{want, segs}, wantFewer},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got bytes.Buffer
			if _, _, err := writeSegmented(&got, sitetables.BreakdownRows(&got), c.rows, breakdownRuns, c.old, redo); c.name != "a reloaded wave's segment gone" && !errors.Is(err, errStale) {
				t.Errorf("writeSegmented = %v, want errStale", err)
			}
			got.Reset()
			if _, _, err := segmentedTable(&got, sitetables.BreakdownRows, c.rows, breakdownRuns, c.old, redo); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), c.want) {
				t.Errorf("got:\n%s\nwant:\n%s", got.Bytes(), c.want)
			}
		})
	}
}

// TestReadPublishedOnlyWhatTheManifestHolds: a published table is copied
// from only when its bytes, read now, are those the manifest holds and its
// segments cover them exactly.
func TestReadPublishedOnlyWhatTheManifestHolds(t *testing.T) {
	_, content, segs := writtenFirst(t)
	sum := sha256.Sum256(content)
	hash := manifest.FileHash{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(content))}
	negative := slices.Clone(segs)
	negative[1].Bytes, negative[2].Bytes = -negative[2].Bytes, negative[1].Bytes+2*negative[2].Bytes
	altered := bytes.Replace(content, []byte("51.5"), []byte("15.5"), 1)
	cases := []struct {
		name string
		file []byte
		segs []manifest.Segment
		want bool
	}{
		{"as published", content, segs, true},
		{"altered, same size", altered, segs, false},
		{"longer", append(slices.Clone(content), '\n'), segs, false},
		{"no segments (a database before them)", content, nil, false},
		{"segments short of the file", content, segs[:len(segs)-1], false},
		{"a negative segment", content, negative, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			if err := os.WriteFile(filepath.Join(out, BreakdownsFile), c.file, 0o644); err != nil {
				t.Fatal(err)
			}
			st := &Site{verified: map[string]bool{}, stored: manifest.Manifest{
				Site: map[string]manifest.FileHash{BreakdownsFile: hash}, Segments: map[string][]manifest.Segment{BreakdownsFile: c.segs}}}
			got := st.readPublished(context.Background(), out, BreakdownsFile)
			if (got != nil) != c.want || st.verified[BreakdownsFile] != c.want {
				t.Errorf("readPublished = %v (verified %v), want %v", got != nil, st.verified[BreakdownsFile], c.want)
			}
		})
	}
}
