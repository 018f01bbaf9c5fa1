package plantext

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// amountPattern is an amount of money as plans print it, after width
// folding (４６百万円 is 46百万円): digits with or without thousands
// commas, an optional decimal part, and the unit. Its groups are the
// integer part, the decimals and the unit.
const amountPattern = `(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,6}))?\s*(千円|百万円|万円|億円)`

// unitThousands is how many 千円 one of each unit is.
var unitThousands = map[string]int64{"千円": 1, "万円": 10, "百万円": 1000, "億円": 100000}

// maxThousandYen bounds an amount (1兆円): beyond it the number is no
// budget line but a misread, and the arithmetic stays far from overflow.
const maxThousandYen = 1_000_000_000

// thousandYen converts an amount to 千円: "28,412","","千円" is 28412,
// "46","","百万円" is 46000, "1","5","百万円" is 1500. It is false for an
// amount that is not a whole number of 千円 or is implausibly large.
func thousandYen(intPart, frac, unit string) (int64, bool) {
	per, ok := unitThousands[unit]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(intPart, ",", ""), 10, 64)
	if err != nil || n > maxThousandYen {
		return 0, false
	}
	total := n * per
	frac = strings.TrimRight(frac, "0")
	if frac != "" {
		f, _ := strconv.ParseInt(frac, 10, 64)
		scale := int64(1)
		for range frac {
			scale *= 10
		}
		if (f*per)%scale != 0 {
			return 0, false
		}
		total += f * per / scale
	}
	if total > maxThousandYen {
		return 0, false
	}
	return total, true
}

// The 共通様式 prints each 経営課題's 決算額 and 予算額 of three years as
// labels and amounts that a PDF viewer scatters: "3決算額 4予算額 5予算額"
// on one line and "４６百万円 ４７百万円 ４６百万円" three paragraphs
// later, or "3決算額 ２０百万円 4予算額" and "２３百万円 5予算額 ２６百万円"
// on either side of the other column. Read in text order, the amounts fill
// the labels in the order printed.
var budgetTokenRe = regexp.MustCompile(`(元|\d{1,2})\s*年?度?\s*(決算額|予算額)|` + amountPattern)

// A budgetEntry is one label of a budget row and the amount that filled it.
type budgetEntry struct {
	year   string // the era-less year as printed: "3"
	kind   string // Settled or Budgeted
	amount int64  // in 千円
	filled bool
	bad    string // an amount that is no whole number of 千円
	line   int    // line of the amount, or of the label until filled
}

// A budgetRow is the labels of one 経営課題: a run of years that rises.
type budgetRow struct {
	line    int // line of its first label
	entries []budgetEntry
}

// budgetStream pairs labels and amounts across paragraphs.
type budgetStream struct {
	rows    []budgetRow
	next    [2]int   // row and entry the next amount fills
	orphans []string // amounts that came before any label they could fill
}

// read takes in a paragraph made of budget labels and amounts only, and
// reports whether p was one.
func (b *budgetStream) read(p para) bool {
	locs := budgetTokenRe.FindAllStringSubmatchIndex(p.fold, -1)
	if len(locs) == 0 || !onlyTokens(p.fold, locs) {
		return false
	}
	for _, l := range locs {
		sub := func(k int) string {
			if l[2*k] < 0 {
				return ""
			}
			return p.fold[l[2*k]:l[2*k+1]]
		}
		if sub(2) != "" {
			b.label(sub(1), strings.TrimSuffix(sub(2), "額"), p.line)
		} else {
			b.amount(sub(3), sub(4), sub(5), p.line)
		}
	}
	return true
}

// onlyTokens reports whether nothing but spaces lies between the matches.
func onlyTokens(s string, locs [][]int) bool {
	at := 0
	for _, l := range locs {
		if strings.TrimSpace(s[at:l[0]]) != "" {
			return false
		}
		at = l[1]
	}
	return strings.TrimSpace(s[at:]) == ""
}

func (b *budgetStream) label(year, kind string, line int) {
	n := len(b.rows)
	if n == 0 || !rises(b.rows[n-1], year) {
		b.rows = append(b.rows, budgetRow{line: line})
		n++
	}
	b.rows[n-1].entries = append(b.rows[n-1].entries, budgetEntry{year: year, kind: kind, line: line})
}

// rises reports whether a label of year continues row: its year is later
// than the row's last.
func rises(row budgetRow, year string) bool {
	last := row.entries[len(row.entries)-1].year
	return yearNum(year) > yearNum(last)
}

func yearNum(s string) int {
	if s == "元" {
		return 1
	}
	return atoi(s)
}

func (b *budgetStream) amount(intPart, frac, unit string, line int) {
	for b.next[0] < len(b.rows) {
		row := &b.rows[b.next[0]]
		if b.next[1] >= len(row.entries) {
			b.next = [2]int{b.next[0] + 1, 0}
			continue
		}
		e := &row.entries[b.next[1]]
		b.next[1]++
		e.filled, e.line = true, line
		if v, ok := thousandYen(intPart, frac, unit); ok {
			e.amount = v
		} else {
			e.bad = intPart + unit
		}
		return
	}
	b.orphans = append(b.orphans, fmt.Sprintf("%s%s (%d行目)", intPart, unit, line))
}

// budgetActions turns the rows into one Action per year of each 経営課題.
// Rows are matched to 経営課題 in order when there are as many of each;
// otherwise, and wherever the nearest heading names another 経営課題, this
// is noted.
func (r *reader) budgetActions() {
	rows := r.budget.rows
	for _, o := range r.budget.orphans {
		r.p.Review = append(r.p.Review, "決算額・予算額の見出しのない金額です: "+o)
	}
	if len(rows) == 0 {
		return
	}
	issues := sortedIssues(r.p.Issues)
	byOrder := len(rows) == len(issues)
	if !byOrder && len(issues) > 0 {
		r.p.Review = append(r.p.Review, fmt.Sprintf("決算額・予算額の行が%d、経営課題が%dで数が合いません: 行は近い見出しの経営課題にしました",
			len(rows), len(issues)))
	}
	for k, row := range rows {
		near := nearestHeading(r.headings, row.line)
		issue, note := near, ""
		if byOrder {
			issue = issues[k].No
			if near != 0 && near != issue {
				note = fmt.Sprintf("並び順では経営課題%d ですが、%d行目は経営課題%d の見出しの近くです: 確認してください", issue, row.line, near)
			}
		}
		r.rowActions(row, issue, note)
	}
}

func (r *reader) rowActions(row budgetRow, issue int, note string) {
	title := ""
	if k, ok := r.issueAt[issue]; ok {
		title = r.p.Issues[k].Title
	}
	for _, e := range row.entries {
		a := Action{Ward: r.p.Ward, PlanYear: r.p.PlanYear, IssueNo: issue, Title: title,
			BudgetKind: e.kind, FiscalYear: nearYear(e.year, r.p.PlanYear), Line: e.line}
		switch {
		case !e.filled:
			a.BudgetKind = ""
			a.Review = append(a.Review, fmt.Sprintf("%s年度%s額の金額が見つかりません: 記入してください", e.year, e.kind))
		case e.bad != "":
			a.BudgetKind = ""
			a.Review = append(a.Review, fmt.Sprintf("金額 %s が千円単位になりません: 記入してください", e.bad))
		default:
			a.ThousandYen = e.amount
		}
		if a.FiscalYear == 0 {
			a.Review = append(a.Review, fmt.Sprintf("「%s年度」の元号がわかりません: 年度を記入してください", e.year))
		}
		if issue == 0 {
			a.Review = append(a.Review, "どの経営課題の金額か決められません: issue_no を記入してください")
		}
		if note != "" {
			a.Review = append(a.Review, note)
		}
		r.p.Actions = append(r.p.Actions, a)
	}
}

// nearestHeading is the 経営課題 whose heading is fewest lines from line,
// before or after it (the one before on a tie); 0 when there is none. hs
// is in text order.
func nearestHeading(hs []heading, line int) int {
	k := sort.Search(len(hs), func(i int) bool { return hs[i].line >= line })
	switch {
	case len(hs) == 0:
		return 0
	case k == 0:
		return hs[0].no
	case k == len(hs) || line-hs[k-1].line <= hs[k].line-line:
		return hs[k-1].no
	}
	return hs[k].no
}
