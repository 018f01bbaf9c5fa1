package engine

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// inFlight bounds the waves in memory at once: read (or being read) and
// not yet stored, the one being stored included, whatever the number of
// waves. With two, one core reads and counts the next wave while the
// other stores one, and two readers share the reading while DuckDB waits
// on nothing (a third measured no faster at 10× scale, BENCHMARKS.md).
const inFlight = 2

// read is one wave read and counted, or why not.
type read struct {
	c   counted
	err error // the wave's input problems, or another error
}

// stream reads and counts the changed waves in goroutines of their own (a
// reader per CPU, at most inFlight waves ahead) while this one stores each
// in surveys.csv order. As responses.Each, it stores nothing after a wave
// with defects but reads on, and returns every defect of every file. The
// readers are cancelled and waited for whatever happens here.
func (e *engine) stream(ctx context.Context, surveys []model.Survey) error {
	if len(surveys) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	results := make([]chan read, len(surveys))
	for i := range results {
		results[i] = make(chan read, 1)
	}
	// A token is taken before a wave is assigned, so that the waves
	// assigned and not stored are always the next ones to store.
	tokens := make(chan struct{}, inFlight)
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(surveys)) {
		wg.Go(func() {
			for {
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					return
				}
				i := int(next.Add(1) - 1)
				if i >= len(surveys) {
					<-tokens
					return
				}
				results[i] <- e.readOne(ctx, surveys[i])
			}
		})
	}
	return e.storeInOrder(ctx, surveys, results, tokens)
}

// readOne reads and counts one wave.
func (e *engine) readOne(ctx context.Context, s model.Survey) read {
	m, err := responses.ReadWave(ctx, e.ds, s)
	if err != nil {
		return read{err: err}
	}
	c, err := e.countWave(m)
	return read{c: c, err: err}
}

// storeInOrder stores the waves read, in order, freeing a token for each.
func (e *engine) storeInOrder(ctx context.Context, surveys []model.Survey, results []chan read, tokens chan struct{}) error {
	var problems input.Problems
	for i := range surveys {
		var r read
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if p, ok := input.AsProblems(r.err); ok {
			problems = append(problems, p...)
		} else if r.err != nil {
			return r.err
		} else if len(problems) == 0 {
			e.progress.Wave("読み込み", i+1, len(surveys))
			if err := e.storeWave(ctx, r.c); err != nil {
				return err
			}
		}
		<-tokens
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}
