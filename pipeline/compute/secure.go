package compute

import (
	"cmp"
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// secure hides, while the auditor recovers a group from the published
// numbers of question q, the cheapest number the recovery uses. Should
// the auditor fail, or a recovery use no number that may be hidden, the
// question publishes its unfiltered totals alone.
func secure(w *disclose.Wave, q string) {
	for {
		leaks, err := w.AuditQuestion(q)
		if err == nil && len(leaks) == 0 {
			return
		}
		if err != nil || !hideCheapest(w, leaks[0].Uses) {
			totalsOnly(w, q)
			return
		}
	}
}

// hideCheapest hides the cheapest of uses: a 無回答 cell, then the
// smallest other cell, then the smallest filtered total (its indicator
// then publishes nothing that wave). An unfiltered total is the plan's
// own figure and is never hidden. False when none may be hidden.
func hideCheapest(w *disclose.Wave, uses []disclose.Ref) bool {
	type cost struct {
		class int
		n     int64
	}
	best, found := disclose.Ref{}, false
	var bestCost cost
	for _, r := range uses {
		d := &w.Domains[r.Domain]
		var c cost
		switch {
		case r.Attribute != "":
			c = cost{1, d.Tables[tableIndex(d, r.Attribute)].Cells[r.Level].N}
			if w.Levels[r.Attribute][r.Level] == model.Blank {
				c.class = 0
			}
		case len(d.Filter) > 0:
			c = cost{2, d.Total.N}
		default:
			continue
		}
		if !found || cmp.Or(cmp.Compare(c.class, bestCost.class), cmp.Compare(c.n, bestCost.n)) < 0 {
			best, bestCost, found = r, c, true
		}
	}
	if !found {
		return false
	}
	d := &w.Domains[best.Domain]
	if best.Attribute == "" {
		d.Total.Shown, d.Tables = false, nil
		return true
	}
	d.Tables[tableIndex(d, best.Attribute)].Cells[best.Level].Shown = false
	return true
}

func tableIndex(d *disclose.Domain, attr string) int {
	return slices.IndexFunc(d.Tables, func(t disclose.Table) bool { return t.Attribute == attr })
}

// totalsOnly leaves question q its unfiltered totals alone.
func totalsOnly(w *disclose.Wave, q string) {
	for k := range w.Domains {
		if d := &w.Domains[k]; d.Question == q {
			d.Tables = nil
			if len(d.Filter) > 0 {
				d.Total.Shown = false
			}
		}
	}
}

// reshow shows again, largest first, each cell of question q that is
// hidden although it holds SuppressBelow or more, wherever the auditor
// then still recovers nothing: a complement that another table made
// unnecessary (子育て中 when the 子育て世帯 indicator on the same question
// publishes the same number) is not lost.
func reshow(w *disclose.Wave, q string) {
	var cand []*disclose.Cell
	for k := range w.Domains {
		d := &w.Domains[k]
		if d.Question != q {
			continue
		}
		for t := range d.Tables {
			for l := range d.Tables[t].Cells {
				if c := &d.Tables[t].Cells[l]; !c.Shown && c.N >= SuppressBelow {
					cand = append(cand, c)
				}
			}
		}
	}
	slices.SortStableFunc(cand, func(a, b *disclose.Cell) int { return cmp.Compare(b.N, a.N) })
	for _, c := range cand {
		c.Shown = true
		if leaks, err := w.AuditQuestion(q); err != nil || len(leaks) > 0 {
			c.Shown = false
		}
	}
}

// decisionOf is what domain k of w (sums t) publishes. A table by a key
// the domain filters on lists the codes the filter lets through: the
// others are empty by the indicator's definition, which says so already.
func decisionOf(w *disclose.Wave, k int, t *tally.Tally) *decision {
	d := &w.Domains[k]
	if !d.Total.Shown {
		return &decision{withdrawn: true}
	}
	dec := &decision{}
	for _, tb := range d.Tables {
		var out table
		out.attribute = tb.Attribute
		for l, code := range w.Levels[tb.Attribute] {
			if !admits(d.Filter, tb.Attribute, code) {
				continue
			}
			out.levels, out.hidden = append(out.levels, code), append(out.hidden, !tb.Cells[l].Shown)
			out.cells = append(out.cells, sumsOf(t, tb.Attribute, code))
		}
		dec.tables = append(dec.tables, out)
	}
	slices.SortStableFunc(dec.tables, func(a, b table) int { return cmp.Compare(a.attribute, b.attribute) })
	return dec
}

// admits reports whether a respondent with code of key can pass filter.
func admits(filter []disclose.Clause, key string, code int32) bool {
	for _, c := range filter {
		if c.Key == key && (code < 0 || !slices.Contains(c.Codes, int(code))) {
			return false
		}
	}
	return true
}

func sumsOf(t *tally.Tally, attr string, code int32) tally.Sums {
	for _, c := range t.Cells {
		if c.Attribute == attr && c.Code == code {
			return c.Sums
		}
	}
	return tally.Sums{}
}
