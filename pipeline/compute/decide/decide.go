// Package decide is disclosure control (docs/statistics.md §6): what one
// wave publishes of every indicator's total, breakdowns and flow and of
// the 単純集計 of the questions they count, decided over the linked tables
// of package disclose — the primary and complementary rule of each table,
// then one more number for each group the auditor (disclose/search) can
// still recover, the cheapest first.
package decide

import (
	"cmp"
	"context"
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute/smallcount"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// SuppressBelow: a number of 1 to SuppressBelow−1 respondents is not
// published.
const SuppressBelow = smallcount.Below

// Wave is what one wave's publication is decided from.
type Wave struct {
	Plan   *tally.Plan
	Survey string
	// Tallies are the sums of each domain the wave measures, by index in
	// Plan.Domains; Respondents its 回答者数.
	Tallies     map[int]*tally.Tally
	Respondents int
	// Answers are the answer codes of choices.csv by key; Multi the
	// 複数回答 keys. Weighted waves publish no positives of a cell.
	Answers  map[string][]int32
	Multi    map[string]bool
	Weighted bool
	// Merged are the attributes whose breakdowns count 無回答 in one
	// code's cell (choices.csv kind with_blank): that code, by key.
	Merged map[string]int32
}

// Decision is what disclosure control publishes of one domain in one
// wave: nothing (Withdrawn), the total alone (Tables nil), or the total
// and its tables by every attribute, each listing every category, some
// hidden; and its flow's counts, some hidden (nil for a 複数回答
// question, whose own rule hides each count of 1 to 9).
type Decision struct {
	Withdrawn bool
	Tables    []Table
	Flow      []disclose.FlowCount
}

// Table is a domain's breakdown by one attribute: a cell per level, but
// where WithBlank: the cell of code Levels[l] holds 無回答 too (and the
// table has no 無回答 cell).
type Table struct {
	Attribute string
	Levels    []int32
	WithBlank []bool
	Cells     []tally.Sums
	Hidden    []bool
}

// Decide decides what wave in publishes, by domain (index in the plan),
// and the rows of the 単純集計 that it decides, by key and code (無回答:
// model.Blank), true if hidden: those of every key a domain counts or
// filters on, but a 複数回答 one. It stops with ctx's error once ctx is
// done.
func Decide(ctx context.Context, in Wave) (map[int]*Decision, map[string]map[int32]bool, error) {
	w, dis, err := Link(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	out, codes := make(map[int]*Decision, len(dis)), cellCodes(w)
	for k, di := range dis {
		out[di] = decisionOf(w, k, in.Tallies[di], codes)
	}
	rows := map[string]map[int32]bool{}
	for key, s := range w.Simple {
		rows[key] = map[int32]bool{}
		for l, c := range s.Counts {
			rows[key][s.Codes[l]] = !c.Shown
		}
	}
	return out, rows, nil
}

// Link links every domain of wave in (dis: their indices in the plan) with the 単純集計 and the flows (linkPublished) and suppresses:
// the primary and complementary rule in each table, then, question by
// question, one more number (a cell, a 単純集計 row, a flow count or a
// filtered total) for each group the auditor can still recover, then
// each number hidden only as a complement shown again where the auditor
// proves that it reveals nothing.
func Link(ctx context.Context, in Wave) (w *disclose.Wave, dis []int, err error) {
	wp := in.Plan.Of(in.Survey)
	w = &disclose.Wave{Attributes: wp.Attributes, Levels: levelsOf(in.Answers, wp.Attributes, in.Tallies), Merged: in.Merged}
	codes := cellCodes(w)
	for _, di := range wp.Domains {
		t, ok := in.Tallies[di]
		if !ok || t.Total.N == 0 || in.Plan.Domains[di].IsEveryone() {
			continue // the 単純集計 is linked with the domains' questions
		}
		dis = append(dis, di)
		w.Domains = append(w.Domains, linkedDomain(in.Plan.Domains[di], t, w, codes, in.Weighted))
	}
	linkPublished(in, w, dis)
	if err := secureEach(ctx, w); err != nil {
		return nil, nil, err
	}
	return w, dis, nil
}

// secureEach secures (secure, then reshow) each question of w's domains
// in turn. It stops with ctx's error once ctx is done.
func secureEach(ctx context.Context, w *disclose.Wave) error {
	done := map[string]bool{}
	for _, d := range w.Domains {
		// The only domain on a question without a 単純集計 or a flow is a
		// table per attribute against a total: hideSmall alone leaves
		// nothing to recover (docs/statistics.md §6), and the auditor
		// says so without solving.
		if !done[d.Question] {
			if err := ctx.Err(); err != nil {
				return err
			}
			done[d.Question] = true
			secure(w, d.Question)
			reshow(w, d.Question)
		}
	}
	return nil
}

// levelsOf are the codes of each attribute: the answers of choices.csv
// (and any code a respondent gave that it lacks), then 無回答.
func levelsOf(answers map[string][]int32, attrs []string, tallies map[int]*tally.Tally) map[string][]int32 {
	out := make(map[string][]int32, len(attrs))
	for _, a := range attrs {
		codes := slices.Clone(answers[a])
		for _, t := range tallies {
			for _, c := range t.Cells {
				if c.Attribute == a && c.Code != model.Blank {
					codes = append(codes, c.Code)
				}
			}
		}
		out[a] = tally.Levels(codes)
	}
	return out
}

// linkedDomain is domain d of sums t as published before the cross-table
// step: a filtered total under SuppressBelow is not published; a total
// under it publishes no breakdown; each table by the rule of hideSmall.
// codes are cellCodes(w).
func linkedDomain(d tally.Domain, t *tally.Tally, w *disclose.Wave, codes map[string][][]int32, weighted bool) disclose.Domain {
	ld := disclose.Domain{Question: d.Question, Positive: d.Positive, Excluded: d.Excluded,
		Total: disclose.Cell{N: t.Total.N, P: t.Total.NPositive, Shown: true, HasP: true}}
	for _, c := range d.Filter {
		ld.Filter = append(ld.Filter, disclose.Clause{Key: c.Key, Codes: c.Codes})
	}
	if d.Filtered() && t.Total.N < SuppressBelow {
		ld.Total.Shown = false
		return ld
	}
	if t.Total.N < SuppressBelow {
		return ld
	}
	for _, attr := range w.Attributes {
		codes := codes[attr]
		tb := disclose.Table{Attribute: attr, Cells: make([]disclose.Cell, len(codes))}
		for l, cs := range codes {
			var n, p int64
			for _, c := range t.Cells {
				if c.Attribute == attr && slices.Contains(cs, c.Code) {
					n, p = n+c.N, p+c.NPositive
				}
			}
			tb.Cells[l] = disclose.Cell{N: n, P: p, Shown: true, HasP: !weighted}
		}
		hideSmall(tb.Cells, codes)
		ld.Tables = append(ld.Tables, tb)
	}
	return ld
}

// hideSmall is the rule of one table: an empty cell is hidden (no one to
// show), a cell of 1 to SuppressBelow−1 is hidden, and then, because the
// total is published, more cells — 無回答 first, then the smallest — until
// at least two non-empty cells holding SuppressBelow together are hidden.
func hideSmall(cells []disclose.Cell, codes [][]int32) {
	var hidden int
	var sum int64
	for k := range cells {
		if cells[k].N < SuppressBelow {
			cells[k].Shown = false
		}
		if cells[k].N > 0 && cells[k].N < SuppressBelow {
			hidden++
			sum += cells[k].N
		}
	}
	if hidden == 0 {
		return
	}
	for _, k := range complementOrder(cells, codes) {
		if hidden >= 2 && sum >= SuppressBelow {
			return
		}
		if cells[k].Shown {
			cells[k].Shown = false
			hidden, sum = hidden+1, sum+cells[k].N
		}
	}
}

// complementOrder is the order cells (of codes) are hidden in as
// complements: 無回答 first, then by n, then by code. A cell that merges
// 無回答 into a code is that code's.
func complementOrder(cells []disclose.Cell, codes [][]int32) []int {
	order := make([]int, len(cells))
	for k := range order {
		order[k] = k
	}
	levels := make([]int32, len(codes))
	for k, cs := range codes {
		levels[k] = cs[0]
	}
	slices.SortStableFunc(order, func(i, j int) int {
		bi, bj := levels[i] == model.Blank, levels[j] == model.Blank
		if bi != bj {
			if bi {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(cells[i].N, cells[j].N), cmp.Compare(levels[i], levels[j]))
	})
	return order
}

// decisionOf is what domain k of w (sums t) publishes. A table by a key
// the domain filters on lists the codes the filter lets through: the
// others are empty by the indicator's definition, which says so already
// (and a row that merges 無回答 into a code holds the code alone). cells
// are cellCodes(w).
func decisionOf(w *disclose.Wave, k int, t *tally.Tally, cells map[string][][]int32) *Decision {
	d := &w.Domains[k]
	if !d.Total.Shown {
		return &Decision{Withdrawn: true}
	}
	dec := &Decision{Flow: d.Flow}
	for _, tb := range d.Tables {
		out := Table{Attribute: tb.Attribute}
		for l, codes := range cells[tb.Attribute] {
			if !disclose.Admits(d.Filter, tb.Attribute, codes[0]) {
				continue
			}
			out.Levels, out.Hidden = append(out.Levels, codes[0]), append(out.Hidden, !tb.Cells[l].Shown)
			// Inside a filter on the key no 無回答 passes: the row is the code's.
			out.WithBlank = append(out.WithBlank, len(codes) > 1 && disclose.Admits(d.Filter, tb.Attribute, model.Blank))
			var sums tally.Sums
			for _, code := range codes {
				sums = sums.Plus(t.SumsOf(tb.Attribute, code))
			}
			out.Cells = append(out.Cells, sums)
		}
		dec.Tables = append(dec.Tables, out)
	}
	slices.SortStableFunc(dec.Tables, func(a, b Table) int { return cmp.Compare(a.Attribute, b.Attribute) })
	return dec
}

// cellCodes are w.CellCodes of each of w's attributes, made once a wave.
func cellCodes(w *disclose.Wave) map[string][][]int32 {
	out := make(map[string][][]int32, len(w.Attributes))
	for _, attr := range w.Attributes {
		out[attr] = w.CellCodes(attr)
	}
	return out
}
