package decide

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute/smallcount"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// linkPublished adds to w (the wave survey, its domains linked) the other
// numbers published about the domains' questions: the wave's 回答者数, the
// 単純集計 of each question and of each filter key, and each domain's
// flow, each hidden first by its own table's rule (1 to 9, and
// complements 無回答 first). A 複数回答 question's options overlap: its
// 単純集計 and flows stay out of the model (their own rule, frequencies
// and protectFlow, hides each count of 1 to 9).
func linkPublished(in Wave, w *disclose.Wave, dis []int) {
	everyone, ok := in.Tallies[in.Plan.Everyone]
	if !ok || !in.Plan.Domains[in.Plan.Everyone].IsEveryone() {
		return
	}
	multi, answers := in.Multi, in.Answers
	w.Respondents = int64(in.Respondents)
	w.Simple = map[string]*disclose.Simple{}
	for k, di := range dis {
		d := &w.Domains[k]
		if multi[d.Question] {
			continue
		}
		if d.Total.Shown {
			d.Flow = flowCounts(in.Tallies[di].Flow)
		}
		keys := []string{d.Question}
		for _, c := range d.Filter {
			keys = append(keys, c.Key)
		}
		for _, key := range keys {
			if w.Simple[key] == nil && !multi[key] {
				w.Simple[key] = simpleOf(everyone, key, answers[key], w.Domains)
			}
		}
	}
}

// simpleOf is the 単純集計 of key (sums of Everyone e): a count per level
// (the answers of choices.csv and the codes given, then 無回答), hidden by
// simpleRule.
func simpleOf(e *tally.Tally, key string, answers []int32, ds []disclose.Domain) *disclose.Simple {
	by := map[int32]int64{}
	codes := slices.Clone(answers)
	for _, c := range e.Cells {
		if c.Attribute == key {
			by[c.Code] = c.N
			codes = append(codes, c.Code)
		}
	}
	s := &disclose.Simple{Codes: tally.Levels(codes)}
	for _, c := range s.Codes {
		s.Counts = append(s.Counts, disclose.Count{N: by[c], Shown: true})
	}
	simpleRule(s, key, ds)
	return s
}

// simpleRule hides the rows of a 単純集計 by the rule of one table. The
// wave's 回答者数 is published, and so are the totals of the unfiltered
// domains on the question (n_valid, n_positive): together they give the
// total of every group of codes that the domains tell apart (an atom:
// the codes each counts, and as positive, alike). Within each atom that
// holds a row of 1 to 9, more rows are hidden (smallcount.Complementary,
// 無回答 first); the auditor then decides what the other tables need.
func simpleRule(s *disclose.Simple, key string, ds []disclose.Domain) {
	atoms := map[string][]int{}
	var order []string
	for l, code := range s.Codes {
		var sig []byte
		for _, d := range ds {
			if d.Question == key && len(d.Filter) == 0 {
				counted := code != model.Blank && !slices.Contains(d.Excluded, int(code))
				sig = append(sig, boolByte(counted), boolByte(slices.Contains(d.Positive, int(code))))
			}
		}
		if _, ok := atoms[string(sig)]; !ok {
			order = append(order, string(sig))
		}
		atoms[string(sig)] = append(atoms[string(sig)], l)
	}
	for _, sig := range order {
		idx := atoms[sig]
		counts := make([]int64, len(idx))
		blank := -1
		for k, l := range idx {
			counts[k] = s.Counts[l].N
			if s.Codes[l] == model.Blank {
				blank = k
			}
		}
		for k, h := range smallcount.Complementary(counts, blank) {
			s.Counts[idx[k]].Shown = !h
		}
	}
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// flowCounts are the counts of a domain's flow fl as the model takes
// them, hidden by the rule of one table: those the filter lets through
// but n leaves out (非該当, 無回答, each excluded code: their total is the
// filter's count less n) and the positives by code (their total is
// n_positive) each hide a count of 1 to 9 with complements, 無回答 first;
// 対象外 of 1 to 9 is hidden; the total excluded is hidden with any of
// its codes.
func flowCounts(fl tally.Flow) []disclose.FlowCount {
	count := func(n int64) disclose.Count { return disclose.Count{N: n, Shown: true} }
	out := []disclose.FlowCount{
		{Step: disclose.StepFiltered, Count: count(fl.Filtered)},
		{Step: disclose.StepNotApplicable, Count: count(fl.NotApplicable)},
		{Step: disclose.StepNoAnswer, Count: count(fl.Missing)},
		{Step: disclose.StepExcluded, Count: count(fl.Excluded)},
	}
	left, pos := []int{1, 2}, []int{}
	for _, c := range fl.ExcludedBy {
		left = append(left, len(out))
		out = append(out, disclose.FlowCount{Step: disclose.StepExcludedCode, Code: c.Code, Count: count(c.N)})
	}
	for _, c := range fl.PositiveBy {
		pos = append(pos, len(out))
		out = append(out, disclose.FlowCount{Step: disclose.StepPositiveCode, Code: c.Code, Count: count(c.N)})
	}
	out[0].Shown = !smallN(out[0].N)
	hideWithin(out, left, 1)
	hideWithin(out, pos, -1)
	for _, i := range left[2:] {
		out[3].Shown = out[3].Shown && out[i].Shown && !smallN(out[3].N)
	}
	return out
}

func smallN(n int64) bool { return n > 0 && n < SuppressBelow }

// hideWithin hides counts idx of out by smallcount.Complementary, the one
// at position noAnswer of idx (−1: none) first.
func hideWithin(out []disclose.FlowCount, idx []int, noAnswer int) {
	counts := make([]int64, len(idx))
	for k, i := range idx {
		counts[k] = out[i].N
	}
	for k, h := range smallcount.Complementary(counts, noAnswer) {
		out[idx[k]].Shown = out[idx[k]].Shown && !h
	}
}
