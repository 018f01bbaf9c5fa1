package compute

import (
	"cmp"
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// decision is what disclosure control publishes of one domain in one
// wave (docs/statistics.md §6): nothing (withdrawn), the total alone
// (tables nil), or the total and its tables by every attribute, each
// listing every category, some hidden.
type decision struct {
	withdrawn bool
	tables    []table
}

// table is a domain's breakdown by one attribute: a cell per level.
type table struct {
	attribute string
	levels    []int32
	cells     []tally.Sums
	hidden    []bool
}

// decideAll decides every wave's publication, by survey id and domain.
func decideAll(in Input, facts map[string]*waveFacts) map[string]map[int]*decision {
	answers := answerCodes(in.Dataset)
	out := make(map[string]map[int]*decision, len(in.Dataset.Surveys))
	for _, s := range in.Dataset.Surveys {
		out[s.ID] = decideWave(in, s.ID, facts[s.ID], answers[s.ID])
	}
	return out
}

// answerCodes are the codes of choices.csv that are answers (not 無回答 or
// 非該当 codes), by survey id and key. A shared row (no survey_id) is not
// among them: input.Read has given each wave its copy (codes.Share).
func answerCodes(ds *model.Dataset) map[string]map[string][]int32 {
	out := map[string]map[string][]int32{}
	for _, ch := range ds.Choices {
		if ch.Kind == model.KindMissing || ch.Kind == model.KindNotApplicable {
			continue
		}
		if out[ch.SurveyID] == nil {
			out[ch.SurveyID] = map[string][]int32{}
		}
		out[ch.SurveyID][ch.Key] = append(out[ch.SurveyID][ch.Key], int32(ch.Code))
	}
	return out
}

// decideWave decides what one wave publishes (linkWave).
func decideWave(in Input, survey string, f *waveFacts, answers map[string][]int32) map[int]*decision {
	w, dis := linkWave(in, survey, f, answers)
	out := make(map[int]*decision, len(dis))
	for k, di := range dis {
		out[di] = decisionOf(w, k, in.Tallies[survey][di])
	}
	return out
}

// linkWave links every domain of one wave (dis: their indices in the
// plan) and suppresses: the primary and complementary rule in each
// table, then, question by question, one more cell (or a filtered total)
// for each group the auditor can still recover, then each cell hidden
// only as a complement shown again where the auditor proves that it
// reveals nothing.
func linkWave(in Input, survey string, f *waveFacts, answers map[string][]int32) (w *disclose.Wave, dis []int) {
	wp := in.Plan.Of(survey)
	w = &disclose.Wave{Attributes: wp.Attributes, Levels: levelsOf(answers, wp.Attributes, in.Tallies[survey])}
	for _, di := range wp.Domains {
		t, ok := in.Tallies[survey][di]
		if !ok || t.Total.N == 0 || in.Plan.Domains[di].IsEveryone() {
			continue // the 単純集計 has its own rule (frequencies.go)
		}
		dis = append(dis, di)
		w.Domains = append(w.Domains, linkedDomain(in.Plan.Domains[di], t, w, f != nil && f.weighted))
	}
	linked := map[string]int{} // domains by question
	for _, d := range w.Domains {
		linked[d.Question]++
	}
	for _, d := range w.Domains {
		// The only domain on a question is a table per attribute against
		// a total: hideSmall alone leaves nothing to recover
		// (docs/statistics.md §6), so the auditor is not asked.
		if n := linked[d.Question]; n > 1 {
			linked[d.Question] = 0
			secure(w, d.Question)
			reshow(w, d.Question)
		}
	}
	return w, dis
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
func linkedDomain(d tally.Domain, t *tally.Tally, w *disclose.Wave, weighted bool) disclose.Domain {
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
		lv := w.Levels[attr]
		tb := disclose.Table{Attribute: attr, Cells: make([]disclose.Cell, len(lv))}
		for _, c := range t.Cells {
			if c.Attribute == attr {
				l := slices.Index(lv, c.Code)
				tb.Cells[l] = disclose.Cell{N: c.N, P: c.NPositive, Shown: true, HasP: !weighted}
			}
		}
		hideSmall(tb.Cells, lv)
		ld.Tables = append(ld.Tables, tb)
	}
	return ld
}

// hideSmall is the rule of one table: an empty cell is hidden (no one to
// show), a cell of 1 to SuppressBelow−1 is hidden, and then, because the
// total is published, more cells — 無回答 first, then the smallest — until
// at least two non-empty cells holding SuppressBelow together are hidden.
func hideSmall(cells []disclose.Cell, levels []int32) {
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
	for _, k := range complementOrder(cells, levels) {
		if hidden >= 2 && sum >= SuppressBelow {
			return
		}
		if cells[k].Shown {
			cells[k].Shown = false
			hidden, sum = hidden+1, sum+cells[k].N
		}
	}
}

// complementOrder is the order cells are hidden in as complements: 無回答
// first, then by n, then by code.
func complementOrder(cells []disclose.Cell, levels []int32) []int {
	order := make([]int, len(cells))
	for k := range order {
		order[k] = k
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
