package search

import (
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/dims"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// target is a candidate group: a union of disjoint product sets (their
// answer-class dimension is set by vector) and how to name it.
type target struct {
	parts []space.Mask
	where []disclose.Condition
}

// vectorInto is, in v (its old entries dropped), the vector of t whose
// answer class is classes.
func (t target) vectorInto(v []int64, m *qmodel, classes []bool) []int64 {
	clear(v)
	for _, p := range t.parts {
		m.mask = append(append(m.mask[:0], classes), p[1:]...)
		m.sp.AddTo(v, m.mask)
	}
	return v
}

// targets are the candidate groups of local domain k (package doc).
func (m *qmodel) targets(k int) []target {
	ts := m.sc.ts[:0]
	last := len(m.sp.Dims) - 1
	byAttr, filterDims := m.byAttr()
	// One level of every dimension, and of the filter keys alone.
	ts = append(ts, m.combos(1, last+1)...)
	if byAttr && filterDims > 1 {
		ts = append(ts, m.combos(1, filterDims)...)
	}
	ts = append(ts, m.regions(filterDims)...)
	m.sc.ts = append(ts, m.hiddenTargets(k)...)
	return m.sc.ts
}

// byAttr reports whether the last dimension is a breakdown attribute no
// domain filters on, and the end of the filter keys' dimensions.
func (m *qmodel) byAttr() (bool, int) {
	last := len(m.sp.Dims) - 1
	if m.sp.Dims[last].Key != "" && !m.isFilterDim(last) {
		return true, last
	}
	return false, last + 1
}

func (m *qmodel) isFilterDim(i int) bool {
	for _, d := range m.idx {
		for _, c := range m.w.Domains[d].Filter {
			if c.Key == m.sp.Dims[i].Key {
				return true
			}
		}
	}
	return false
}

// combos is one target per combination of one level of each dimension in
// [from, to), the others whole (dims.Points).
func (m *qmodel) combos(from, to int) []target {
	parts, where := dims.Points(m.sp, from, to)
	out := make([]target, len(parts))
	for j := range out {
		out[j] = target{parts: parts[j : j+1 : j+1], where: where[j]}
	}
	return out
}

// regions are the parts of the filter keys' space that the domains'
// filters cut out (wholeRegions), whole and cut by one level of one
// dimension.
func (m *qmodel) regions(filterDims int) []target {
	var out []target
	for _, r := range m.wholeRegions(filterDims) {
		out = append(out, r)
		out = append(out, m.slices(r)...)
	}
	return out
}

// wholeRegions are the parts of the filter keys' space (its dimensions
// [1, filterDims)) that the domains' filters cut out (dims.Regions).
func (m *qmodel) wholeRegions(filterDims int) []target {
	if filterDims <= 1 {
		return nil
	}
	boxes := make([]space.Mask, len(m.idx))
	for k := range boxes {
		boxes[k] = m.box(k, false)
	}
	parts, where := dims.Regions(m.sp, filterDims, boxes)
	out := make([]target, len(parts))
	for i := range out {
		out[i] = target{parts: parts[i], where: where[i]}
	}
	return out
}

// slices are region r cut by one dimension: by one of its levels, or by
// the levels a table of the question by that key hides (each, each pair,
// all): 子育て中ではない × 60歳代, or 子育て中ではない × the 年代 that the
// 子育て世帯 indicator hides, which its total minus its shown cells gives.
func (m *qmodel) slices(r target) []target {
	var out []target
	for i := 1; i < len(m.sp.Dims); i++ {
		for _, set := range dims.LevelSets(m.w, m.idx, m.sp.Dims[i], m.cellsOf(m.sp.Dims[i].Key)) {
			t := target{}
			for _, p := range r.parts {
				switch {
				case space.AllTrue(p[i]):
					q := p.Clone()
					q[i] = set
					t.parts = append(t.parts, q)
				case space.Overlaps(p[i], set):
					t.parts = append(t.parts, p) // a point: one level
				}
			}
			if len(t.parts) == 0 || (len(t.parts) == len(r.parts) && !space.AllTrue(r.parts[0][i])) {
				continue // empty, or the region itself
			}
			t.where = disclose.Narrow(r.where, m.sp.Dims[i].Key, m.sp.Dims[i].CodesOf(set))
			out = append(out, t)
		}
	}
	return out
}

// hiddenTargets are domain k's hidden total, and of each of its tables by
// a dimension of the space each hidden cell, every pair of them and all
// of them together.
func (m *qmodel) hiddenTargets(k int) []target {
	d := &m.w.Domains[m.idx[k]]
	nb := m.box(k, false)
	var out []target
	if !d.Total.Shown {
		out = append(out, target{parts: []space.Mask{nb}})
	}
	for _, t := range d.Tables {
		i := m.sp.Index(t.Attribute)
		if i < 0 {
			continue
		}
		var hidden []int
		for l, c := range t.Cells {
			if !c.Shown {
				hidden = append(hidden, l)
			}
		}
		levels := m.cellsOf(t.Attribute)
		cell := func(cs ...int) target {
			tg := target{where: []disclose.Condition{{Key: t.Attribute}}}
			for _, c := range cs {
				for _, l := range levels[c] {
					tg.parts = append(tg.parts, nb.Restrict(i, l))
					tg.where[0].Codes = append(tg.where[0].Codes, m.sp.Dims[i].Levels[l])
				}
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
