package disclose

import (
	"slices"
	"sort"

	"github.com/shihyo/shihyo/pipeline/disclose/solve"
)

// Audit returns every leak of w: the groups of 1 to Threshold−1
// respondents that its published numbers show or determine, question by
// question, breakdown attribute by attribute.
func Audit(w *Wave) ([]Leak, error) {
	leaks := w.shownSmall()
	for _, q := range w.questions() {
		l, err := w.AuditQuestion(q)
		if err != nil {
			return nil, err
		}
		leaks = append(leaks, l...)
	}
	return leaks, nil
}

// questions are the questions of w's domains, sorted.
func (w *Wave) questions() []string {
	var qs []string
	for _, d := range w.Domains {
		qs = append(qs, d.Question)
	}
	sort.Strings(qs)
	return slices.Compact(qs)
}

// AuditQuestion returns the leaks among the domains on question q.
func (w *Wave) AuditQuestion(q string) ([]Leak, error) {
	var idx []int
	for i, d := range w.Domains {
		if d.Question == q {
			idx = append(idx, i)
		}
	}
	if len(idx) == 1 {
		return w.single(idx[0]), nil
	}
	var leaks []Leak
	for _, attr := range w.Attributes {
		seen := map[string]bool{} // targets already tried in this space
		m := w.model(idx, attr)
		b, err := solve.NewBasis(m.rows)
		if err != nil {
			return nil, err
		}
		for k := range idx {
			l, err := m.search(b, k, seen)
			if err != nil {
				return nil, err
			}
			leaks = append(leaks, l...)
		}
	}
	return leaks, nil
}

// search tries every target of local domain k against the basis b of m's
// published rows.
func (m *qmodel) search(b *solve.Basis, k int, seen map[string]bool) ([]Leak, error) {
	var leaks []Leak
	for _, t := range m.targets(k) {
		nv := t.vector(m, m.sp.class.mask(k, false))
		key := string(int64sKey(nv))
		if seen[key] {
			continue
		}
		seen[key] = true
		n, uses, ok, err := b.Solve(nv, m.values)
		if err != nil {
			return nil, err
		}
		if ok {
			if n > 0 && n < Threshold {
				leaks = append(leaks, Leak{Domain: m.idx[k], Where: t.where, N: n, Uses: m.refs(uses)})
			}
			continue
		}
		pv := t.vector(m, m.sp.class.mask(k, true))
		p, uses, ok, err := b.Solve(pv, m.values)
		if err != nil {
			return nil, err
		}
		if ok && p > 0 && p < Threshold && !m.shownPositives[string(int64sKey(pv))] {
			leaks = append(leaks, Leak{Domain: m.idx[k], Where: t.where, N: p, Positives: true, Uses: m.refs(uses)})
		}
	}
	return leaks, nil
}

func (m *qmodel) refs(rows []int) []Ref {
	var out []Ref
	for _, r := range rows {
		out = append(out, m.uses[r]...)
	}
	return out
}

func int64sKey(v []int64) []byte {
	b := make([]byte, len(v))
	for i, x := range v {
		b[i] = byte(x)
	}
	return b
}

// single is the audit of the only domain on its question: each table
// against the total is one equation (no other table counts anyone outside
// its filter), so what it determines is each
// shown cell and the hidden cells together (total − shown), n and
// positives (their positives are a leak only if their n is, being
// determined with it); a category a table does not list is a shown 0. The
// same as the general search gives, without building its space.
func (w *Wave) single(i int) []Leak {
	d := &w.Domains[i]
	if !d.Total.Shown {
		return nil
	}
	var leaks []Leak
	for _, t := range d.Tables {
		n := d.Total.N
		var hidden []int32
		var uses []Ref
		for l, c := range t.Cells {
			if !c.Shown {
				hidden = append(hidden, w.Levels[t.Attribute][l])
				continue
			}
			n -= c.N
			uses = append(uses, Ref{Domain: i, Attribute: t.Attribute, Level: l})
		}
		if len(hidden) == 0 {
			continue
		}
		uses = append(uses, Ref{Domain: i, Level: -1})
		where := []Condition{{Key: t.Attribute, Codes: hidden}}
		if n > 0 && n < Threshold {
			leaks = append(leaks, Leak{Domain: i, Where: where, N: n, Uses: uses})
		}
	}
	return leaks
}

// shownSmall are the cells shown with 1 to Threshold−1 respondents, and
// the filtered totals: only an unfiltered total, the plan's own figure, may
// be that small.
func (w *Wave) shownSmall() []Leak {
	var leaks []Leak
	small := func(c Cell) bool { return c.Shown && c.N > 0 && c.N < Threshold }
	for i, d := range w.Domains {
		if len(d.Filter) > 0 && small(d.Total) {
			leaks = append(leaks, Leak{Domain: i, N: d.Total.N, Uses: []Ref{{Domain: i, Level: -1}}})
		}
		for _, t := range d.Tables {
			for l, c := range t.Cells {
				if small(c) {
					where := []Condition{{Key: t.Attribute, Codes: []int32{w.Levels[t.Attribute][l]}}}
					leaks = append(leaks, Leak{Domain: i, Where: where, N: c.N, Uses: []Ref{{Domain: i, Attribute: t.Attribute, Level: l}}})
				}
			}
		}
	}
	return leaks
}
