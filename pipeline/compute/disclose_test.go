package compute

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/search"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
	"github.com/shihyo/shihyo/pipeline/tally"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// counted is dir counted as the engine counts it: one pass per wave.
func counted(t *testing.T, dir string) Input {
	t.Helper()
	ds, err := input.Read(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return countDataset(t, ds)
}

// countDataset reads every wave of ds and runs the pass over it, as the
// engine does (CountDataset for the external tests).
func countDataset(t *testing.T, ds *model.Dataset) Input {
	t.Helper()
	plan := tally.NewPlan(ds)
	in := Input{Dataset: ds, Plan: plan, Respondents: map[string]int{}, Tallies: map[string]map[int]*tally.Tally{}}
	err := responses.Each(context.Background(), ds, ds.Surveys, func(m *model.Wave) error {
		w, err := microdata.FromModel(m)
		if err != nil {
			return err
		}
		wp := plan.Of(m.Survey.ID)
		tallies := tally.Count(w, wp.Attributes, plan.Select(wp.Domains))
		in.Tallies[m.Survey.ID] = map[int]*tally.Tally{}
		for i, d := range wp.Domains {
			in.Tallies[m.Survey.ID][d] = &tallies[i]
		}
		in.Respondents[m.Survey.ID] = w.N
		return nil
	})
	if err != nil {
		t.Fatalf("read responses: %v", err)
	}
	return in
}

// TestEveryHiddenCellIsRequired: on the three patterns of issue 12
// (../audit/testdata/linked), the linked waves leave the auditor nothing
// to recover, and every cell of 10 or more that is hidden (and every
// filtered total of 10 or more withdrawn) is required: shown again alone,
// the auditor recovers a small group.
func TestEveryHiddenCellIsRequired(t *testing.T) {
	in := counted(t, "../audit/testdata/linked")
	facts := factsOf(in.Dataset)
	w, _, _ := decide.Link(context.Background(), waveOf(in, "w2023", facts["w2023"], answerCodes(in.Dataset)["w2023"]))
	if leaks, err := search.Audit(w); err != nil || len(leaks) > 0 {
		t.Fatalf("leaks %v, %v; want none", leaks, err)
	}
	required := 0
	for k := range w.Domains {
		d := &w.Domains[k]
		if !d.Total.Shown && d.Total.N >= SuppressBelow {
			d.Total.Shown = true
			mustLeak(t, w, d.Question, "withdrawn total of domain %d (n %d)", k, d.Total.N)
			d.Total.Shown = false
			required++
		}
		for _, tb := range d.Tables {
			for l := range tb.Cells {
				c := &tb.Cells[l]
				if c.Shown || c.N < SuppressBelow {
					continue
				}
				c.Shown = true
				mustLeak(t, w, d.Question, "domain %d %s level %d (n %d)", k, tb.Attribute, l, c.N)
				c.Shown = false
				required++
			}
		}
	}
	if required == 0 {
		t.Error("no cell of 10 or more hidden: the data set no longer has the patterns")
	}
	requiredPublished(t, w)
}

// requiredPublished: the 単純集計 and the flows are in w's model, and
// each of their counts of 10 or more that is hidden is required: shown
// again alone, the auditor recovers a small group.
func requiredPublished(t *testing.T, w *disclose.Wave) {
	t.Helper()
	flows := 0
	for _, d := range w.Domains {
		flows += len(d.Flow)
	}
	if len(w.Simple) == 0 || flows == 0 || w.Respondents == 0 {
		t.Fatalf("the wave's model lacks the 単純集計 (%d keys), the flows (%d counts) or 回答者数 (%d)", len(w.Simple), flows, w.Respondents)
	}
	done := map[string]bool{}
	for _, d := range w.Domains {
		if done[d.Question] {
			continue
		}
		done[d.Question] = true
		for _, h := range decide.Complements(w, d.Question) {
			*h.Shown = true
			mustLeak(t, w, d.Question, "question %s: a hidden number of %d", d.Question, h.N)
			*h.Shown = false
		}
	}
}

func mustLeak(t *testing.T, w *disclose.Wave, q string, format string, args ...any) {
	t.Helper()
	leaks, err := search.Question(w, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(leaks) == 0 {
		t.Errorf("hidden although showing it reveals nothing: "+format, args...)
	}
}

// loss is the information disclosure control takes from staff: cells
// (rows of breakdowns.csv) hidden, of them empty, and the respondents in
// hidden cells; and actuals withdrawn.
type loss struct {
	cells, empty, respondents, rows, withdrawn int
}

// TestInformationLossOnSample measures the loss on data/sample with the
// rule of before issue 12 (per table, rows only for categories someone
// is in, smallest first), with the linked rule alone (the sample's
// choices.csv without kind with_blank) and with the linked rule and the
// merged rows (子育て中ではない・無回答, その他・答えたくない・無回答);
// docs/statistics.md §6.3 quotes all three.
func TestInformationLossOnSample(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every wave of data/sample")
	}
	in := counted(t, "../../data/sample")
	before, linked, merged := lossBefore(in), lossAfter(withoutMerge(t, in)), lossAfter(in)
	t.Logf("before %+v, linked %+v, merged %+v", before, linked, merged)
	wantBefore := loss{cells: 382, empty: 0, respondents: 10349, rows: 1629}
	wantLinked := loss{cells: 401, empty: 19, respondents: 10349, rows: 1648}
	wantMerged := loss{cells: 273, empty: 16, respondents: 7836, rows: 1536}
	if before != wantBefore || linked != wantLinked || merged != wantMerged {
		t.Errorf("loss before %+v, linked %+v, merged %+v; docs/statistics.md §6.3 says %+v, %+v, %+v",
			before, linked, merged, wantBefore, wantLinked, wantMerged)
	}
}

// withoutMerge is in with no code of kind with_blank: 無回答 its own
// breakdown row everywhere. It fails t if in had none.
func withoutMerge(t *testing.T, in Input) Input {
	t.Helper()
	ds := *in.Dataset
	ds.Choices = slices.Clone(ds.Choices)
	n := 0
	for k := range ds.Choices {
		n += boolInt(ds.Choices[k].WithBlank)
		ds.Choices[k].WithBlank = false
	}
	if n == 0 {
		t.Fatal("no choice of kind with_blank to leave out")
	}
	in.Dataset = &ds
	return in
}

// published visits each published indicator × wave with its domain.
func published(in Input, visit func(i int, s model.Survey, di int, t *tally.Tally)) {
	for i := range in.Dataset.Indicators {
		di := in.Plan.OfIndicator[i]
		for _, s := range in.Dataset.Surveys {
			if t, ok := in.Tallies[s.ID][di]; ok && measures(in.Plan, s.ID, i) && t.Total.N > 0 {
				visit(i, s, di, t)
			}
		}
	}
}

func lossAfter(in Input) loss {
	var l loss
	dec, _ := in.decisions()
	published(in, func(i int, s model.Survey, di int, t *tally.Tally) {
		d := dec[s.ID][di]
		if d.Withdrawn {
			l.withdrawn += boolInt(in.Plan.Domains[di].Filtered() && t.Total.N >= SuppressBelow)
			return
		}
		for _, tb := range d.Tables {
			for k, hidden := range tb.Hidden {
				l.rows++
				if hidden {
					l.cells++
					l.empty += boolInt(tb.Cells[k].N == 0)
					l.respondents += int(tb.Cells[k].N)
				}
			}
		}
	})
	return l
}

func lossBefore(in Input) loss {
	var l loss
	published(in, func(i int, s model.Survey, di int, t *tally.Tally) {
		if in.Plan.Domains[di].Filtered() && t.Total.N < SuppressBelow {
			return
		}
		for _, group := range groupsOf(t.Cells) {
			for k, hidden := range oldSuppressed(group) {
				l.rows++
				if hidden {
					l.cells++
					l.respondents += int(group[k].N)
				}
			}
		}
	})
	return l
}

func groupsOf(cells []tally.Cell) [][]tally.Cell {
	var groups [][]tally.Cell
	for lo := 0; lo < len(cells); {
		hi := lo + 1
		for hi < len(cells) && cells[hi].Attribute == cells[lo].Attribute {
			hi++
		}
		groups = append(groups, cells[lo:hi])
		lo = hi
	}
	return groups
}

// oldSuppressed is the rule of one table before issue 12 (commit
// 3cf9edf's suppressed), kept here to measure what changed.
func oldSuppressed(cells []tally.Cell) []bool {
	hidden := make([]bool, len(cells))
	small := 0
	for k, c := range cells {
		if c.N < SuppressBelow {
			hidden[k], small = true, small+1
		}
	}
	if small == 0 {
		return hidden
	}
	order := make([]int, len(cells))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(i, j int) int {
		ci, cj := cells[i].Code, cells[j].Code
		if ci == model.Blank || cj == model.Blank {
			return cmp.Or(cmp.Compare(cells[i].N, cells[j].N), boolInt(ci == model.Blank)-boolInt(cj == model.Blank))
		}
		return cmp.Or(cmp.Compare(cells[i].N, cells[j].N), cmp.Compare(ci, cj))
	})
	var before int64
	for rank, k := range order {
		if rank < 2 || before < SuppressBelow {
			hidden[k] = true
		}
		before += cells[k].N
	}
	return hidden
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// randomInput is one wave of one question asked of respondents in atoms
// (answer 1 positive, 2 negative, 9 excluded, blank) × k (1, 2, blank) ×
// a (1, 2, blank), counted by an unfiltered domain, one filtered on k=1
// and one on k=1 & a=1, with their flows and the wave's 単純集計.
func randomInput(r *rand.Rand) Input {
	domains := []tally.Domain{
		{Question: "q", Positive: []int{1}, Excluded: []int{9}},
		{Question: "q", Positive: []int{1}, Excluded: []int{9}, Filter: []model.Clause{{Key: "k", Codes: []int{1}}}},
		{Question: "q", Positive: []int{1}, Excluded: []int{9}, Filter: []model.Clause{{Key: "a", Codes: []int{1}}, {Key: "k", Codes: []int{1}}}},
		tally.Everyone,
	}
	plan := &tally.Plan{Domains: domains, Everyone: 3, Waves: map[string]*tally.WavePlan{
		"w": {Domains: []int{0, 1, 2, 3}, Attributes: []string{"k", "a"}}}}
	codes := []int32{1, 2, model.Blank}
	answers := []int32{1, 2, 9, model.Blank}
	var count [4][3][3]int64 // answer, k, a
	respondents := 0
	for x := range count {
		for k := range count[x] {
			for a := range count[x][k] {
				count[x][k][a] = int64(r.IntN(9))
				respondents += int(count[x][k][a])
			}
		}
	}
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
	tallies := map[int]*tally.Tally{}
	for di := range 3 {
		in := func(k, a int) bool { return di == 0 || (k == 0 && (di == 1 || a == 0)) }
		t := &tally.Tally{}
		for _, attr := range []string{"k", "a"} {
			for l, code := range codes {
				at := func(k, a int) bool { return in(k, a) && (attr == "k" && k == l || attr == "a" && a == l) }
				c := tally.Cell{Attribute: attr, Code: code}
				c.N, c.NPositive = sum(func(x int) bool { return x < 2 }, at), sum(func(x int) bool { return x == 0 }, at)
				if c.N > 0 {
					t.Cells = append(t.Cells, c)
				}
			}
		}
		t.Total.N, t.Total.NPositive = sum(func(x int) bool { return x < 2 }, in), sum(func(x int) bool { return x == 0 }, in)
		out := func(k, a int) bool { return !in(k, a) }
		nine := sum(func(x int) bool { return x == 2 }, in)
		t.Flow = tally.Flow{Filtered: sum(func(int) bool { return true }, out), Missing: sum(func(x int) bool { return x == 3 }, in),
			Excluded: nine, ExcludedBy: []tally.CodeCount{{Code: 9, N: nine}},
			PositiveBy: []tally.CodeCount{{Code: 1, N: t.Total.NPositive}}}
		tallies[di] = t
	}
	e := &tally.Tally{Total: tally.Sums{N: int64(respondents)}}
	for x, code := range answers {
		e.Cells = append(e.Cells, tally.Cell{Attribute: "q", Code: code, Sums: tally.Sums{N: sum(func(y int) bool { return y == x }, func(int, int) bool { return true })}})
	}
	for _, attr := range []string{"k", "a"} {
		for l, code := range codes {
			at := func(k, a int) bool { return attr == "k" && k == l || attr == "a" && a == l }
			e.Cells = append(e.Cells, tally.Cell{Attribute: attr, Code: code, Sums: tally.Sums{N: sum(func(int) bool { return true }, at)}})
		}
	}
	tallies[3] = e
	return Input{Dataset: &model.Dataset{}, Plan: plan, Respondents: map[string]int{"w": respondents},
		Tallies: map[string]map[int]*tally.Tally{"w": tallies}}
}

// TestLinkedRuleOnRandomWaves: on random linked waves (breakdowns, flows
// and the 単純集計) the rule leaves the auditor nothing, and every number
// of 10 or more it hides is required.
func TestLinkedRuleOnRandomWaves(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 3))
	answers := map[string][]int32{"k": {1, 2}, "a": {1, 2}, "q": {1, 2, 9}}
	hidden := 0
	for i := range 200 {
		w, _, _ := decide.Link(context.Background(), waveOf(randomInput(r), "w", nil, answers))
		if leaks, err := search.Audit(w); err != nil || len(leaks) > 0 {
			t.Fatalf("case %d: leaks %+v, %v", i, leaks, err)
		}
		if len(w.Simple) == 0 {
			t.Fatalf("case %d: no 単純集計 in the model", i)
		}
		for _, h := range decide.Complements(w, "q") {
			hidden++
			*h.Shown = true
			mustLeak(t, w, "q", "case %d: a hidden number of %d", i, h.N)
			*h.Shown = false
		}
	}
	if hidden == 0 {
		t.Error("no cell of 10 or more hidden in any case")
	}
}
