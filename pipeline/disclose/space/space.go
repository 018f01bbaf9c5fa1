// Package space is the product-set algebra of the disclosure model
// (package disclose): a space whose atoms are the combinations of one
// level of each dimension, its product sets (one subset of levels per
// dimension) and their indicator vectors over the atoms.
package space

import "slices"

// Dim is one dimension: the answer class of a question, a key the
// indicators filter on, or a breakdown attribute.
type Dim struct {
	Key    string
	Levels []int32
}

// Space is a product of dimensions; Size is its number of atoms.
type Space struct {
	Dims []Dim
	Size int
}

// New is the space of dims.
func New(dims []Dim) Space {
	s := Space{Dims: dims, Size: 1}
	for _, d := range dims {
		s.Size *= len(d.Levels)
	}
	return s
}

// Mask is one subset of levels per dimension: a product set.
type Mask [][]bool

// All is the whole space.
func (s *Space) All() Mask {
	n := 0
	for _, d := range s.Dims {
		n += len(d.Levels)
	}
	m, buf := make(Mask, len(s.Dims)), make([]bool, n)
	for i := range buf {
		buf[i] = true
	}
	for i, d := range s.Dims {
		m[i], buf = buf[:len(d.Levels):len(d.Levels)], buf[len(d.Levels):]
	}
	return m
}

// Clone is a copy of m. Its dimensions share one allocation (each capped
// at its length: appending to one never writes into the next).
func (m Mask) Clone() Mask {
	n := 0
	for _, d := range m {
		n += len(d)
	}
	c, buf := make(Mask, len(m)), make([]bool, n)
	for i, d := range m {
		c[i], buf = buf[:len(d):len(d)], buf[copy(buf, d):]
	}
	return c
}

// Clones are n copies of m, in three allocations.
func (m Mask) Clones(n int) []Mask {
	size := 0
	for _, d := range m {
		size += len(d)
	}
	out, dims, buf := make([]Mask, n), make([][]bool, n*len(m)), make([]bool, n*size)
	for j := range out {
		c := Mask(dims[j*len(m) : (j+1)*len(m) : (j+1)*len(m)])
		for i, d := range m {
			c[i], buf = buf[:len(d):len(d)], buf[copy(buf, d):]
		}
		out[j] = c
	}
	return out
}

// Only keeps level k of dimension i, whether m had it or not.
func (m Mask) Only(i, k int) Mask {
	c := m.Clone()
	for j := range c[i] {
		c[i][j] = j == k
	}
	return c
}

// Restrict keeps only level l of dimension i of m (empty if m lacks it).
func (m Mask) Restrict(i, l int) Mask {
	c := m.Clone()
	for j := range c[i] {
		c[i][j] = c[i][j] && j == l
	}
	return c
}

// RestrictTo keeps only levels ls of dimension i of m.
func (m Mask) RestrictTo(i int, ls []int) Mask {
	return m.Clone().Keep(i, ls)
}

// Keep keeps only levels ls of dimension i of m, in m, and returns m.
func (m Mask) Keep(i int, ls []int) Mask {
	for j := range m[i] {
		m[i][j] = m[i][j] && slices.Contains(ls, j)
	}
	return m
}

// CopyTo is m copied into c, a mask of its shape (nil: a clone).
func (m Mask) CopyTo(c Mask) Mask {
	if c == nil {
		return m.Clone()
	}
	for i := range m {
		copy(c[i], m[i])
	}
	return c
}

// With is m with dimension i set to levels.
func (m Mask) With(i int, levels []bool) Mask {
	c := m.Clone()
	c[i] = slices.Clone(levels)
	return c
}

// WholeBut is m (of s's shape; nil: a new mask) made the whole space but
// dimension i, which is the levels l where in(l).
func (s *Space) WholeBut(m Mask, i int, in func(l int) bool) Mask {
	if m == nil {
		m = s.All()
	}
	for j, d := range m {
		for l := range d {
			d[l] = j != i || in(l)
		}
	}
	return m
}

// Index is the dimension of key, the answer's (the first) apart; −1 if
// none.
func (s *Space) Index(key string) int {
	for i, d := range s.Dims {
		if i > 0 && d.Key == key {
			return i
		}
	}
	return -1
}

// Vector is the indicator of m over the atoms.
func (s *Space) Vector(m Mask) []int64 {
	v := make([]int64, s.Size)
	s.AddTo(v, m)
	return v
}

// AddTo adds the indicator of m to v, visiting only m's atoms (the last
// dimension varies fastest), and returns v.
func (s *Space) AddTo(v []int64, m Mask) []int64 {
	s.addFrom(v, m, 0, 0)
	return v
}

func (s *Space) addFrom(v []int64, m Mask, i, base int) {
	if i == len(m) {
		v[base]++
		return
	}
	base *= len(s.Dims[i].Levels)
	for l, in := range m[i] {
		if in {
			s.addFrom(v, m, i+1, base+l)
		}
	}
}

// Within reports whether m's dimensions from from on are subsets of
// box's.
func (m Mask) Within(box Mask, from int) bool {
	for i := from; i < len(m); i++ {
		for l, in := range m[i] {
			if in && !box[i][l] {
				return false
			}
		}
	}
	return true
}

// AllTrue reports whether every level is in b.
func AllTrue(b []bool) bool {
	for _, x := range b {
		if !x {
			return false
		}
	}
	return true
}

// Overlaps reports whether a and b share a level.
func Overlaps(a, b []bool) bool {
	for i := range a {
		if a[i] && b[i] {
			return true
		}
	}
	return false
}

// CodesOf are the codes of the levels set of d.
func (d Dim) CodesOf(set []bool) []int32 {
	var codes []int32
	for l, in := range set {
		if in {
			codes = append(codes, d.Levels[l])
		}
	}
	return codes
}

// SubFrom subtracts b from a, in a, and returns a.
func SubFrom(a, b []int64) []int64 {
	for i, x := range b {
		a[i] -= x
	}
	return a
}

// Add is a + b, entry by entry, into a new vector.
func Add(a, b []int64) []int64 {
	out := slices.Clone(a)
	for i, x := range b {
		out[i] += x
	}
	return out
}

// Sub is a − b, entry by entry, into a new vector.
func Sub(a, b []int64) []int64 {
	out := slices.Clone(a)
	for i, x := range b {
		out[i] -= x
	}
	return out
}

// Set is a set of atoms (its indicator V) named by the codes Codes of
// one key: one of the hidden published counts, or a union of them.
type Set struct {
	V     []int64
	Codes []int32
}

// Unions are each of hidden, each pair and all of them together.
func Unions(hidden []Set) []Set {
	var out []Set
	join := func(sets ...Set) Set {
		u := Set{V: make([]int64, len(sets[0].V))}
		for _, s := range sets {
			for i, x := range s.V {
				u.V[i] = max(u.V[i], x)
			}
			u.Codes = append(u.Codes, s.Codes...)
		}
		slices.Sort(u.Codes)
		u.Codes = slices.Compact(u.Codes)
		return u
	}
	for a := range hidden {
		out = append(out, hidden[a])
		for _, b := range hidden[a+1:] {
			out = append(out, join(hidden[a], b))
		}
	}
	if len(hidden) > 2 {
		out = append(out, join(hidden...))
	}
	return out
}

// Key is a map key of indicator vector v.
func Key(v []int64) string {
	return string(AppendKey(nil, v))
}

// AppendKey appends Key(v) to b: seen[string(AppendKey(buf[:0], v))]
// looks v up without allocating.
func AppendKey(b []byte, v []int64) []byte {
	for _, x := range v {
		b = append(b, byte(x))
	}
	return b
}
