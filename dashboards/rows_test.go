package dashboards

import (
	"html/template"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/wave"
)

// oldRows are the templates that rows.go replaced, as they ranged over the
// rows; status and trajectory are those of partials.html.
const oldRows = `{{define "trend-rows"}}<tbody>
{{- range .Rows}}
<tr><th scope="row">{{.Year}}</th><td class="num">{{.Percent}}{{if .Weighted}}<span class="note">（重み付け）</span>{{end}}</td><td class="num">{{.CI}}</td><td class="num">{{.N}}{{if .Reference}}<span class="note">（参考値）</span>{{end}}</td><td>{{.Target}}</td><td class="num">{{.Path}}</td><td>{{template "status" .Status}}</td><td>{{template "trajectory" .Trajectory}}</td></tr>
{{- end}}
</tbody>{{end}}
{{define "wave-rows"}}<tbody>
{{- range .Rows}}
<tr><th scope="row">{{.Year}}</th><td class="num">{{.Mailed}}</td><td class="num">{{.Respondents}}</td><td class="num">{{.Rate}}</td><td class="num">{{.N}}</td></tr>
{{- end}}
</tbody>{{end}}
{{define "flow-rows"}}<tbody>
{{- range .Flow.Rows}}
<tr{{if .Sub}} class="sub"{{else if .Key}} class="key"{{end}}><th scope="row">{{.Label}}</th>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
{{- end}}
</tbody>{{end}}
{{define "charts"}}{{range .}}
<div id="{{.ID}}" class="chart {{.Class}}" role="img" aria-label="{{.Label}}"{{if .Height}} data-height="{{.Height}}"{{end}}></div>
<script type="application/json" data-chart="{{.ID}}">{{.Option}}</script>
{{- end}}{{end}}`

const newRows = `{{define "trend-rows"}}<tbody>{{trendRows .Rows}}
</tbody>{{end}}
{{define "wave-rows"}}<tbody>{{returnRows .Rows}}
</tbody>{{end}}
{{define "flow-rows"}}<tbody>{{.Flow.RowsHTML}}
</tbody>{{end}}
{{define "charts"}}{{range .}}
{{chartHTML .}}
{{- end}}{{end}}`

// TestRowsAsTheTemplates: the rows and charts written in Go (wave.TrendRows,
// wave.ReturnRows, wave.FlowTable.RowsHTML, layout.Chart) are byte for
// byte those the templates wrote, hostile text escaped alike.
func TestRowsAsTheTemplates(t *testing.T) {
	parse := func(text string) *template.Template {
		return template.Must(template.Must(template.New("p").Funcs(templateFuncs).ParseFS(templates, "templates/partials.html")).Parse(text))
	}
	old, cur := parse(oldRows), parse(newRows)
	hostile := `<b>"O'Brien" & a+b</b>` + "\x00\xff"
	rows := []wave.Row{
		{Year: "令和5年度", Percent: "59.8%", CI: "56.1〜63.4%", N: "700", Target: "75%以上", Path: "—",
			Mailed: "2,000", Respondents: "736", Rate: "36.8%",
			Status:     wave.Status{Code: "B", Text: "B（未達成）", Class: "status-b", Note: "誤差の範囲内での未達成"},
			Trajectory: wave.Status{Code: "遅れ", Text: "遅れ", Class: "status-late"}},
		{Year: hostile, Percent: hostile, CI: hostile, N: hostile, Target: hostile, Path: hostile,
			Mailed: hostile, Respondents: hostile, Rate: hostile, Reference: true, Weighted: true,
			Status: wave.Status{Text: hostile, Class: hostile}, Trajectory: wave.Status{Text: hostile, Class: hostile}},
		{Status: wave.Status{Code: "A", Text: hostile, Class: hostile, Note: hostile},
			Trajectory: wave.Status{Code: hostile, Text: hostile, Class: hostile}},
	}
	flow := wave.FlowTable{Years: []string{"令和4年度"}, Rows: []wave.FlowRow{
		{Label: "回答者数", Cells: []string{"736", hostile}}, {Label: hostile, Sub: true, Key: true, Cells: []string{"1"}},
		{Label: "n（有効回答）", Key: true}}}
	chartList := []charts.Chart{{ID: "chart-1", Class: "chart-bars", Label: "横棒グラフ", Option: `{"a":"\u003c/script\u003e"}`, Height: 210},
		{ID: hostile, Class: hostile, Label: hostile, Height: -1}, {}}
	for _, block := range []indicatorBlock{{}, {Rows: rows}} {
		page := indicatorPage{Block: block, Flow: flow}
		for name, data := range map[string]any{"trend-rows": block, "wave-rows": block, "flow-rows": page, "charts": chartList} {
			var want, got strings.Builder
			if err := old.ExecuteTemplate(&want, name, data); err != nil {
				t.Fatal(err)
			}
			if err := cur.ExecuteTemplate(&got, name, data); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s\n got %q\nwant %q", name, got.String(), want.String())
			}
		}
	}
}
