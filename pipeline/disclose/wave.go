package disclose

import (
	"maps"
	"slices"
	"sort"
)

// Filtered is the pseudo-code that names the 対象外 of a domain's flow
// (everyone outside its filter) in a Leak's Where.
const Filtered int32 = -4

// Questions are the questions of w's domains, sorted.
func (w *Wave) Questions() []string {
	var qs []string
	for _, d := range w.Domains {
		qs = append(qs, d.Question)
	}
	sort.Strings(qs)
	return slices.Compact(qs)
}

// Fixed reports whether r is a number that is never hidden: the wave's
// 回答者数 or an unfiltered indicator's total, the plan's own figure.
func (w *Wave) Fixed(r Ref) bool {
	if r.Domain < 0 {
		return r.Simple == ""
	}
	return r.Attribute == "" && r.Flow == 0 && len(w.Domains[r.Domain].Filter) == 0
}

// Cells are the levels (indices in Levels[attr]) of each cell of a
// breakdown table by attr, in order: one level each, but the merged
// code's (Merged), which holds Blank too; Blank then has no cell of its
// own.
func (w *Wave) Cells(attr string) [][]int {
	lv := w.Levels[attr]
	code, merged := w.Merged[attr]
	blank := slices.Index(lv, Blank)
	merged = merged && blank >= 0 && slices.Contains(lv, code)
	out := make([][]int, 0, len(lv))
	for l, c := range lv {
		switch {
		case merged && c == Blank:
		case merged && c == code:
			out = append(out, []int{l, blank})
		default:
			out = append(out, []int{l})
		}
	}
	return out
}

// CellCodes are the codes of each cell of a table by attr (Cells).
func (w *Wave) CellCodes(attr string) [][]int32 {
	cells := w.Cells(attr)
	out := make([][]int32, len(cells))
	for k, ls := range cells {
		for _, l := range ls {
			out[k] = append(out[k], w.Levels[attr][l])
		}
	}
	return out
}

// FlowCodes are the answers of the respondents of flow count f of d.
func FlowCodes(d Domain, f FlowCount) []int32 {
	switch f.Step {
	case StepFiltered:
		return []int32{Filtered}
	case StepNotApplicable:
		return []int32{NotApplicable}
	case StepNoAnswer:
		return []int32{Blank}
	case StepExcluded:
		var out []int32
		for _, x := range d.Excluded {
			out = append(out, int32(x))
		}
		return out
	}
	return []int32{f.Code}
}

// Single is the audit of the only domain on its question: each table
// against the total is one equation (no other table counts anyone outside
// its filter), so what it determines is each
// shown cell and the hidden cells together (total − shown), n and
// positives (their positives are a leak only if their n is, being
// determined with it); a category a table does not list is a shown 0. The
// same as the general search gives, without building its space.
func (w *Wave) Single(i int) []Leak {
	d := &w.Domains[i]
	if !d.Total.Shown {
		return nil
	}
	var leaks []Leak
	for _, t := range d.Tables {
		n := d.Total.N
		var hidden []int32
		var uses []Ref
		codes := w.CellCodes(t.Attribute)
		for l, c := range t.Cells {
			if !c.Shown {
				hidden = append(hidden, codes[l]...)
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

// QuietTable reports whether the search finds no group in the model of
// (class, level) of domain i by attr (package search, decomposed): its
// rows are the total n and p and the cells of its one table by attr, so
// every vector they span is the same on each level of a cell, and the
// part outside the positives of one is N·a + Σ N_c·a_c over the shown
// cells c. A target of whole cells (a level of a cell of one level, a
// hidden cell, a pair or all of them) counted is then determined iff it
// holds every hidden cell or none: a shown cell's n, or n less the shown
// cells' (rest); its positives, tried only when its count is not
// determined (some hidden cells, not all), never are (the part in the
// positives of a combination of P and the P_c holds each hidden cell or
// none, too). So only a shown cell of one level or the rest of 1 to
// Threshold−1 could be a leak. The numbers must agree (n is the sum of
// the cells when none is hidden, p too when every cell shows it): else
// the search is left to tell. cells are Cells(attr).
func (w *Wave) QuietTable(i int, attr string, cells [][]int) bool {
	d := &w.Domains[i]
	t := slices.IndexFunc(d.Tables, func(t Table) bool { return t.Attribute == attr })
	if t < 0 || !d.Total.Shown || !d.Total.HasP || len(d.Tables[t].Cells) != len(cells) ||
		slices.ContainsFunc(d.Tables[t+1:], func(t Table) bool { return t.Attribute == attr }) {
		return false
	}
	small := func(n int64) bool { return n > 0 && n < Threshold }
	n, p, hidden, hiddenP := d.Total.N, d.Total.P, false, false
	for l, c := range d.Tables[t].Cells {
		if !c.Shown {
			hidden, hiddenP = true, true
			continue
		}
		n -= c.N
		if c.HasP {
			p -= c.P
		}
		hiddenP = hiddenP || !c.HasP
		if len(cells[l]) == 1 && small(c.N) {
			return false
		}
	}
	if hidden {
		return !small(n)
	}
	return n == 0 && (hiddenP || p == 0)
}

// ShownSmall are the cells, 単純集計 rows and flow counts shown with 1 to
// Threshold−1 respondents, and the filtered totals: only an unfiltered
// total, the plan's own figure, may be that small.
func (w *Wave) ShownSmall() []Leak {
	codes := map[string][][]int32{} // CellCodes
	var leaks []Leak
	small := func(c Cell) bool { return c.Shown && c.N > 0 && c.N < Threshold }
	for _, simple := range []map[string]*Simple{w.Simple, w.Overlapping} {
		for _, q := range slices.Sorted(maps.Keys(simple)) { // every key's, not only the questions'
			s := simple[q]
			for l, c := range s.Counts {
				if small(Cell{N: c.N, Shown: c.Shown}) {
					where := []Condition{{Key: q, Codes: []int32{s.Codes[l]}}}
					leaks = append(leaks, Leak{Domain: -1, Question: q, Where: where, N: c.N, Uses: []Ref{{Domain: -1, Simple: q, Level: l}}})
				}
			}
		}
	}
	for i, d := range w.Domains {
		for j, f := range d.Flow {
			if small(Cell{N: f.N, Shown: f.Shown}) {
				where := []Condition{{Key: d.Question, Codes: FlowCodes(d, f)}}
				leaks = append(leaks, Leak{Domain: i, Question: d.Question, Where: where, N: f.N, Uses: []Ref{{Domain: i, Level: -1, Flow: j + 1}}})
			}
		}
	}
	for i, d := range w.Domains {
		if len(d.Filter) > 0 && small(d.Total) {
			leaks = append(leaks, Leak{Domain: i, N: d.Total.N, Uses: []Ref{{Domain: i, Level: -1}}})
		}
		for _, t := range d.Tables {
			for l, c := range t.Cells {
				if small(c) {
					if codes[t.Attribute] == nil { // once an attribute
						codes[t.Attribute] = w.CellCodes(t.Attribute)
					}
					where := []Condition{{Key: t.Attribute, Codes: codes[t.Attribute][l]}}
					leaks = append(leaks, Leak{Domain: i, Where: where, N: c.N, Uses: []Ref{{Domain: i, Attribute: t.Attribute, Level: l}}})
				}
			}
		}
	}
	return leaks
}

// OneWay are the groups of 1 to Threshold−1 respondents that the 単純集計
// of a key outside every question's model (an attribute no indicator
// filters on) gives away by itself: its rows add up to 回答者数, so its
// hidden rows together are 回答者数 less the shown ones, and a row hidden
// alone is that number.
func (w *Wave) OneWay() []Leak {
	inModel := map[string]bool{}
	for _, d := range w.Domains {
		inModel[d.Question] = true
		for _, c := range d.Filter {
			inModel[c.Key] = true
		}
	}
	var leaks []Leak
	for _, key := range slices.Sorted(maps.Keys(w.Simple)) {
		s := w.Simple[key]
		if inModel[key] || w.Respondents == 0 {
			continue
		}
		var codes []int32
		n := w.Respondents // less the shown rows: what the hidden ones hold
		uses := []Ref{{Domain: -1}}
		for l, c := range s.Counts {
			if c.Shown {
				uses, n = append(uses, Ref{Domain: -1, Simple: key, Level: l}), n-c.N
			} else {
				codes = append(codes, s.Codes[l])
			}
		}
		// All of them, when nothing else is shown, is 回答者数 itself: a
		// public figure, not a group the table gives away.
		if len(codes) > 0 && n > 0 && n < Threshold && n < w.Respondents {
			leaks = append(leaks, Leak{Domain: -1, Question: key, Where: []Condition{{Key: key, Codes: codes}}, N: n, Uses: uses})
		}
	}
	return leaks
}
