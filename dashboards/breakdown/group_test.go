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
		name  string
		cells []compute.Breakdown
		want  map[string][]int
	}{
		{"runs", []compute.Breakdown{cell("a", 1), cell("A", 2), cell("b", 3), cell("b", 4)}, map[string][]int{"a": {1, 2}, "b": {3, 4}}},
		{"interleaved", []compute.Breakdown{cell("a", 1), cell("b", 2), cell("A", 3), cell("b", 4)}, map[string][]int{"a": {1, 3}, "b": {2, 4}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			codes := map[string][]int{}
			for k, g := range Group(c.cells, keyOf) {
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
