package disclose

import (
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/shihyo/shihyo/pipeline/disclose/solve"
)

// randomWave is one question asked of respondents in atoms (answer 1
// positive, 2 negative, 9 excluded) × k (1, 2, blank) × a (1, 2, blank):
// an unfiltered domain and one filtered on k=1, and by variant: 1, one on
// k=1 & a=1 (nested); 2, an unfiltered one that keeps 9 in its base.
// Tables by k and a; each number shown at random, never 1 to 9 but an
// unfiltered total.
func randomWave(r *rand.Rand, variant int) *Wave {
	lv := []int32{1, 2, Blank}
	w := &Wave{Attributes: []string{"k", "a"}, Levels: map[string][]int32{"k": lv, "a": lv}}
	var count [3][3][3]int64 // answer, k, a
	for x := range count {
		for k := range count[x] {
			for a := range count[x][k] {
				count[x][k][a] = int64(r.IntN(7))
			}
		}
	}
	filters := [][]Clause{nil, {{Key: "k", Codes: []int{1}}}}
	excluded := [][]int{{9}, {9}}
	switch variant {
	case 1: // nested filters
		filters = append(filters, []Clause{{Key: "k", Codes: []int{1}}, {Key: "a", Codes: []int{1}}})
		excluded = append(excluded, []int{9})
	case 2: // the same question with わからない kept in the base
		filters = append(filters, nil)
		excluded = append(excluded, nil)
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
		d := Domain{Question: "q", Positive: []int{1}, Excluded: excluded[fi], Filter: f}
		counted := 2 // answers 1 and 2, and 9 unless excluded
		if len(d.Excluded) == 0 {
			counted = 3
		}
		cell := func(match func(k, a int) bool) Cell {
			c := Cell{HasP: true}
			for x := 0; x < counted; x++ {
				for k := range 3 {
					for a := range 3 {
						if in(k, a) && match(k, a) {
							c.N += count[x][k][a]
							if x == 0 {
								c.P += count[x][k][a]
							}
						}
					}
				}
			}
			// Shown at random, but never 1 to 9 (the primary rule).
			c.Shown = r.IntN(3) > 0 && (c.N == 0 || c.N >= Threshold)
			return c
		}
		d.Total = cell(func(int, int) bool { return true })
		d.Total.Shown = f == nil || d.Total.N >= Threshold
		for _, attr := range []string{"k", "a"} {
			tb := Table{Attribute: attr}
			for l := range 3 {
				tb.Cells = append(tb.Cells, cell(func(k, a int) bool { return (attr == "k" && k == l) || (attr == "a" && a == l) }))
			}
			d.Tables = append(d.Tables, tb)
		}
		w.Domains = append(w.Domains, d)
	}
	return w
}

// bruteLeak tries every union of (k, a) combinations counted by each
// domain: whether one of 1 to 9 respondents is determined.
func bruteLeak(t *testing.T, w *Wave) bool {
	idx := make([]int, len(w.Domains))
	for i := range idx {
		idx[i] = i
	}
	m := w.model(idx, "a")
	b, err := solve.NewBasis(m.rows)
	if err != nil {
		t.Fatal(err)
	}
	// dims: class, k, a (a filtered on in the nested case is a filter
	// dimension too: either way the space is class × k × a).
	for k := range idx {
		cls := m.sp.class.mask(k, false)
		for set := 1; set < 1<<9; set++ {
			v := make([]int64, m.sp.size)
			for g := range 9 {
				if set>>g&1 == 0 {
					continue
				}
				part := m.sp.all()
				part[0] = cls
				part = part.only(1, g/3).only(2, g%3)
				for i, x := range m.sp.vector(part) {
					v[i] += x
				}
			}
			n, _, ok, err := b.Solve(v, m.values)
			if err != nil {
				t.Fatal(err)
			}
			if ok && n > 0 && n < Threshold {
				t.Logf("brute: domain %d, set %09b (bit 3·a+k: filter keys sorted), n %d", k, set, n)
				return true
			}
		}
	}
	return false
}

// TestAuditFindsWhatBruteForceFinds: on random small linked tables, when
// some union of groups of 1 to 9 respondents is determined, Audit reports
// a leak; its targets are not all the unions, but each such union holds
// one of its targets with 1 to 9.
func TestAuditFindsWhatBruteForceFinds(t *testing.T) {
	seed, cases := uint64(12), 400
	if s := os.Getenv("BRUTE_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
		cases = 3000
	}
	r := rand.New(rand.NewPCG(seed, 1))
	brute := 0
	for i := range cases {
		w := randomWave(r, i%3)
		if !bruteLeak(t, w) {
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
			t.Fatalf("case %d: brute force recovers a small group, Audit nothing", i)
		}
	}
	if brute == 0 {
		t.Fatal("no case with a leak: the test tests nothing")
	}
	t.Logf("%d of %d cases leak", brute, cases)
}
