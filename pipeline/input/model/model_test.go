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
