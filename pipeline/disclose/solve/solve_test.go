package solve

import "testing"

// TestSolveExact: the value of a determined vector is exact, and an
// undetermined one is reported as such.
func TestSolveExact(t *testing.T) {
	// a+b = 12, b+c = 7, a+b+c = 15 → c = 3, a = 8, b = 4.
	b, err := NewBasis([][]int64{{1, 1, 0}, {0, 1, 1}, {1, 1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	values := []int64{12, 7, 15}
	for i, want := range []int64{8, 4, 3} {
		v := make([]int64, 3)
		v[i] = 1
		got, _, ok, err := b.Solve(v, values)
		if err != nil || !ok || got != want {
			t.Errorf("atom %d = %d (%v, %v); want %d", i, got, ok, err, want)
		}
	}
	b, _ = NewBasis([][]int64{{1, 1, 0}})
	if _, _, ok, _ := b.Solve([]int64{1, 0, 0}, []int64{12}); ok {
		t.Error("a alone determined by a+b")
	}
}
