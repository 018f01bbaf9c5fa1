// Package frequencies computes the 単純集計 of every wave (every question's
// and attribute's answer distribution) from the sums of the per-wave pass
// (tally.Everyone), with its small-cell rule.
package frequencies

import (
	"database/sql"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/smallcount"
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
// survey id, questions in questions.csv order. The rows of a key that an
// indicator counts or filters on are hidden as disclosure control decides
// over the linked tables (compute.HiddenFrequencies); the other keys'
// by their own one-way rule (hiddenCells).
func Of(in compute.Input) []Frequency {
	var out []Frequency
	linked := compute.HiddenFrequencies(in)
	for _, s := range compute.SortedSurveys(in.Dataset.Surveys) {
		t, ok := in.Tallies[s.ID][in.Plan.Everyone]
		if !ok || t.Total.N == 0 {
			continue
		}
		out = appendFrequencies(out, in.Dataset, factsOf(in.Dataset, s), in.Respondents[s.ID], t, linked[s.ID])
	}
	return out
}

// appendFrequencies appends the rows of one wave.
func appendFrequencies(out []Frequency, ds *model.Dataset, f *wave, respondents int, t *tally.Tally, linked map[string]map[int32]bool) []Frequency {
	given := map[string][]tally.Cell{}
	for _, c := range t.Cells {
		given[c.Attribute] = append(given[c.Attribute], c)
	}
	keys, multi := questionKeys(ds, f.survey.ID)
	for _, key := range keys {
		cells := withEveryChoice(given[key], ds.ChoicesOf(f.survey.ID, key), key)
		var hidden []bool
		switch rows, ok := linked[key]; {
		case multi[key]:
			hidden = smallCells(cells)
		case ok:
			hidden = make([]bool, len(cells))
			for i, c := range cells {
				hidden[i] = rows[c.Code]
			}
		default:
			hidden = hiddenCells(cells)
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

// hiddenCells decides which cells of a key that no indicator counts or
// filters on are hidden: the wave's respondents are published, so one
// cell of 1 to 9 hides more, 無回答 first, then the smallest
// (smallcount.Complementary): no hidden cell is the respondents less the
// shown ones.
func hiddenCells(cells []tally.Cell) []bool {
	counts := make([]int64, len(cells))
	blank := -1
	for i, c := range cells {
		counts[i] = c.N
		if c.Code == model.Blank {
			blank = i
		}
	}
	return smallcount.Complementary(counts, blank)
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
