package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/gen"
)

// TestSampleWorkbookWaveGivesTheSameActuals: the sample's wave delivered as
// a workbook (higashisumiyoshi-kumin-2022.xlsx) gives the actuals and
// breakdowns that the same data written as CSV gives.
func TestSampleWorkbookWaveGivesTheSameActuals(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and refreshes the sample twice (skipped with -short)")
	}
	ctx := context.Background()
	outputs := map[bool]Options{}
	for _, allCSV := range []bool{false, true} {
		dir := t.TempDir()
		opts := Options{DataDir: filepath.Join(dir, "data"), DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
		if err := gen.Generate(ctx, gen.Options{Out: opts.DataDir, AllCSV: allCSV}); err != nil {
			t.Fatal(err)
		}
		_, err := os.Stat(filepath.Join(opts.DataDir, "responses", "higashisumiyoshi-kumin-2022.xlsx"))
		if (err == nil) == allCSV {
			t.Fatalf("AllCSV %v: the workbook is there: %v", allCSV, err == nil)
		}
		mustRefresh(t, opts)
		outputs[allCSV] = opts
	}
	for _, name := range []string{ActualsFile, "breakdowns.csv"} {
		got := readFile(t, filepath.Join(outputs[false].Out, name))
		if want := readFile(t, filepath.Join(outputs[true].Out, name)); got != want || len(got) < 1000 {
			t.Errorf("%s from the workbook differs from the CSV's (%d bytes, %d)", name, len(got), len(want))
		}
	}
}
