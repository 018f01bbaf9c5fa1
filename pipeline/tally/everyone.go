package tally

import "github.com/shihyo/shihyo/pipeline/tally/microdata"

// The 単純集計 (every question's full answer distribution in a wave) is the
// tally of one more domain: Everyone, which counts every respondent of the
// wave and breaks them down by every key the wave has. Its sums are stored
// and kept like an indicator's, so an unchanged wave is never read again
// for it either.

// everyoneSpec is the spec of Everyone. An indicator's spec starts with
// "question=", so the two never meet.
const everyoneSpec = "everyone"

// Everyone is the domain of the 単純集計: every respondent, no question.
var Everyone = Domain{everyone: true}

// IsEveryone reports whether d is Everyone.
func (d Domain) IsEveryone() bool { return d.everyone }

// countEveryone adds up every respondent of w, by every key of w: a
// cell per key × code that someone gave, 無回答 (and 非該当) last. A
// 複数回答 key has a cell per option, each respondent in the cell of every
// option chosen, so that its cells add up to more than the respondents.
func countEveryone(w *microdata.Wave) Tally {
	slots := make([]codeSlots, len(w.Keys))
	for j := range w.Keys {
		slots[j] = slotsOf(w, j)
		if w.IsMulti(j) {
			slots[j] = optionSlotsOf(w, j)
		}
	}
	var t Tally
	acc := make([][]Sums, len(w.Keys))
	for j := range w.Keys {
		acc[j] = make([]Sums, len(slots[j].codes)+1)
	}
	for r := range w.N {
		row := w.Row(r)
		wt, u := w.Weight(r)
		t.Total.add(wt, u, false)
		for j, v := range row {
			if !w.IsMulti(j) || unanswered(v) {
				acc[j][slots[j].of(v)].add(wt, u, false)
				continue
			}
			for _, c := range microdata.MultiOptions(v) {
				acc[j][slots[j].of(int32(c))].add(wt, u, false)
			}
		}
	}
	for j := range w.Keys {
		for s, sums := range acc[j] {
			if sums.N > 0 {
				t.Cells = append(t.Cells, Cell{Attribute: w.Keys[j], Code: slots[j].code(s), Sums: sums})
			}
		}
	}
	return t
}

// optionSlotsOf numbers the options chosen in 複数回答 column col.
func optionSlotsOf(w *microdata.Wave, col int) codeSlots {
	var seen uint64
	for r := range w.N {
		seen |= microdata.MultiMask(w.Codes[r*len(w.Keys)+col])
	}
	s := codeSlots{index: map[int32]int32{}}
	for c := 0; c <= 63; c++ {
		if seen>>c&1 == 1 {
			s.index[int32(c)] = int32(len(s.codes))
			s.codes = append(s.codes, int32(c))
		}
	}
	return s
}
