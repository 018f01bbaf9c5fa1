package model

import (
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/cell"
)

func TestWeightScale(t *testing.T) {
	d, _, err := cell.ParseWeight("9999999.99999999")
	if err != nil {
		t.Fatal(err)
	}
	w := &Wave{Rows: []Respondent{{Exact: cell.One}, {Exact: d}, {Exact: cell.Decimal{Mantissa: 5, Places: 3}}}}
	if s := w.WeightScale(); s != 8 {
		t.Errorf("WeightScale = %d; want 8", s)
	}
}

// The three counts an engine takes from a 複数回答 answer.
func TestMultiAnswer(t *testing.T) {
	positive, excluded := []int{1, 2}, []int{9}
	for _, c := range []struct {
		a                          MultiAnswer
		answered, any, onlyExclude bool
	}{
		{MultiAnswer{Chosen: []int32{1, 3}}, true, true, false},
		{MultiAnswer{Chosen: []int32{3}}, true, false, false},
		{MultiAnswer{Chosen: []int32{9}}, true, false, true},
		{MultiAnswer{Chosen: []int32{2, 9}}, true, true, false},
		{MultiAnswer{}, false, false, false},
		{MultiAnswer{NotApplicable: true}, false, false, false},
	} {
		if got := c.a.Answered(); got != c.answered {
			t.Errorf("%+v: Answered = %v", c.a, got)
		}
		if got := c.a.Any(positive); got != c.any {
			t.Errorf("%+v: Any(%v) = %v", c.a, positive, got)
		}
		if got := c.a.OnlyAmong(excluded); got != c.onlyExclude {
			t.Errorf("%+v: OnlyAmong(%v) = %v", c.a, excluded, got)
		}
	}
}
