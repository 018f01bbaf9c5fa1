// Package breakdown builds the breakdowns of an indicator page: its latest
// wave by each attribute (年代, 性別, 地域, 子育て…), a bar and a table row
// per published cell, and the labels of the cells that are hidden. It
// applies the small-cell rule a last time: a cell below the threshold is
// never shown, whatever compute said, and only its label reaches the page.
package breakdown

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/charts/bars"
	"github.com/shihyo/shihyo/dashboards/layout"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// noAnswerLabel names the cell of respondents who left the attribute blank.
const noAnswerLabel = "無回答"

// Section is an indicator's latest wave broken down by one
// attribute (年代, 性別, 地域, 子育て…): a horizontal bar per published cell
// and a table with the same numbers. A suppressed cell is neither drawn nor
// given a row: only its label is named in Hidden, so that staff know why it
// is missing, and no number of it ever reaches the page.
type Section struct {
	Key, Title, Year string
	Chart            charts.Chart
	HasChart         bool
	Rows             []Row
	Hidden           []string
	HiddenNote       string
}

// Row is one published cell.
type Row struct {
	Label, Percent, CI, N string
	Reference             bool
	value                 float64
}

// Lookup gives what a data folder says of a wave's questions: the order
// of key in questions.csv (false if the wave does not ask it), its text,
// and the label of an answer code in choices.csv ("" if none).
type Lookup interface {
	QuestionOrder(survey, key string) (int, bool)
	QuestionText(survey, key string) string
	Label(survey, key string, code int) string
}

// Shown are the cells of cells that Sections shows: those of v's latest
// wave, in their order.
func Shown(v charts.Indicator, cells []compute.Breakdown) []compute.Breakdown {
	if len(v.Waves) == 0 {
		return nil
	}
	id := v.Waves[len(v.Waves)-1].SurveyID
	var out []compute.Breakdown
	for _, b := range cells {
		if b.SurveyID == id {
			out = append(out, b)
		}
	}
	return out
}

// IDs numbers the charts of a page.
type IDs interface{ Next() string }

// Sections are the breakdowns of v's latest wave, one per attribute, in
// the order the wave's questions.csv lists the attributes; cells are the
// indicator's breakdown cells of every wave.
func Sections(ids IDs, v charts.Indicator, cells []compute.Breakdown, look Lookup) ([]Section, error) {
	if len(v.Waves) == 0 {
		return nil, nil
	}
	a := v.Waves[len(v.Waves)-1]
	byKey := map[string][]compute.Breakdown{}
	var keys []string
	for _, b := range Shown(v, cells) {
		if _, seen := byKey[b.AttributeKey]; !seen {
			keys = append(keys, b.AttributeKey)
		}
		byKey[b.AttributeKey] = append(byKey[b.AttributeKey], b)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		oi, iok := look.QuestionOrder(a.SurveyID, keys[i])
		oj, jok := look.QuestionOrder(a.SurveyID, keys[j])
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return keys[i] < keys[j]
	})
	out := make([]Section, 0, len(keys))
	for _, key := range keys {
		sec, err := section(ids, v, a, key, byKey[key], look)
		if err != nil {
			return nil, fmt.Errorf("breakdown by %s: %w", key, err)
		}
		out = append(out, sec)
	}
	return out, nil
}

func section(ids IDs, v charts.Indicator, a compute.Actual, key string, cells []compute.Breakdown,
	look Lookup) (Section, error) {
	sortCells(cells)
	sec := Section{Key: key, Title: attributeTitle(look, a.SurveyID, key), Year: wareki.Label(a.FiscalYear)}
	for _, b := range cells {
		label := cellLabel(look, a.SurveyID, b)
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
	chart, err := bars.Breakdown(ids.Next(), v, a, sec.drawn())
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

func breakdownRowOf(label string, b compute.Breakdown) Row {
	r := Row{
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

// drawn is what the chart draws of the section.
func (sec Section) drawn() bars.Section {
	b := bars.Section{Title: sec.Title, Year: sec.Year, Hidden: sec.Hidden}
	for _, r := range sec.Rows {
		b.Bars = append(b.Bars, bars.Bar{Label: r.Label, Text: r.Shown(), N: r.N, Value: r.value, Reference: r.Reference})
	}
	return b
}

// FigureHTML is the section's figure, its chart and its data table, as
// indicator.html wrote it (escaped as html/template escapes text,
// layout.WriteText): a site has about 9,000, each seven reflective calls
// of the template's.
func (sec Section) FigureHTML() template.HTML {
	var b strings.Builder
	b.Grow(len(sec.Chart.Option) + 200*len(sec.Rows) + 1024)
	layout.Put(&b, "\n<figure class=\"chart-block breakdown\">\n<figcaption>回答別：", sec.Title)
	b.WriteString("</figcaption>")
	if sec.HasChart {
		c := sec.Chart
		b.WriteString("\n")
		layout.WriteChart(&b, c.ID, c.Class, c.Label, c.Height, c.Option)
		layout.Put(&b, "\n<div class=\"table-wrap\">\n<table class=\"data\">\n<caption>データ表：「", sec.Title)
		layout.Put(&b, "」の回答別の実績（", sec.Year)
		b.WriteString("）</caption>\n<thead><tr><th scope=\"col\">回答</th><th scope=\"col\">実績</th>" +
			"<th scope=\"col\">95%信頼区間</th><th scope=\"col\">n（有効回答）</th></tr></thead>\n<tbody>")
		sec.writeTableRows(&b)
		b.WriteString("\n</tbody>\n</table>\n</div>")
	} else {
		b.WriteString("\n<p class=\"empty\">表示できる区分がありません。</p>")
	}
	if sec.HiddenNote != "" {
		layout.Put(&b, "\n<p class=\"note hidden-note\">", sec.HiddenNote)
		b.WriteString("</p>")
	}
	b.WriteString("\n</figure>")
	return template.HTML(b.String()) // every text escaped above; the chart by layout.Chart
}

// TableRows are the rows of the section's data table, each on its own
// line, as indicator.html wrote them by ranging over Rows (escaped as
// html/template escapes text, layout.WriteText): a page has about fifty,
// and writing them in Go spares the template six reflective calls each.
func (sec Section) TableRows() template.HTML {
	var b strings.Builder
	sec.writeTableRows(&b)
	return template.HTML(b.String()) // every text escaped by writeTableRows
}

func (sec Section) writeTableRows(b *strings.Builder) {
	for _, r := range sec.Rows {
		b.WriteString("\n<tr")
		if r.Reference {
			b.WriteString(` class="reference"`)
		}
		layout.Put(b, `><th scope="row">`, r.Label)
		layout.Put(b, `</th><td class="num">`, r.Percent)
		if r.Reference {
			b.WriteString(`<span class="note">（参考値）</span>`)
		}
		layout.Put(b, `</td><td class="num">`, r.CI)
		layout.Put(b, `</td><td class="num">`, r.N)
		b.WriteString(`</td></tr>`)
	}
}

// Shown is the cell's value as printed in the chart and the table:
// 「60.0%（参考値）」 for a reference value.
func (r Row) Shown() string {
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
func attributeTitle(look Lookup, survey, key string) string {
	if t := strings.TrimSpace(look.QuestionText(survey, key)); t != "" {
		return t
	}
	return key
}

// cellLabel is the answer's label in that wave's choices.csv; 無回答 for
// the blank answer; 「<label>・無回答」 for a cell that holds both.
func cellLabel(look Lookup, survey string, b compute.Breakdown) string {
	if !b.Code.Valid {
		return noAnswerLabel
	}
	if l := strings.TrimSpace(look.Label(survey, b.AttributeKey, int(b.Code.Int64))); l != "" {
		if strings.TrimSpace(b.Label) == l+compute.WithBlankSuffix {
			return l + compute.WithBlankSuffix // the cell holds 無回答 too (kind with_blank)
		}
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
	return names + "は非表示にしています（n<10 のため非表示。全体やほかの指標の数値から逆算できないよう、" +
		"無回答や人数の少ない区分、回答者のいない区分も非表示にしています）。"
}
