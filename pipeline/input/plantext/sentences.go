package plantext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// Notes every indicator gets: what the plan never says.
const noteCodes = "question_key・positive_codes・excluded_codes は計画の文にありません: 調査の設問と選択肢に合わせて記入してください"

var (
	// bareTargetRe is a target without 以上 or 以下: "3年度までに80パーセントにする".
	bareTargetRe = regexp.MustCompile(`(?:^|[^\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|パーセント)\s*(?:にする|に(?:増|高|上|引|下|減|向)|を(?:めざ|目指)|。|$)`)
	// colonTargetRe is a vision's 成果目標: "…と感じる区民の割合:60%以上".
	colonTargetRe = regexp.MustCompile(`割合\s*:\s*\d`)
)

// An indGroup is the indicators of one 経営課題 as the text runs: they follow
// one indicator label, numbered ①②③ without repeating a number.
type indGroup struct {
	kind      string
	line      int
	members   []int  // indexes in Plan.Indicators
	nums      []int  // the ①② number of each member; 0 when unnumbered
	seen      uint32 // bit n is set when number n is in nums
	context   string
	before    int // 経営課題 of the last heading before the group; 0 if none
	basicGoal string
}

// startGroup is an indicator label: the next indicator starts a group.
func (r *reader) startGroup(kind string) {
	r.kind, r.cur = kind, nil
}

// readIndicators reads the indicator sentences of p: a paragraph may hold
// several, each starting with its ①② number.
func (r *reader) readIndicators(p para) {
	if !strings.Contains(p.fold, "割合") || !strings.Contains(p.fold, "%") && !strings.Contains(p.fold, "パーセント") {
		return
	}
	for _, pc := range pieces(p.text) {
		if ind, ok := r.indicator(pc.text, p.line); ok {
			r.addIndicator(ind, pc.num)
		}
	}
}

// A piece is one sentence of a paragraph with its ①② number (0 if none).
type piece struct {
	num  int
	text string
}

// pieces splits text before each ①…⑳ that starts it or follows a "。".
func pieces(text string) []piece {
	var out []piece
	cur, start := piece{}, 0
	atStart := true
	for i, c := range text {
		if c >= '①' && c <= '⑳' && atStart {
			if s := strings.TrimSpace(text[start:i]); s != "" {
				out = append(out, piece{cur.num, s})
			}
			cur, start = piece{num: int(c-'①') + 1}, i+utf8.RuneLen(c)
		}
		switch {
		case c == '。':
			atStart = true
		case c != ' ' && c != '\u3000':
			atStart = false
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, piece{cur.num, s})
	}
	return out
}

// indicator reads one candidate sentence. It is an indicator when it
// states the 割合 of someone and a target percentage, with a deadline,
// "にする", "めざす" or a vision's "割合:60%以上": a sentence of the
// 自己評価 that reports a result ("割合が60%以上となった") is not.
func (r *reader) indicator(src string, line int) (Indicator, bool) {
	src = sentenceOf(src)
	f := fold(src)
	if !strings.Contains(f, "割合") {
		return Indicator{}, false
	}
	st := Extract(src, r.p.PlanYear)
	ind := Indicator{Ward: r.p.Ward, PlanYear: r.p.PlanYear, Kind: r.kind, SourceText: src, Line: line}
	ind.Review = append(ind.Review, noteCodes)
	switch v, ok := bareTarget(f); {
	case st.Op != "":
		ind.TargetPercent, ind.TargetOp = st.Percent, st.Op
	case ok:
		ind.TargetPercent = v
		ind.Review = append(ind.Review, fmt.Sprintf("目標 %s%% に「以上」「以下」がありません: target_op を記入してください (空欄は「以上」として扱われます)", strconv.FormatFloat(v, 'f', -1, 64)))
	default:
		return Indicator{}, false
	}
	if !targetLike(f, st) {
		return Indicator{}, false
	}
	if ind.TargetPercent > 100 {
		ind.Review = append(ind.Review, fmt.Sprintf("目標 %s%% は 100%% を超えています: 文を確認してください", strconv.FormatFloat(ind.TargetPercent, 'f', -1, 64)))
	}
	r.targetYear(&ind, st, f)
	r.population(&ind, st, f)
	ind.Title = titleOf(src)
	if ind.Kind == "" {
		ind.Kind = KindOutcome
		if r.p.Doc == DocVision {
			ind.Kind = KindVision
		}
		ind.Review = append(ind.Review, "「アウトカム指標」などの見出しの下にない文です: 種類 ("+ind.Kind+") を確認してください")
	}
	return ind, true
}

// sentenceOf cuts s after its first "。" when that sentence already states
// the target: a table cell may go on with other text.
func sentenceOf(s string) string {
	i := strings.Index(s, "。")
	if i < 0 || i+len("。") == len(s) {
		return s
	}
	head := s[:i+len("。")]
	if _, ok := bareTarget(fold(head)); ok || Extract(head, 0).Op != "" {
		return head
	}
	return s
}

func bareTarget(f string) (float64, bool) {
	m := lastMatch(bareTargetRe, f)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	return v, err == nil && v <= 100
}

func targetLike(f string, st Statement) bool {
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

// targetYear sets the deadline Extract read, and notes how it was read:
// an era-less 年度 takes the plan's era, a vision's 成果目標 without a
// deadline is due at the end of the vision's period.
func (r *reader) targetYear(ind *Indicator, st Statement, f string) {
	ind.TargetYear = st.Year
	if m := lastMatch(yearRe, f); m != nil && st.Year != 0 && m[1] == "" && len(m[2]) < 4 {
		note := fmt.Sprintf("期限の「%s年度」に元号がありません: 運営方針の年度から%s (%d) としました", m[2], wareki.Label(st.Year), st.Year)
		if alt, era := nearYearEra(m[2], r.p.PlanYear); alt != 0 && alt != st.Year {
			note += fmt.Sprintf("。%s%s年度 (%d) のことなら source_text に元号を書き足してください", era, m[2], alt)
		}
		ind.Review = append(ind.Review, note)
	}
	if st.Year != 0 {
		return
	}
	if (ind.Kind == KindVision || r.p.Doc == DocVision) && r.periodTo != 0 {
		ind.TargetYear = r.periodTo
		ind.Review = append(ind.Review, fmt.Sprintf("期限は文になく、将来ビジョンの期間の最終年度%s (%d) としました", wareki.Label(r.periodTo), r.periodTo))
		return
	}
	ind.Review = append(ind.Review, "期限 (target_year) が読めません: 記入してください")
}

// population names who answered. A 子育て世帯 indicator is counted among
// the 区民 of the resident survey, only for the households raising
// children: the filter that selects them is in the survey, not the plan.
func (r *reader) population(ind *Indicator, st Statement, f string) {
	switch st.Group {
	case GroupResidents:
		ind.Population = "区民"
	case GroupParents:
		ind.Population, ind.FilterHint = "区民", GroupParents
		ind.Review = append(ind.Review, "子育て世帯の割合です: 子育て世帯だけを数える filter を記入してください (キーと値は調査の設問から。空欄では区民全体で集計されます)")
	case GroupPrincipals:
		ind.Population = GroupPrincipals
	case GroupCommittee:
		ind.Population = GroupCommittee
	default:
		if strings.Contains(f, "区民アンケート") {
			ind.Population = "区民"
			ind.Review = append(ind.Review, "回答した人が文から読めません: 区民アンケートなので population を区民としました。確認してください")
			return
		}
		ind.Review = append(ind.Review, "回答した人 (population) が文から読めません: 記入してください")
	}
}

// titleOf derives a short name from the sentence: what comes before its
// first "の割合", without "区民アンケートで", parentheses and 「」 marks;
// when longer than 40 characters, from its last "、" or "など" on, as
// long as 15 characters remain. "区民アンケートで「安全で住みやすいまちと
// 感じている」と回答した区民の割合を…" is "安全で住みやすいまちと感じていると
// 回答した区民の割合".
func titleOf(src string) string {
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

// addIndicator adds ind to the group being read, or starts one: after a
// label, a heading, or a number the group already has.
func (r *reader) addIndicator(ind Indicator, num int) {
	if r.cur == nil || r.cur.seen&(1<<num) != 0 {
		g := &indGroup{kind: ind.Kind, line: ind.Line, context: r.recog + "\n" + r.strategy}
		if r.goalNo != "" || r.goalTitle != "" {
			g.basicGoal = r.goalNo + "「" + r.goalTitle + "」"
		}
		if n := len(r.headings); n > 0 {
			g.before = r.headings[n-1].no
		}
		r.recog, r.strategy = "", ""
		r.groups = append(r.groups, g)
		r.cur = g
	}
	r.cur.members = append(r.cur.members, len(r.p.Indicators))
	r.cur.nums = append(r.cur.nums, num)
	if num != 0 {
		r.cur.seen |= 1 << num
	}
	r.p.Indicators = append(r.p.Indicators, ind)
}
