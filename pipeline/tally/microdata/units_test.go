package microdata

import (
	"math/big"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/cell"
)

// TestUnits: a weight in units of the wave's scale, as cell.Decimal.Units.
func TestUnits(t *testing.T) {
	for _, d := range []cell.Decimal{{Mantissa: 13906, Places: 4}, {Mantissa: 5, Places: 1},
		{Mantissa: 999999999999999, Places: 8}, {Mantissa: 1, Places: 18}} {
		want, _ := d.Units(new(big.Int), 18)
		got, ok := Units(d, 18)
		if !ok || got.Big().Cmp(want) != 0 {
			t.Errorf("Units(%+v, 18) = %v; want %v", d, got.Big(), want)
		}
		if back, ok := FromBig(want); !ok || back != got {
			t.Errorf("FromBig(%v) = %v", want, back)
		}
	}
	if _, ok := Units(cell.Decimal{Mantissa: 1, Places: 5}, 4); ok {
		t.Error("Units accepted a scale below the weight's places")
	}
}
