package layout

import "strings"

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
