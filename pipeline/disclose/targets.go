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
// filters cut out (each point by which filters it passes), whole and by
// each level of the attribute.
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
		if !byAttr {
			continue
		}
		last := len(m.sp.dims) - 1
		for l, code := range m.sp.dims[last].levels {
			t := target{where: append(append([]Condition(nil), r.where...), Condition{Key: m.sp.dims[last].key, Codes: []int32{code}})}
			for _, p := range r.parts {
				t.parts = append(t.parts, p.only(last, l))
			}
			out = append(out, t)
		}
	}
	return out
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
