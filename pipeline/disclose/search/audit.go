package search

import (
	"sync"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/search/targets"
	"github.com/shihyo/shihyo/pipeline/disclose/solve"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// Audit returns every leak of w: the groups of 1 to Threshold−1
// respondents that its published numbers show or determine: those shown,
// the one-way 単純集計 of the keys outside every question's model, then
// question by question, breakdown attribute by attribute.
func Audit(w *disclose.Wave) ([]disclose.Leak, error) {
	leaks := append(w.ShownSmall(), w.OneWay()...)
	for _, q := range w.Questions() {
		l, err := Question(w, q)
		if err != nil {
			return nil, err
		}
		leaks = append(leaks, l...)
	}
	return leaks, nil
}

// Question returns the leaks among the numbers published about
// question q: its domains' totals, tables and flows and its 単純集計.
func Question(w *disclose.Wave, q string) ([]disclose.Leak, error) {
	return question(w, q, false)
}

// First is the first of Question's leaks, nil if none: the search stops
// there (disclosure control needs one recovery at a time).
func First(w *disclose.Wave, q string) (*disclose.Leak, error) {
	leaks, err := question(w, q, true)
	if err != nil || len(leaks) == 0 {
		return nil, err
	}
	return &leaks[0], nil
}

// question is Question; if first, it stops at the first leak.
func question(w *disclose.Wave, q string, first bool) ([]disclose.Leak, error) {
	var idx []int
	flows := false
	for i, d := range w.Domains {
		if d.Question == q {
			idx = append(idx, i)
			flows = flows || len(d.Flow) > 0
		}
	}
	if len(idx) == 1 && !flows && w.Simple[q] == nil {
		return w.Single(idx[0]), nil
	}
	sc := scratches.Get().(*scratch) // this worker's, for one question
	defer func() { sc.reset(); scratches.Put(sc) }()
	if decomposes(w, q, idx) {
		return decomposed(w, q, idx, first, sc)
	}
	return product(w, q, idx, first, sc)
}

var scratches = sync.Pool{New: func() any { return newScratch() }}

// product is Question in the product space of the answer codes, the
// filter keys and each attribute in turn, but those where nothing is to
// be found (quiet); publishedTargets, of no attribute but the filter
// keys (package doc), in the first only. If first, it stops at the first
// leak. Its vectors are sc's.
func product(w *disclose.Wave, q string, idx []int, first bool, sc *scratch) ([]disclose.Leak, error) {
	return productBut(w, q, idx, first, sc, quiet(w, q, idx, sc))
}

// productBut is product, the attributes skip left out.
func productBut(w *disclose.Wave, q string, idx []int, first bool, sc *scratch, skip map[string]bool) ([]disclose.Leak, error) {
	attrs := w.Attributes
	if len(attrs) == 0 {
		attrs = []string{""}
	}
	var leaks, published []disclose.Leak
	for i, attr := range attrs {
		if skip[attr] {
			continue
		}
		seen := sc.fresh() // targets already tried in this space
		m := newModel(w, q, idx, attr, sc)
		m.first = first
		b, err := solve.NewIn(&sc.arena, m.rows, m.values)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			for _, t := range m.publishedTargets() {
				seen.published[space.Key(t.v)] = true
			}
		} else if published, err = m.searchPublished(b, seen); err != nil {
			return nil, err
		}
		leaks = append(leaks, published...)
		for k := 0; k < len(idx) && !(first && len(leaks) > 0); k++ {
			l, err := m.search(b, k, seen)
			if err != nil {
				return nil, err
			}
			leaks = append(leaks, l...)
		}
		if first && len(leaks) > 0 {
			break
		}
	}
	return leaks, nil
}

// searchPublished tries the hidden counts of the 単純集計 and the flows,
// and the regions over everyone (publishedTargets), against b.
func (m *qmodel) searchPublished(b *solve.Basis, seen tried) ([]disclose.Leak, error) {
	var leaks []disclose.Leak
	for _, t := range m.publishedTargets() {
		key := space.Key(t.v)
		if _, done := seen.counts[key]; done {
			continue
		}
		n, ok, err := b.Value(t.v)
		if err != nil {
			return nil, err
		}
		seen.counts[key] = ok
		l, err := m.leakOf(b, ok, n, t.v, disclose.Leak{Domain: t.domain, Where: t.where, Everyone: t.everyone})
		if err != nil {
			return nil, err
		}
		if leaks = append(leaks, l...); m.first && len(leaks) > 0 {
			break
		}
	}
	return leaks, nil
}

// search tries every target of local domain k against the basis b of m's
// published rows: its count, and where that is not determined, its
// positives.
func (m *qmodel) search(b *solve.Basis, k int, seen tried) ([]disclose.Leak, error) {
	var leaks []disclose.Leak
	m.nv, m.pv = m.sc.arena.Vector(m.sp.Size), m.sc.arena.Vector(m.sp.Size)
	m.sc.ts = targets.Of(m, k, m.sc.ts)
	for _, t := range m.sc.ts {
		l, err := m.try(b, k, t, seen)
		if err != nil {
			return nil, err
		}
		if leaks = append(leaks, l...); m.first && len(leaks) > 0 {
			break
		}
	}
	return leaks, nil
}

// try is the leak of target t of local domain k, if any: its count,
// unless tried before, and its positives where the count is not
// determined, unless tried before.
func (m *qmodel) try(b *solve.Basis, k int, t targets.Target, seen tried) ([]disclose.Leak, error) {
	leak := disclose.Leak{Domain: m.idx[k], Where: t.Where}
	nv := m.vectorInto(m.nv, t, m.class.Mask(k, false))
	m.key = space.AppendKey(m.key[:0], nv)
	determined, done := seen.counts[string(m.key)]
	if !done {
		n, ok, err := b.Value(nv)
		if err != nil {
			return nil, err
		}
		seen.counts[string(m.key)], determined = ok, ok
		if ok && !seen.published[string(m.key)] {
			return m.leakOf(b, true, n, nv, leak)
		}
	}
	if determined {
		return nil, nil
	}
	pv := m.vectorInto(m.pv, t, m.class.Mask(k, true))
	if m.key = space.AppendKey(m.key[:0], pv); seen.positives[string(m.key)] {
		return nil, nil
	}
	seen.positives[string(m.key)] = true
	n, ok, err := b.Value(pv)
	if err != nil {
		return nil, err
	}
	leak.Positives = true
	return m.leakOf(b, ok, n, pv, leak)
}

// leakOf is l, of n respondents, when the group of vector v determined
// (ok) with n is a leak (small), with the numbers it uses; else nothing.
func (m *qmodel) leakOf(b *solve.Basis, ok bool, n int64, v []int64, l disclose.Leak) ([]disclose.Leak, error) {
	small, err := m.small(ok, n, v)
	if err != nil || !small {
		return nil, err
	}
	l.Question, l.N = m.question, n
	l.Uses, err = m.refs(b, v)
	return []disclose.Leak{l}, err
}

// small reports whether a group of vector v determined (ok) with n
// respondents is a leak: 1 to Threshold−1, and not exempt.
func (m *qmodel) small(ok bool, n int64, v []int64) (bool, error) {
	if !ok || n <= 0 || n >= disclose.Threshold {
		return false, nil
	}
	ex, err := m.exempt(v)
	return !ex, err
}

// refs are the published numbers whose combination is v (determined).
func (m *qmodel) refs(b *solve.Basis, v []int64) ([]disclose.Ref, error) {
	if m.codes != nil {
		return m.cellRefs(b, v)
	}
	rows, err := b.Uses(v)
	if err != nil {
		return nil, err
	}
	var out []disclose.Ref
	for _, r := range rows {
		out = append(out, m.uses[r]...)
	}
	return out, nil
}
