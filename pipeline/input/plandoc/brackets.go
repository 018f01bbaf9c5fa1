package plandoc

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/budget"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// The numbered items of a plan are put in 【】: 【経営課題1 だれもが…】,
// 【経営課題1】子育て層が… (the title after the bracket, up to a space),
// 【1-1 地域共生社会の実現】, 【戦略1-1】…, 【1-1-1 地域福祉力の向上】(予算額
// 28,412千円), 【具体的取組1-1-2】中学生海外派遣の推進 《5,237千円》. A
// 【経営課題１】 with nothing after it but bullets heads the 自己評価 of
// that 経営課題: its text is attributed to the 経営課題 but heads nothing.
var (
	bracketIssueRe    = regexp.MustCompile(`^経営課題\s*(\d{1,2})\s*(.*)$`)
	bracketActionRe   = regexp.MustCompile(`^(?:具体的取組|取組)?\s*(\d{1,2})\s*[-‐−–ー]\s*(\d{1,2})\s*[-‐−–ー]\s*(\d{1,2})\s*(.*)$`)
	bracketStrategyRe = regexp.MustCompile(`^(?:戦略)?\s*(\d{1,2})\s*[-‐−–ー]\s*(\d{1,2})\s*(.*)$`)
	// The amount right after a 取組's title: (予算額 28,412千円), 《5,237千円》.
	actionBudgetRe = regexp.MustCompile(`^\s*[(《\[]?\s*(?:(元|\d{1,2})\s*年度\s*)?(予算額|決算額|予算|決算)?\s*:?\s*` + budget.AmountPattern)
)

// maxBracket bounds the bytes from a 【 to its 】, so that an unclosed
// bracket costs no more than a constant.
const maxBracket = 240

// maxTitle bounds a title cut from the text after its bracket.
const maxTitle = 80

// readBrackets reads every 【】 item of p, each with the text after it up
// to the next 【 (its description, and its amount).
func (r *reader) readBrackets(p paragraph.Para) {
	s := p.Fold
	for {
		i := strings.Index(s, "【")
		if i < 0 {
			return
		}
		s = s[i+len("【"):]
		j := strings.Index(s[:min(len(s), maxBracket)], "】")
		if j < 0 {
			continue
		}
		inner, after := strings.TrimSpace(s[:j]), s[j+len("】"):]
		seg := after
		if k := strings.Index(seg, "【"); k >= 0 {
			seg = seg[:k]
		}
		r.bracket(inner, seg, p.Line)
		s = after
	}
}

func (r *reader) bracket(inner, seg string, line int) {
	if m := bracketIssueRe.FindStringSubmatch(inner); m != nil {
		r.bracketIssue(atoi(m[1]), strings.TrimSpace(m[2]), seg, line)
		return
	}
	if m := bracketActionRe.FindStringSubmatch(inner); m != nil {
		title, rest := titleAndRest(strings.TrimSpace(m[4]), seg)
		r.addAction([3]string{m[1], m[2], m[3]}, title, rest, line)
		return
	}
	if m := bracketStrategyRe.FindStringSubmatch(inner); m != nil {
		title, rest := titleAndRest(strings.TrimSpace(m[3]), seg)
		r.addStrategy(atoi(m[1]), m[1]+"-"+m[2], title, line)
		r.addProfile(atoi(m[1]), title+rest)
	}
}

// bracketIssue reads 【経営課題N …】: a heading when it has a title, inside
// the bracket or after it, and the heading of its 自己評価 otherwise.
func (r *reader) bracketIssue(no int, title, seg string, line int) {
	rest := strings.TrimSpace(seg)
	if title != "" {
		r.addIssue(no, title, line, true)
		r.addProfile(no, rest)
		return
	}
	_, headed := r.issueAt[no]
	if rest == "" || strings.HasPrefix(rest, "・") || headed {
		r.addProfile(no, rest)
		return
	}
	title, rest = titleAndRest("", seg)
	r.addIssue(no, title, line, false)
	r.addProfile(no, rest)
}

// titleAndRest returns the title of a bracketed item and the text after
// it: the title in the bracket if any, or else the text after the bracket
// up to a space, a 《 or a (予算額.
func titleAndRest(inBracket, seg string) (title, rest string) {
	if inBracket != "" {
		return inBracket, seg
	}
	s := strings.TrimLeft(seg, " \t")
	end := len(s)
	for _, stop := range []string{" ", "\t", "《", "【", "(予算", "(決算"} {
		if k := strings.Index(s, stop); k >= 0 && k < end {
			end = k
		}
	}
	// Cut at a byte offset of s, at its maxTitle-th character: converting
	// to runes would turn a stray byte into U+FFFD, longer than the byte.
	n := 0
	for k := range s[:end] {
		if n == maxTitle {
			end = k
			break
		}
		n++
	}
	return s[:end], s[end:]
}

func (r *reader) addStrategy(issue int, no, title string, line int) {
	if r.strategyAt[no] {
		return
	}
	r.strategyAt[no] = true
	r.p.Strategies = append(r.p.Strategies, Strategy{IssueNo: issue, No: no, Title: title, Line: line})
}

// addAction records a 具体的取組 and the amount printed right after its
// title. The year and kind of the amount are those its header states
// (主な具体的取組（31年度予算額）), or the plan's year's 予算.
func (r *reader) addAction(n [3]string, title, rest string, line int) {
	issue := atoi(n[0])
	a := Action{Ward: r.p.Ward, PlanYear: r.p.PlanYear, IssueNo: issue,
		StrategyNo: n[0] + "-" + n[1], ActionNo: n[0] + "-" + n[1] + "-" + n[2], Title: title, Line: line}
	r.addProfile(issue, title+rest)
	if m := actionBudgetRe.FindStringSubmatch(rest); m != nil {
		r.actionAmount(&a, m)
	}
	r.p.Actions = append(r.p.Actions, a)
}

func (r *reader) actionAmount(a *Action, m []string) {
	amount, ok := budget.ThousandYen(m[3], m[4], m[5])
	if !ok {
		a.Review = append(a.Review, "金額 "+m[3]+m[5]+" が千円単位になりません: 記入してください")
		return
	}
	a.ThousandYen = amount
	switch {
	case m[2] != "":
		a.BudgetKind = strings.TrimSuffix(m[2], "額")
	case r.actionKind != "":
		a.BudgetKind = r.actionKind
	default:
		a.BudgetKind = Budgeted
		a.Review = append(a.Review, "予算か決算か書かれていません: 予算としました")
	}
	switch {
	case m[1] != "":
		a.FiscalYear, _ = wareki.Nearest(m[1], r.p.PlanYear)
	case r.actionYear != 0:
		a.FiscalYear = r.actionYear
	default:
		a.FiscalYear = r.p.PlanYear
	}
	if a.FiscalYear == 0 {
		a.Review = append(a.Review, "金額の年度がわかりません: 記入してください")
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
