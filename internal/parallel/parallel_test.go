package parallel

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// TestEachCallsEveryIndexOnce: every index is called once, each result
// in its own slot.
func TestEachCallsEveryIndexOnce(t *testing.T) {
	calls := make([]atomic.Int32, 1000)
	if err := Each(context.Background(), len(calls), func(i int) error { calls[i].Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range calls {
		if n := calls[i].Load(); n != 1 {
			t.Fatalf("index %d called %d times", i, n)
		}
	}
}

// TestEachReturnsTheFirstFailureInOrder: of the calls that fail, the
// lowest index's error is returned, and no call starts after a failure
// is seen.
func TestEachReturnsTheFirstFailureInOrder(t *testing.T) {
	var started atomic.Int32
	err := Each(context.Background(), 1000, func(i int) error {
		started.Add(1)
		if i >= 10 {
			return fmt.Errorf("part %d", i)
		}
		return nil
	})
	if err == nil || err.Error() != "part 10" {
		t.Errorf("Each: %v; want part 10's error", err)
	}
	if n := started.Load(); n >= 1000 {
		t.Errorf("%d calls started; want the work to stop after the failure", n)
	}
}

// TestEachStopsWhenCancelled: a cancelled context starts nothing and is
// the error.
func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var started atomic.Int32
	err := Each(ctx, 100, func(int) error { started.Add(1); return nil })
	if !errors.Is(err, context.Canceled) || started.Load() != 0 {
		t.Errorf("Each over a cancelled context: %v after %d calls; want context.Canceled and none", err, started.Load())
	}
}
