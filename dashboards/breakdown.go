package dashboards

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shihyo/shihyo/dashboards/charts"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// noAnswerLabel names the cell of respondents who left the attribute blank.
const noAnswerLabel = "無回答"

// breakdownSection is an indicator's latest wave broken down by one
// attribute (年代, 性別, 地域, 子育て…): a horizontal bar per published cell
// and a table with the same numbers. A suppressed cell is neither drawn nor
// given a row: only its label is named in Hidden, so that staff know why it
// is missing, and no number of it ever reaches the page.
type breakdownSection struct {
	Key, Title, Year string
	Chart            charts.Chart
	HasChart         bool
	Rows             []breakdownRow
	Hidden           []string
	HiddenNote       string
}

// breakdownRow is one published cell.
type breakdownRow struct {
	Label, Percent, CI, N string
	Reference             bool
	value                 float64
}

// breakdownSections are the breakdowns of v's latest wave, one per
// attribute, in the order the wave's questions.csv lists the attributes.
func (m *siteModel) breakdownSections(ids *idGen, v *indicatorView) ([]breakdownSection, error) {
	a, ok := v.latest()
	if !ok {
		return nil, nil
	}
	byKey := map[string][]compute.Breakdown{}
	var keys []string
	for _, b := range m.breakdowns[v.Key] {
		if b.SurveyID != a.SurveyID {
			continue
		}
		if _, seen := byKey[b.AttributeKey]; !seen {
			keys = append(keys, b.AttributeKey)
		}
		byKey[b.AttributeKey] = append(byKey[b.AttributeKey], b)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		oi, iok := m.qorder[questionRef{a.SurveyID, keys[i]}]
		oj, jok := m.qorder[questionRef{a.SurveyID, keys[j]}]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return keys[i] < keys[j]
	})
	out := make([]breakdownSection, 0, len(keys))
	for _, key := range keys {
		sec, err := m.breakdownSection(ids, v, a, key, byKey[key])
		if err != nil {
			return nil, fmt.Errorf("breakdown by %s: %w", key, err)
		}
		out = append(out, sec)
	}
	return out, nil
}

func (m *siteModel) breakdownSection(ids *idGen, v *indicatorView, a compute.Actual, key string,
	cells []compute.Breakdown) (breakdownSection, error) {
	sortCells(cells)
	sec := breakdownSection{Key: key, Title: m.attributeTitle(a.SurveyID, key), Year: wareki.Label(a.FiscalYear)}
	for _, b := range cells {
		label := m.cellLabel(a.SurveyID, b)
		if !published(b) {
			sec.Hidden = append(sec.Hidden, label)
			continue
		}
		sec.Rows = append(sec.Rows, breakdownRowOf(label, b))
	}
	sec.HiddenNote = hiddenNote(sec.Hidden)
	if len(sec.Rows) == 0 {
		return sec, nil
	}
	chart, err := charts.Breakdown(ids.next(), v.chart(), a, sec.bars())
	if err != nil {
		return sec, err
	}
	sec.Chart, sec.HasChart = chart, true
	return sec, nil
}

// published is whether a cell may be shown. Compute already empties a
// suppressed cell; this also refuses a cell whose n is below the
// threshold or missing, so that a mistake upstream never shows a number
// that should have stayed hidden.
func published(b compute.Breakdown) bool {
	return !b.Suppressed && b.NValid.Valid && b.NValid.Int64 >= compute.SuppressBelow &&
		b.Percent.Valid && present.Finite(b.Percent.Float64)
}

func breakdownRowOf(label string, b compute.Breakdown) breakdownRow {
	r := breakdownRow{
		Label: label, Percent: present.Percent(b.Percent.Float64), CI: "—",
		N:         present.Count(int(b.NValid.Int64)),
		Reference: b.Reference || b.NValid.Int64 <= compute.ReferenceUpTo,
		value:     b.Percent.Float64,
	}
	if b.CILow.Valid && b.CIHigh.Valid && present.Finite(b.CILow.Float64) && present.Finite(b.CIHigh.Float64) {
		r.CI = present.Percent(b.CILow.Float64) + "〜" + present.Percent(b.CIHigh.Float64)
	}
	return r
}

// bars is what the chart draws of the section.
func (sec breakdownSection) bars() charts.BarSection {
	b := charts.BarSection{Title: sec.Title, Year: sec.Year, Hidden: sec.Hidden}
	for _, r := range sec.Rows {
		b.Bars = append(b.Bars, charts.Bar{Label: r.Label, Text: r.shown(), N: r.N, Value: r.value, Reference: r.Reference})
	}
	return b
}

// shown is the cell's value as printed in the chart and the table:
// 「60.0%（参考値）」 for a reference value.
func (r breakdownRow) shown() string {
	if r.Reference {
		return r.Percent + "（参考値）"
	}
	return r.Percent
}

// sortCells orders cells by code, 無回答 last, whatever order they came in.
func sortCells(cells []compute.Breakdown) {
	sort.SliceStable(cells, func(i, j int) bool {
		ci, cj := cells[i].Code, cells[j].Code
		if ci.Valid != cj.Valid {
			return ci.Valid
		}
		return ci.Int64 < cj.Int64
	})
}

// attributeTitle is the attribute's question in that wave's questions.csv,
// or its key.
func (m *siteModel) attributeTitle(survey, key string) string {
	if t := strings.TrimSpace(m.qtext[questionRef{survey, key}]); t != "" {
		return t
	}
	return key
}

// cellLabel is the answer's label in that wave's choices.csv; 無回答 for
// the blank answer.
func (m *siteModel) cellLabel(survey string, b compute.Breakdown) string {
	if !b.Code.Valid {
		return noAnswerLabel
	}
	if l := strings.TrimSpace(m.labels[choiceKey{survey, b.AttributeKey, int(b.Code.Int64)}]); l != "" {
		return l
	}
	if l := strings.TrimSpace(b.Label); l != "" {
		return l
	}
	return fmt.Sprintf("コード%d", b.Code.Int64)
}

// hiddenNote says which cells are hidden and why. Some may be hidden only
// so that the small ones cannot be worked out from the total
// (complementary suppression); the page cannot tell which, so it says so.
func hiddenNote(hidden []string) string {
	if len(hidden) == 0 {
		return ""
	}
	names := "「" + strings.Join(hidden, "」「") + "」"
	return names + "は非表示にしています（n<10 のため非表示。全体から逆算できないよう、" +
		"合計が 10 人以上になるまで人数の少ない区分も非表示にしています）。"
}
