package disclose

import (
	"slices"
	"sort"
)

// dim is one dimension of a question's model: the answer class, a key the
// domains filter on, or the breakdown attribute.
type dim struct {
	key    string  // "" for the answer class
	levels []int32 // codes; for the answer class, class numbers; otherCode
	// for a filter key that is not an attribute: every code its clauses
	// do not name
}

// space is a question's model with one breakdown attribute: the atoms are
// the combinations of one level of each dimension.
type space struct {
	dims  []dim
	size  int
	class classes
}

// mask is one subset of levels per dimension: a product set.
type mask [][]bool

func (s *space) all() mask {
	m := make(mask, len(s.dims))
	for i, d := range s.dims {
		m[i] = make([]bool, len(d.levels))
		for k := range m[i] {
			m[i][k] = true
		}
	}
	return m
}

func (m mask) clone() mask {
	c := make(mask, len(m))
	for i := range m {
		c[i] = slices.Clone(m[i])
	}
	return c
}

// only keeps level k of dimension i.
func (m mask) only(i, k int) mask {
	c := m.clone()
	for j := range c[i] {
		c[i][j] = j == k
	}
	return c
}

// vector is the indicator of m over the atoms.
func (s *space) vector(m mask) []int64 {
	v := make([]int64, s.size)
	for a := range v {
		rest, in := a, true
		for i := len(s.dims) - 1; i >= 0 && in; i-- {
			n := len(s.dims[i].levels)
			in = m[i][rest%n]
			rest /= n
		}
		if in {
			v[a] = 1
		}
	}
	return v
}

// classes are the answer classes of a question: the codes that the
// domains on it tell apart (counted or not, positive or not), each class
// one signature; the last class is every code none of them names.
type classes struct {
	codes   []int // named codes
	classOf []int // class of codes[i]
	n       int
	sig     [][]bool // sig[class] = counted by domain k at 2k, positive at 2k+1
}

func classesOf(ds []Domain) classes {
	var c classes
	for _, d := range ds {
		c.codes = append(c.codes, d.Positive...)
		c.codes = append(c.codes, d.Excluded...)
	}
	sort.Ints(c.codes)
	c.codes = slices.Compact(c.codes)
	index := map[string]int{}
	add := func(s []bool) int {
		key := string(boolsKey(s))
		if k, ok := index[key]; ok {
			return k
		}
		index[key] = c.n
		c.sig = append(c.sig, s)
		c.n++
		return c.n - 1
	}
	for _, code := range c.codes {
		c.classOf = append(c.classOf, add(signature(ds, code, true)))
	}
	add(signature(ds, 0, false))
	return c
}

// signature is, for each domain, whether it counts code (named: a listed
// code; otherwise any code it does not list) and counts it as positive.
func signature(ds []Domain, code int, named bool) []bool {
	s := make([]bool, 2*len(ds))
	for k, d := range ds {
		excluded := named && slices.Contains(d.Excluded, code)
		s[2*k] = !excluded
		s[2*k+1] = !excluded && named && slices.Contains(d.Positive, code)
	}
	return s
}

func boolsKey(s []bool) []byte {
	b := make([]byte, len(s))
	for i, x := range s {
		if x {
			b[i] = 1
		}
	}
	return b
}

// levels of the answer class counted (positive: counted as positive) by
// domain k.
func (c classes) mask(k int, positive bool) []bool {
	m := make([]bool, c.n)
	off := 0
	if positive {
		off = 1
	}
	for i := range m {
		m[i] = c.sig[i][2*k+off]
	}
	return m
}
