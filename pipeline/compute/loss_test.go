package compute

import (
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute/smallcount"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// countLoss is what one published table loses: its numbers, those
// hidden, and the respondents in the hidden ones.
type countLoss struct{ rows, hidden, respondents int }

func (l *countLoss) add(n int64, hidden bool) {
	l.rows++
	if hidden {
		l.hidden++
		l.respondents += int(n)
	}
}

// TestInformationLossOfTheSimpleAndTheFlow measures what the 単純集計
// (frequencies.csv) and the flow (actuals.csv's flow_*) of data/sample
// lose by the rules before they joined the linked model (each table by
// itself, complements smallest first) and by the linked model;
// docs/statistics.md §6.3 quotes both.
func TestInformationLossOfTheSimpleAndTheFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every wave of data/sample")
	}
	in := counted(t, "../../data/sample")
	facts := factsOf(in.Dataset)
	dec, rows := in.decisions()
	var flowBefore, flowAfter, simpleBefore, simpleAfter countLoss
	published(in, func(i int, s model.Survey, di int, tl *tally.Tally) {
		d := dec[s.ID][di]
		if d.Withdrawn {
			return
		}
		var before, after Actual
		before.QuestionKey, after.QuestionKey = in.Dataset.Indicators[i].QuestionKey, in.Dataset.Indicators[i].QuestionKey
		flowOf(&after, facts[s.ID], tl.Flow, d.Flow)
		flowOf(&before, facts[s.ID], tl.Flow, nil)
		if !before.Multi {
			before = oldFlow(facts[s.ID], tl.Flow, before.QuestionKey)
		}
		counted, a, b := flowNumbers(tl.Flow), flowShown(&after), flowShown(&before)
		for k, n := range counted {
			flowAfter.add(n, !a[k])
			flowBefore.add(n, !b[k])
		}
	})
	for _, s := range in.Dataset.Surveys {
		simpleLoss(in, s.ID, rows[s.ID], &simpleBefore, &simpleAfter)
	}
	t.Logf("flow before %+v after %+v; 単純集計 before %+v after %+v", flowBefore, flowAfter, simpleBefore, simpleAfter)
	want := [4]countLoss{{444, 60, 665}, {444, 62, 1552}, {700, 96, 1836}, {700, 96, 1836}}
	if got := [4]countLoss{flowBefore, flowAfter, simpleBefore, simpleAfter}; got != want {
		t.Errorf("loss %+v; docs/statistics.md §6.3 says %+v", got, want)
	}
}

// flowNumbers are the counts of a flow in the order flowShown reads them.
func flowNumbers(fl tally.Flow) []int64 {
	out := []int64{fl.Filtered, fl.NotApplicable, fl.Missing, fl.Excluded}
	for _, c := range slices.Concat(fl.ExcludedBy, fl.PositiveBy) {
		out = append(out, c.N)
	}
	return out
}

// flowShown is, for each count of a's flow, whether it is published.
func flowShown(a *Actual) []bool {
	out := []bool{a.FlowFiltered != FlowHidden, a.FlowNotApplicable != FlowHidden, a.FlowNoAnswer != FlowHidden, a.FlowExcluded != FlowHidden}
	for _, c := range slices.Concat(a.ExcludedBy, a.PositiveBy) {
		out = append(out, c.N != FlowHidden)
	}
	return out
}

// oldFlow is the flow of a single-answer question as published before
// the linked model (commit 011e87f's protectFlow): 対象外 always shown;
// 非該当, 無回答 and each excluded code, and the positives by code, each
// group hidden by itself, complements smallest first.
func oldFlow(f *waveFacts, fl tally.Flow, question string) Actual {
	a := Actual{QuestionKey: question}
	a.FlowFiltered, a.FlowNotApplicable, a.FlowNoAnswer, a.FlowExcluded = int(fl.Filtered), int(fl.NotApplicable), int(fl.Missing), int(fl.Excluded)
	for _, c := range fl.ExcludedBy {
		a.ExcludedBy = append(a.ExcludedBy, FlowCode{Code: int(c.Code), N: int(c.N)})
	}
	for _, c := range fl.PositiveBy {
		a.PositiveBy = append(a.PositiveBy, FlowCode{Code: int(c.Code), N: int(c.N)})
	}
	smallcount.HideGroup(append([]*int{&a.FlowNotApplicable, &a.FlowNoAnswer}, codeCounts(a.ExcludedBy)...), -1)
	smallcount.HideGroup(codeCounts(a.PositiveBy), -1)
	for _, c := range a.ExcludedBy {
		if c.N == FlowHidden {
			a.FlowExcluded = FlowHidden
		}
	}
	return a
}

// simpleLoss adds the 単純集計 of wave survey, before and after: the rows
// of every question and attribute (choices.csv's answers, the codes given,
// 無回答); a 複数回答 key hides its rows of 1 to 9 alone either way; the
// keys the linked model decides hide as linked says, the others (and all
// of them before) by one table's rule — within the groups of codes that
// the wave's unfiltered indicators tell apart, smallest first before,
// 無回答 first now.
func simpleLoss(in Input, survey string, linked map[string]map[int32]bool, before, after *countLoss) {
	e, ok := in.Tallies[survey][in.Plan.Everyone]
	if !ok || e.Total.N == 0 {
		return
	}
	answers := answerCodes(in.Dataset)[survey]
	seen := map[string]bool{}
	for _, q := range in.Dataset.QuestionsOf(survey) {
		if seen[q.Key] || (q.Role != model.RoleQuestion && q.Role != model.RoleAttribute && q.Role != model.RoleMulti) {
			continue
		}
		seen[q.Key] = true
		by := map[int32]int64{}
		codes := slices.Clone(answers[q.Key])
		for _, c := range e.Cells {
			if c.Attribute == q.Key {
				by[c.Code], codes = c.N, append(codes, c.Code)
			}
		}
		levels := tally.Levels(codes)
		counts := make([]int64, len(levels))
		for l, c := range levels {
			counts[l] = by[c]
		}
		b, a := oldSimple(in, survey, q.Key, levels, counts), smallcount.Complementary(counts, len(counts)-1)
		if rows, ok := linked[q.Key]; ok {
			for l, c := range levels {
				a[l] = rows[c]
			}
		}
		for l, n := range counts {
			if q.Role == model.RoleMulti {
				b[l] = n > 0 && n < SuppressBelow
				a[l] = b[l]
			}
			before.add(n, b[l])
			after.add(n, a[l])
		}
	}
}

// oldSimple is the rule of the 単純集計 before the linked model: within
// each group of codes that the wave's unfiltered indicators on the key
// tell apart (counted, positive), complements smallest first.
func oldSimple(in Input, survey, key string, levels []int32, counts []int64) []bool {
	hidden := make([]bool, len(levels))
	atoms := map[string][]int{}
	for l, code := range levels {
		var sig []byte
		for _, i := range in.Plan.Of(survey).Indicators {
			d := in.Plan.Domains[in.Plan.OfIndicator[i]]
			if d.Question == key && !d.Filtered() {
				sig = append(sig, byte(boolInt(code != model.Blank && !slices.Contains(d.Excluded, int(code)))),
					byte(boolInt(slices.Contains(d.Positive, int(code)))))
			}
		}
		atoms[string(sig)] = append(atoms[string(sig)], l)
	}
	for _, idx := range atoms {
		n := make([]int64, len(idx))
		for k, l := range idx {
			n[k] = counts[l]
		}
		for k, h := range smallcount.Complementary(n, -1) {
			hidden[idx[k]] = h
		}
	}
	return hidden
}

// TestUncountedOfAnAttributeLevel counts, on data/sample, the shown
// breakdown cells whose attribute level's 単純集計 row less the cell's n
// (those of the level whom the indicator does not count) is 1 to 9: what
// protecting them would hide (docs/statistics.md §6.2 quotes it).
func TestUncountedOfAnAttributeLevel(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every wave of data/sample")
	}
	in := counted(t, "../../data/sample")
	dec, _ := in.decisions()
	shown, small := 0, 0
	published(in, func(i int, s model.Survey, di int, tl *tally.Tally) {
		if dec[s.ID][di].Withdrawn {
			return
		}
		level := map[tally.Cell]int64{}
		for _, c := range in.Tallies[s.ID][in.Plan.Everyone].Cells {
			level[tally.Cell{Attribute: c.Attribute, Code: c.Code}] = c.N
		}
		for _, tb := range dec[s.ID][di].Tables {
			for l, code := range tb.Levels {
				if tb.Hidden[l] {
					continue
				}
				shown++
				n := level[tally.Cell{Attribute: tb.Attribute, Code: code}] - tb.Cells[l].N
				if tb.WithBlank[l] { // the cell's level is the code and 無回答
					n += level[tally.Cell{Attribute: tb.Attribute, Code: model.Blank}]
				}
				if n > 0 && n < SuppressBelow {
					small++
				}
			}
		}
	})
	if shown != 1263 || small != 786 {
		t.Errorf("%d of %d shown cells leave 1 to 9 uncounted; docs/statistics.md §6.2 says 786 of 1,263", small, shown)
	}
}
