package wave

import (
	"html/template"
	"strings"

	"github.com/shihyo/shihyo/dashboards/layout"
)

// The rows of an indicator's data tables, written in Go as the templates
// wrote them by ranging over the rows (each on its own line, every text
// escaped as html/template escapes it, layout.WriteText): a page has a
// few dozen, each of which cost the template ten reflective calls or more.
// dashboards' TestRowsAsTheTemplates compares them with those templates.

// TrendRows are the rows of the trend's data table (template trend).
func TrendRows(rows []Row) template.HTML {
	var s strings.Builder
	for _, r := range rows {
		layout.Put(&s, "\n"+`<tr><th scope="row">`, r.Year)
		layout.Put(&s, `</th><td class="num">`, r.Percent)
		if r.Weighted {
			s.WriteString(`<span class="note">（重み付け）</span>`)
		}
		layout.Put(&s, `</td><td class="num">`, r.CI)
		layout.Put(&s, `</td><td class="num">`, r.N)
		if r.Reference {
			s.WriteString(`<span class="note">（参考値）</span>`)
		}
		layout.Put(&s, `</td><td>`, r.Target)
		layout.Put(&s, `</td><td class="num">`, r.Path)
		s.WriteString(`</td><td>`)
		writeStatus(&s, r.Status)
		s.WriteString(`</td><td>`)
		writeTrajectory(&s, r.Trajectory)
		s.WriteString(`</td></tr>`)
	}
	return template.HTML(s.String()) // escaped above
}

// ReturnRows are the rows of the table of each wave's returns
// (調査回ごとの回収状況).
func ReturnRows(rows []Row) template.HTML {
	var s strings.Builder
	for _, r := range rows {
		layout.Put(&s, "\n"+`<tr><th scope="row">`, r.Year)
		layout.Put(&s, `</th><td class="num">`, r.Mailed)
		layout.Put(&s, `</td><td class="num">`, r.Respondents)
		layout.Put(&s, `</td><td class="num">`, r.Rate)
		layout.Put(&s, `</td><td class="num">`, r.N)
		s.WriteString(`</td></tr>`)
	}
	return template.HTML(s.String()) // escaped above
}

// RowsHTML are the rows of the table of the denominator (分母の内訳).
func (t FlowTable) RowsHTML() template.HTML {
	var s strings.Builder
	for _, r := range t.Rows {
		s.WriteString("\n<tr")
		switch {
		case r.Sub:
			s.WriteString(` class="sub"`)
		case r.Key:
			s.WriteString(` class="key"`)
		}
		layout.Put(&s, `><th scope="row">`, r.Label)
		s.WriteString(`</th>`)
		for _, c := range r.Cells {
			layout.Put(&s, `<td class="num">`, c)
			s.WriteString(`</td>`)
		}
		s.WriteString(`</tr>`)
	}
	return template.HTML(s.String()) // escaped above
}

// writeStatus is the template status.
func writeStatus(s *strings.Builder, v Status) {
	layout.Put(s, `<span class="status `, v.Class)
	layout.Put(s, `">`, v.Text)
	s.WriteString(`</span>`)
	if v.Note != "" {
		layout.Put(s, `<span class="note certainty">（`, v.Note)
		s.WriteString(`）</span>`)
	}
}

// writeTrajectory is the template trajectory.
func writeTrajectory(s *strings.Builder, v Status) {
	if v.Code == "" {
		layout.WriteText(s, v.Text)
		return
	}
	layout.Put(s, `<span class="status `, v.Class)
	layout.Put(s, `">`, v.Text)
	s.WriteString(`</span>`)
}
