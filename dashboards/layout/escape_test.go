package layout

import (
	"html/template"
	"strings"
	"testing"
)

// TestWriteText: WriteText writes what html/template writes for the same
// string in an element's text and in a quoted attribute value.
func TestWriteText(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<p title="{{.}}">{{.}}</p>`))
	var all strings.Builder
	for c := range 128 {
		all.WriteByte(byte(c))
	}
	inputs := []string{"", all.String(), "60.0%（参考値）", "<script>alert('x')</script>", "a+b&c\"d'e",
		"\xff\xfe<\xc3", "区\x00民", "＜全角＞", "\u2028\u2029", "&amp;"}
	for _, in := range inputs {
		var want strings.Builder
		if err := tmpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		got.WriteString(`<p title="`)
		WriteText(&got, in)
		got.WriteString(`">`)
		WriteText(&got, in)
		got.WriteString(`</p>`)
		if got.String() != want.String() {
			t.Errorf("WriteText(%q)\n got %q\nwant %q", in, got.String(), want.String())
		}
	}
}
