package tally

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
// cell per key × code that someone gave, 無回答 (and 非該当) last.
func countEveryone(w *Wave) Tally {
	cols := make([]int, len(w.Keys))
	slots := make([]codeSlots, len(w.Keys))
	for j := range w.Keys {
		cols[j], slots[j] = j, slotsOf(w, j)
	}
	var t Tally
	acc := make([][]Sums, len(cols))
	for j := range cols {
		acc[j] = make([]Sums, len(slots[j].codes)+1)
	}
	for r := range w.N {
		row := w.Row(r)
		wt, u := w.weight(r)
		t.Total.add(wt, u, false)
		for j, col := range cols {
			acc[j][slots[j].of(row[col])].add(wt, u, false)
		}
	}
	for j := range cols {
		for s, sums := range acc[j] {
			if sums.N > 0 {
				t.Cells = append(t.Cells, Cell{Attribute: w.Keys[j], Code: slots[j].code(s), Sums: sums})
			}
		}
	}
	return t
}
