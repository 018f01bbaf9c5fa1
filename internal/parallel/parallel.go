// Package parallel runs the independent parts of one job on every CPU:
// the pages of a site, the waves of a disclosure decision or an audit.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls one(i) for every i from 0 to n−1, a worker per CPU taking
// the next i as it finishes the last; one(i) writes only its own results
// (the i-th slot of a slice), so they do not depend on the order. Once
// ctx is done or a call failed no more are started, and Each returns,
// when the running ones have returned, ctx's error, or else the error of
// the lowest i that failed (every lower i was started before it, so it
// is the first failure in order).
func Each(ctx context.Context, n int, one func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil && !failed.Load(); i = int(next.Add(1) - 1) {
				if errs[i] = one(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
