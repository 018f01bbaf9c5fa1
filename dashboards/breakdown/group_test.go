package breakdown

import (
	"database/sql"
	"reflect"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
)

// TestGroup: cells are grouped by key in the order given, whether each
// key's cells come in one run (shared with the input) or not (copied), and
// no group's append reaches another's cells.
func TestGroup(t *testing.T) {
	cell := func(ward string, code int) compute.Breakdown {
		return compute.Breakdown{Ward: ward, Code: sql.NullInt64{Int64: int64(code), Valid: true}}
	}
	// "a" and "A" are one key, as two plan years' rows of one series are.
	keyOf := func(b compute.Breakdown) string {
		if b.Ward == "A" {
			return "a"
		}
		return b.Ward
	}
	for _, c := range []struct {
		name   string
		cells  []compute.Breakdown
		want   map[string][]int
		shared bool // the groups are parts of cells
	}{
		{"runs", []compute.Breakdown{cell("a", 1), cell("A", 2), cell("b", 3), cell("b", 4)}, map[string][]int{"a": {1, 2}, "b": {3, 4}}, true},
		{"interleaved", []compute.Breakdown{cell("a", 1), cell("b", 2), cell("A", 3), cell("b", 4)}, map[string][]int{"a": {1, 3}, "b": {2, 4}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			groups := Group(c.cells, keyOf)
			codes := map[string][]int{}
			for k, g := range groups {
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
			if shared := &groups["a"][0] == &c.cells[0]; shared != c.shared {
				t.Errorf("group a shares the input: %v, want %v", shared, c.shared)
			}
			// An append to group a must not write over the next cells,
			// of the input or of group b.
			_ = append(groups["a"], cell("a", 9))
			if groups["b"][0].Code.Int64 != int64(c.want["b"][0]) || c.cells[2].Code.Int64 != 3 {
				t.Errorf("an append to group a reached the next cells: b %v, input %v", groups["b"], c.cells)
			}
		})
	}
}
