package decide

import (
	"cmp"
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/search"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// secure hides, while the auditor recovers a group from the published
// numbers of question q, the cheapest number the first recovery uses
// that uses one that may be hidden. Should the auditor fail, or no
// recovery use a number that may be hidden, the question publishes its
// unfiltered totals alone. The search stops at the first recovery
// (search.First): only when that one uses no number that may be hidden
// are the others searched for.
func secure(w *disclose.Wave, q string) {
	for {
		first, err := firstLeak(w, q)
		if err == nil && first == nil {
			return
		}
		if err == nil && hideCheapest(w, q, first.Uses) {
			continue
		}
		leaks, err := questionLeaks(w, q)
		if err != nil || !hideForAny(w, q, leaks) {
			totalsOnly(w, q)
			return
		}
	}
}

// firstLeak is the first group the auditor recovers from the numbers of
// question q (search.First), nil if none: in w, then in what the audit
// of the published site sees of w (asPublished). Both are searched
// because the search tries chosen groups, not every union of them: w's
// domains that publish nothing add no number, but their filters cut the
// regions it tries into pieces, so a region the audit tries whole (and
// recovers) may be tried in w only in pieces that are not determined;
// and w is searched because those domains' own groups (their withdrawn
// totals) are to be protected too: the plan names them.
func firstLeak(w *disclose.Wave, q string) (*disclose.Leak, error) {
	l, err := search.First(w, q)
	if err != nil || l != nil {
		return l, err
	}
	v, back := asPublished(w, q)
	if v == nil {
		return nil, nil
	}
	if l, err = search.First(v, q); l != nil {
		renumber(l, back)
	}
	return l, err
}

// questionLeaks are the groups the auditor recovers from the numbers of
// question q (search.Question), in w and in asPublished(w, q).
func questionLeaks(w *disclose.Wave, q string) ([]disclose.Leak, error) {
	leaks, err := search.Question(w, q)
	if err != nil {
		return nil, err
	}
	v, back := asPublished(w, q)
	if v == nil {
		return leaks, nil
	}
	more, err := search.Question(v, q)
	for i := range more {
		renumber(&more[i], back)
	}
	return append(leaks, more...), err
}

// asPublished is w as the auditor rebuilds it from the published tables
// (package audit), without the domains that publish nothing (a total
// withdrawn), and the index in w of each of its domains; nil when no
// domain on question q is withdrawn (w itself is what is published).
func asPublished(w *disclose.Wave, q string) (*disclose.Wave, []int) {
	if !slices.ContainsFunc(w.Domains, func(d disclose.Domain) bool { return d.Question == q && !d.Total.Shown }) {
		return nil, nil
	}
	v := *w
	v.Domains = nil
	var back []int
	for i, d := range w.Domains {
		if d.Total.Shown {
			v.Domains, back = append(v.Domains, d), append(back, i)
		}
	}
	return &v, back
}

// renumber makes leak l of asPublished's wave name w's domains.
func renumber(l *disclose.Leak, back []int) {
	if l.Domain >= 0 {
		l.Domain = back[l.Domain]
	}
	for i, r := range l.Uses {
		if r.Domain >= 0 {
			l.Uses[i].Domain = back[r.Domain]
		}
	}
}

// hideForAny hides the cheapest number of the first of leaks whose
// recovery uses one that may be hidden; false if none does.
func hideForAny(w *disclose.Wave, q string, leaks []disclose.Leak) bool {
	for _, l := range leaks {
		if hideCheapest(w, q, l.Uses) {
			return true
		}
	}
	return false
}

// cost orders the numbers that may be hidden: a 無回答 (or 非該当) number
// first, then the smallest breakdown cell, 単純集計 row or flow count, and
// last the smallest filtered total (its indicator then publishes nothing
// that wave).
type cost struct {
	class int
	n     int64
}

func (c cost) less(d cost) bool {
	return cmp.Or(cmp.Compare(c.class, d.class), cmp.Compare(c.n, d.n)) < 0
}

// costOf is the cost of hiding r, false if r may not be hidden: the
// wave's 回答者数 and an unfiltered total (the plan's own figure) never
// are, nor the 単純集計 of another key than q (its own one-way rule
// decides it).
func costOf(w *disclose.Wave, q string, r disclose.Ref) (cost, bool) {
	switch {
	case !isPublished(w, r):
		return cost{}, false // a recovery uses only published numbers: this would loop
	case w.Fixed(r):
		return cost{}, false
	case r.Domain < 0:
		s := w.Simple[r.Simple]
		if r.Simple != q || s == nil || r.Level < 0 { // Level −1: a sum of rows
			return cost{}, false
		}
		return cost{rank(s.Codes[r.Level] != model.Blank), s.Counts[r.Level].N}, true
	}
	d := &w.Domains[r.Domain]
	switch {
	case r.Flow > 0:
		f := d.Flow[r.Flow-1]
		blank := f.Step == disclose.StepNoAnswer || f.Step == disclose.StepNotApplicable
		return cost{rank(!blank), f.N}, true
	case r.Attribute != "":
		c := d.Tables[tableIndex(d, r.Attribute)].Cells[r.Level]
		return cost{rank(w.CellCodes(r.Attribute)[r.Level][0] != model.Blank), c.N}, true
	}
	return cost{2, d.Total.N}, true
}

// hideCheapest hides the cheapest of uses (cost). False when none may be
// hidden.
func hideCheapest(w *disclose.Wave, q string, uses []disclose.Ref) bool {
	best, found := disclose.Ref{}, false
	var bestCost cost
	for _, r := range uses {
		if c, ok := costOf(w, q, r); ok && (!found || c.less(bestCost)) {
			best, bestCost, found = r, c, true
		}
	}
	if !found {
		return false
	}
	switch d := domainOf(w, best); {
	case best.Domain < 0:
		w.Simple[best.Simple].Counts[best.Level].Shown = false
	case best.Flow > 0:
		d.Flow[best.Flow-1].Shown = false
	case best.Attribute == "":
		d.Total.Shown, d.Tables, d.Flow = false, nil, nil
	default:
		d.Tables[tableIndex(d, best.Attribute)].Cells[best.Level].Shown = false
	}
	return true
}

// isPublished reports whether r names a number w publishes: 回答者数 or a
// sum of 単純集計 rows (Level −1), or a row, total, cell or flow count
// that w has and shows.
func isPublished(w *disclose.Wave, r disclose.Ref) bool {
	if r.Domain < 0 {
		s := w.Simple[r.Simple]
		return r.Simple == "" || r.Level < 0 || s != nil && r.Level < len(s.Counts) && s.Counts[r.Level].Shown
	}
	if r.Domain >= len(w.Domains) {
		return false
	}
	d := &w.Domains[r.Domain]
	switch {
	case r.Flow > 0:
		return r.Flow <= len(d.Flow) && d.Flow[r.Flow-1].Shown
	case r.Attribute != "":
		t := tableIndex(d, r.Attribute)
		return t >= 0 && r.Level < len(d.Tables[t].Cells) && d.Tables[t].Cells[r.Level].Shown
	}
	return d.Total.Shown
}

func domainOf(w *disclose.Wave, r disclose.Ref) *disclose.Domain {
	if r.Domain < 0 {
		return nil
	}
	return &w.Domains[r.Domain]
}

func tableIndex(d *disclose.Domain, attr string) int {
	return slices.IndexFunc(d.Tables, func(t disclose.Table) bool { return t.Attribute == attr })
}

// totalsOnly leaves question q its unfiltered totals alone, and its
// 単純集計 none of its rows.
func totalsOnly(w *disclose.Wave, q string) {
	for k := range w.Domains {
		if d := &w.Domains[k]; d.Question == q {
			d.Tables = nil
			for i := range d.Flow {
				d.Flow[i].Shown = false
			}
			if len(d.Filter) > 0 {
				d.Total.Shown, d.Flow = false, nil
			}
		}
	}
	if s := w.Simple[q]; s != nil {
		for l := range s.Counts {
			s.Counts[l].Shown = false
		}
	}
}

// reshow shows again, largest first, each number of question q (a
// breakdown cell, a row of its 単純集計, a flow count) that is hidden
// although it holds SuppressBelow or more, wherever the auditor then
// still recovers nothing: a complement that another table made
// unnecessary (子育て中 when the 子育て世帯 indicator on the same question
// publishes the same number) is not lost.
//
// The only domain on a question has its breakdowns against its total
// alone (no other number splits its respondents by an attribute), where
// hideSmall hides no more than a table needs: only its 単純集計 rows and
// flow counts are tried.
func reshow(w *disclose.Wave, q string) {
	cand := Complements(w, q)
	if domains := slices.IndexFunc(w.Domains, func(d disclose.Domain) bool { return d.Question == q }); domains >= 0 &&
		!slices.ContainsFunc(w.Domains[domains+1:], func(d disclose.Domain) bool { return d.Question == q }) {
		cand = slices.DeleteFunc(cand, func(c Complement) bool { return c.cell })
	}
	slices.SortStableFunc(cand, func(a, b Complement) int { return cmp.Compare(b.N, a.N) })
	linked := linkedTo(w, q)
	for _, c := range cand {
		*c.Shown = true
		for _, lq := range linked {
			if leak, err := firstLeak(w, lq); err != nil || leak != nil {
				*c.Shown = false
				break
			}
		}
	}
}

// linkedTo are q and the questions whose domains filter on q: their
// systems hold q's 単純集計 rows as their filters' counts, so a row of it
// shown again must reveal nothing there either (secured before or
// after q, they never hide it themselves).
func linkedTo(w *disclose.Wave, q string) []string {
	out := []string{q}
	for _, d := range w.Domains {
		if !slices.Contains(out, d.Question) && slices.ContainsFunc(d.Filter, func(c disclose.Clause) bool { return c.Key == q }) {
			out = append(out, d.Question)
		}
	}
	return out
}

// Complement is a number of the model hidden although it holds
// SuppressBelow or more: its n, and its flag in the model.
type Complement struct {
	N     int64
	Shown *bool
	cell  bool // a breakdown cell
}

// Complements are the numbers of question q in w hidden with
// SuppressBelow or more: breakdown cells, rows of its 単純集計, flow
// counts. After Link, each is required: shown again alone, the auditor
// recovers a group.
func Complements(w *disclose.Wave, q string) []Complement {
	var out []Complement
	add := func(n int64, shown *bool, cell bool) {
		if !*shown && n >= SuppressBelow {
			out = append(out, Complement{n, shown, cell})
		}
	}
	for k := range w.Domains {
		d := &w.Domains[k]
		if d.Question != q {
			continue
		}
		for t := range d.Tables {
			for l := range d.Tables[t].Cells {
				c := &d.Tables[t].Cells[l]
				add(c.N, &c.Shown, true)
			}
		}
		for i := range d.Flow {
			add(d.Flow[i].N, &d.Flow[i].Shown, false)
		}
	}
	if s := w.Simple[q]; s != nil {
		for l := range s.Counts {
			add(s.Counts[l].N, &s.Counts[l].Shown, false)
		}
	}
	return out
}

// rank is 1 for true, 0 for false.
func rank(b bool) int {
	if b {
		return 1
	}
	return 0
}
