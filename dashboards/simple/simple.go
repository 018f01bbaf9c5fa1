// Package simple builds the 単純集計 pages: one per wave, every question's
// full answer distribution (人数 and 割合 per code, 無回答 last), the way
// ward reports publish survey results. The numbers are those of
// compute.Frequencies; a suppressed cell keeps its row, marked, with no
// number, so that every category of a question is listed.
package simple

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Page is the 単純集計 of one wave.
type Page struct {
	File, Title string
	Ward        string // the ward, for its page's list of waves
	FiscalYear  int
	Content     View
}

// View is what the page shows.
type View struct {
	Ward, Year, Population string
	Respondents            string // 回答者数, the base of every percent
	Weighted               bool
	Questions              []Question
	HasHidden              bool
}

// Question is one question's distribution.
type Question struct {
	Key, Text string
	Multi     bool // 複数回答: the percents add up to more than 100%
	Rows      []Row
}

// Row is one code: hidden rows have no numbers.
type Row struct {
	Label, N, Percent string
	Width             string // the bar's width, a CSS percentage
	Hidden            bool
}

// Link is a wave's page, as a ward page lists it.
type Link struct{ File, Label string }

// Pages builds the page of every wave of rows (compute.Frequencies order:
// waves by fiscal year and survey id). slug names a ward's pages.
func Pages(rows []frequencies.Frequency, slug func(ward string) string) []Page {
	var out []Page
	for lo := 0; lo < len(rows); {
		hi := lo + 1
		for hi < len(rows) && rows[hi].SurveyID == rows[lo].SurveyID {
			hi++
		}
		f := rows[lo]
		file := fileOf(f, slug)
		title := fmt.Sprintf("%s %s %s 単純集計", f.Ward, wareki.Label(f.FiscalYear), f.Population)
		out = append(out, Page{File: file, Title: title, Ward: f.Ward, FiscalYear: f.FiscalYear, Content: viewOf(rows[lo:hi])})
		lo = hi
	}
	return out
}

// fileOf names the page of wave f by its survey_id in lower case, when
// that is a plain name (tsurumi-kumin-2023; two survey_ids never differ in
// case alone: package across refuses them), else by its ward, its year and
// a digest of the survey_id: a name that stays the page of that wave
// whatever waves are added or removed beside it, so that a link someone
// kept never comes to show another population.
func fileOf(f frequencies.Frequency, slug func(string) string) string {
	if id := strings.ToLower(f.SurveyID); plainName.MatchString(id) {
		return "simple-" + id + ".html"
	}
	sum := sha256.Sum256([]byte(f.SurveyID))
	return fmt.Sprintf("simple-%s-%d-%x.html", slug(f.Ward), f.FiscalYear, sum[:4])
}

// plainName is a survey_id that can name a file on every system.
var plainName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,80}$`)

// Links are the pages of ward, newest first.
func Links(pages []Page, ward string) []Link {
	var out []Link
	for _, p := range pages {
		if p.Ward == ward {
			out = append(out, Link{File: p.File, Label: fmt.Sprintf("%s %s", wareki.Label(p.FiscalYear), p.Content.Population)})
		}
	}
	slices.Reverse(out)
	return out
}

func viewOf(rows []frequencies.Frequency) View {
	f := rows[0]
	v := View{Ward: f.Ward, Year: wareki.Label(f.FiscalYear), Population: f.Population,
		Respondents: present.Count(f.Respondents), Weighted: f.Weighted}
	for _, r := range rows {
		if len(v.Questions) == 0 || v.Questions[len(v.Questions)-1].Key != r.Key {
			v.Questions = append(v.Questions, Question{Key: r.Key, Text: r.QuestionText, Multi: r.Multi})
		}
		q := &v.Questions[len(v.Questions)-1]
		q.Rows = append(q.Rows, rowOf(r))
		v.HasHidden = v.HasHidden || r.Suppressed
	}
	return v
}

func rowOf(r frequencies.Frequency) Row {
	if r.Suppressed || !r.N.Valid {
		return Row{Label: r.Label, N: present.Dash, Percent: present.Dash, Width: "0%", Hidden: true}
	}
	row := Row{Label: r.Label, N: present.Count(int(r.N.Int64)), Percent: present.Dash, Width: "0%"}
	if r.Percent.Valid {
		row.Percent = present.Percent(r.Percent.Float64)
		row.Width = present.Decimal(r.Percent.Float64) + "%"
	}
	return row
}

// RowsHTML are the rows of the question's table, each on its own line, as
// simple.html wrote them by ranging over Rows (escaped as html/template
// escapes text, layout.WriteText): a page has about 250 rows. A bar's
// width is a number and "%" (rowOf), which html/template's CSS filter
// passes as it is; any other width is written as that filter writes a
// value it refuses.
func (q Question) RowsHTML() template.HTML {
	var b strings.Builder
	for _, r := range q.Rows {
		b.WriteString("\n<tr")
		if r.Hidden {
			b.WriteString(` class="hidden-cell"`)
		}
		layout.Put(&b, `><th scope="row">`, r.Label)
		layout.Put(&b, `</th><td class="num">`, r.N)
		layout.Put(&b, `</td><td class="num">`, r.Percent)
		b.WriteString(`</td><td class="bar-col"><span class="bar" style="width: `)
		if width.MatchString(r.Width) {
			b.WriteString(r.Width)
		} else {
			b.WriteString("ZgotmplZ")
		}
		b.WriteString(`"></span></td></tr>`)
	}
	return template.HTML(b.String()) // escaped above
}

// width is a bar's width as rowOf writes it.
var width = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?%$`)
