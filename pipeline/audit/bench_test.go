package audit

import (
	"context"
	"os"
	"testing"

	"github.com/shihyo/shihyo/pipeline/disclose/search"
	"github.com/shihyo/shihyo/pipeline/input"
)

// BenchmarkSearch is the auditor's search (search.Audit) over every wave
// of a published site, one wave after another on one core, the site read
// and its waves built once before: testdata/old-site, or the site
// SHIHYO_BENCH_SITE names of the data folder SHIHYO_BENCH_DATA (the
// Osaka-scale set's, say, after a refresh into SHIHYO_BENCH_SITE).
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	data, dir := "testdata/linked", "testdata/old-site"
	if d := os.Getenv("SHIHYO_BENCH_DATA"); d != "" {
		data, dir = d, os.Getenv("SHIHYO_BENCH_SITE")
	}
	ds, err := input.Read(ctx, data)
	if err != nil {
		b.Fatal(err)
	}
	s := FromDataset(ds)
	st, err := readBySurvey(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
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
