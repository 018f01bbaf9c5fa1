package compute

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// TestDecidedOnce: Publish and HiddenFrequencies of Decided(in) publish
// what they publish of in, from the decisions Decided made (a decision
// changed there is what Publish then publishes) rather than deciding
// each wave again.
func TestDecidedOnce(t *testing.T) {
	in := counted(t, "../../data/sample")
	d, err := Decided(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	a0, b0 := Publish(in)
	a1, b1 := Publish(d)
	if !reflect.DeepEqual(a0, a1) || !reflect.DeepEqual(b0, b1) {
		t.Fatal("Publish(Decided(in)) differs from Publish(in)")
	}
	if !reflect.DeepEqual(HiddenFrequencies(in), HiddenFrequencies(d)) {
		t.Fatal("HiddenFrequencies(Decided(in)) differs from HiddenFrequencies(in)")
	}
	withdrawn := 0
	for _, byDomain := range d.decided.byWave {
		for _, dec := range byDomain {
			if !dec.Withdrawn {
				dec.Withdrawn = true
				withdrawn++
			}
		}
	}
	if a, _ := Publish(d); withdrawn == 0 || len(a) != 0 {
		t.Fatalf("%d actuals after withdrawing every decided domain (%d); want none: Publish decided again", len(a), withdrawn)
	}
}

// TestDecidedStopsWhenCancelled: a refresh that is cancelled while the
// waves are decided ends with the cancellation, not with decisions.
func TestDecidedStopsWhenCancelled(t *testing.T) {
	in := counted(t, "../../data/sample")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Decided(ctx, in); !errors.Is(err, context.Canceled) {
		t.Fatalf("Decided with a cancelled context: %v; want context.Canceled", err)
	}
}
