package search

import (
	"maps"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/dims"
	"github.com/shihyo/shihyo/pipeline/disclose/search/targets"
	"github.com/shihyo/shihyo/pipeline/disclose/solve"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// answers of randomWave's question: 1 positive, 2 negative, 9 excluded
// (kept in the base by variant 2's third domain), 非該当 and 無回答.
var answers = []int32{1, 2, 9, disclose.NotApplicable, disclose.Blank}

// randomWave is one question asked of respondents in atoms (answers) × k
// (1, 2, blank) × a (1, 2, blank): an unfiltered domain and one filtered
// on k=1, and by variant: 1, one on k=1 & a=1 (nested); 2, an unfiltered
// one that keeps 9 in its base; 5, the unfiltered domain alone; 6, the
// same keeping 9 in its base. Tables by k and a, the 単純集計 of the
// question (無回答 holding 非該当 too) and each domain's flow; each
// number shown at random, never 1 to 9 but an unfiltered total.
// Variants 3 and 4 are 0 and 1 with 無回答 merged into code 2 in the
// tables by a (3) or by k, the filter key (4): one cell over both levels;
// variant 7 is 5 with the merged cell by a.
func randomWave(r *rand.Rand, variant int) *disclose.Wave {
	lv := []int32{1, 2, disclose.Blank}
	w := &disclose.Wave{Attributes: []string{"k", "a"}, Levels: map[string][]int32{"k": lv, "a": lv}}
	switch variant {
	case 3:
		w.Merged, variant = map[string]int32{"a": 2}, 0
	case 4:
		w.Merged, variant = map[string]int32{"k": 2}, 1
	case 7:
		w.Merged, variant = map[string]int32{"a": 2}, 5
	}
	var count [5][3][3]int64 // answer, k, a
	for x := range count {
		for k := range count[x] {
			for a := range count[x][k] {
				count[x][k][a] = int64(r.IntN(7))
				w.Respondents += count[x][k][a]
			}
		}
	}
	show := func(n int64) bool { return r.IntN(3) > 0 && (n == 0 || n >= disclose.Threshold) }
	sum := func(answer func(x int) bool, where func(k, a int) bool) (n int64) {
		for x := range count {
			for k := range 3 {
				for a := range 3 {
					if answer(x) && where(k, a) {
						n += count[x][k][a]
					}
				}
			}
		}
		return n
	}
	s := &disclose.Simple{Codes: []int32{1, 2, 9, disclose.Blank}}
	for _, code := range s.Codes {
		n := sum(func(x int) bool { return answers[x] == code || code == disclose.Blank && x >= 3 }, func(int, int) bool { return true })
		s.Counts = append(s.Counts, disclose.Count{N: n, Shown: show(n)})
	}
	w.Simple = map[string]*disclose.Simple{"q": s}
	for _, key := range w.Attributes { // their one-way 単純集計
		ks := &disclose.Simple{Codes: lv}
		for l := range lv {
			n := sum(func(int) bool { return true }, func(k, a int) bool { return key == "k" && k == l || key == "a" && a == l })
			ks.Counts = append(ks.Counts, disclose.Count{N: n, Shown: show(n)})
		}
		w.Simple[key] = ks
	}
	filters := [][]disclose.Clause{nil, {{Key: "k", Codes: []int{1}}}}
	excluded := [][]int{{9}, {9}}
	switch variant {
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
	for fi, f := range filters {
		in := func(k, a int) bool {
			for _, c := range f {
				if (c.Key == "k" && k != 0) || (c.Key == "a" && a != 0) {
					return false
				}
			}
			return true
		}
		d := disclose.Domain{Question: "q", Positive: []int{1}, Excluded: excluded[fi], Filter: f}
		counted := func(x int) bool { return x < 2 || x == 2 && len(d.Excluded) == 0 }
		cell := func(match func(k, a int) bool) disclose.Cell {
			where := func(k, a int) bool { return in(k, a) && match(k, a) }
			c := disclose.Cell{N: sum(counted, where), P: sum(func(x int) bool { return x == 0 }, where), HasP: true}
			c.Shown = show(c.N) // the primary rule
			return c
		}
		d.Total = cell(func(int, int) bool { return true })
		d.Total.Shown = f == nil || d.Total.N >= disclose.Threshold
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
			d.Flow = randomFlow(d, in, sum, show)
		}
		w.Domains = append(w.Domains, d)
	}
	return w
}

// randomFlow is the flow of d (filter in), each count shown by show.
func randomFlow(d disclose.Domain, in func(k, a int) bool, sum func(func(int) bool, func(int, int) bool) int64, show func(int64) bool) []disclose.FlowCount {
	out := func(k, a int) bool { return !in(k, a) }
	counts := []disclose.FlowCount{
		{Step: disclose.StepFiltered, Count: disclose.Count{N: sum(func(int) bool { return true }, out)}},
		{Step: disclose.StepNotApplicable, Count: disclose.Count{N: sum(func(x int) bool { return x == 3 }, in)}},
		{Step: disclose.StepNoAnswer, Count: disclose.Count{N: sum(func(x int) bool { return x == 4 }, in)}},
		{Step: disclose.StepPositiveCode, Code: 1, Count: disclose.Count{N: sum(func(x int) bool { return x == 0 }, in)}},
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

// bruteSets are the candidate groups the brute force tries in m: for the
// answers each domain counts, and for every answer together, every union
// of (k, a) combinations; for each single answer and the 無回答 row, the
// whole wave and each domain's box (the 単純集計 rows and the flow
// counts), and every answer outside each box (対象外). Not tried, as not
// protected (docs/statistics.md §6.2): the answers a domain does not
// count in one attribute level or region, one code's part of a group
// other than a published count, and the
// positives or negatives of a group that is determined with 10 or more.
func bruteSets(m *qmodel) [][]int64 {
	var sets [][]int64
	unionsOf := func(cls []bool) {
		for set := 1; set < 1<<9; set++ {
			v := make([]int64, m.sp.Size)
			for g := range 9 {
				if set>>g&1 == 1 {
					part := m.sp.All().With(0, cls).Only(1, g/3).Only(2, g%3)
					v = space.Add(v, m.sp.Vector(part))
				}
			}
			sets = append(sets, v)
		}
	}
	boxes := func(cls []bool, outside bool) {
		all := m.sp.Vector(m.sp.All().With(0, cls))
		sets = append(sets, all)
		for k := range m.idx {
			box := m.sp.Vector(m.boxOf(k, cls))
			sets = append(sets, box)
			if outside {
				sets = append(sets, space.Sub(all, box))
			}
		}
	}
	for k := range m.idx {
		unionsOf(m.class.Mask(k, false))
	}
	unionsOf(m.class.All())
	for _, code := range m.class.Codes {
		boxes(m.class.Of(false, code), false)
	}
	boxes(m.class.Of(true, disclose.Blank), false)
	boxes(m.class.All(), true)
	return sets
}

// bruteLeak tries every set of bruteSets: whether one of 1 to 9
// respondents is determined (but the positives of a cell shown with 10
// or more, which its percentage publishes).
func bruteLeak(t *testing.T, w *disclose.Wave, extra func(m *qmodel)) bool {
	m := newModel(w, "q", []int{0, 1, 2}[:len(w.Domains)], "a", newScratch())
	if len(w.Domains) == 1 { // no filter key: k a dimension too
		m = bothAttributes(w)
	}
	if extra != nil {
		extra(m)
	}
	b, err := solve.New(m.rows, m.values)
	if err != nil {
		t.Fatal(err)
	}
	// dims: class, k, a (a filtered on in the nested case is a filter
	// dimension too: either way the space is class × k × a).
	for i, v := range bruteSets(m) {
		n, ok, err := b.Value(v)
		if err != nil {
			t.Fatal(err)
		}
		small, err := m.small(ok, n, v)
		if err != nil {
			t.Fatal(err)
		}
		if small && !shareOfLarge(t, m, b, v) {
			t.Logf("brute: set %d, n %d", i, n)
			return true
		}
	}
	return false
}

// bothAttributes is the model of randomWave's domain alone in the space
// class × k × a, with its tables by both.
func bothAttributes(w *disclose.Wave) *qmodel {
	m := &qmodel{w: w, question: "q", idx: []int{0}, simple: w.Simple["q"], sc: newScratch(), boxes: make([]space.Mask, 2)}
	m.class = dims.ClassesOf(w.Domains, m.simple)
	m.sp = space.New([]space.Dim{{Levels: m.class.Codes}, {Key: "k", Levels: w.Levels["k"]}, {Key: "a", Levels: w.Levels["a"]}})
	m.addWave()
	m.addRows(0)
	m.addFlow(0)
	return m
}

// shareOfLarge reports whether v is the positives (or the negatives) of
// a group some domain counts that the numbers determine with Threshold or
// more: like a shown cell's, its percentage is not protected.
func shareOfLarge(t *testing.T, m *qmodel, b *solve.Basis, v []int64) bool {
	per := m.sp.Size / len(m.class.Codes)
	region := map[int]bool{}
	cls := make([]bool, len(m.class.Codes))
	for a, x := range v {
		if x != 0 {
			cls[a/per], region[a%per] = true, true
		}
	}
	for k := range m.idx {
		pos, counted := m.class.Mask(k, true), m.class.Mask(k, false)
		neg := make([]bool, len(pos))
		for l := range neg {
			neg[l] = counted[l] && !pos[l]
		}
		if !slices.Equal(cls, pos) && !slices.Equal(cls, neg) {
			continue
		}
		group := make([]int64, m.sp.Size)
		for a := range group {
			if region[a%per] && counted[a/per] {
				group[a] = 1
			}
		}
		n, ok, err := b.Value(group)
		if err != nil {
			t.Fatal(err)
		}
		if ok && n >= disclose.Threshold {
			return true
		}
	}
	return false
}

// TestAuditFindsWhatBruteForceFinds: on random small linked tables (with
// the 単純集計 and the flows; some with 無回答 merged into a code's cell),
// when some union of groups of 1 to 9
// respondents is determined, Audit reports a leak; its targets are not
// all the unions, but each such union holds one of its targets with 1 to
// 9.
func TestAuditFindsWhatBruteForceFinds(t *testing.T) {
	seed, cases := uint64(12), 400
	if testing.Short() {
		cases = 120
	}
	if s := os.Getenv("BRUTE_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
		cases = 3000
	}
	r := rand.New(rand.NewPCG(seed, 1))
	brute := 0
	for i := range cases {
		w := randomWave(r, i%8) // 5, 6, 7: one domain, its search decomposed
		if !bruteLeak(t, w, nil) {
			continue
		}
		brute++
		leaks, err := Audit(w)
		if err != nil {
			t.Fatal(err)
		}
		if len(leaks) == 0 {
			for _, d := range w.Domains {
				t.Logf("%+v", d)
			}
			t.Logf("simple %+v", w.Simple["q"])
			t.Fatalf("case %d: brute force recovers a small group, Audit nothing", i)
		}
	}
	if brute == 0 {
		t.Fatal("no case with a leak: the test tests nothing")
	}
	t.Logf("%d of %d cases leak", brute, cases)
}

// TestAttributeMarginalsAddNothing: the 単純集計 of an attribute that no
// domain filters on (one row per level, over everyone; those of the
// filter keys are in the model) added to a question's numbers determines
// no candidate group of bruteSets that they do not determine already,
// but the attribute's own rows over everyone (the unions of (k, a) over
// every answer), which its one-way rule protects: every level of an
// attribute also holds respondents whom no number of the question splits
// by it (those who left the question blank).
func TestAttributeMarginalsAddNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 2))
	for i := range 150 {
		w := randomWave(r, i%3)
		m := newModel(w, "q", []int{0, 1, 2}[:len(w.Domains)], "a", newScratch())
		without, err := solve.New(m.rows, make([]int64, len(m.rows)))
		if err != nil {
			t.Fatal(err)
		}
		rows := slices.Clone(m.rows)
		for i := 1; i < len(m.sp.Dims); i++ { // the attribute that is no filter key
			if targets.IsFilterDim(m, i) {
				continue
			}
			for l := range m.sp.Dims[i].Levels {
				rows = append(rows, m.sp.Vector(m.sp.All().Only(i, l)))
			}
		}
		with, err := solve.New(rows, make([]int64, len(rows)))
		if err != nil {
			t.Fatal(err)
		}
		everyone := len(m.idx) * 511 // bruteSets: the unions over every answer
		for j, v := range bruteSets(m) {
			if j >= everyone && j < everyone+511 {
				continue
			}
			_, a, _ := without.Value(v)
			_, b, _ := with.Value(v)
			if a != b {
				t.Fatalf("case %d set %d: determined %v without the marginals, %v with", i, j, a, b)
			}
		}
	}
}

// TestDecomposedIsTheProductSearch: on random tables of one unfiltered
// domain (its 単純集計, flow and tables by two attributes, each number
// shown at random, and in some cases no positives of a cell, as in a
// weighted wave), the search decomposed into the space of the codes and
// that of (class, level) reports exactly the leaks of the search in the
// product space — the same groups, in the same order, with the same
// numbers used — and a leak wherever the brute force finds one.
func TestDecomposedIsTheProductSearch(t *testing.T) {
	cases := 600
	if testing.Short() {
		cases = 120
	}
	r := rand.New(rand.NewPCG(31, 4))
	leaky, brute := 0, 0
	for i := range cases {
		w := randomWave(r, 5+i%3)
		if i%5 == 0 {
			for _, tb := range w.Domains[0].Tables {
				for l := range tb.Cells {
					tb.Cells[l].HasP = false
				}
			}
		}
		if !decomposes(w, "q", []int{0}) {
			t.Fatalf("case %d: one unfiltered domain does not decompose", i)
		}
		got, err := decomposed(w, "q", []int{0}, false, newScratch())
		if err != nil {
			t.Fatal(err)
		}
		want, err := product(w, "q", []int{0}, false, newScratch())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d: decomposed\n%+v\nproduct\n%+v", i, got, want)
		}
		if len(want) > 0 {
			leaky++
		}
		if bruteLeak(t, w, nil) {
			brute++
			if len(got) == 0 {
				t.Fatalf("case %d: brute force recovers a small group, the decomposed search nothing", i)
			}
		}
	}
	if leaky < cases/40 || brute == 0 {
		t.Fatalf("%d of %d cases leak (%d by brute force): the test tests little", leaky, cases, brute)
	}
	t.Logf("%d of %d cases leak, %d by brute force", leaky, cases, brute)
}

// TestPublishedTargetsOfEveryAttribute: on random linked tables (filtered
// domains too), the hidden 単純集計 rows, flow counts and regions over
// everyone that the numbers determine (searchPublished) are the same in
// the space of each attribute — groups, values and numbers used — as
// product, which solves them in the first space only, takes them to be.
func TestPublishedTargetsOfEveryAttribute(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 6))
	leaky := 0
	for i := range 300 {
		w := randomWave(r, i%5)
		idx := []int{0, 1, 2}[:len(w.Domains)]
		var first []disclose.Leak
		for j, attr := range w.Attributes {
			m := newModel(w, "q", idx, attr, newScratch())
			b, err := solve.New(m.rows, m.values)
			if err != nil {
				t.Fatal(err)
			}
			l, err := m.searchPublished(b, map[string]bool{})
			if err != nil {
				t.Fatal(err)
			}
			if j == 0 {
				first = l
			} else if !reflect.DeepEqual(l, first) {
				t.Fatalf("case %d: by %s\n%+v\nby %s\n%+v", i, attr, l, w.Attributes[0], first)
			}
		}
		if len(first) > 0 {
			leaky++
		}
	}
	if leaky < 10 {
		t.Fatalf("only %d cases with a leak among the published targets", leaky)
	}
	t.Logf("%d of 300 cases leak", leaky)
}

// TestQuietTablesHideNothing: on random tables of one unfiltered domain
// (some shown with 1 to 9, some with numbers that disagree), wherever
// Wave.QuietTable says so the search of the model of (class, level)
// finds nothing, and it says so often enough to matter.
func TestQuietTablesHideNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3))
	quiet, loud := 0, 0
	for i := range 600 {
		w := randomWave(r, 5+i%3)
		perturb(r, i, &w.Domains[0])
		for _, attr := range w.Attributes {
			u := newModel(w, "q", []int{0}, "", newScratch())
			ub, err := solve.New(u.rows, u.values)
			if err != nil {
				t.Fatal(err)
			}
			m := newCellModel(w, "q", []int{0}, attr, u, ub)
			b, err := solve.New(m.rows, m.values)
			leaks, err2 := []disclose.Leak(nil), error(nil)
			if err == nil {
				leaks, err2 = m.search(b, 0, map[string]bool{})
			}
			if !w.QuietTable(0, attr, w.Cells(attr)) {
				loud += min(len(leaks), 1)
				continue
			}
			quiet++
			if err != nil || err2 != nil || len(leaks) > 0 {
				t.Fatalf("case %d by %s: quiet, but the search finds %+v (%v, %v)", i, attr, leaks, err, err2)
			}
		}
	}
	if quiet < 300 || loud < 20 {
		t.Fatalf("%d quiet tables, %d with a leak: the test tests little", quiet, loud)
	}
	t.Logf("%d quiet tables, %d with a leak", quiet, loud)
}

// perturb makes case i of domain d harder: no positives in every fifth
// case, some cells of 1 to 9 shown in every seventh, a total that
// disagrees with its cells in every eleventh.
func perturb(r *rand.Rand, i int, d *disclose.Domain) {
	for _, tb := range d.Tables {
		for l := range tb.Cells {
			c := &tb.Cells[l]
			c.HasP = c.HasP && i%5 != 0
			c.Shown = c.Shown || i%7 == 0 && r.IntN(4) == 0 // 1 to 9 too
		}
	}
	if i%11 == 0 {
		d.Total.N += int64(r.IntN(3))
	}
}

// TestQuietAttributesHideNothing: on random tables of one filtered
// domain (nested filters, merged cells, some shown with 1 to 9, some
// disagreeing), the search leaving out the attributes quiet says hold
// nothing finds what the search of every attribute finds, all of it and
// the first, and quiet leaves some out often enough to matter.
func TestQuietAttributesHideNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 9))
	cases, skipped, leaky := 0, 0, 0
	for i := range 400 {
		full := randomWave(r, []int{0, 1, 3, 4}[i%4])
		for j := 1; j < len(full.Domains); j++ {
			w := *full
			w.Domains = []disclose.Domain{full.Domains[j]}
			perturb(r, i, &w.Domains[0])
			cases++
			if q := quiet(&w, "q", []int{0}, newScratch()); slices.Contains(slices.Collect(maps.Values(q)), true) {
				skipped++
			}
			for _, first := range []bool{false, true} {
				want, err1 := productBut(&w, "q", []int{0}, first, newScratch(), nil)
				got, err2 := product(&w, "q", []int{0}, first, newScratch())
				if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(got, want) {
					t.Fatalf("case %d domain %d first %v: quiet attributes left out give\n%+v (%v)\nnot\n%+v (%v)", i, j, first, got, err2, want, err1)
				}
				if !first && len(want) > 0 {
					leaky++
				}
			}
		}
	}
	if skipped < cases/4 || leaky < cases/20 {
		t.Fatalf("%d cases, %d with attributes left out, %d leaking: the test tests little", cases, skipped, leaky)
	}
	t.Logf("%d cases, %d with attributes left out, %d leaking", cases, skipped, leaky)
}
