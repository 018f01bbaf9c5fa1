package field

import (
	"testing"
	"time"

	"github.com/shihyo/shihyo/internal/jst"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
)

func TestFiscalYear(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want int
	}{
		{time.Date(2024, 3, 31, 23, 59, 0, 0, jst.Location), 2023},
		{time.Date(2024, 4, 1, 0, 0, 0, 0, jst.Location), 2024},
		{time.Date(2024, 3, 31, 15, 0, 0, 0, time.UTC), 2024}, // 4月1日 0時 in Japan
		{time.Date(2025, 1, 10, 0, 0, 0, 0, jst.Location), 2024},
	} {
		if got := FiscalYear(c.t); got != c.want {
			t.Errorf("FiscalYear(%v) = %d; want %d", c.t, got, c.want)
		}
	}
}

func TestTargetPrecision(t *testing.T) {
	for _, c := range []struct {
		target string
		ok     bool
	}{{"60", true}, {"62.5", true}, {"61.234", true}, {"61.2340", true}, {"61.2345", false}} {
		var col csvfile.Collector
		tb := csvfile.NewTable("indicators.csv", []string{"target_percent"})
		_, ok := Target(&col, tb, csvfile.Row{Line: 2, Fields: []string{c.target}})
		if ok != c.ok || (len(col.Problems) == 0) != c.ok {
			t.Errorf("target %q: ok %v, problems %v; want ok %v", c.target, ok, col.Problems, c.ok)
		}
	}
}
