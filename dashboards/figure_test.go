package dashboards

import (
	"html/template"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/breakdown"
	"github.com/shihyo/shihyo/dashboards/charts"
)

// oldFigures is the breakdown figures as indicator.html wrote them before
// breakdown.Section.FigureHTML.
const oldFigures = `{{define "figures"}}{{- range .}}
<figure class="chart-block breakdown">
<figcaption>回答別：{{.Title}}</figcaption>
{{- if .HasChart}}
{{chartHTML .Chart}}
<div class="table-wrap">
<table class="data">
<caption>データ表：「{{.Title}}」の回答別の実績（{{.Year}}）</caption>
<thead><tr><th scope="col">回答</th><th scope="col">実績</th><th scope="col">95%信頼区間</th><th scope="col">n（有効回答）</th></tr></thead>
<tbody>{{.TableRows}}
</tbody>
</table>
</div>
{{- else}}
<p class="empty">表示できる区分がありません。</p>
{{- end}}
{{- if .HiddenNote}}
<p class="note hidden-note">{{.HiddenNote}}</p>
{{- end}}
</figure>
{{- end}}{{end}}`

// TestFiguresAsTheTemplate: the breakdown figures written in Go
// (breakdown.Section.FigureHTML) are byte for byte those the template
// wrote, with a chart or without, with a hidden note or without, hostile
// text escaped alike.
func TestFiguresAsTheTemplate(t *testing.T) {
	hostile := `<b>"O'Brien" & a+b</b>` + "\x00\xff"
	old := template.Must(template.New("f").Funcs(templateFuncs).Parse(oldFigures))
	cur := template.Must(template.New("f").Parse(`{{define "figures"}}{{- range .}}{{.FigureHTML}}{{- end}}{{end}}`))
	chart := charts.Chart{ID: hostile, Class: "chart-bars", Label: hostile, Option: `{"a":"\u003c/script\u003e"}`, Height: 210}
	rows := []breakdown.Row{{Label: hostile, Percent: hostile, CI: hostile, N: hostile, Reference: true}, {Label: "30代", Percent: "55.0%", CI: "1〜2%", N: "120"}}
	cases := [][]breakdown.Section{nil, {{}},
		{{Title: hostile, Year: hostile, Chart: chart, HasChart: true, Rows: rows, HiddenNote: hostile},
			{Title: "年代", Year: "令和5年度", HiddenNote: "「無回答」は非表示。"},
			{Title: hostile, Year: "令和5年度", Chart: charts.Chart{ID: "chart-3"}, HasChart: true}}}
	for i, secs := range cases {
		var want, got strings.Builder
		if err := old.ExecuteTemplate(&want, "figures", secs); err != nil {
			t.Fatal(err)
		}
		if err := cur.ExecuteTemplate(&got, "figures", secs); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("case %d\n got %q\nwant %q", i, got.String(), want.String())
		}
	}
}
