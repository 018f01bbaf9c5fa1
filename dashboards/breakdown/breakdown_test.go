package breakdown

import (
	"html/template"
	"strings"
	"testing"
)

// rowsTemplate is how indicator.html wrote a section's rows before
// Section.TableRows.
const rowsTemplate = `{{- range .Rows}}
<tr{{if .Reference}} class="reference"{{end}}><th scope="row">{{.Label}}</th><td class="num">{{.Percent}}{{if .Reference}}<span class="note">（参考値）</span>{{end}}</td><td class="num">{{.CI}}</td><td class="num">{{.N}}</td></tr>
{{- end}}`

// TestTableRowsAsTheTemplate: the rows written in Go are byte for byte
// those the template wrote, hostile text escaped alike.
func TestTableRowsAsTheTemplate(t *testing.T) {
	tmpl := template.Must(template.New("rows").Parse(`<tbody>` + rowsTemplate + "\n</tbody>"))
	page := template.Must(template.New("page").Parse("<tbody>{{.TableRows}}\n</tbody>"))
	for _, sec := range []Section{
		{},
		{Rows: []Row{{Label: "18〜29歳", Percent: "60.0%", CI: "50.1〜69.9%", N: "25", Reference: true}}},
		{Rows: []Row{
			{Label: `<script>alert("x")</script>`, Percent: "a+b", CI: "—", N: "1,234"},
			{Label: "O'Brien & 子", Percent: "\x00%", CI: "<>", N: "\xff", Reference: true},
			{Label: "70歳以上", Percent: "61.2%", CI: "55.0〜67.4%", N: "400"},
		}},
	} {
		var want, got strings.Builder
		if err := tmpl.Execute(&want, sec); err != nil {
			t.Fatal(err)
		}
		if err := page.Execute(&got, sec); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("rows\n got %q\nwant %q", got.String(), want.String())
		}
	}
}
