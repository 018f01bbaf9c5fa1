package search

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/dims"
	"github.com/shihyo/shihyo/pipeline/disclose/solve"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// decomposes reports whether the numbers of question q (its domains idx)
// split into those of the answer code alone and those of (class, level)
// (package doc): one unfiltered domain, its total and positives shown,
// its positive and its other counted answers each holding a code, and
// an attribute to break down by.
func decomposes(w *disclose.Wave, q string, idx []int) bool {
	if len(idx) != 1 || len(w.Attributes) == 0 {
		return false
	}
	d := w.Domains[idx[0]]
	c := dims.ClassesOf([]disclose.Domain{d}, w.Simple[q])
	var pos, neg, bad bool
	for l := range c.Codes {
		counted, positive := c.Counted[0][l], c.Positive[0][l]
		pos, neg, bad = pos || positive, neg || counted && !positive, bad || positive && !counted
	}
	return pos && neg && !bad && len(d.Filter) == 0 && d.Total.Shown && d.Total.HasP
}

// decomposed is Question for a question that decomposes: the targets of
// the answer code alone (publishedTargets) solved once in the space of
// the codes, those of each attribute (the domain's targets) in the space
// of (class, level), but where that can find nothing (Wave.QuietTable).
// The leaks, their order and the numbers each uses are those of the
// search in the product space, attribute by attribute. If first, it
// stops at the first leak. Its vectors are sc's.
func decomposed(w *disclose.Wave, q string, idx []int, first bool, sc *scratch) ([]disclose.Leak, error) {
	u := newModel(w, q, idx, "", sc)
	u.first = first
	ub, err := solve.NewIn(&u.sc.arena, u.rows, u.values)
	if err != nil {
		return nil, err
	}
	codeLeaks, err := u.searchPublished(ub, u.sc.fresh())
	if err != nil {
		return nil, err
	}
	var leaks []disclose.Leak
	for _, attr := range w.Attributes {
		if leaks = append(leaks, codeLeaks...); first && len(leaks) > 0 {
			break
		}
		if w.QuietTable(idx[0], attr, u.Cells(attr)) {
			continue
		}
		m := newCellModel(w, q, idx, attr, u, ub)
		m.first = first
		b, err := solve.NewIn(&u.sc.arena, m.rows, m.values)
		if err != nil {
			return nil, err
		}
		l, err := m.search(b, 0, u.sc.fresh())
		if err != nil {
			return nil, err
		}
		leaks = append(leaks, l...)
	}
	return leaks, nil
}

// codeModel is the model of the codes alone, beside one of (class, level).
type codeModel struct {
	m    *qmodel
	b    *solve.Basis
	n, p []int64 // the domain's total and its positives over the codes
}

// newCellModel is the model of the domain idx[0] of question q by attr in
// the space of its classes of counted answers (positive, not) × the
// levels of attr: its total, then its tables (that by attr, the others as
// their sum when shown whole). u is the model of the codes alone.
func newCellModel(w *disclose.Wave, q string, idx []int, attr string, u *qmodel, ub *solve.Basis) *qmodel {
	m := &qmodel{w: w, question: q, idx: idx, sc: u.sc, boxes: make([]space.Mask, 2)}
	m.class = dims.Classes{Codes: []int32{1, 2}, Counted: [][]bool{{true, true}}, Positive: [][]bool{{true, false}}}
	m.sp = space.New([]space.Dim{{Levels: m.class.Codes}, {Key: attr, Levels: w.Levels[attr]}})
	m.addRows(0)
	total := []disclose.Ref{{Domain: idx[0], Level: -1}}
	at := slices.IndexFunc(u.uses, func(r []disclose.Ref) bool { return slices.Equal(r, total) })
	m.codes = &codeModel{m: u, b: ub, n: u.rows[at], p: u.rows[at+1]}
	return m
}

// cellRefs are the numbers whose combination is v (determined) in a model
// of (class, level): its combination of the breakdown cells and of the
// total (rows 0 and 1, addRows), whose part is given as the code model
// combines it (package doc).
func (m *qmodel) cellRefs(b *solve.Basis, v []int64) ([]disclose.Ref, error) {
	lambda, err := b.Combination(v)
	if err != nil {
		return nil, err
	}
	total := m.sc.arena.Vector(len(m.codes.n))
	for i := range total {
		total[i] = lambda[0]*m.codes.n[i] + lambda[1]*m.codes.p[i]
	}
	var out []disclose.Ref
	if slices.ContainsFunc(total, func(x int64) bool { return x != 0 }) {
		if out, err = m.codes.m.refs(m.codes.b, total); err != nil {
			return nil, err
		}
	}
	for r, l := range lambda[2:] {
		if l != 0 {
			out = append(out, m.uses[r+2]...)
		}
	}
	return out, nil
}

// quiet are the attributes whose space holds no leak of the one domain
// idx[0] on q, that product need not search (package disclose,
// Decomposition; TestQuietAttributesHideNothing); nil if unknown.
func quiet(w *disclose.Wave, q string, idx []int, sc *scratch) map[string]bool {
	if len(idx) != 1 || len(w.Attributes) == 0 {
		return nil
	}
	m := newModel(w, q, idx, "", sc)
	m.first = true
	b, err := solve.NewIn(&sc.arena, m.rows, m.values)
	if err != nil {
		return nil
	}
	seen := sc.fresh()
	l, err := m.searchPublished(b, seen)
	if err == nil && len(l) == 0 {
		l, err = m.search(b, 0, seen)
	}
	if err != nil || len(l) > 0 {
		return nil
	}
	out := map[string]bool{}
	for _, attr := range w.Attributes {
		out[attr] = m.sp.Index(attr) > 0 || w.QuietTable(idx[0], attr, m.Cells(attr))
	}
	return out
}
