package stats

import (
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
