package paragraph

import (
	"reflect"
	"strings"
	"testing"
)

func TestParagraphs(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
		lines      []int
	}{
		{"wrapped lines", "使命\n一人ひとりの\n  人権\n\n次", []string{"使命一人ひとりの人権", "次"}, []int{1, 5}},
		{"CRLF and lone CR", "あ\r\nい\r\r\nう\rえ", []string{"あい", "うえ"}, []int{1, 4}},
		{"全角 spaces make a blank line", "あ\n\u3000 \u00a0\nい", []string{"あ", "い"}, []int{1, 3}},
		{"tab cells", "経営課題の概要\t主な戦略\n【1-1 実現】 説明\t\n", []string{"経営課題の概要", "主な戦略", "【1-1 実現】 説明"}, []int{1, 1, 2}},
		{"p tags", "<p>【経営課題1 A】</p> <p>B &amp; C</p>\t<ul style=\"x\"><li>D</li></ul>", []string{"【経営課題1 A】", "B & C", "D"}, []int{1, 1, 1}},
		{"a lone < is text", "a < b\nc", []string{"a < bc"}, []int{1}},
		{"BOM", "\ufeffあ", []string{"あ"}, []int{1}},
		{"a tag name longer than maxTagLen is text", "<" + strings.Repeat("a", 400) + ">\tb", []string{"<" + strings.Repeat("a", 400) + ">", "b"}, []int{1, 1}},
		{"a name ending just at maxTagLen is text", "<" + strings.Repeat("p", maxTagLen-1) + ">\tb", []string{"<" + strings.Repeat("p", maxTagLen-1) + ">", "b"}, []int{1, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			var lines []int
			for _, p := range Split(c.text) {
				got, lines = append(got, p.Text), append(lines, p.Line)
			}
			if !reflect.DeepEqual(got, c.want) || !reflect.DeepEqual(lines, c.lines) {
				t.Errorf("paragraphs = %q at %v, want %q at %v", got, lines, c.want, c.lines)
			}
		})
	}
}

func TestParagraphFold(t *testing.T) {
	ps := Split("経営課題１\u3000（予算額　２８，４１２千円）")
	if len(ps) != 1 || ps[0].Fold != "経営課題1 (予算額 28,412千円)" {
		t.Errorf("fold = %q", ps[0].Fold)
	}
}
