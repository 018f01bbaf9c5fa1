package decide

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/disclosetest"
	"github.com/shihyo/shihyo/pipeline/disclose/search"
)

// TestOneCostOrder: secondary suppression picks, among the numbers a
// recovery uses, a 無回答 number first (a 単純集計 row, a flow count or a
// breakdown cell alike), then the smallest, a filtered total last, and
// never 回答者数 or an unfiltered total.
func TestOneCostOrder(t *testing.T) {
	wave := func() *disclose.Wave {
		return &disclose.Wave{Attributes: []string{"a"}, Levels: map[string][]int32{"a": {1, disclose.Blank}},
			Simple: map[string]*disclose.Simple{"q": {Codes: []int32{1, 9, disclose.Blank},
				Counts: []disclose.Count{{N: 300, Shown: true}, {N: 12, Shown: true}, {N: 40, Shown: true}}}},
			Domains: []disclose.Domain{
				{Question: "q", Total: disclose.Cell{N: 300, Shown: true}},
				{Question: "q", Filter: []disclose.Clause{{Key: "a", Codes: []int{1}}}, Total: disclose.Cell{N: 11, Shown: true},
					Tables: []disclose.Table{{Attribute: "a", Cells: []disclose.Cell{{N: 11, Shown: true}, {N: 25, Shown: true}}}},
					Flow:   []disclose.FlowCount{{Step: disclose.StepExcludedCode, Code: 9, Count: disclose.Count{N: 13, Shown: true}}}}},
		}
	}
	respondents, total := disclose.Ref{Domain: -1, Level: -1}, disclose.Ref{Domain: 0, Level: -1}
	filtered, cell, blankCell := disclose.Ref{Domain: 1, Level: -1}, disclose.Ref{Domain: 1, Attribute: "a", Level: 0}, disclose.Ref{Domain: 1, Attribute: "a", Level: 1}
	row9, blankRow, flow9 := disclose.Ref{Domain: -1, Simple: "q", Level: 1}, disclose.Ref{Domain: -1, Simple: "q", Level: 2}, disclose.Ref{Domain: 1, Level: -1, Flow: 1}
	for _, c := range []struct {
		uses   []disclose.Ref
		hidden func(w *disclose.Wave) bool
	}{
		{[]disclose.Ref{respondents, total, row9, flow9, cell, blankRow}, func(w *disclose.Wave) bool { return !w.Simple["q"].Counts[2].Shown }},
		{[]disclose.Ref{flow9, cell, blankCell}, func(w *disclose.Wave) bool { return !w.Domains[1].Tables[0].Cells[1].Shown }},
		{[]disclose.Ref{total, flow9, row9, filtered}, func(w *disclose.Wave) bool { return !w.Simple["q"].Counts[1].Shown }},
		{[]disclose.Ref{filtered, flow9}, func(w *disclose.Wave) bool { return !w.Domains[1].Flow[0].Shown }},
		{[]disclose.Ref{respondents, filtered}, func(w *disclose.Wave) bool { return !w.Domains[1].Total.Shown }},
	} {
		w := wave()
		if !hideCheapest(w, "q", c.uses) || !c.hidden(w) {
			t.Errorf("uses %+v: not the cheapest hidden", c.uses)
		}
	}
	if hideCheapest(wave(), "q", []disclose.Ref{respondents, total}) {
		t.Error("回答者数 or an unfiltered total hidden")
	}
}

// TestReshowChecksTheQuestionsFilteringOnIt: a row of question q's
// 単純集計 shown again is checked in the systems of the questions whose
// indicators filter on q too (they hold that row as their filter's count
// and never hide it), and only there.
func TestReshowChecksTheQuestionsFilteringOnIt(t *testing.T) {
	w := &disclose.Wave{Domains: []disclose.Domain{
		{Question: "q"},
		{Question: "q2", Filter: []disclose.Clause{{Key: "k", Codes: []int{1}}, {Key: "q", Codes: []int{1}}}},
		{Question: "q3", Filter: []disclose.Clause{{Key: "k", Codes: []int{1}}}},
		{Question: "q2"},
	}}
	for q, want := range map[string][]string{"q": {"q", "q2"}, "q2": {"q2"}, "k": {"k", "q2", "q3"}} {
		if got := linkedTo(w, q); !slices.Equal(got, want) {
			t.Errorf("linkedTo(%s) = %v; want %v", q, got, want)
		}
	}
}

// TestSecuredWavesPassTheAudit: what secureEach leaves shown lets the
// auditor recover no group, neither in the wave it decided nor in the
// wave the audit of the published site rebuilds, which never sees the
// indicators that publish nothing (auditView, built here apart from
// asPublished). The waves: testdata's, as Link links them before
// securing (wave w2020 of the small fixture with the indicators of
// TestValidDataPublishes: 1-3 and 2-2 added, whose 1-2 secure withdraws;
// 1-2 filtered on q=3;4 and 2-1 on kosodate=2, withdrawn, whose filter
// cuts the regions of the decided wave finer than the audit's), each
// with its domains in every rotation (a withdrawn one first, last, in
// between: the leaks of asPublished's wave name w's domains again); and
// random small linked tables with up to two more indicators that publish
// nothing. Without the search of asPublished's wave, filter-on-q's
// published wave leaks.
func TestSecuredWavesPassTheAudit(t *testing.T) {
	eachRotation(t, func(name string, w *disclose.Wave) { checkSecured(t, name, w) })
	r := rand.New(rand.NewPCG(51, 6))
	for i := range 400 {
		w := disclosetest.RandomWave(r, i%9)
		for range r.IntN(3) {
			w.Domains = slices.Insert(w.Domains, r.IntN(len(w.Domains)+1), withdrawnDomain(r))
		}
		checkSecured(t, fmt.Sprint("random case ", i), w)
	}
}

// TestLeaksNamePublishedNumbers: every recovery the auditor makes from
// testdata's linked waves, in any rotation of their domains, names
// numbers that the wave decided publishes, those of asPublished's wave
// too (named again by w's domains), so that hiding one makes progress.
func TestLeaksNamePublishedNumbers(t *testing.T) {
	views := 0
	eachRotation(t, func(name string, w *disclose.Wave) {
		if v, _ := asPublished(w, "q"); v != nil {
			views++
		}
		leaks, err := questionLeaks(w, "q")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leaks {
			for _, u := range l.Uses {
				if !isPublished(w, u) {
					t.Fatalf("%s: leak %+v uses %+v, which is not published", name, l, u)
				}
			}
		}
	})
	if views == 0 {
		t.Fatal("no wave with a withdrawn domain: the test tests nothing")
	}
}

// eachRotation calls f with each of testdata's waves, as Link links
// them before securing, in every rotation of its domains (read anew each
// time: f may change it), and its name.
func eachRotation(t *testing.T, f func(name string, w *disclose.Wave)) {
	t.Helper()
	for _, name := range []string{"added-indicators", "filter-on-q"} {
		b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		for r := range len(readWave(t, b).Domains) {
			w := readWave(t, b)
			w.Domains = append(w.Domains[r:], w.Domains[:r]...)
			f(fmt.Sprintf("%s rotated by %d", name, r), w)
		}
	}
}

// readWave decodes a wave from JSON.
func readWave(t *testing.T, b []byte) *disclose.Wave {
	t.Helper()
	var w disclose.Wave
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return &w
}

// checkSecured secures w and fails unless the auditor finds nothing in
// it and in auditView(w).
func checkSecured(t *testing.T, name string, w *disclose.Wave) {
	t.Helper()
	if err := secureEach(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	for which, v := range map[string]*disclose.Wave{"decided": w, "published": auditView(w)} {
		leaks, err := search.Audit(v)
		if err != nil {
			t.Fatal(err)
		}
		if len(leaks) > 0 {
			t.Fatalf("%s: the %s wave leaks %+v\ndomains %+v", name, which, leaks, v.Domains)
		}
	}
}

// auditView is w as the audit rebuilds it: the domains whose total is
// shown, in the order of their definitions (the audit's is by indicator).
func auditView(w *disclose.Wave) *disclose.Wave {
	v := *w
	v.Domains = slices.DeleteFunc(slices.Clone(w.Domains), func(d disclose.Domain) bool { return !d.Total.Shown })
	slices.SortStableFunc(v.Domains, func(a, b disclose.Domain) int {
		return strings.Compare(fmt.Sprint(a.Positive, a.Excluded, a.Filter), fmt.Sprint(b.Positive, b.Excluded, b.Filter))
	})
	return &v
}

// withdrawnDomain is an indicator on disclosetest.RandomWave's question
// whose total is withdrawn, so that it publishes nothing: random positive
// and excluded answers (1, 2, 9), a filter on k, a or the question
// itself, or none (no such total is withdrawn in a refresh, but the
// search must not care).
func withdrawnDomain(r *rand.Rand) disclose.Domain {
	d := disclose.Domain{Question: "q", Total: disclose.Cell{N: int64(r.IntN(10)), HasP: true}}
	for _, code := range []int{1, 2, 9} {
		switch r.IntN(3) {
		case 0:
			d.Positive = append(d.Positive, code)
		case 1:
			d.Excluded = append(d.Excluded, code)
		}
	}
	if len(d.Positive) == 0 {
		d.Positive, d.Excluded = []int{2}, slices.DeleteFunc(d.Excluded, func(c int) bool { return c == 2 })
	}
	switch key := []string{"", "k", "a", "q"}[r.IntN(4)]; key {
	case "q":
		d.Filter = []disclose.Clause{{Key: key, Codes: []int{1, 2}}}
	case "k", "a":
		d.Filter = []disclose.Clause{{Key: key, Codes: []int{1 + r.IntN(2)}}}
	}
	return d
}
