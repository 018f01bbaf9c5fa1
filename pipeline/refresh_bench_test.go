package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/shihyo/shihyo/dashboards"
	"github.com/shihyo/shihyo/gen"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"github.com/shihyo/shihyo/pipeline/engine"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/load"
)

// BenchmarkRefresh is a full refresh (read, check, load, compute, render)
// of 6 wards × 4 waves × 2,000 respondents × 20 questions: about the size of
// a city-wide set, and 4× the sample. SHIHYO_BENCH_DATA names another data
// folder to refresh instead (a profile of the Osaka-scale set of make
// bench-scale, say).
func BenchmarkRefresh(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	data := benchData(b, dir)
	for i := range b.N {
		// A fresh database and folder each time: a full load, not a no-op.
		run := filepath.Join(dir, strconv.Itoa(i))
		opts := Options{DataDir: data, DB: filepath.Join(run, "b.duckdb"), Out: filepath.Join(run, "out")}
		if _, err := Refresh(ctx, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// benchData is the folder SHIHYO_BENCH_DATA names, or the set of
// BenchmarkRefresh generated under dir.
func benchData(b *testing.B, dir string) string {
	b.Helper()
	if d := os.Getenv("SHIHYO_BENCH_DATA"); d != "" {
		return d
	}
	data := filepath.Join(dir, "data")
	if err := gen.Generate(context.Background(), gen.Options{Out: data, Wards: 6, Years: 4, Respondents: 2000, Questions: 20}); err != nil {
		b.Fatal(err)
	}
	return data
}

// benchCopy is a copy under dir of the folder SHIHYO_BENCH_DATA names, which
// a benchmark may edit, or the set of BenchmarkRefresh generated there.
func benchCopy(b *testing.B, dir string) string {
	b.Helper()
	data := filepath.Join(dir, "data")
	if d := os.Getenv("SHIHYO_BENCH_DATA"); d != "" {
		if err := os.CopyFS(data, os.DirFS(d)); err != nil {
			b.Fatal(err)
		}
		return data
	}
	return benchData(b, dir)
}

// BenchmarkNoOpRefresh is a refresh with nothing to do, over the data set of
// BenchmarkRefresh: it hashes the inputs and the published files, finds
// them as the last success left them, and records the run. This is the
// nightly job on most nights; it should stay well under a second.
func BenchmarkNoOpRefresh(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	data := benchCopy(b, dir)
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
	data := benchCopy(b, dir)
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

// BenchmarkRender renders the site of the data set of BenchmarkRefresh (or
// SHIHYO_BENCH_DATA) into a new folder, the actuals, breakdowns and 単純集計
// computed once beforehand: the page render of a full refresh.
func BenchmarkRender(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	opts := Options{DataDir: benchData(b, dir), DB: filepath.Join(dir, "b.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(ctx, opts); err != nil {
		b.Fatal(err)
	}
	ds, err := input.Read(ctx, opts.DataDir)
	if err != nil {
		b.Fatal(err)
	}
	actuals, breakdowns, freqs := publishStored(b, opts.DB, ds)
	i := 0
	for b.Loop() {
		i++
		out := filepath.Join(dir, "render", strconv.Itoa(i))
		if err := os.MkdirAll(out, 0o755); err != nil {
			b.Fatal(err)
		}
		site := dashboards.Site{Dataset: ds, Actuals: actuals, Breakdowns: breakdowns, Frequencies: freqs, GeneratedAt: time.Now()}
		if err := dashboards.Render(ctx, out, site); err != nil {
			b.Fatal(err)
		}
	}
}

// publishStored computes the actuals, breakdowns and 単純集計 of ds from the
// sums stored in the database db by a refresh.
func publishStored(b *testing.B, db string, ds *model.Dataset) ([]compute.Actual, []compute.Breakdown, []frequencies.Frequency) {
	b.Helper()
	ctx := context.Background()
	sdb, err := sql.Open("duckdb", db)
	if err != nil {
		b.Fatal(err)
	}
	defer sdb.Close()
	conn, err := sdb.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	in, _, err := engine.Run(ctx, conn, ds, load.Changes{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	if in, err = compute.Decided(ctx, in); err != nil {
		b.Fatal(err)
	}
	actuals, breakdowns := compute.Publish(in)
	return actuals, breakdowns, frequencies.Of(in)
}
