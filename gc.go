package main

import (
	"os"
	"runtime/debug"
)

// Garbage collection of a refresh, unless GOGC or GOMEMLIMIT say otherwise.
// A refresh's live heap is small while it reads (a wave or two, a few MB)
// and grows to about 170 MB at city scale while it publishes; with Go's
// default (GOGC=100) it collected 56 times in one Osaka-scale refresh, most
// of them over the small heaps of the load. Collecting when the heap has
// grown fourfold, but never letting it pass gcLimit, takes about 7% less
// CPU there and a lower peak (BENCHMARKS.md, finding 22): the limit, not
// the percentage, bounds the publication. DuckDB's memory is outside it.
const (
	gcPercent = 400
	gcLimit   = 256 << 20
)

// tuneGC sets the collector's pace for this process (see gcPercent); a
// GOGC or GOMEMLIMIT in the environment is left to rule.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
}
