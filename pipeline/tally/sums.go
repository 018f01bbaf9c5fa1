package tally

import (
	"math/big"
	"math/bits"

	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// Sums are the totals of one domain (an indicator's respondents, or one
// cell of its breakdown) in one wave, from which every published number
// of it is computed (package compute, with package stats). w is a
// respondent's weight (1 in an unweighted wave), y is 1 for a positive
// answer. The float sums are added in the order of the rows of the file,
// as DuckDB's sum did when they were computed in SQL; U and UY are the
// weights exactly, in the wave's units, for the published rounding.
type Sums struct {
	N, NPositive       int64
	SW, SWY, SW2, SW2Y float64        // Σw, Σw·y, Σw², Σw²·y
	U, UY              microdata.U128 // Σw and Σw·y exactly, in units of 10^−microdata.Wave.Scale
}

// Plus is s + o: the sums of two disjoint groups (a code and the 無回答
// merged into its cell), field by field. Disclosure control's merged
// cells and the decisions kept (package keep) add in this one order, so
// that a kept cell is the same to the last bit of its float sums.
func (s Sums) Plus(o Sums) Sums {
	return Sums{N: s.N + o.N, NPositive: s.NPositive + o.NPositive, SW: s.SW + o.SW, SWY: s.SWY + o.SWY,
		SW2: s.SW2 + o.SW2, SW2Y: s.SW2Y + o.SW2Y, U: s.U.Add(o.U), UY: s.UY.Add(o.UY)}
}

// add counts one respondent of weight w (exactly u) with answer y.
func (s *Sums) add(w float64, u microdata.U128, y bool) {
	s.addOne(w, u)
	if y {
		s.addPositive(w, u)
	}
}

// addOne and addPositive are add's halves, each small enough to be
// inlined in the pass's loops (one call a cell costs as much as the sums).
func (s *Sums) addOne(w float64, u microdata.U128) {
	s.N++
	s.SW += w
	s.SW2 += w * w
	s.U = s.U.Add(u)
}

func (s *Sums) addPositive(w float64, u microdata.U128) {
	s.NPositive++
	s.SWY += w
	s.SW2Y += w * w
	s.UY = s.UY.Add(u)
}

// Tenths is the published percentage in tenths of a point, 1000·UY/U
// rounded half up, as floor((2000·UY + U) / (2·U)) in exact integer
// arithmetic: 59.95 is never 59.9499…, and 6.25 publishes as 6.3, never to
// even. It is false for an empty domain (U = 0).
func (s Sums) Tenths() (int, bool) {
	if s.U.IsZero() {
		return 0, false
	}
	if s.U.Hi == 0 && s.UY.Hi == 0 && s.U.Lo < 1<<62 {
		// 2000·UY + U in 128 bits, over 2·U in 64: the quotient is at most
		// 1000, so the high word is below the divisor, as Div64 needs.
		hi, lo := bits.Mul64(s.UY.Lo, 2000)
		lo, c := bits.Add64(lo, s.U.Lo, 0)
		hi += c
		q, _ := bits.Div64(hi, lo, 2*s.U.Lo)
		return int(q), true
	}
	num := new(big.Int).Mul(s.UY.Big(), big.NewInt(2000))
	num.Add(num, s.U.Big())
	den := new(big.Int).Lsh(s.U.Big(), 1)
	return int(num.Quo(num, den).Int64()), true
}
