package audit

import (
	"context"
	"os"
	"testing"

	"github.com/shihyo/shihyo/pipeline/disclose/search"
	"github.com/shihyo/shihyo/pipeline/input"
)

// benchSite is the structure and the published tables of
// testdata/old-site, or of the site SHIHYO_BENCH_SITE names of the data
// folder SHIHYO_BENCH_DATA (the Osaka-scale set's, say, after a refresh
// into SHIHYO_BENCH_SITE), read once.
func benchSite(b *testing.B) (Structure, *published) {
	b.Helper()
	ctx := context.Background()
	data, dir := "testdata/linked", "testdata/old-site"
	if d := os.Getenv("SHIHYO_BENCH_DATA"); d != "" {
		data, dir = d, os.Getenv("SHIHYO_BENCH_SITE")
	}
	ds, err := input.Read(ctx, data)
	if err != nil {
		b.Fatal(err)
	}
	st, err := readBySurvey(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	return FromDataset(ds), st
}

// BenchmarkSearch is the auditor's search (search.Audit) over every wave
// of a published site (benchSite), one wave after another on one core,
// its waves built once before.
func BenchmarkSearch(b *testing.B) {
	s, st := benchSite(b)
	var waves []*wave
	for _, survey := range st.surveys {
		waves = append(waves, st.wave(s, survey))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range waves {
			if _, err := search.Audit(&w.wave); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkBuild is the linking of every wave of a published site
// (benchSite) into the model (build).
func BenchmarkBuild(b *testing.B) {
	s, st := benchSite(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, survey := range st.surveys {
			st.wave(s, survey)
		}
	}
}

// BenchmarkReadSite is the reading of a published site's tables by
// survey (readBySurvey; benchSite's site).
func BenchmarkReadSite(b *testing.B) {
	dir := "testdata/old-site"
	if os.Getenv("SHIHYO_BENCH_DATA") != "" {
		dir = os.Getenv("SHIHYO_BENCH_SITE")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readBySurvey(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
	}
}
