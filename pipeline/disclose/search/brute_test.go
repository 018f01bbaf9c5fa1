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
	"github.com/shihyo/shihyo/pipeline/disclose/disclosetest"
	"github.com/shihyo/shihyo/pipeline/disclose/search/targets"
	"github.com/shihyo/shihyo/pipeline/disclose/solve"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

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
		unionsOf(m.class.Mask(k, true))
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

// bothAttributes is the model of disclosetest.RandomWave's domain alone in the space
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
	seed, cases := uint64(12), 550
	if testing.Short() {
		cases = 165
	}
	if s := os.Getenv("BRUTE_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
		cases = 3000
	}
	r := rand.New(rand.NewPCG(seed, 1))
	brute := 0
	for i := range cases {
		w := disclosetest.RandomWave(r, i%11) // 5, 6, 7: one domain, its search decomposed
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
		w := disclosetest.RandomWave(r, i%3)
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
		everyone := len(m.idx) * 2 * 511 // bruteSets: the unions over every answer
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
		w := disclosetest.RandomWave(r, 5+i%3)
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
		w := disclosetest.RandomWave(r, i%5)
		idx := []int{0, 1, 2}[:len(w.Domains)]
		var first []disclose.Leak
		for j, attr := range w.Attributes {
			m := newModel(w, "q", idx, attr, newScratch())
			b, err := solve.New(m.rows, m.values)
			if err != nil {
				t.Fatal(err)
			}
			l, err := m.searchPublished(b, m.sc.fresh())
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
		w := disclosetest.RandomWave(r, 5+i%3)
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
				leaks, err2 = m.search(b, 0, m.sc.fresh())
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
		full := disclosetest.RandomWave(r, []int{0, 1, 3, 4}[i%4])
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
