// Package paragraph turns the bytes of a plan file into the paragraphs a
// reader of the plan sees: Decode finds the encoding (UTF-8, UTF-16 with a
// BOM, CP932), Split the runs of lines and the cells of copied tables, each
// with a width-folded copy for matching.
package paragraph

import (
	"html"
	"strings"

	"golang.org/x/text/width"
)

// A Para is one paragraph of a plan text as the reader sees it: a run of
// non-blank lines (a PDF viewer breaks a sentence over several lines), or
// one cell of a table row (cells are separated by tabs or <p> tags when
// the text was copied from the city's HTML tables).
type Para struct {
	Line  int      // 1-based line of the file its first line is on
	Lines []string // its lines, trimmed, as printed
	Text  string   // its lines joined without breaks, as printed
	Fold  string   // Text width-folded: 全角 digits, letters and spaces to ASCII
}

// maxTagLen bounds how far a '<' looks for its '>': a lone '<' in prose
// is kept, and no line is scanned more than a constant number of times.
const maxTagLen = 300

// Split splits text into paragraphs in one pass over its lines.
// Blank lines (spaces, 全角 spaces and no-break spaces only) end a
// paragraph; a line with tabs or HTML tags is a table row whose cells are
// paragraphs of their own.
func Split(text string) []Para {
	text = strings.TrimPrefix(text, "\ufeff")
	var out []Para
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, New(start, cur))
			cur = nil
		}
	}
	for n, l := range splitLines(text) {
		switch cells, table := tableCells(l); {
		case table:
			flush()
			for _, c := range cells {
				out = append(out, New(n+1, []string{c}))
			}
		case strings.TrimSpace(l) == "":
			flush()
		default:
			if len(cur) == 0 {
				start = n + 1
			}
			cur = append(cur, strings.TrimSpace(l))
		}
	}
	flush()
	return out
}

// New is the paragraph of lines, the first at line.
func New(line int, lines []string) Para {
	text := strings.Join(lines, "")
	return Para{Line: line, Lines: lines, Text: text, Fold: Fold(text)}
}

// Fold width-folds s: ４６ to 46, （ to (, ｶﾅ to カナ, the 全角 space to ' '.
func Fold(s string) string { return width.Fold.String(s) }

// Squeeze removes all white space, for comparing labels the PDF viewer
// spaced or broke.
func Squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// splitLines splits at LF, CRLF and a lone CR.
func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i])
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
	return out
}

// cellBreaks are the tags that end a cell of a copied HTML table.
var cellBreaks = map[string]bool{
	"p": true, "br": true, "li": true, "ul": true, "ol": true, "div": true,
	"tr": true, "td": true, "th": true, "h1": true, "h2": true, "h3": true, "h4": true,
}

// tableCells returns the non-blank cells of a line that is a table row:
// one with a tab or an HTML tag. Tags are removed (those that end a cell
// split it) and character references decoded.
func tableCells(l string) (cells []string, table bool) {
	if !strings.ContainsRune(l, '\t') && !strings.Contains(l, "<") {
		return nil, false
	}
	var b strings.Builder
	for i := 0; i < len(l); i++ {
		if l[i] != '<' {
			b.WriteByte(l[i])
			continue
		}
		name, end := tagAt(l, i)
		if end < 0 {
			b.WriteByte(l[i])
			continue
		}
		table = true
		if cellBreaks[name] {
			b.WriteByte('\t')
		}
		i = end
	}
	if !table && !strings.ContainsRune(l, '\t') {
		return nil, false
	}
	for _, c := range strings.Split(b.String(), "\t") {
		if c = strings.TrimSpace(html.UnescapeString(c)); c != "" {
			cells = append(cells, c)
		}
	}
	return cells, true
}

// tagAt reads an HTML tag starting at l[i] == '<': its lower-case name
// and the index of its '>', or end -1 when l[i] starts no tag.
func tagAt(l string, i int) (name string, end int) {
	j := i + 1
	if j < len(l) && l[j] == '/' {
		j++
	}
	// The name is scanned within the same bound as the '>': a name longer
	// than maxTagLen starts no tag.
	limit := min(len(l), i+maxTagLen)
	k := j
	for k < limit && (isASCIILetter(l[k]) || (k > j && l[k] >= '0' && l[k] <= '9')) {
		k++
	}
	if k == j || k >= limit {
		return "", -1
	}
	gt := strings.IndexByte(l[k:limit], '>')
	if gt < 0 {
		return "", -1
	}
	return strings.ToLower(l[j:k]), k + gt
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
