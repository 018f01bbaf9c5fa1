// Package solve is exact linear algebra over the integers for the
// disclosure auditor: an echelon basis of rows of small integers by
// fraction-free elimination (each row divided by the gcd of its entries),
// and whether a vector is a combination of them, with its value.
package solve

import (
	"errors"
	"math/bits"
)

// ErrOverflow: a coefficient outgrew int64 (never seen for tables, whose
// coefficients stay 0 and ±1 and their small multiples).
var ErrOverflow = errors.New("solve published counts: coefficient overflow")

// vector is a combination: a (over atoms) = mu·target + Σ lambda·row.
type vector struct {
	a      []int64
	lambda []int64
	mu     int64
}

// Basis is an echelon basis of the published rows: exact, fraction-free
// integer elimination, each vector divided by the gcd of its entries.
type Basis struct {
	rows  []vector
	pivot []int // column of rows[i]'s leading entry
}

// NewBasis eliminates rows (vectors over atoms) into echelon form.
func NewBasis(rows [][]int64) (*Basis, error) {
	b := &Basis{}
	for i, r := range rows {
		v := vector{a: append([]int64(nil), r...), lambda: make([]int64, len(rows))}
		v.lambda[i] = 1
		if err := b.reduce(&v); err != nil {
			return nil, err
		}
		if c := leading(v.a); c >= 0 {
			b.rows, b.pivot = append(b.rows, v), append(b.pivot, c)
		}
	}
	return b, nil
}

// reduce eliminates v's entries at every pivot column of b.
func (b *Basis) reduce(v *vector) error {
	for k, p := range b.rows {
		c := b.pivot[k]
		if v.a[c] == 0 {
			continue
		}
		f, g := p.a[c], v.a[c]
		if err := combine(v, f, p, g); err != nil {
			return err
		}
	}
	return nil
}

// combine sets v = f·v − g·p, divided by the gcd of the result.
func combine(v *vector, f int64, p vector, g int64) error {
	var err error
	lin := func(x, y int64) int64 {
		r, e := mulSub(f, x, g, y)
		if e != nil {
			err = e
		}
		return r
	}
	for i := range v.a {
		v.a[i] = lin(v.a[i], p.a[i])
	}
	for i := range v.lambda {
		v.lambda[i] = lin(v.lambda[i], p.lambda[i])
	}
	v.mu = lin(v.mu, p.mu)
	if err != nil {
		return ErrOverflow
	}
	normalise(v)
	return nil
}

// mulSub is f·x − g·y, or ErrOverflow.
func mulSub(f, x, g, y int64) (int64, error) {
	a, ok1 := mul(f, x)
	c, ok2 := mul(g, y)
	r := a - c
	if !ok1 || !ok2 || (a >= 0) != (c >= 0) && (r >= 0) != (a >= 0) {
		return 0, ErrOverflow
	}
	return r, nil
}

func mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	hi, lo := bits.Mul64(uint64(abs(a)), uint64(abs(b)))
	if hi != 0 || lo > 1<<62 {
		return 0, false
	}
	r := int64(lo)
	if (a < 0) != (b < 0) {
		r = -r
	}
	return r, true
}

func abs(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func gcd(a, b int64) int64 {
	a, b = abs(a), abs(b)
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// normalise divides v by the gcd of its entries, keeping mu ≥ 0.
func normalise(v *vector) {
	g := abs(v.mu)
	for _, x := range v.a {
		g = gcd(g, x)
	}
	for _, x := range v.lambda {
		g = gcd(g, x)
	}
	if g == 0 {
		return
	}
	if v.mu < 0 {
		g = -g
	}
	v.mu /= g
	for i := range v.a {
		v.a[i] /= g
	}
	for i := range v.lambda {
		v.lambda[i] /= g
	}
}

func leading(a []int64) int {
	for i, x := range a {
		if x != 0 {
			return i
		}
	}
	return -1
}

// Solve reports whether target t (over atoms) is in the row space of b,
// and if so its value from the rows' values and the rows it combines.
func (b *Basis) Solve(t []int64, values []int64) (value int64, uses []int, ok bool, err error) {
	v := vector{a: append([]int64(nil), t...), lambda: make([]int64, len(values)), mu: 1}
	if err := b.reduce(&v); err != nil {
		return 0, nil, false, err
	}
	if leading(v.a) >= 0 || v.mu == 0 {
		return 0, nil, false, nil
	}
	// 0 = mu·t + Σ lambda·row, so t's value is −Σ lambda·value / mu.
	var sum int64
	for i, l := range v.lambda {
		if l == 0 {
			continue
		}
		uses = append(uses, i)
		p, ok := mul(l, values[i])
		if !ok {
			return 0, nil, false, ErrOverflow
		}
		sum += p
	}
	if sum%v.mu != 0 {
		// Not an integer: the published numbers contradict each other.
		return 0, nil, false, errors.New("solve published counts: inconsistent numbers")
	}
	return -sum / v.mu, uses, true, nil
}
