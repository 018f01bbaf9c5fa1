package microdata

import (
	"math/big"
	"math/bits"

	"github.com/shihyo/shihyo/pipeline/input/cell"
)

// U128 is an unsigned 128-bit integer: a weight in its wave's units
// (cell.Decimal.Units: below 10^25), or a sum of them (below 2.2·10^34 for
// a wave of 2^31 − 1 rows, see cell/weight.go), which int64 cannot hold.
type U128 struct{ Hi, Lo uint64 }

// Add returns a + b. The bounds of cell.ParseWeight keep every sum of a
// wave far below 2^128, so it never wraps.
func (a U128) Add(b U128) U128 {
	lo, c := bits.Add64(a.Lo, b.Lo, 0)
	hi, _ := bits.Add64(a.Hi, b.Hi, c)
	return U128{Hi: hi, Lo: lo}
}

// IsZero reports whether a is 0.
func (a U128) IsZero() bool { return a.Hi == 0 && a.Lo == 0 }

// Big returns a as a new big.Int.
func (a U128) Big() *big.Int {
	z := new(big.Int).SetUint64(a.Hi)
	z.Lsh(z, 64)
	return z.Or(z, new(big.Int).SetUint64(a.Lo))
}

// FromBig returns x as a U128; false when x is negative or needs more than
// 128 bits.
func FromBig(x *big.Int) (U128, bool) {
	if x.Sign() < 0 || x.BitLen() > 128 {
		return U128{}, false
	}
	lo := new(big.Int).And(x, new(big.Int).SetUint64(^uint64(0)))
	hi := new(big.Int).Rsh(x, 64)
	return U128{Hi: hi.Uint64(), Lo: lo.Uint64()}, true
}

// pow10 are the powers of ten up to 10^cell.MaxWeightPlaces, all below 2^64.
var pow10 = func() []uint64 {
	p := make([]uint64, cell.MaxWeightPlaces+1)
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Units is d in units of 10^−scale (d × 10^scale), as cell.Decimal.Units
// computes it in a big.Int; false when scale is below d's places or above
// cell.MaxWeightPlaces.
func Units(d cell.Decimal, scale int) (U128, bool) {
	if scale < d.Places || scale > cell.MaxWeightPlaces {
		return U128{}, false
	}
	hi, lo := bits.Mul64(d.Mantissa, pow10[scale-d.Places])
	return U128{Hi: hi, Lo: lo}, true
}
