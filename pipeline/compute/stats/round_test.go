package stats

import (
	"math"
	"strconv"
	"testing"
)

func TestRoundTenth(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{1.25, 1.3}, {55.05, 55.1}, {0.15, 0.2}, {59.95, 60.0}, {1.24, 1.2},
		{-1.25, -1.3}, {-0.04, 0}, {100, 100}, {0, 0}, {33.349999, 33.3},
	} {
		if got := RoundTenth(c.in); got != c.want || strconv.FormatFloat(got, 'f', 1, 64) != strconv.FormatFloat(c.want, 'f', 1, 64) {
			t.Errorf("RoundTenth(%v) = %v; want %v", c.in, got, c.want)
		}
	}
}

// TestTenthsOfPublishedValues: every published value (a whole number of
// tenths, positive or negative, as a float64 read back from DECIMAL(4,1))
// is its own number of tenths, as math.Round(v*10) gave before Tenths
// replaced it; so do Thousandths for every target of three decimals.
func TestTenthsOfPublishedValues(t *testing.T) {
	for n := int64(-1000); n <= 1000; n++ {
		v := float64(n) / 10
		if got := Tenths(v); got != n || got != int64(math.Round(v*10)) {
			t.Fatalf("Tenths(%v) = %d; want %d", v, got, n)
		}
		if got := RoundTenth(v); got != v && !(n == 0 && got == 0) {
			t.Fatalf("RoundTenth(%v) = %v", v, got)
		}
	}
	for n := int64(0); n <= 100000; n++ {
		v := float64(n) / 1000
		if got := Thousandths(v); got != n || got != int64(math.Round(v*1000)) {
			t.Fatalf("Thousandths(%v) = %d; want %d", v, got, n)
		}
	}
}
