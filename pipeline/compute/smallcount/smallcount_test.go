package smallcount

import (
	"slices"
	"testing"
)

// TestComplementaryHidesNoAnswerFirst: the complement of a count of 1 to
// 9 is the 無回答 count, then the smallest (the rule of the breakdowns),
// until two or more are hidden holding 10 or more.
func TestComplementaryHidesNoAnswerFirst(t *testing.T) {
	for _, c := range []struct {
		counts   []int64
		noAnswer int
		want     []bool
	}{
		{[]int64{3, 11, 50, 20}, 3, []bool{true, false, false, true}},  // 無回答 20, not the smaller 11
		{[]int64{3, 11, 50, 20}, -1, []bool{true, true, false, false}}, // no 無回答: the smallest
		{[]int64{3, 11, 50, 4}, 3, []bool{true, true, false, true}},    // 3 + 4 < 10: one more
		{[]int64{30, 11, 50, 20}, 3, []bool{false, false, false, false}},
	} {
		if got := Complementary(c.counts, c.noAnswer); !slices.Equal(got, c.want) {
			t.Errorf("Complementary(%v, %d) = %v; want %v", c.counts, c.noAnswer, got, c.want)
		}
	}
}
