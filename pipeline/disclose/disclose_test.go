package disclose

import (
	"slices"
	"testing"
)

// kosodate is the example of issue 12: 区民 394 (199 positive) by 子育て
// 52 / 338 / 無回答 4 (3 positive), and a 子育て世帯 indicator on the same
// question whose total is the 子育て中 cell.
func kosodate(hiddenCells ...int) *Wave {
	w := &Wave{Attributes: []string{"kosodate"}, Levels: map[string][]int32{"kosodate": {1, 2, Blank}}}
	u := Domain{Question: "koho", Positive: []int{1, 2}, Excluded: []int{9},
		Total: Cell{N: 394, P: 199, Shown: true, HasP: true},
		Tables: []Table{{Attribute: "kosodate", Cells: []Cell{
			{N: 52, P: 26, Shown: true, HasP: true}, {N: 338, P: 170, Shown: true, HasP: true}, {N: 4, P: 3, Shown: true, HasP: true}}}}}
	for _, l := range hiddenCells {
		u.Tables[0].Cells[l].Shown = false
	}
	f := Domain{Question: "koho", Positive: []int{1, 2}, Excluded: []int{9}, Filter: []Clause{{Key: "kosodate", Codes: []int{1}}},
		Total: Cell{N: 52, P: 26, Shown: true, HasP: true}}
	w.Domains = []Domain{u, f}
	return w
}

// TestFilteredTotalUndoesComplement: hiding 無回答 and 子育て中 is safe in
// the table alone, but the 子育て世帯 total gives 子育て中 back, and so
// 無回答: 394 − 338 − 52 = 4, with the numbers it used.
func TestFilteredTotalUndoesComplement(t *testing.T) {
	leaks, err := Audit(kosodate(0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(leaks) == 0 || leaks[0].N != 4 || leaks[0].Positives {
		t.Fatalf("leaks %+v; want the 無回答 cell of 4", leaks)
	}
	uses := leaks[0].Uses
	for _, want := range []Ref{{Domain: 0, Level: -1}, {Domain: 0, Attribute: "kosodate", Level: 1}, {Domain: 1, Level: -1}} {
		if !slices.Contains(uses, want) {
			t.Errorf("uses %v; want %v among them", uses, want)
		}
	}
}

// TestComplementThatIsPublishedAnyway: 子育て中ではない and 無回答 hidden,
// 子育て中 shown (the filtered total publishes it anyway): nothing to
// recover, their 342 together being determined but not small.
func TestComplementThatIsPublishedAnyway(t *testing.T) {
	leaks, err := Audit(kosodate(1, 2))
	if err != nil || len(leaks) > 0 {
		t.Fatalf("leaks %+v, %v; want none", leaks, err)
	}
}
