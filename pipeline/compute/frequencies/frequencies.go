// Package frequencies computes the 単純集計 of every wave (every question's
// and attribute's answer distribution) from the sums of the per-wave pass
// (tally.Everyone), with its small-cell rule.
package frequencies

import (
	"database/sql"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/smallcount"
	"slices"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// Frequency is one row of a wave's 単純集計: how many respondents gave a
// code to one question (or attribute), and their weighted share of all the
// wave's respondents. Every answer code of choices.csv has a row, 0 when
// nobody gave it; 無回答 (blank, a code of kind missing, 非該当) is the last
// row of each question. A cell under compute.SuppressBelow is hidden by the rule of
// the breakdowns (suppressed): its row stays, without numbers.
type Frequency struct {
	Ward         string        `csv:"ward"`
	SurveyID     string        `csv:"survey_id"`
	FiscalYear   int           `csv:"fiscal_year"`
	Population   string        `csv:"population"`
	Weighted     bool          `csv:"weighted"`
	Respondents  int           `csv:"respondents"` // the wave's 回答者数: the base of every percent
	Key          string        `csv:"key"`
	QuestionText string        `csv:"question"`
	Multi        bool          `csv:"multi"` // 複数回答: a respondent is in the row of every option chosen
	Code         sql.NullInt64 `csv:"code"`  // NULL: 無回答
	Label        string        `csv:"label"`
	N            sql.NullInt64 `csv:"n"`
	// Percent is the code's share of the respondents, weighted in a
	// weighted wave, rounded half up to one decimal exactly like
	// Actual.Percent.
	Percent    sql.NullFloat64 `csv:"percent,decimal"`
	Suppressed bool            `csv:"suppressed"`
}

// Of computes the 単純集計 of every wave of in, waves by fiscal year and
// survey id, questions in questions.csv order.
func Of(in compute.Input) []Frequency {
	var out []Frequency
	for _, s := range compute.SortedSurveys(in.Dataset.Surveys) {
		t, ok := in.Tallies[s.ID][in.Plan.Everyone]
		if !ok || t.Total.N == 0 {
			continue
		}
		linked := linkedSets(in, s.ID)
		out = appendFrequencies(out, in.Dataset, factsOf(in.Dataset, s), in.Respondents[s.ID], t, linked)
	}
	return out
}

// appendFrequencies appends the rows of one wave.
func appendFrequencies(out []Frequency, ds *model.Dataset, f *wave, respondents int, t *tally.Tally, linked map[string][]codeSet) []Frequency {
	given := map[string][]tally.Cell{}
	for _, c := range t.Cells {
		given[c.Attribute] = append(given[c.Attribute], c)
	}
	keys, multi := questionKeys(ds, f.survey.ID)
	for _, key := range keys {
		cells := withEveryChoice(given[key], ds.ChoicesOf(f.survey.ID, key), key)
		hidden := hiddenCells(cells, linked[key])
		if multi[key] {
			hidden = smallCells(cells)
		}
		for i, c := range cells {
			row := frequencyOf(f, respondents, key, c, t.Total)
			row.Multi = multi[key]
			out = append(out, hide(row, hidden[i]))
		}
	}
	return out
}

// questionKeys are the keys of a wave's questions and attributes, in
// questions.csv order, and which of them are 複数回答.
func questionKeys(ds *model.Dataset, surveyID string) ([]string, map[string]bool) {
	var keys []string
	seen, multi := map[string]bool{}, map[string]bool{}
	for _, q := range ds.QuestionsOf(surveyID) {
		switch q.Role {
		case model.RoleQuestion, model.RoleAttribute, model.RoleMulti:
		default:
			continue
		}
		if !seen[q.Key] {
			seen[q.Key] = true
			keys = append(keys, q.Key)
		}
		multi[q.Key] = q.Role == model.RoleMulti
	}
	return keys, multi
}

// smallCells hides the cells of 1 to 9 respondents of a 複数回答
// question. Its cells overlap (a respondent is in each option chosen):
// they add up to no published number, and no shown cell can be
// subtracted from one to give a hidden one.
func smallCells(cells []tally.Cell) []bool {
	hidden := make([]bool, len(cells))
	for i, c := range cells {
		hidden[i] = c.N > 0 && c.N < compute.SuppressBelow
	}
	return hidden
}

// withEveryChoice is the cells of one key with an empty cell for every
// answer code nobody gave, in the order of tally.Levels (無回答 last,
// present even when empty).
func withEveryChoice(cells []tally.Cell, choices []model.Choice, key string) []tally.Cell {
	byCode := map[int32]tally.Cell{}
	var codes []int32
	for _, c := range cells {
		byCode[c.Code] = c
		codes = append(codes, c.Code)
	}
	for _, ch := range choices {
		if ch.Kind == model.KindAnswer {
			codes = append(codes, int32(ch.Code))
		}
	}
	levels := tally.Levels(codes)
	out := make([]tally.Cell, len(levels))
	for i, c := range levels {
		cell, ok := byCode[c]
		if !ok {
			cell = tally.Cell{Attribute: key, Code: c}
		}
		out[i] = cell
	}
	return out
}

// codeSet is a set of the codes of one question whose respondents'
// number another published table gives: the base (有効回答, n_valid) or the
// positives (n_positive) of an unfiltered indicator on the question.
type codeSet map[int32]bool

// linkedSets are, by question key, the code sets of wave survey whose
// counts the wave's published unfiltered actuals give.
func linkedSets(in compute.Input, survey string) map[string][]codeSet {
	out := map[string][]codeSet{}
	for _, i := range in.Plan.Of(survey).Indicators {
		d := in.Plan.Domains[in.Plan.OfIndicator[i]]
		if d.Filtered() {
			continue // its n is a cell of a cross-table, not of this one
		}
		base, pos := codeSet{}, codeSet{}
		for _, ch := range in.Dataset.ChoicesOf(survey, d.Question) {
			if ch.Kind == model.KindAnswer && !slices.Contains(d.Excluded, ch.Code) {
				base[int32(ch.Code)] = true
			}
		}
		for _, c := range d.Positive {
			pos[int32(c)] = true
		}
		out[d.Question] = append(out[d.Question], base, pos)
	}
	return out
}

// hiddenCells decides which cells of one question are hidden. The wave's
// respondents are published, and so are the counts of the linked sets
// (an indicator's n_valid and n_positive): together they give the total
// of every group of codes that the sets tell apart (an atom: the codes in
// the same sets). So the rule of the breakdowns (suppressed) is applied
// within each atom that holds a cell of 1 to 9 respondents, empty cells
// included as its complements: no hidden cell can be worked out from the
// published numbers, and hidden cells hold 10 or more together unless
// their atom is smaller, whose total the plan's own n then gives anyway.
func hiddenCells(cells []tally.Cell, linked []codeSet) []bool {
	hidden := make([]bool, len(cells))
	atoms := map[string][]int{}
	var order []string
	for i, c := range cells {
		sig := make([]byte, len(linked))
		for j, set := range linked {
			if set[c.Code] {
				sig[j] = 1
			}
		}
		if _, ok := atoms[string(sig)]; !ok {
			order = append(order, string(sig))
		}
		atoms[string(sig)] = append(atoms[string(sig)], i)
	}
	for _, sig := range order {
		idx := atoms[sig]
		group := make([]tally.Cell, len(idx))
		small := false
		for k, i := range idx {
			group[k] = cells[i]
			small = small || (cells[i].N > 0 && cells[i].N < compute.SuppressBelow)
		}
		if !small {
			continue
		}
		counts := make([]int64, len(group))
		for k, c := range group {
			counts[k] = c.N
		}
		for k, h := range smallcount.Complementary(counts) {
			hidden[idx[k]] = h
		}
	}
	return hidden
}

// frequencyOf is the row of cell c; total is the wave's.
func frequencyOf(f *wave, respondents int, key string, c tally.Cell, total tally.Sums) Frequency {
	r := Frequency{Ward: f.survey.Ward, SurveyID: f.survey.ID, FiscalYear: f.survey.FiscalYear, Population: f.survey.Population,
		Weighted: f.weighted, Respondents: respondents, Key: key, QuestionText: f.text(key), Label: blankLabel,
		N: sql.NullInt64{Int64: c.N, Valid: true}}
	if c.Code != model.Blank {
		r.Code = sql.NullInt64{Int64: int64(c.Code), Valid: true}
		r.Label = f.label(key, c.Code)
		if r.Label == "" {
			r.Label = strconv.Itoa(int(c.Code))
		}
	}
	share := tally.Sums{U: total.U, UY: c.U}
	if tenths, ok := share.Tenths(); ok {
		r.Percent = sql.NullFloat64{Float64: float64(tenths) / 10, Valid: true}
	}
	return r
}

// hide removes the numbers of a suppressed row.
func hide(r Frequency, hidden bool) Frequency {
	if hidden {
		r.N, r.Percent, r.Suppressed = sql.NullInt64{}, sql.NullFloat64{}, true
	}
	return r
}

// blankLabel is the label of the row of 無回答.
const blankLabel = "無回答"

// wave is one wave's definitions as its rows carry them.
type wave struct {
	ds       *model.Dataset
	survey   model.Survey
	weighted bool
}

func factsOf(ds *model.Dataset, s model.Survey) *wave {
	return &wave{ds: ds, survey: s, weighted: ds.Weighted(s.ID)}
}

func (w *wave) text(key string) string {
	q, _ := w.ds.Question(w.survey.ID, key)
	return q.Text
}

// label is code's label in choices.csv: the wave's own rows, else the
// shared ones.
func (w *wave) label(key string, code int32) string {
	ch, _ := w.ds.Choice(w.survey.ID, key, int(code))
	return ch.Label
}
