// Package plantext reads an アウトカム指標 sentence as printed in a ward's
// 運営方針, such as
//
//	区民アンケートで「鶴見区は子育てしやすいまちだと感じている」と回答した子育て世帯の
//	区民の割合を令和９年度末までに90％以上にする。
//
// and extracts what it states: the target, its direction, the year it is due,
// the quoted question and who was asked. Validation compares these with the
// columns of indicators.csv, so that a target retyped wrongly is caught
// before it is published next to the plan's own words.
//
// Package plandoc reads whole plan texts; it reads each of their indicator
// sentences with Extract (docs/plan-extract.md).
package plantext

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// Target directions, as written in the plan and in indicators.csv.
const (
	AtLeast = "以上"
	AtMost  = "以下"
)

// Respondent groups the extractor recognises.
const (
	GroupResidents  = "区民"
	GroupParents    = "子育て世帯"
	GroupPrincipals = "校長・教頭"
	GroupCommittee  = "地域活動協議会運営委員"
)

// Statement is what an indicator sentence states. Every field is optional:
// a sentence that states no target has Op "", one without a deadline has
// Year 0.
type Statement struct {
	Percent  float64 // the target in percent; meaningful only when Op is not ""
	Op       string  // AtLeast or AtMost; "" when the sentence states no target
	Year     int     // 西暦 of the 年度 by whose end the target is due; 0 if none
	Question string  // the question quoted in 「」, line breaks removed; "" if none
	Group    string  // one of the Group constants; "" if not recognised
	// EraImplied says the deadline was written without its era
	// ("9年度末までに") and Year is the reading the plan's year implies.
	EraImplied bool
}

var (
	// The target is the last "N％以上" or "N％以下" of the sentence: an
	// earlier percentage may be a baseline ("55％から").
	targetRe = regexp.MustCompile(`(?:^|[^\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|パーセント)\s*(以上|以下)`)
	// The deadline is a 年度 followed by まで; a 年度 without it may be the
	// baseline year ("令和5年度の実績から").
	yearRe = regexp.MustCompile(`(?:^|[^\d])(令和|平成|昭和|R|H|S)?\s*(元|\d{1,4})\s*年度\s*(?:末)?\s*まで`)
)

// Extract reads the indicator sentence text. planYear, the 年度 of the plan
// (西暦, 0 if unknown), resolves a deadline written without its era
// ("9年度末までに"): see deadline. Extract never fails: what it cannot read
// it leaves empty.
func Extract(text string, planYear int) Statement {
	joined := joinLines(text)
	folded := width.Fold.String(joined)
	var st Statement
	if m := lastMatch(targetRe, folded); m != nil {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil {
			st.Percent, st.Op = v, m[2]
		}
	}
	if m := lastMatch(yearRe, folded); m != nil {
		st.Year = deadline(m[1], m[2], planYear)
		st.EraImplied = st.Year != 0 && m[1] == "" && len(m[2]) < 4
	}
	q, rest := quoted(joined)
	st.Question = q
	st.Group = group(width.Fold.String(rest))
	return st
}

// joinLines removes the line breaks a PDF or a narrow cell puts inside a
// sentence, with the spaces around them, and the leading ①② number.
func joinLines(s string) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	out := strings.TrimSpace(strings.Join(lines, ""))
	if r := []rune(out); len(r) > 0 && r[0] >= '①' && r[0] <= '⑳' {
		out = strings.TrimSpace(string(r[1:]))
	}
	return out
}

func lastMatch(re *regexp.Regexp, s string) []string {
	all := re.FindAllStringSubmatch(s, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// deadline turns the era and number of a "令和9年度末まで" into 西暦. A
// number without its era takes, of the eras that had it, the reading
// nearest at or after the plan's year: a deadline is not in the past, and
// in a plan of 平成31年度 (2019, which Label calls 令和元年度) "31年度末"
// is 平成31, not 令和31. When every reading is before the plan's year
// ("3年度まで" in 令和5年度), the plan's own era is taken.
func deadline(era, num string, planYear int) int {
	if era == "" && len(num) == 4 {
		y, err := wareki.Parse(num)
		if err != nil {
			return 0
		}
		return y
	}
	if era == "" {
		if y := wareki.Following(num, planYear); y != 0 {
			return y
		}
		era = eraOf(planYear)
		if era == "" {
			return 0
		}
	}
	y, err := wareki.Parse(era + num + "年度")
	if err != nil {
		return 0
	}
	return y
}

// eraOf is the era of the 年度 y ("令和"), or "" when y is unknown.
func eraOf(y int) string {
	if y == 0 {
		return ""
	}
	label := wareki.Label(y)
	for _, e := range []string{"令和", "平成", "昭和"} {
		if strings.HasPrefix(label, e) {
			return e
		}
	}
	return ""
}

// quoted returns the text of the first 「」 of s (nested 「」 kept) and
// what follows it. Without a complete 「」 the question is "" and the rest
// is s whole.
func quoted(s string) (question, rest string) {
	start := strings.Index(s, "「")
	if start < 0 {
		return "", s
	}
	depth := 0
	for i, r := range s[start:] {
		switch r {
		case '「':
			depth++
		case '」':
			depth--
			if depth == 0 {
				end := start + i
				return s[start+len("「") : end], s[end+len("」"):]
			}
		}
	}
	return "", s
}

// group recognises who answered from the words before the first "の割合"
// of s: "…と回答した子育て世帯の区民の割合" is 子育て世帯.
func group(s string) string {
	i := strings.Index(s, "の割合")
	if i < 0 {
		return ""
	}
	subject := s[:i]
	switch {
	case strings.HasSuffix(subject, "子育て世帯の区民"), strings.HasSuffix(subject, "子育て世帯"):
		return GroupParents
	case strings.HasSuffix(subject, "校長・教頭"):
		return GroupPrincipals
	case strings.HasSuffix(subject, "地域活動協議会運営委員"), strings.HasSuffix(subject, "地活協運営委員"):
		return GroupCommittee
	case strings.HasSuffix(subject, "区民"):
		return GroupResidents
	}
	return ""
}

// String writes the target as the plan would: "令和9年度末までに60%以上".
func (st Statement) String() string {
	var b strings.Builder
	if st.Year != 0 {
		b.WriteString(strings.TrimSuffix(wareki.Label(st.Year), "年度") + "年度末までに")
	}
	if st.Op != "" {
		b.WriteString(strconv.FormatFloat(st.Percent, 'f', -1, 64) + "%" + st.Op)
	}
	return b.String()
}
