package disclose

// target is a candidate group: a union of disjoint product sets (their
// answer-class dimension is set by vector) and how to name it.
type target struct {
	parts []mask
	where []Condition
}

func (t target) vector(m *qmodel, classes []bool) []int64 {
	v := make([]int64, m.sp.size)
	for _, p := range t.parts {
		p = p.clone()
		p[0] = classes
		for i, x := range m.sp.vector(p) {
			v[i] += x
		}
	}
	return v
}

// targets are the candidate groups of local domain k (package doc).
func (m *qmodel) targets(k int) []target {
	var ts []target
	last := len(m.sp.dims) - 1
	byAttr := m.sp.dims[last].key != "" && !m.isFilterDim(last)
	filterDims := last
	if !byAttr {
		filterDims = last + 1
	}
	// One level of every dimension, and of the filter keys alone.
	ts = append(ts, m.combos(1, last+1)...)
	if byAttr && filterDims > 1 {
		ts = append(ts, m.combos(1, filterDims)...)
	}
	ts = append(ts, m.regions(filterDims, byAttr)...)
	return append(ts, m.hiddenTargets(k)...)
}

func (m *qmodel) isFilterDim(i int) bool {
	for _, d := range m.idx {
		for _, c := range m.w.Domains[d].Filter {
			if c.Key == m.sp.dims[i].key {
				return true
			}
		}
	}
	return false
}

// combos is one target per combination of one level of each dimension in
// [from, to), the others whole.
func (m *qmodel) combos(from, to int) []target {
	out := []target{{parts: []mask{m.sp.all()}}}
	for i := from; i < to; i++ {
		var next []target
		for _, t := range out {
			for l, code := range m.sp.dims[i].levels {
				where := append(append([]Condition(nil), t.where...), Condition{Key: m.sp.dims[i].key, Codes: []int32{code}})
				next = append(next, target{parts: []mask{t.parts[0].only(i, l)}, where: where})
			}
		}
		out = next
	}
	if from == to {
		return nil
	}
	return out
}

// regions are the parts of the filter keys' space that the domains'
// filters cut out (each point by which filters it passes), whole and cut
// by one level of one dimension.
func (m *qmodel) regions(filterDims int, byAttr bool) []target {
	if filterDims <= 1 {
		return nil
	}
	points := m.combos(1, filterDims)
	order, groups := []string{}, map[string][]target{}
	for _, p := range points {
		key := string(m.passes(p.parts[0]))
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], p)
	}
	var out []target
	for _, key := range order {
		r := merge(groups[key])
		out = append(out, r)
		out = append(out, m.slices(r)...)
	}
	return out
}

// slices are region r cut by one dimension: by one of its levels, or by
// the levels a table of the question by that key hides (each, each pair,
// all): 子育て中ではない × 60歳代, or 子育て中ではない × the 年代 that the
// 子育て世帯 indicator hides, which its total minus its shown cells gives.
func (m *qmodel) slices(r target) []target {
	var out []target
	for i := 1; i < len(m.sp.dims); i++ {
		for _, set := range m.levelSets(i) {
			t := target{}
			for _, p := range r.parts {
				switch {
				case allTrue(p[i]):
					q := p.clone()
					q[i] = set
					t.parts = append(t.parts, q)
				case overlaps(p[i], set):
					t.parts = append(t.parts, p) // a point: one level
				}
			}
			if len(t.parts) == 0 || (len(t.parts) == len(r.parts) && !allTrue(r.parts[0][i])) {
				continue // empty, or the region itself
			}
			t.where = withCondition(r.where, m.sp.dims[i].key, m.codesOf(i, set))
			out = append(out, t)
		}
	}
	return out
}

// levelSets are the sets of levels of dimension i to cut by: each level,
// and the hidden levels of each table by its key (each pair and all).
func (m *qmodel) levelSets(i int) [][]bool {
	n := len(m.sp.dims[i].levels)
	one := func(ls ...int) []bool {
		b := make([]bool, n)
		for _, l := range ls {
			b[l] = true
		}
		return b
	}
	var sets [][]bool
	for l := range n {
		sets = append(sets, one(l))
	}
	for _, k := range m.idx {
		for _, t := range m.w.Domains[k].Tables {
			if t.Attribute != m.sp.dims[i].key {
				continue
			}
			var hidden []int
			for l, c := range t.Cells {
				if !c.Shown {
					hidden = append(hidden, l)
				}
			}
			for a := range hidden {
				for _, b := range hidden[a+1:] {
					sets = append(sets, one(hidden[a], b))
				}
			}
			if len(hidden) > 2 {
				sets = append(sets, one(hidden...))
			}
		}
	}
	return sets
}

func overlaps(a, b []bool) bool {
	for i := range a {
		if a[i] && b[i] {
			return true
		}
	}
	return false
}

func (m *qmodel) codesOf(i int, set []bool) []int32 {
	var codes []int32
	for l, in := range set {
		if in {
			codes = append(codes, m.sp.dims[i].levels[l])
		}
	}
	return codes
}

func allTrue(b []bool) bool {
	for _, x := range b {
		if !x {
			return false
		}
	}
	return true
}

// withCondition is where with key narrowed to codes.
func withCondition(where []Condition, key string, codes []int32) []Condition {
	out := make([]Condition, 0, len(where)+1)
	for _, c := range where {
		if c.Key != key {
			out = append(out, c)
		}
	}
	return append(out, Condition{Key: key, Codes: codes})
}

// passes is, for each domain on the question, whether the point (one
// level of each filter key) passes its filter.
func (m *qmodel) passes(point mask) []byte {
	b := make([]byte, len(m.idx))
	for k := range m.idx {
		box := m.box(k, false)
		b[k] = 1
		for i := 1; i < len(point); i++ {
			for l, in := range point[i] {
				if in && !box[i][l] {
					b[k] = 0
				}
			}
		}
	}
	return b
}

// merge is the union of points, named by the codes of each key they take.
func merge(points []target) target {
	var t target
	for _, p := range points {
		t.parts = append(t.parts, p.parts[0])
		for i, c := range p.where {
			if i == len(t.where) {
				t.where = append(t.where, Condition{Key: c.Key})
			}
			if !containsCode(t.where[i].Codes, c.Codes[0]) {
				t.where[i].Codes = append(t.where[i].Codes, c.Codes[0])
			}
		}
	}
	return t
}

func containsCode(codes []int32, c int32) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

// hiddenTargets are domain k's hidden total, and of each of its tables by
// a dimension of the space each hidden cell, every pair of them and all
// of them together.
func (m *qmodel) hiddenTargets(k int) []target {
	d := &m.w.Domains[m.idx[k]]
	nb := m.box(k, false)
	var out []target
	if !d.Total.Shown {
		out = append(out, target{parts: []mask{nb}})
	}
	for _, t := range d.Tables {
		i := m.dimIndex(t.Attribute)
		if i < 0 {
			continue
		}
		var hidden []int
		for l, c := range t.Cells {
			if !c.Shown {
				hidden = append(hidden, l)
			}
		}
		cell := func(ls ...int) target {
			tg := target{where: []Condition{{Key: t.Attribute}}}
			for _, l := range ls {
				tg.parts = append(tg.parts, restrict(nb, i, l))
				tg.where[0].Codes = append(tg.where[0].Codes, m.sp.dims[i].levels[l])
			}
			return tg
		}
		for a, l := range hidden {
			out = append(out, cell(l))
			for _, l2 := range hidden[a+1:] {
				out = append(out, cell(l, l2))
			}
		}
		if len(hidden) > 2 {
			out = append(out, cell(hidden...))
		}
	}
	return out
}
