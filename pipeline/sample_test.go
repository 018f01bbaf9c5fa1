package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

// TestSampleHasEveryActual refreshes data/sample and checks that actuals.csv
// has one row for every indicator × wave that measures it, and so a row for
// every indicator that has a wave.
func TestSampleHasEveryActual(t *testing.T) {
	sample := filepath.Join("..", "data", "sample")
	ds, err := input.Read(context.Background(), sample)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := Options{DataDir: sample, DB: filepath.Join(dir, "s.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	want := 0
	for _, in := range ds.Indicators {
		waves := ds.Waves(in)
		if len(waves) == 0 {
			t.Errorf("indicator %s %d-%d has no wave in the sample", in.Ward, in.IssueNo, in.IndicatorNo)
		}
		for _, w := range waves {
			want++
			key := fmt.Sprintf("%s %d-%d/%d", in.Ward, in.IssueNo, in.IndicatorNo, w.FiscalYear)
			if row, ok := got[key]; !ok || row["percent"] == "" || row["status"] == "" {
				t.Errorf("no published actual for %s", key)
			}
		}
	}
	if len(got) != want || want != 64 {
		t.Errorf("actuals.csv has %d rows; want %d (16 indicators × 4 waves = 64)", len(got), want)
	}
}
