package layout

import (
	"html/template"
	"strconv"
	"strings"
)

// Put writes markup into b as it is, then the text s escaped (WriteText):
// the pair every row that Go writes for a template is made of.
func Put(b *strings.Builder, markup, s string) {
	b.WriteString(markup)
	WriteText(b, s)
}

// WriteText writes s into b escaped as html/template escapes a string in
// the text of an element or in a quoted attribute value (its htmlEscaper
// and attrEscaper, which share one table): NUL, ", &, ', +, < and >.
// Rows that Go writes for a template (template.HTML) use it, so that they
// read exactly as the template would have written them: TestWriteText
// compares the two over every ASCII character and some invalid UTF-8.
// (Every byte it replaces is ASCII, which never occurs inside a multi-byte
// UTF-8 sequence, so replacing bytes is replacing runes.)
func WriteText(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(repl)
		start = i + 1
	}
	b.WriteString(s[start:])
}

// Chart is a chart's container, described for assistive technology (its
// aria-label carries the numbers; a data table follows every chart), and
// its option in a JSON data block, as the template chart wrote them: the
// option is JSON already escaped for a script (charts.optionJSON), which
// html/template wrote as it is. height 0 leaves the height to the CSS.
func Chart(id, class, label string, height int, option template.JS) template.HTML {
	var s strings.Builder
	WriteChart(&s, id, class, label, height, option)
	return template.HTML(s.String()) // escaped by WriteChart
}

// WriteChart writes Chart's markup to s, for a caller that builds a
// larger fragment around it.
func WriteChart(s *strings.Builder, id, class, label string, height int, option template.JS) {
	s.Grow(len(option) + len(label) + 2*len(id) + len(class) + 160)
	Put(s, `<div id="`, id)
	Put(s, `" class="chart `, class)
	Put(s, `" role="img" aria-label="`, label)
	s.WriteString(`"`)
	if height != 0 {
		s.WriteString(` data-height="`)
		s.WriteString(strconv.Itoa(height))
		s.WriteString(`"`)
	}
	Put(s, "></div>\n"+`<script type="application/json" data-chart="`, id)
	s.WriteString(`">`)
	s.WriteString(string(option)) // JSON escaped for a script already (charts.optionJSON)
	s.WriteString(`</script>`)
}
