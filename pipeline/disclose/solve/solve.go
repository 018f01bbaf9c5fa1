// Package solve is exact linear algebra over the integers for the
// disclosure auditor: an echelon basis of rows of small integers by
// fraction-free elimination (each row divided by the gcd of its entries),
// whether a vector is a combination of them, with its value, and which
// rows the combination uses.
//
// Most vectors tried are not combinations, and of those that are, few
// are leaks: Value eliminates the vector alone, carrying its value (one
// number) rather than the combination (one coefficient per row). Uses
// eliminates it again, carrying the combination, against a second
// echelon of the same rows built on its first call. The two echelons have
// the same pivots, and each row of one is a multiple of the other's (each
// is the row less what the rows before it give, zero at their pivots:
// one vector up to its scale, whatever the order of the elimination and
// the gcd it is divided by), so the vectors found determined, their
// values and the rows used are exactly those of one elimination carrying
// everything. Value's echelon is kept in the order of its pivots, so
// that it stops at the first column that no row leads and a vector does
// not leave 0 (most vectors tried), not at the end.
package solve

import (
	"errors"
	"math/bits"
	"slices"
)

// ErrOverflow: a coefficient outgrew int64 (never seen for tables, whose
// coefficients stay 0 and ±1 and their small multiples).
var ErrOverflow = errors.New("solve published counts: coefficient overflow")

// vector is a combination: a (over atoms) = mu·target + Σ lambda·row;
// with values, lambda is one number, Σ lambda·value.
type vector struct {
	a      []int64
	lambda []int64
	mu     int64
}

// echelon is an echelon basis: rows[i] leads at column pivot[i]; if
// sorted, in the order of the pivots.
type echelon struct {
	rows   []vector
	pivot  []int
	sorted bool
}

// Basis is an echelon basis of the published rows and their values.
type Basis struct {
	src     [][]int64
	values  []int64
	byValue echelon
	byRow   *echelon // carrying the combinations, built on the first Uses
	scratch vector
}

// New eliminates rows (vectors over atoms) of values (the published
// numbers) into echelon form. rows must not change after.
func New(rows [][]int64, values []int64) (*Basis, error) {
	return NewIn(nil, rows, values)
}

// NewIn is New, its copy of the rows taken from a (nil: the heap).
func NewIn(a *Arena, rows [][]int64, values []int64) (*Basis, error) {
	b := &Basis{src: rows, values: values}
	b.byValue.rows, b.byValue.pivot = make([]vector, 0, len(rows)), make([]int, 0, len(rows))
	b.byValue.sorted = true // for Value's early end (reduceSorted)
	var size int
	for _, r := range rows {
		size += len(r)
	}
	// One allocation for every row's copy and one for their values.
	buf, lambda := a.Vector(size), a.Vector(len(values))
	copy(lambda, values)
	for i, r := range rows {
		a := buf[:len(r):len(r)]
		buf = buf[copy(a, r):]
		v := vector{a: a, lambda: lambda[i : i+1 : i+1]}
		if err := b.byValue.add(v); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Arena hands out the vectors of one search from a few large blocks:
// most live no longer than one question's search, and allocating each
// alone was much of the search's time (the collector's too). Reset frees
// them all at once; nothing handed out may be used after.
type Arena struct {
	blocks [][]int64
	i, off int // the block in use and its first free entry
}

// Vector is a zero vector of n entries (capped: appending copies it).
// A nil Arena allocates it alone.
func (a *Arena) Vector(n int) []int64 {
	if a == nil {
		return make([]int64, n)
	}
	for ; a.i < len(a.blocks); a.i, a.off = a.i+1, 0 {
		if b := a.blocks[a.i]; a.off+n <= len(b) {
			v := b[a.off : a.off+n : a.off+n]
			a.off += n
			clear(v)
			return v
		}
	}
	a.blocks = append(a.blocks, make([]int64, max(n, 1<<14)))
	a.off = n
	return a.blocks[a.i][:n:n]
}

// Reset frees every vector a handed out.
func (a *Arena) Reset() {
	a.i, a.off = 0, 0
}

// add reduces v and keeps it if anything is left.
func (e *echelon) add(v vector) error {
	if err := e.reduce(&v); err != nil {
		return err
	}
	if c := leading(v.a); c >= 0 {
		at := len(e.rows)
		if e.sorted {
			at, _ = slices.BinarySearch(e.pivot, c)
		}
		e.rows, e.pivot = slices.Insert(e.rows, at, v), slices.Insert(e.pivot, at, c)
	}
	return nil
}

// reduceSorted is reduce for a sorted e, which ends early, false, when v
// is not in its row space: each row leaves 0 the columns before its
// pivot, so once the rows of the pivots before a column no row leads are
// taken, v's entry there (only scaled after) is what reduce would end
// with.
func (e *echelon) reduceSorted(v *vector) (bool, error) {
	col := 0 // the first column after the pivots taken
	for k, c := range e.pivot {
		if leading(v.a[col:c]) >= 0 {
			return false, nil
		}
		if col = c + 1; v.a[c] == 0 {
			continue
		}
		p := &e.rows[k]
		if err := combine(v, p.a[c], p, v.a[c], c); err != nil {
			return false, err
		}
	}
	return leading(v.a[col:]) < 0, nil
}

// reduce eliminates v's entries at every pivot column of e.
func (e *echelon) reduce(v *vector) error {
	for k := range e.rows {
		c := e.pivot[k]
		if v.a[c] == 0 {
			continue
		}
		p := &e.rows[k]
		if err := combine(v, p.a[c], p, v.a[c], c); err != nil {
			return err
		}
	}
	return nil
}

// combine sets v = f·v − g·p, divided by the gcd of the result. p's
// entries before its pivot c are 0: there v is only scaled, and left as
// it is when f is 1. Where every factor is under 2³⁰ in magnitude the
// products cannot overflow and are taken directly.
func combine(v *vector, f int64, p *vector, g int64, c int) error {
	ok, start := true, 0
	if f == 1 {
		start = c
	}
	small := f > -1<<30 && f < 1<<30 && g > -1<<30 && g < 1<<30
	a, pa := v.a[start:], p.a[start:len(v.a)]
	for i, x := range a {
		switch y := pa[i]; {
		case small && x > -1<<30 && x < 1<<30 && y > -1<<30 && y < 1<<30:
			a[i] = f*x - g*y
		case y != 0:
			r, o := mulSub(f, x, g, y)
			a[i], ok = r, ok && o
		case x != 0:
			r, o := mul(f, x)
			a[i], ok = r, ok && o
		}
	}
	for i := range v.lambda {
		r, o := mulSub(f, v.lambda[i], g, p.lambda[i])
		v.lambda[i], ok = r, ok && o
	}
	mu, o := mulSub(f, v.mu, g, p.mu)
	v.mu = mu
	if !ok || !o {
		return ErrOverflow
	}
	normalise(v)
	return nil
}

// mulSub is f·x − g·y; false on overflow.
func mulSub(f, x, g, y int64) (int64, bool) {
	a, ok1 := mul(f, x)
	c, ok2 := mul(g, y)
	r := a - c
	if !ok1 || !ok2 || (a >= 0) != (c >= 0) && (r >= 0) != (a >= 0) {
		return 0, false
	}
	return r, true
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
		if g == 1 {
			break
		}
		g = gcd(g, x)
	}
	for _, x := range v.lambda {
		if g == 1 {
			break
		}
		g = gcd(g, x)
	}
	if g == 0 || g == 1 && v.mu >= 0 {
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

// Value reports whether target t (over atoms) is in the row space of b,
// and if so its value from the rows' values.
func (b *Basis) Value(t []int64) (value int64, ok bool, err error) {
	v := b.load(t, 1)
	in, err := b.byValue.reduceSorted(v)
	if err != nil || !in || v.mu == 0 {
		return 0, false, err
	}
	// 0 = mu·t + Σ lambda·row, so t's value is −Σ lambda·value / mu.
	if v.lambda[0]%v.mu != 0 {
		// Not an integer: the published numbers contradict each other.
		return 0, false, errors.New("solve published counts: inconsistent numbers")
	}
	return -v.lambda[0] / v.mu, true, nil
}

// load is t in b's scratch vector, with an empty combination of n rows.
func (b *Basis) load(t []int64, n int) *vector {
	v := &b.scratch
	v.a = append(v.a[:0], t...)
	v.lambda = append(v.lambda[:0], make([]int64, n)...)
	v.mu = 1
	return v
}

// Uses are the rows (indices in rows, ascending) whose combination is
// target t, which Value found determined: there is one combination of
// the rows the elimination keeps, and these are its rows.
func (b *Basis) Uses(t []int64) ([]int, error) {
	lambda, err := b.Combination(t)
	if err != nil {
		return nil, err
	}
	var uses []int
	for i, l := range lambda {
		if l != 0 {
			uses = append(uses, i)
		}
	}
	return uses, nil
}

// Combination is, for a target t in the row space, its one combination
// of the rows the elimination keeps, scaled: t is −Σ lambda[i]·rows[i]
// over a positive number. The slice is b's own until the next call.
func (b *Basis) Combination(t []int64) ([]int64, error) {
	if b.byRow == nil {
		e := &echelon{}
		for i, r := range b.src {
			v := vector{a: append([]int64(nil), r...), lambda: make([]int64, len(b.src))}
			v.lambda[i] = 1
			if err := e.add(v); err != nil {
				return nil, err
			}
		}
		b.byRow = e
	}
	v := b.load(t, len(b.src))
	if err := b.byRow.reduce(v); err != nil {
		return nil, err
	}
	return v.lambda, nil
}
