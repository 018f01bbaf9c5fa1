package decide

import (
	"context"
	"math/rand/v2"
	"slices"
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

// TestSecuredWavesPassTheAudit: on random small linked tables of one
// question, with up to two more indicators on it that publish nothing (a
// filtered total withdrawn, as a total under 10 is, of any definition and
// in any place), what secureEach leaves shown lets the auditor recover no
// group: neither in the wave it decided nor in the wave the audit of the
// published site rebuilds, which never sees those indicators.
func TestSecuredWavesPassTheAudit(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 6))
	cases := 400
	if testing.Short() {
		cases = 120
	}
	withdrawn := 0
	for i := range cases {
		w := disclosetest.RandomWave(r, i%8)
		for range r.IntN(3) {
			w.Domains = slices.Insert(w.Domains, r.IntN(len(w.Domains)+1), withdrawnDomain(r))
		}
		if err := secureEach(context.Background(), w); err != nil {
			t.Fatal(err)
		}
		published := w
		if v, _ := asPublished(w, "q"); v != nil {
			published, withdrawn = v, withdrawn+1
		}
		for name, v := range map[string]*disclose.Wave{"decided": w, "published": published} {
			leaks, err := search.Audit(v)
			if err != nil {
				t.Fatal(err)
			}
			if len(leaks) > 0 {
				t.Fatalf("case %d: the %s wave leaks %+v\ndomains %+v", i, name, leaks, w.Domains)
			}
		}
	}
	if withdrawn == 0 {
		t.Fatal("no case with a withdrawn indicator: the test tests nothing")
	}
}

// withdrawnDomain is an indicator on disclosetest.RandomWave's question
// that publishes nothing: random positive and excluded answers (1, 2, 9),
// perhaps a filter on k or a, its total withdrawn.
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
	if key := []string{"", "k", "a"}[r.IntN(3)]; key != "" {
		d.Filter = []disclose.Clause{{Key: key, Codes: []int{1 + r.IntN(2)}}}
	}
	return d
}
