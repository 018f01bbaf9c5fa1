// Package disclosetest makes disclosure models for the tests of the
// packages that search and decide them: random small linked tables of
// one question whose numbers add up.
package disclosetest

import (
	"math/rand/v2"
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
)

// Answers are the answers of RandomWave's question: 1 positive (2
// for variant 8's third domain), 2 negative, 9 excluded (kept in the
// base by variant 2's third domain), 非該当 and 無回答.
var Answers = []int32{1, 2, 9, disclose.NotApplicable, disclose.Blank}

// RandomWave is one question asked of respondents in atoms (answers) × k
// (1, 2, blank) × a (1, 2, blank): an unfiltered domain and one filtered
// on k=1, and by variant: 1, one on k=1 & a=1 (nested); 2, an unfiltered
// one that keeps 9 in its base; 5, the unfiltered domain alone; 6, the
// same keeping 9 in its base. Tables by k and a, the 単純集計 of the
// question (無回答 holding 非該当 too) and each domain's flow; each
// number shown at random, never 1 to 9 but an unfiltered total.
// Variants 3 and 4 are 0 and 1 with 無回答 merged into code 2 in the
// tables by a (3) or by k, the filter key (4): one cell over both levels;
// variant 7 is 5 with the merged cell by a; variant 8 is 0 with one more
// domain on k=1 whose positive is 2 (the same set counted as the
// other one on k=1, other positives). Variant 9 filters on two keys
// apart: an unfiltered domain, one on k=2 (the code 無回答 is merged into
// in the tables by k) and one on a=1; variant 10 is 9 unmerged, on k=1
// and a=1.
func RandomWave(r *rand.Rand, variant int) *disclose.Wave {
	lv := []int32{1, 2, disclose.Blank}
	w := &disclose.Wave{Attributes: []string{"k", "a"}, Levels: map[string][]int32{"k": lv, "a": lv}}
	switch variant {
	case 3:
		w.Merged, variant = map[string]int32{"a": 2}, 0
	case 4:
		w.Merged, variant = map[string]int32{"k": 2}, 1
	case 7:
		w.Merged, variant = map[string]int32{"a": 2}, 5
	case 9:
		w.Merged = map[string]int32{"k": 2}
	}
	var c atoms
	for x := range c {
		for k := range c[x] {
			for a := range c[x][k] {
				c[x][k][a] = int64(r.IntN(7))
				w.Respondents += c[x][k][a]
			}
		}
	}
	show := func(n int64) bool { return r.IntN(3) > 0 && (n == 0 || n >= disclose.Threshold) }
	w.Simple = simples(c, lv, show)
	filters, excluded, positive := definitions(variant)
	for fi, f := range filters {
		d := disclose.Domain{Question: "q", Positive: positive[fi], Excluded: excluded[fi], Filter: f}
		w.Domains = append(w.Domains, c.domain(w, d, show))
	}
	return w
}

// atoms are the respondents by answer (Answers), k and a (1, 2, blank).
type atoms [5][3][3]int64

// sum is the number of respondents of the answers and levels given.
func (c *atoms) sum(answer func(x int) bool, where func(k, a int) bool) (n int64) {
	for x := range c {
		for k := range 3 {
			for a := range 3 {
				if answer(x) && where(k, a) {
					n += c[x][k][a]
				}
			}
		}
	}
	return n
}

// simples are the 単純集計 of the question (無回答 holding 非該当 too)
// and of k and a, each row shown by show.
func simples(c atoms, lv []int32, show func(int64) bool) map[string]*disclose.Simple {
	s := &disclose.Simple{Codes: []int32{1, 2, 9, disclose.Blank}}
	for _, code := range s.Codes {
		n := c.sum(func(x int) bool { return Answers[x] == code || code == disclose.Blank && x >= 3 }, func(int, int) bool { return true })
		s.Counts = append(s.Counts, disclose.Count{N: n, Shown: show(n)})
	}
	out := map[string]*disclose.Simple{"q": s}
	for _, key := range []string{"k", "a"} { // their one-way 単純集計
		ks := &disclose.Simple{Codes: lv}
		for l := range lv {
			n := c.sum(func(int) bool { return true }, func(k, a int) bool { return key == "k" && k == l || key == "a" && a == l })
			ks.Counts = append(ks.Counts, disclose.Count{N: n, Shown: show(n)})
		}
		out[key] = ks
	}
	return out
}

// definitions are the filters, excluded and positive answers of the
// domains of variant (RandomWave).
func definitions(variant int) (filters [][]disclose.Clause, excluded, positive [][]int) {
	filters = [][]disclose.Clause{nil, {{Key: "k", Codes: []int{1}}}}
	excluded, positive = [][]int{{9}, {9}}, [][]int{{1}, {1}, {1}}
	switch variant {
	case 8: // two domains on k=1 with other positives
		filters = append(filters, filters[1])
		excluded, positive[2] = append(excluded, []int{9}), []int{2}
	case 9, 10: // two filter keys apart; 9 on the merged code of k
		code := 1
		if variant == 9 {
			code = 2
		}
		filters = [][]disclose.Clause{nil, {{Key: "k", Codes: []int{code}}}, {{Key: "a", Codes: []int{1}}}}
		excluded = append(excluded, []int{9})
	case 1: // nested filters
		filters = append(filters, []disclose.Clause{{Key: "k", Codes: []int{1}}, {Key: "a", Codes: []int{1}}})
		excluded = append(excluded, []int{9})
	case 2: // the same question with わからない kept in the base
		filters = append(filters, nil)
		excluded = append(excluded, nil)
	case 5, 6: // the unfiltered domain alone (decomposed); 6: わからない in its base
		filters, excluded = filters[:1], excluded[:1]
		if variant == 6 {
			excluded[0] = nil
		}
	}
	return filters, excluded, positive
}

// domain is d with its numbers: its total (shown if unfiltered or of
// Threshold or more), its tables by k and a and, unless withdrawn, its
// flow, each number shown by show (the primary rule).
func (c *atoms) domain(w *disclose.Wave, d disclose.Domain, show func(int64) bool) disclose.Domain {
	in := func(k, a int) bool {
		for _, cl := range d.Filter {
			l := map[string]int{"k": k, "a": a}[cl.Key]
			if !slices.Contains(cl.Codes, int(w.Levels[cl.Key][l])) {
				return false
			}
		}
		return true
	}
	counted := func(x int) bool { return x < 2 || x == 2 && len(d.Excluded) == 0 }
	pos := func(x int) bool { return x < 3 && slices.Contains(d.Positive, int(Answers[x])) }
	cell := func(match func(k, a int) bool) disclose.Cell {
		where := func(k, a int) bool { return in(k, a) && match(k, a) }
		cl := disclose.Cell{N: c.sum(counted, where), P: c.sum(pos, where), HasP: true}
		cl.Shown = show(cl.N)
		return cl
	}
	d.Total = cell(func(int, int) bool { return true })
	d.Total.Shown = d.Filter == nil || d.Total.N >= disclose.Threshold
	for _, attr := range []string{"k", "a"} {
		tb := disclose.Table{Attribute: attr}
		for _, ls := range w.Cells(attr) {
			tb.Cells = append(tb.Cells, cell(func(k, a int) bool {
				return (attr == "k" && slices.Contains(ls, k)) || (attr == "a" && slices.Contains(ls, a))
			}))
		}
		d.Tables = append(d.Tables, tb)
	}
	if d.Total.Shown { // a withdrawn domain publishes no flow
		d.Flow = randomFlow(d, in, c.sum, show)
	}
	return d
}

// randomFlow is the flow of d (filter in), each count shown by show.
func randomFlow(d disclose.Domain, in func(k, a int) bool, sum func(func(int) bool, func(int, int) bool) int64, show func(int64) bool) []disclose.FlowCount {
	out := func(k, a int) bool { return !in(k, a) }
	counts := []disclose.FlowCount{
		{Step: disclose.StepFiltered, Count: disclose.Count{N: sum(func(int) bool { return true }, out)}},
		{Step: disclose.StepNotApplicable, Count: disclose.Count{N: sum(func(x int) bool { return x == 3 }, in)}},
		{Step: disclose.StepNoAnswer, Count: disclose.Count{N: sum(func(x int) bool { return x == 4 }, in)}},
	}
	for _, code := range d.Positive {
		x := slices.Index(Answers, int32(code))
		counts = append(counts, disclose.FlowCount{Step: disclose.StepPositiveCode, Code: int32(code),
			Count: disclose.Count{N: sum(func(y int) bool { return y == x }, in)}})
	}
	if len(d.Excluded) > 0 {
		nine := sum(func(x int) bool { return x == 2 }, in)
		counts = append(counts, disclose.FlowCount{Step: disclose.StepExcluded, Count: disclose.Count{N: nine}},
			disclose.FlowCount{Step: disclose.StepExcludedCode, Code: 9, Count: disclose.Count{N: nine}})
	}
	for i := range counts {
		counts[i].Shown = show(counts[i].N)
	}
	return counts
}
