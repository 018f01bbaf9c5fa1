package assign

import "testing"

func TestBestAssignment(t *testing.T) {
	// Group 0 prefers issue 0 a little, group 1 needs it much more.
	score := [][]float64{{1, 0.9}, {1, 0.1}}
	if got := bestAssignment(score, 2); got[0] != 1 || got[1] != 0 {
		t.Errorf("bestAssignment = %v, want [1 0]", got)
	}
	// Three groups, two issues: one group is left without.
	score = [][]float64{{1, 0}, {0, 1}, {0.5, 0.4}}
	if got := bestAssignment(score, 2); got[0] != 0 || got[1] != 1 || got[2] != -1 {
		t.Errorf("bestAssignment = %v, want [0 1 -1]", got)
	}
}
