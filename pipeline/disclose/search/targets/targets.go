// Package targets lists the candidate groups that package search tries
// against one question's published numbers: each combination of one code
// per dimension, the regions the filters cut out (whole and cut by one
// dimension), the whole space cut by one dimension or two, the hidden
// cells of each table, and a set of a domain less what others show in it
// (package search's doc says which and why). It builds on the space's dimensions alone: what a
// group's vector is, whether it is determined and whether it is small are
// search's.
package targets

import (
	"fmt"
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/dims"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// Model is one question's model as its targets read it: package search's
// model of the question's published rows. Box and Cells may return what
// they computed once (they are asked again for each domain and
// attribute); the targets never change it.
type Model interface {
	Wave() *disclose.Wave
	// Domains are the domains on the question (indices in Wave().Domains);
	// k below is an index in them.
	Domains() []int
	// Space is the space of the answer classes, the filter keys and one
	// breakdown attribute, if any.
	Space() *space.Space
	// Box is the set local domain k counts (positive: its positives).
	Box(k int, positive bool) space.Mask
	// Cells is Wave().Cells of attr.
	Cells(attr string) [][]int
}

// Target is a candidate group: a union of disjoint product sets (their
// answer-class dimension is set by the search's vector) and how to name
// it.
type Target struct {
	Parts []space.Mask
	Where []disclose.Condition
}

// Of are the candidate groups of local domain k, appended to buf[:0] (one
// question's search reuses its room, one domain at a time).
func Of(m Model, k int, buf []Target) []Target {
	ts := buf[:0]
	last := len(m.Space().Dims) - 1
	byAttr, filterDims := ByAttr(m)
	// One level of every dimension, and of the filter keys alone.
	ts = append(ts, combos(m, 1, last+1)...)
	if byAttr && filterDims > 1 {
		ts = append(ts, combos(m, 1, filterDims)...)
	}
	ts = append(ts, regions(m, filterDims)...)
	ts = append(ts, margins(m)...)
	ts = append(ts, hiddenTargets(m, k)...)
	return append(ts, lShapes(m, k)...)
}

// lShapes are sets of local domain k less what other domains show
// inside them. The sets: the hidden cells of a table of k (each, each
// pair, all), each shown cell, and k's part inside another domain's
// filter. Taken away: a cell of any table of another domain, all of one
// of its tables, or its total, when inside the set; one such, or one of
// each of two domains. The difference is a piece cut by a filter and a
// piece that is not (焼野 outside 子育て中ではない, and 地域 無回答 whole:
// 2-2's hidden 焼野 and 無回答 less 2-3's 焼野, 2-3 on kosodate=2), no
// product of code sets: it is given as its points.
func lShapes(m Model, k int) []Target {
	sp := m.Space()
	points, _ := dims.Points(*sp, 1, len(sp.Dims))
	of := func(b space.Mask) []bool {
		in := make([]bool, len(points))
		for x, p := range points {
			in[x] = p.Within(b, 1)
		}
		return in
	}
	shown := make([][][]bool, len(m.Domains())) // by local domain, but k's
	for k2 := range shown {
		if k2 != k {
			shown[k2] = shownOf(m, k2, of)
		}
	}
	var out []Target
	for _, set := range lSets(m, k, of) {
		for _, minus := range subtrahends(set.in, shown) {
			out = appendDifference(out, points, set.in, minus, set.where)
		}
	}
	return out
}

// lSet is a set lShapes takes from: its points and its name.
type lSet struct {
	in    []bool
	where []disclose.Condition
}

// lSets are the sets of local domain k that lShapes takes from, as the
// points of dims.Points (of).
func lSets(m Model, k int, of func(space.Mask) []bool) []lSet {
	sp := m.Space()
	d := &m.Wave().Domains[m.Domains()[k]]
	box := m.Box(k, false)
	var out []lSet
	for _, t := range d.Tables {
		i := sp.Index(t.Attribute)
		if i < 0 {
			continue
		}
		levels := m.Cells(t.Attribute)
		add := func(cells []int) {
			var hl []int
			for _, c := range cells {
				hl = append(hl, levels[c]...)
			}
			out = append(out, lSet{of(box.RestrictTo(i, hl)), []disclose.Condition{{Key: t.Attribute, Codes: sp.Dims[i].CodesOf(dims.LevelSet(len(sp.Dims[i].Levels), hl...))}}})
		}
		for _, h := range hiddenSets(t) {
			add(h)
		}
		for c, cell := range t.Cells {
			if cell.Shown && cell.N >= disclose.Threshold {
				add([]int{c})
			}
		}
	}
	mine := of(box)
	for k2 := range m.Domains() {
		if k2 != k {
			in := of(m.Box(k2, false))
			for x := range in {
				in[x] = in[x] && mine[x]
			}
			out = append(out, lSet{in: in})
		}
	}
	return out
}

// subtrahends are what lShapes takes away from the points in: what each
// other domain shows inside them (shown, by domain: a cell of any table,
// all of one table there, its total), one at a time and one of each of
// two domains.
func subtrahends(in []bool, shown [][][]bool) [][][]bool {
	within := func(b []bool) bool {
		for x, y := range b {
			if y && !in[x] {
				return false
			}
		}
		return slices.Contains(b, true)
	}
	var each [][][]bool // by domain
	for _, sets := range shown {
		var minus [][]bool
		for _, b := range sets {
			if within(b) {
				minus = append(minus, b)
			}
		}
		each = append(each, minus)
	}
	var out [][][]bool
	for a, ms := range each {
		for _, x := range ms {
			out = append(out, [][]bool{x})
			for _, other := range each[a+1:] {
				for _, y := range other {
					out = append(out, [][]bool{x, y})
				}
			}
		}
	}
	return out
}

// shownOf are the sets local domain k shows, as points: its total if
// shown, each shown cell of its tables by a dimension of the space, and
// all of one table's shown cells together.
func shownOf(m Model, k int, of func(space.Mask) []bool) [][]bool {
	sp := m.Space()
	d := &m.Wave().Domains[m.Domains()[k]]
	box := m.Box(k, false)
	var out [][]bool
	if d.Total.Shown {
		out = append(out, of(box))
	}
	for _, t := range d.Tables {
		i := sp.Index(t.Attribute)
		if i < 0 {
			continue
		}
		levels := m.Cells(t.Attribute)
		var all []int
		n := 0
		for c, cell := range t.Cells {
			if cell.Shown && cell.N > 0 {
				out = append(out, of(box.RestrictTo(i, levels[c])))
				all = append(all, levels[c]...)
				n++
			}
		}
		if n > 1 {
			out = append(out, of(box.RestrictTo(i, all)))
		}
	}
	return out
}

// appendDifference appends the points in outside every set of minus as
// one target (the answer class is the search's), unless that is empty
// or in itself.
func appendDifference(out []Target, points []space.Mask, in []bool, minus [][]bool, where []disclose.Condition) []Target {
	var t Target
	whole := true
	for x, p := range points {
		if !in[x] {
			continue
		}
		if slices.ContainsFunc(minus, func(b []bool) bool { return b[x] }) {
			whole = false
			continue
		}
		t.Parts = append(t.Parts, p)
	}
	if len(t.Parts) == 0 || whole {
		return out
	}
	t.Where = where
	return append(out, t)
}

// margins are the whole space cut by one dimension, by a level set of it
// (marginSets), or by two: a filter's codes or the rest of them on one,
// any level set on the other; whatever the other keys. With two keys or
// more no point nor region is such a group, yet published tables give it:
// the 無回答 of 子育て inside a cell merged with it (子育て中ではない・無回答)
// less the total of a domain filtered on that code, when another domain
// filters on 年代; or 子育て中・無回答 outside 60歳以上, an unfiltered
// table's cells by 子育て less a 60歳以上 domain's. Pairs of two sets of
// any kind were tried too: what they add over these on the brute-force
// tables is nothing, and their number is the square of the sets'.
func margins(m Model) []Target {
	sp := m.Space()
	if len(sp.Dims) <= 2 {
		return nil // one key: its levels are the points, its sets the cells
	}
	sets, filters := make([][][]bool, len(sp.Dims)), make([][][]bool, len(sp.Dims))
	for i := 1; i < len(sp.Dims); i++ {
		sets[i], filters[i] = marginSets(m, i)
	}
	var out []Target
	for i := 1; i < len(sp.Dims); i++ {
		for _, si := range sets[i] {
			out = append(out, cut(sp, sp.All(), i, si, nil))
		}
		for _, fi := range filters[i] {
			t := cut(sp, sp.All(), i, fi, nil)
			for j := 1; j < len(sp.Dims); j++ {
				if j == i {
					continue
				}
				for _, sj := range sets[j] {
					out = append(out, cut(sp, t.Parts[0], j, sj, t.Where))
				}
			}
		}
	}
	return out
}

// cut is part p of the space with dimension i kept to the levels set,
// named by where narrowed to them.
func cut(sp *space.Space, p space.Mask, i int, set []bool, where []disclose.Condition) Target {
	q := p.With(i, set)
	return Target{Parts: []space.Mask{q}, Where: disclose.Narrow(where, sp.Dims[i].Key, sp.Dims[i].CodesOf(set))}
}

// marginSets are the level sets of dimension i that margins cut by: those
// a region is cut by (dims.LevelSets) and the codes of each filter clause
// on its key, and the complement of each of them; and, of them, the
// filters' codes and their complements alone.
func marginSets(m Model, i int) (sets, filters [][]bool) {
	w, sp := m.Wave(), m.Space()
	d := sp.Dims[i]
	for _, g := range m.Domains() {
		for _, c := range w.Domains[g].Filter {
			if c.Key != d.Key {
				continue
			}
			filters = append(filters, dims.FilterLevels(d, c.Codes))
		}
	}
	sets = withComplements(append(dims.LevelSets(w, m.Domains(), d, m.Cells(d.Key)), filters...))
	return sets, withComplements(filters)
}

// withComplements is sets and the complement of each, but the empty set
// and the whole dimension, each set once.
func withComplements(sets [][]bool) [][]bool {
	out := make([][]bool, 0, 2*len(sets))
	seen := map[string]bool{}
	for _, set := range sets {
		not := make([]bool, len(set))
		for l, in := range set {
			not[l] = !in
		}
		for _, s := range [][]bool{set, not} {
			key := fmt.Sprint(s)
			if seen[key] || !slices.Contains(s, true) || !slices.Contains(s, false) {
				continue
			}
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

// ByAttr reports whether the last dimension of m's space is a breakdown
// attribute no domain filters on, and the end of the filter keys'
// dimensions.
func ByAttr(m Model) (bool, int) {
	sp := m.Space()
	last := len(sp.Dims) - 1
	if sp.Dims[last].Key != "" && !IsFilterDim(m, last) {
		return true, last
	}
	return false, last + 1
}

// IsFilterDim reports whether dimension i of m's space is a key that a
// domain on the question filters on.
func IsFilterDim(m Model, i int) bool {
	w, sp := m.Wave(), m.Space()
	for _, d := range m.Domains() {
		for _, c := range w.Domains[d].Filter {
			if c.Key == sp.Dims[i].Key {
				return true
			}
		}
	}
	return false
}

// combos is one target per combination of one level of each dimension in
// [from, to), the others whole (dims.Points).
func combos(m Model, from, to int) []Target {
	parts, where := dims.Points(*m.Space(), from, to)
	out := make([]Target, len(parts))
	for j := range out {
		out[j] = Target{Parts: parts[j : j+1 : j+1], Where: where[j]}
	}
	return out
}

// regions are the parts of the filter keys' space that the domains'
// filters cut out (WholeRegions), whole and cut by one level of one
// dimension.
func regions(m Model, filterDims int) []Target {
	var out []Target
	for _, r := range WholeRegions(m, filterDims) {
		out = append(out, r)
		out = append(out, cuts(m, r)...)
	}
	return out
}

// WholeRegions are the parts of the filter keys' space (its dimensions
// [1, filterDims), ByAttr's end) that the domains' filters cut out
// (dims.Regions); nil if the space has no filter key.
func WholeRegions(m Model, filterDims int) []Target {
	if filterDims <= 1 {
		return nil
	}
	boxes := make([]space.Mask, len(m.Domains()))
	for k := range boxes {
		boxes[k] = m.Box(k, false)
	}
	parts, where := dims.Regions(*m.Space(), filterDims, boxes)
	out := make([]Target, len(parts))
	for i := range out {
		out[i] = Target{Parts: parts[i], Where: where[i]}
	}
	return out
}

// cuts are region r cut by one dimension: by one of its levels, or by
// the levels a table of the question by that key hides (each, each pair,
// all): 子育て中ではない × 60歳代, or 子育て中ではない × the 年代 that the
// 子育て世帯 indicator hides, which its total minus its shown cells gives.
func cuts(m Model, r Target) []Target {
	var out []Target
	sp := m.Space()
	for i := 1; i < len(sp.Dims); i++ {
		for _, set := range dims.LevelSets(m.Wave(), m.Domains(), sp.Dims[i], m.Cells(sp.Dims[i].Key)) {
			t := Target{}
			for _, p := range r.Parts {
				switch {
				case space.AllTrue(p[i]):
					q := p.Clone()
					q[i] = set
					t.Parts = append(t.Parts, q)
				case space.Overlaps(p[i], set):
					t.Parts = append(t.Parts, p) // a point: one level
				}
			}
			if len(t.Parts) == 0 || (len(t.Parts) == len(r.Parts) && !space.AllTrue(r.Parts[0][i])) {
				continue // empty, or the region itself
			}
			t.Where = disclose.Narrow(r.Where, sp.Dims[i].Key, sp.Dims[i].CodesOf(set))
			out = append(out, t)
		}
	}
	return out
}

// hiddenTargets are domain k's hidden total, and of each of its tables by
// a dimension of the space each hidden cell, every pair of them and all
// of them together.
func hiddenTargets(m Model, k int) []Target {
	sp := m.Space()
	d := &m.Wave().Domains[m.Domains()[k]]
	nb := m.Box(k, false)
	var out []Target
	if !d.Total.Shown {
		out = append(out, Target{Parts: []space.Mask{nb}})
	}
	for _, t := range d.Tables {
		i := sp.Index(t.Attribute)
		if i < 0 {
			continue
		}
		levels := m.Cells(t.Attribute)
		cell := func(cs ...int) Target {
			tg := Target{Where: []disclose.Condition{{Key: t.Attribute}}}
			for _, c := range cs {
				for _, l := range levels[c] {
					tg.Parts = append(tg.Parts, nb.Restrict(i, l))
					tg.Where[0].Codes = append(tg.Where[0].Codes, sp.Dims[i].Levels[l])
				}
			}
			return tg
		}
		for _, h := range hiddenSets(t) {
			out = append(out, cell(h...))
		}
	}
	return out
}

// hiddenSets are the hidden cells of t: each, each pair and, of more
// than two, all.
func hiddenSets(t disclose.Table) [][]int {
	var hidden []int
	for l, c := range t.Cells {
		if !c.Shown {
			hidden = append(hidden, l)
		}
	}
	var out [][]int
	for a, l := range hidden {
		out = append(out, []int{l})
		for _, l2 := range hidden[a+1:] {
			out = append(out, []int{l, l2})
		}
	}
	if len(hidden) > 2 {
		out = append(out, hidden)
	}
	return out
}
