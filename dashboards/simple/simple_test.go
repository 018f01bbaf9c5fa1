package simple

import (
	"database/sql"
	"html/template"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
)

// oldRows is how simple.html wrote a question's rows before RowsHTML.
const oldRows = `<tbody>
{{- range .Rows}}
<tr{{if .Hidden}} class="hidden-cell"{{end}}><th scope="row">{{.Label}}</th><td class="num">{{.N}}</td><td class="num">{{.Percent}}</td><td class="bar-col"><span class="bar" style="width: {{.Width}}"></span></td></tr>
{{- end}}
</tbody>`

// TestRowsHTMLAsTheTemplate: the rows written in Go are byte for byte those
// the template wrote, for every kind of row rowOf makes and hostile labels.
func TestRowsHTMLAsTheTemplate(t *testing.T) {
	old := template.Must(template.New("old").Parse(oldRows))
	cur := template.Must(template.New("new").Parse("<tbody>{{.RowsHTML}}\n</tbody>"))
	hostile := `<b>"O'Brien" & a+b</b>` + "\x00\xff"
	q := Question{Rows: []Row{
		rowOf(frequencies.Frequency{Label: "そう思う", N: sql.NullInt64{Int64: 1234, Valid: true}, Percent: sql.NullFloat64{Float64: 55.25, Valid: true}}),
		rowOf(frequencies.Frequency{Label: hostile, N: sql.NullInt64{Int64: 0, Valid: true}, Percent: sql.NullFloat64{Valid: true}}),
		rowOf(frequencies.Frequency{Label: "100%", N: sql.NullInt64{Int64: 10, Valid: true}, Percent: sql.NullFloat64{Float64: 100, Valid: true}}),
		rowOf(frequencies.Frequency{Label: "無回答", N: sql.NullInt64{Int64: 3, Valid: true}}),
		rowOf(frequencies.Frequency{Label: hostile, Suppressed: true}),
		{Label: "a", N: "1", Percent: "1%", Width: "expression(alert(1))"},
	}}
	for _, question := range []Question{{}, q} {
		var want, got strings.Builder
		if err := old.Execute(&want, question); err != nil {
			t.Fatal(err)
		}
		if err := cur.Execute(&got, question); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("rows\n got %q\nwant %q", got.String(), want.String())
		}
	}
}

// TestPageNamesStay: a wave's page keeps its name whatever waves stand
// beside it: a plain survey_id in lower case, else its ward, year and a
// digest of the id, never a number that counts the others.
func TestPageNamesStay(t *testing.T) {
	slug := func(string) string { return "tsurumi" }
	wave := func(id, population string) frequencies.Frequency {
		return frequencies.Frequency{SurveyID: id, Ward: "鶴見区", FiscalYear: 2024, Population: population}
	}
	names := func(rows ...frequencies.Frequency) map[string]string {
		out := map[string]string{}
		for _, p := range Pages(rows, slug) {
			out[p.Content.Population] = p.File
		}
		return out
	}
	alone := names(wave("Tsurumi-Kumin-R6", "区民"), wave("鶴見区民2024", "区民2"))
	beside := names(wave("tsurumi-kocho-R6", "校長・教頭"), wave("鶴見校長2024", "校長2"), wave("Tsurumi-Kumin-R6", "区民"), wave("鶴見区民2024", "区民2"))
	if alone["区民"] != "simple-tsurumi-kumin-r6.html" {
		t.Errorf("upper-case plain id: %s", alone["区民"])
	}
	if !strings.HasPrefix(alone["区民2"], "simple-tsurumi-2024-") || !strings.HasSuffix(alone["区民2"], ".html") {
		t.Errorf("id not plain: %s", alone["区民2"])
	}
	for pop, file := range alone {
		if beside[pop] != file {
			t.Errorf("%s: %s alone, %s beside other waves", pop, file, beside[pop])
		}
	}
	if beside["校長2"] == beside["区民2"] {
		t.Errorf("two waves of one ward and year share %s", beside["区民2"])
	}
}
