// Package sentence reads one candidate indicator sentence of a plan into
// the columns of an indicators.csv row it can fill: the target Extract
// reads (so that validation's cross-check agrees by construction), who
// answered, a short title, and notes for staff on what the plan does not
// say or says unclearly. What needs the rest of the plan (the 経営課題,
// the number, a vision's period) is for its caller.
package sentence

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/shihyo/shihyo/pipeline/input/plantext"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// NoteCodes is the note every indicator gets first: what the plan never says.
const NoteCodes = "question_key・positive_codes・excluded_codes は計画の文にありません: 調査の設問と選択肢に合わせて記入してください"

var (
	// bareTargetRe is a target without 以上 or 以下: "3年度までに80パーセントにする".
	bareTargetRe = regexp.MustCompile(`(?:^|[^\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|パーセント)\s*(?:にする|に(?:増|高|上|引|下|減|向)|を(?:めざ|目指)|。|$)`)
	// colonTargetRe is a vision's 成果目標: "…と感じる区民の割合:60%以上".
	colonTargetRe = regexp.MustCompile(`割合\s*:\s*\d`)
)

// A Draft is what one indicator sentence gives.
type Draft struct {
	Source        string // the sentence as printed (see Read)
	Title         string
	Population    string // 区民, 校長・教頭, 地域活動協議会運営委員; "" if unknown
	FilterHint    string // 子育て世帯 when only a subgroup counts
	TargetPercent float64
	TargetOp      string // plantext.AtLeast, AtMost, or "" when the sentence states neither
	TargetYear    int    // 西暦; 0 when the sentence states no deadline
	Notes         []string
}

// Fold width-folds s, as the matching does.
func Fold(s string) string { return width.Fold.String(s) }

// Read reads src, a sentence of a plan of 年度 planYear (0 if unknown). It
// is an indicator when it states the 割合 of someone and a target
// percentage, with a deadline, "にする", "めざす" or a vision's
// "割合:60%以上": a sentence of the 自己評価 that reports a result
// ("割合が60%以上となった") is not, and Read returns false. A table cell
// that goes on after the sentence's first "。" is cut there when that
// sentence already states the target.
func Read(src string, planYear int) (Draft, bool) {
	src = sentenceOf(src)
	f := Fold(src)
	if !strings.Contains(f, "割合") {
		return Draft{}, false
	}
	st := plantext.Extract(src, planYear)
	d := Draft{Source: src, Notes: []string{NoteCodes}}
	switch v, ok := bareTarget(f); {
	case st.Op != "":
		d.TargetPercent, d.TargetOp = st.Percent, st.Op
	case ok:
		d.TargetPercent = v
		d.Notes = append(d.Notes, fmt.Sprintf("目標 %s%% に「以上」「以下」がありません: target_op を記入してください (空欄は「以上」として扱われます)", formatPercent(v)))
	default:
		return Draft{}, false
	}
	if !targetLike(f, st) {
		return Draft{}, false
	}
	if d.TargetPercent > 100 {
		d.Notes = append(d.Notes, fmt.Sprintf("目標 %s%% は 100%% を超えています: 文を確認してください", formatPercent(d.TargetPercent)))
	}
	d.TargetYear = st.Year
	if st.EraImplied {
		d.Notes = append(d.Notes, fmt.Sprintf("期限の年度に元号がありません: 運営方針の年度 (%d年度) 以後でいちばん近い %d年度 (%s) と読みました。ほかの年度のことなら source_text に元号を書き足してください",
			planYear, st.Year, wareki.Label(st.Year)))
	}
	d.population(st, f)
	d.Title = Title(src)
	return d, true
}

func formatPercent(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// sentenceOf cuts s after its first "。" when that sentence already states
// the target: a table cell may go on with other text.
func sentenceOf(s string) string {
	i := strings.Index(s, "。")
	if i < 0 || i+len("。") == len(s) {
		return s
	}
	head := s[:i+len("。")]
	if _, ok := bareTarget(Fold(head)); ok || plantext.Extract(head, 0).Op != "" {
		return head
	}
	return s
}

func bareTarget(f string) (float64, bool) {
	all := bareTargetRe.FindAllStringSubmatch(f, -1)
	if len(all) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(all[len(all)-1][1], 64)
	return v, err == nil && v <= 100
}

func targetLike(f string, st plantext.Statement) bool {
	if st.Year != 0 || colonTargetRe.MatchString(f) {
		return true
	}
	for _, w := range []string{"まで", "にする", "めざ", "目指"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// population names who answered. A 子育て世帯 indicator is counted among
// the 区民 of the resident survey, only for the households raising
// children: the filter that selects them is in the survey, not the plan.
func (d *Draft) population(st plantext.Statement, f string) {
	switch st.Group {
	case plantext.GroupResidents:
		d.Population = "区民"
	case plantext.GroupParents:
		d.Population, d.FilterHint = "区民", plantext.GroupParents
		d.Notes = append(d.Notes, "子育て世帯の割合です: 子育て世帯だけを数える filter を記入してください (キーと値は調査の設問から。空欄では区民全体で集計されます)")
	case plantext.GroupPrincipals:
		d.Population = plantext.GroupPrincipals
	case plantext.GroupCommittee:
		d.Population = plantext.GroupCommittee
	default:
		if strings.Contains(f, "区民アンケート") {
			d.Population = "区民"
			d.Notes = append(d.Notes, "回答した人が文から読めません: 区民アンケートなので population を区民としました。確認してください")
			return
		}
		d.Notes = append(d.Notes, "回答した人 (population) が文から読めません: 記入してください")
	}
}

// A Piece is one sentence of a paragraph with its ①② number (0 if none).
type Piece struct {
	Num  int
	Text string
}

// Pieces splits text before each ①…⑳ that starts it or follows a "。".
func Pieces(text string) []Piece {
	var out []Piece
	cur, start := Piece{}, 0
	atStart := true
	for i, c := range text {
		if c >= '①' && c <= '⑳' && atStart {
			if s := strings.TrimSpace(text[start:i]); s != "" {
				out = append(out, Piece{cur.Num, s})
			}
			cur, start = Piece{Num: int(c-'①') + 1}, i+utf8.RuneLen(c)
		}
		switch {
		case c == '。':
			atStart = true
		case c != ' ' && c != '\u3000':
			atStart = false
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, Piece{cur.Num, s})
	}
	return out
}

// Title derives a short name from the sentence: what comes before its
// first "の割合", without "区民アンケートで", parentheses and 「」 marks;
// when longer than 40 characters, from its last "、" or "など" on, as
// long as 15 characters remain. "区民アンケートで「安全で住みやすいまちと
// 感じている」と回答した区民の割合を…" is "安全で住みやすいまちと感じていると
// 回答した区民の割合".
func Title(src string) string {
	s := src
	if i := strings.Index(s, "の割合"); i >= 0 {
		s = s[:i+len("の割合")]
	}
	if _, after, ok := strings.Cut(s, "アンケートで"); ok {
		s = after
	}
	s = strings.NewReplacer("「", "", "」", "").Replace(dropParens(s))
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	cut := -1
	for _, sep := range []string{"、", "など"} {
		if i := strings.LastIndex(s, sep); i >= 0 && utf8.RuneCountInString(s[i+len(sep):]) >= 15 {
			cut = max(cut, i+len(sep))
		}
	}
	if cut >= 0 {
		s = s[cut:]
	}
	return s
}

// dropParens removes （…） and (…) with what they enclose, one level.
func dropParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, c := range s {
		switch {
		case c == '（' || c == '(':
			depth++
		case (c == '）' || c == ')') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}
