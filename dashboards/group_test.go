package dashboards

import (
	"database/sql"
	"reflect"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// TestGroupBreakdowns: cells are grouped by their view's key in the order
// given, whether each key's cells come in one run (shared with the input)
// or not (copied), a later plan year's row under its series' view, and no
// group's append reaches another's cells.
func TestGroupBreakdowns(t *testing.T) {
	cell := func(ward string, year, code int) compute.Breakdown {
		return compute.Breakdown{Ward: ward, PlanYear: year, IssueNo: 1, IndicatorNo: 1, Code: sql.NullInt64{Int64: int64(code), Valid: true}}
	}
	series := model.IndicatorKey{Ward: "a", PlanYear: 2024, IssueNo: 1, IndicatorNo: 1}
	m := &siteModel{ofRow: map[model.IndicatorKey]*indicatorView{
		{Ward: "a", PlanYear: 2023, IssueNo: 1, IndicatorNo: 1}: {Key: series},
		series: {Key: series},
	}}
	b := model.IndicatorKey{Ward: "b", PlanYear: 2023, IssueNo: 1, IndicatorNo: 1}
	for _, c := range []struct {
		name  string
		cells []compute.Breakdown
		want  map[model.IndicatorKey][]int
	}{
		{"runs", []compute.Breakdown{cell("a", 2023, 1), cell("a", 2024, 2), cell("b", 2023, 3), cell("b", 2023, 4)},
			map[model.IndicatorKey][]int{series: {1, 2}, b: {3, 4}}},
		{"interleaved", []compute.Breakdown{cell("a", 2023, 1), cell("b", 2023, 2), cell("a", 2024, 3), cell("b", 2023, 4)},
			map[model.IndicatorKey][]int{series: {1, 3}, b: {2, 4}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := m.groupBreakdowns(c.cells)
			codes := map[model.IndicatorKey][]int{}
			for k, g := range got {
				for _, x := range g {
					codes[k] = append(codes[k], int(x.Code.Int64))
				}
				if cap(g) != len(g) {
					t.Errorf("%v: capacity %d for %d cells", k, cap(g), len(g))
				}
			}
			if !reflect.DeepEqual(codes, c.want) {
				t.Errorf("groups = %v, want %v", codes, c.want)
			}
		})
	}
}
