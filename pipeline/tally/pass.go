package tally

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// Tally is what the pass gives for one domain in one wave: the sums of the
// whole domain and of each of its cells by attribute and code.
type Tally struct {
	Total Sums
	// Flow is where the wave's other respondents left the domain.
	Flow Flow
	// Cells are the attribute × code combinations that someone in the
	// domain gave: attributes in the order Count was given them, codes
	// ascending, 無回答 (model.Blank) last. The cells of one attribute add
	// up to Total.
	Cells []Cell
}

// SumsOf are the sums of t's cell of code by attr; none (zero) when no
// respondent of the domain gave it, or t is nil.
func (t *Tally) SumsOf(attr string, code int32) Sums {
	if t == nil {
		return Sums{}
	}
	for _, c := range t.Cells {
		if c.Attribute == attr && c.Code == code {
			return c.Sums
		}
	}
	return Sums{}
}

// Cell is the sums of the respondents of a domain who gave Code (model.Blank:
// left blank) to the attribute Attribute.
type Cell struct {
	Attribute string
	Code      int32
	Sums
}

// Count is the pass over one wave: the Tally of each domain (in the order
// given) with its cells by each of attributes (keys of the wave; a key the
// wave lacks has no cells). Each domain reads the rows once; no row is
// kept.
func Count(w *microdata.Wave, attributes []string, domains []Domain) []Tally {
	b := newBreakdown(w, attributes)
	out := make([]Tally, len(domains))
	for i, d := range domains {
		if d.everyone {
			out[i] = countEveryone(w)
			continue
		}
		out[i] = countDomain(w, d, b)
	}
	return out
}

// breakdown is the cells that every domain of a wave is broken down into,
// numbered once for the wave: the attributes' slots laid end to end (the
// slots of attribute j from start[j]), and each row's cell of each
// attribute, so that a domain's pass only adds to a flat array.
type breakdown struct {
	names []string    // the attributes the wave has
	slots []codeSlots // of each
	start []int32     // of each attribute's slots in the flat array; one more: its length
	cell  []int32     // N × len(names): each row's cell index of each attribute
}

func newBreakdown(w *microdata.Wave, attributes []string) *breakdown {
	var b breakdown
	var cols []int
	for _, a := range attributes {
		if c := w.Column(a); c >= 0 {
			cols, b.names = append(cols, c), append(b.names, a)
		}
	}
	b.slots = make([]codeSlots, len(cols))
	b.start = make([]int32, len(cols)+1)
	for j, c := range cols {
		b.slots[j] = slotsOf(w, c)
		b.start[j+1] = b.start[j] + int32(len(b.slots[j].codes)) + 1
	}
	k := len(cols)
	b.cell = make([]int32, w.N*k)
	for r := range w.N {
		row, cells := w.Row(r), b.cell[r*k:r*k+k]
		for j, c := range cols {
			cells[j] = b.start[j] + b.slots[j].of(row[c])
		}
	}
	return &b
}

// countDomain adds up one domain. The tests run in the order of the
// denominator's flow (stepOf): the filter and 非該当 (対象外), a blank
// answer (無回答), an excluded code (除外); what is left is the domain.
func countDomain(w *microdata.Wave, d Domain, b *breakdown) Tally {
	c := compile(w, d)
	t := Tally{Flow: newFlow(d)}
	if c.col < 0 {
		return t
	}
	acc := make([]Sums, b.start[len(b.names)])
	k := len(b.names)
	for r := range w.N {
		row := w.Row(r)
		s := c.stepOf(row)
		a := row[c.col]
		y := s == stepCounted && c.isPositive(a)
		t.Flow.add(&c, s, a, y)
		if s != stepCounted {
			continue
		}
		wt, u := w.Weight(r)
		t.Total.add(wt, u, y)
		for _, i := range b.cell[r*k : r*k+k] {
			acc[i].addOne(wt, u)
			if y {
				acc[i].addPositive(wt, u)
			}
		}
	}
	for j, name := range b.names {
		for s, sums := range acc[b.start[j]:b.start[j+1]] {
			if sums.N > 0 {
				t.Cells = append(t.Cells, Cell{Attribute: name, Code: b.slots[j].code(s), Sums: sums})
			}
		}
	}
	return t
}

// codeSlots numbers the codes of one column of a wave: ascending, then a
// last slot for 無回答.
type codeSlots struct {
	codes []int32
	dense []int32 // slot by code, when the codes are small
	index map[int32]int32
}

// denseUpTo is the largest code numbered through a table rather than a map.
const denseUpTo = 4096

func slotsOf(w *microdata.Wave, col int) codeSlots {
	// The codes given, marked in a table when small (a map assignment a
	// cell costs more than the rest of the pass), in a map when not.
	var small [denseUpTo + 1]bool
	var large map[int32]bool
	for r := range w.N {
		switch v := w.Codes[r*len(w.Keys)+col]; {
		case unanswered(v):
		case v >= 0 && v <= denseUpTo:
			small[v] = true
		default:
			if large == nil {
				large = map[int32]bool{}
			}
			large[v] = true
		}
	}
	var s codeSlots
	for v := range large {
		s.codes = append(s.codes, v)
	}
	for v, seen := range small {
		if seen {
			s.codes = append(s.codes, int32(v))
		}
	}
	slices.Sort(s.codes)
	if len(s.codes) > 0 && large == nil {
		s.dense = make([]int32, s.codes[len(s.codes)-1]+1)
		for i, v := range s.codes {
			s.dense[v] = int32(i)
		}
		return s
	}
	s.index = make(map[int32]int32, len(s.codes))
	for i, v := range s.codes {
		s.index[v] = int32(i)
	}
	return s
}

// of is the slot of code v.
func (s *codeSlots) of(v int32) int32 {
	switch {
	case unanswered(v):
		return int32(len(s.codes))
	case s.dense != nil:
		return s.dense[v]
	}
	return s.index[v]
}

// code is the code of slot i.
func (s *codeSlots) code(i int) int32 {
	if i == len(s.codes) {
		return model.Blank
	}
	return s.codes[i]
}

// unanswered reports whether v is no answer: left blank (or a code of kind
// missing), or 非該当 (model.NotApplicable). Both are out of every domain
// and, as an attribute, fall in the 無回答 cell.
func unanswered(v int32) bool {
	return v == model.Blank || v == model.NotApplicable
}

// Levels are the categories a table of one key lists, from the codes of
// choices.csv and those given: codes ascending, each once, then 無回答
// (model.Blank), the order of a Tally's cells.
func Levels(codes []int32) []int32 {
	out := slices.DeleteFunc(slices.Clone(codes), func(c int32) bool { return c == model.Blank })
	slices.Sort(out)
	return append(slices.Compact(out), model.Blank)
}
