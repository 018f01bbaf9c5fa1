package main

import (
	"math/big"
	"math/bits"
)

// Arithmetic modulo the Mersenne prime 2^61-1. Determinacy is decided mod
// p (a rank drop mod p has probability ~1e-15 per minor); every finding is
// then re-derived with exact rationals (big.Rat) before it is reported.
const P uint64 = (1 << 61) - 1

func mulmod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	r := (hi<<3 | lo>>61) + (lo & P)
	for r >= P {
		r -= P
	}
	return r
}
func addmod(a, b uint64) uint64 {
	r := a + b
	if r >= P {
		r -= P
	}
	return r
}
func submod(a, b uint64) uint64 {
	if a >= b {
		return a - b
	}
	return a + P - b
}
func powmod(a, e uint64) uint64 {
	r := uint64(1)
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, a)
		}
		a = mulmod(a, a)
		e >>= 1
	}
	return r
}
func invmod(a uint64) uint64 { return powmod(a, P-2) }
func fromInt(x int64) uint64 {
	if x >= 0 {
		return uint64(x) % P
	}
	return P - (uint64(-x) % P)
}

// ratrec: rational reconstruction of a mod p as n/d with |n|,d <= ~2^30.
func ratrec(a uint64) *big.Rat {
	pp := new(big.Int).SetUint64(P)
	bound := new(big.Int).Lsh(big.NewInt(1), 30)
	r0, r1 := new(big.Int).Set(pp), new(big.Int).SetUint64(a)
	s0, s1 := big.NewInt(0), big.NewInt(1)
	for r1.Cmp(bound) > 0 {
		q := new(big.Int).Quo(r0, r1)
		r0, r1 = r1, new(big.Int).Sub(r0, new(big.Int).Mul(q, r1))
		s0, s1 = s1, new(big.Int).Sub(s0, new(big.Int).Mul(q, s1))
	}
	if s1.Sign() == 0 {
		return nil
	}
	return new(big.Rat).SetFrac(r1, s1)
}

// basis: semi-echelon rows (each reduced by all earlier pivots), with the
// combination of inserted vectors that makes each row.
type basis struct {
	n      int // vector length
	m      int // number of inserted vectors (comb length)
	rows   [][]uint64
	combs  [][]uint64
	pivots []int
	track  bool
}

func newBasis(n, m int, track bool) *basis { return &basis{n: n, m: m, track: track} }

// reduce v in place; returns the coefficients over rows (g = residual + sum coef_r row_r).
func (b *basis) reduce(v []uint64) []uint64 {
	coef := make([]uint64, len(b.rows))
	for r, row := range b.rows {
		pc := b.pivots[r]
		f := v[pc]
		if f == 0 {
			continue
		}
		coef[r] = f
		for j := pc; j < b.n; j++ {
			if row[j] != 0 {
				v[j] = submod(v[j], mulmod(f, row[j]))
			}
		}
	}
	return coef
}

func isZero(v []uint64) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// insert vector v (the idx-th inserted); returns (false, comb) if it was
// dependent: comb is the kernel combination (over inserted vectors) giving 0.
func (b *basis) insert(v []uint64, idx int) (bool, []uint64) {
	v = append([]uint64(nil), v...)
	coef := b.reduce(v)
	var comb []uint64
	if b.track {
		comb = make([]uint64, b.m)
		comb[idx] = 1
		for r, f := range coef {
			if f == 0 {
				continue
			}
			for j, c := range b.combs[r] {
				if c != 0 {
					comb[j] = submod(comb[j], mulmod(f, c))
				}
			}
		}
	}
	pc := -1
	for j, x := range v {
		if x != 0 {
			pc = j
			break
		}
	}
	if pc < 0 {
		return false, comb
	}
	inv := invmod(v[pc])
	for j := pc; j < b.n; j++ {
		if v[j] != 0 {
			v[j] = mulmod(v[j], inv)
		}
	}
	if b.track {
		for j := range comb {
			if comb[j] != 0 {
				comb[j] = mulmod(comb[j], inv)
			}
		}
	}
	b.rows = append(b.rows, v)
	b.combs = append(b.combs, comb)
	b.pivots = append(b.pivots, pc)
	return true, nil
}

// lambda: for g in the span, the combination over inserted vectors.
func (b *basis) lambda(g []uint64) ([]uint64, bool) {
	v := append([]uint64(nil), g...)
	coef := b.reduce(v)
	if !isZero(v) {
		return nil, false
	}
	lam := make([]uint64, b.m)
	for r, f := range coef {
		if f == 0 {
			continue
		}
		for j, c := range b.combs[r] {
			if c != 0 {
				lam[j] = addmod(lam[j], mulmod(f, c))
			}
		}
	}
	return lam, true
}

// rref: full reduced row echelon form of the given rows (k x m).
func rref(rows [][]uint64, m int) ([][]uint64, []int) {
	var out [][]uint64
	var piv []int
	for _, r := range rows {
		v := append([]uint64(nil), r...)
		for i, o := range out {
			f := v[piv[i]]
			if f == 0 {
				continue
			}
			for j := 0; j < m; j++ {
				if o[j] != 0 {
					v[j] = submod(v[j], mulmod(f, o[j]))
				}
			}
		}
		pc := -1
		for j := 0; j < m; j++ {
			if v[j] != 0 {
				pc = j
				break
			}
		}
		if pc < 0 {
			continue
		}
		inv := invmod(v[pc])
		for j := 0; j < m; j++ {
			v[j] = mulmod(v[j], inv)
		}
		for i, o := range out {
			f := o[pc]
			if f == 0 {
				continue
			}
			for j := 0; j < m; j++ {
				if v[j] != 0 {
					o[j] = submod(o[j], mulmod(f, v[j]))
				}
			}
			out[i] = o
		}
		out = append(out, v)
		piv = append(piv, pc)
	}
	return out, piv
}
