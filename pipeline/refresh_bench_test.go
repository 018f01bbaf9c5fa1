package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/shihyo/shihyo/gen"
)

// BenchmarkRefresh is a full refresh (read, check, load, compute, render)
// of 6 wards × 4 waves × 2,000 respondents × 20 questions: about the size of
// a city-wide set, and 4× the sample.
func BenchmarkRefresh(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	if err := gen.Generate(ctx, gen.Options{Out: data, Wards: 6, Years: 4, Respondents: 2000, Questions: 20}); err != nil {
		b.Fatal(err)
	}
	for i := range b.N {
		// A fresh database and folder each time: a full load, not a no-op.
		run := filepath.Join(dir, strconv.Itoa(i))
		opts := Options{DataDir: data, DB: filepath.Join(run, "b.duckdb"), Out: filepath.Join(run, "out")}
		if _, err := Refresh(ctx, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoOpRefresh is a refresh with nothing to do, over the data set of
// BenchmarkRefresh: it hashes the inputs and the published files, finds
// them as the last success left them, and records the run. This is the
// nightly job on most nights; it should stay well under a second.
func BenchmarkNoOpRefresh(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	if err := gen.Generate(ctx, gen.Options{Out: data, Wards: 6, Years: 4, Respondents: 2000, Questions: 20}); err != nil {
		b.Fatal(err)
	}
	opts := Options{DataDir: data, DB: filepath.Join(dir, "b.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(ctx, opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := Refresh(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		if !res.NoOp {
			b.Fatalf("refresh: %+v; want a no-op", res)
		}
	}
}

// BenchmarkOneWaveRefresh is a refresh after one response file changed,
// over the data set of BenchmarkRefresh: one wave read and loaded again,
// the actuals recomputed, the site rendered. It is the refresh that works
// in a copy of the database (see dbfile.go), so it shows that copy's cost.
func BenchmarkOneWaveRefresh(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	data := filepath.Join(dir, "data")
	if err := gen.Generate(ctx, gen.Options{Out: data, Wards: 6, Years: 4, Respondents: 2000, Questions: 20}); err != nil {
		b.Fatal(err)
	}
	opts := Options{DataDir: data, DB: filepath.Join(dir, "b.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(ctx, opts); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(data, "responses", "*.csv"))
	if err != nil || len(files) == 0 {
		b.Fatalf("responses: %v %v", files, err)
	}
	orig, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	// The file alternates between itself and itself with an empty line at
	// the end (which the reader accepts): every refresh reloads the wave.
	versions := [][]byte{append(slices.Clone(orig), '\n'), orig}
	i := 0
	for b.Loop() {
		b.StopTimer()
		if err := os.WriteFile(files[0], versions[i%2], 0o644); err != nil {
			b.Fatal(err)
		}
		i++
		b.StartTimer()
		res, err := Refresh(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.ReloadedWaves) != 1 {
			b.Fatalf("refresh: %+v; want one wave reloaded", res)
		}
	}
}
