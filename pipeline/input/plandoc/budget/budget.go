// Package budget reads the amounts of money a plan prints, in every
// spelling (28,412千円, ４６百万円, 1.5百万円), and the 決算額・予算額 rows of
// the 共通様式, whose labels and amounts a PDF viewer scatters: Stream pairs
// them in text order, and Assign gives each row its 経営課題.
package budget

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Budget kinds, as the plan writes them.
const (
	Settled  = "決算"
	Budgeted = "予算"
)

// AmountPattern is an amount of money as plans print it, after width
// folding (４６百万円 is 46百万円): digits with or without thousands
// commas, an optional decimal part, and the unit. Its groups are the
// integer part, the decimals and the unit.
const AmountPattern = `(\d{1,3}(?:,\d{3})+|\d{1,12})(?:\.(\d{1,6}))?\s*(千円|百万円|万円|億円)`

// unitThousands is how many 千円 one of each unit is.
var unitThousands = map[string]int64{"千円": 1, "万円": 10, "百万円": 1000, "億円": 100000}

// MaxThousandYen bounds an amount (1兆円): beyond it the number is no
// budget line but a misread, and the arithmetic stays far from overflow.
const MaxThousandYen = 1_000_000_000

// ThousandYen converts an amount to 千円: "28,412","","千円" is 28412,
// "46","","百万円" is 46000, "1","5","百万円" is 1500. It is false for an
// amount that is not a whole number of 千円 or is implausibly large.
func ThousandYen(intPart, frac, unit string) (int64, bool) {
	per, ok := unitThousands[unit]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(intPart, ",", ""), 10, 64)
	if err != nil || n > MaxThousandYen {
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
	if total > MaxThousandYen {
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
var budgetTokenRe = regexp.MustCompile(`(元|\d{1,2})\s*年?度?\s*(決算額|予算額)|` + AmountPattern)

// An Entry is one label of a budget row and the amount that filled it.
type Entry struct {
	Year   string // the era-less year as printed: "3"
	Kind   string // Settled or Budgeted
	Amount int64  // in 千円
	Filled bool
	Bad    string // an amount that is no whole number of 千円
	Line   int    // line of the amount, or of the label until filled
}

// A Row is the labels of one 経営課題: a run of years that rises.
type Row struct {
	Line    int // line of its first label
	Entries []Entry
}

// Stream pairs labels and amounts across paragraphs. Orphans are the
// amounts that came before any label they could fill, as "9百万円 (3行目)".
type Stream struct {
	Rows    []Row
	Orphans []string
	next    [2]int // row and entry the next amount fills
}

// Read takes in a paragraph, its width-folded text fold at line, and
// reports whether it was made of budget labels and amounts only.
func (b *Stream) Read(fold string, line int) bool {
	locs := budgetTokenRe.FindAllStringSubmatchIndex(fold, -1)
	if len(locs) == 0 || !onlyTokens(fold, locs) {
		return false
	}
	for _, l := range locs {
		sub := func(k int) string {
			if l[2*k] < 0 {
				return ""
			}
			return fold[l[2*k]:l[2*k+1]]
		}
		if sub(2) != "" {
			b.label(sub(1), strings.TrimSuffix(sub(2), "額"), line)
		} else {
			b.amount(sub(3), sub(4), sub(5), line)
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

func (b *Stream) label(year, kind string, line int) {
	n := len(b.Rows)
	if n == 0 || !rises(b.Rows[n-1], year) {
		b.Rows = append(b.Rows, Row{Line: line})
		n++
	}
	b.Rows[n-1].Entries = append(b.Rows[n-1].Entries, Entry{Year: year, Kind: kind, Line: line})
}

// rises reports whether a label of year continues row: its year is later
// than the row's last.
func rises(row Row, year string) bool {
	last := row.Entries[len(row.Entries)-1].Year
	return yearNum(year) > yearNum(last)
}

func yearNum(s string) int {
	if s == "元" {
		return 1
	}
	n, _ := strconv.Atoi(s)
	return n
}

func (b *Stream) amount(intPart, frac, unit string, line int) {
	for b.next[0] < len(b.Rows) {
		row := &b.Rows[b.next[0]]
		if b.next[1] >= len(row.Entries) {
			b.next = [2]int{b.next[0] + 1, 0}
			continue
		}
		e := &row.Entries[b.next[1]]
		b.next[1]++
		e.Filled, e.Line = true, line
		if v, ok := ThousandYen(intPart, frac, unit); ok {
			e.Amount = v
		} else {
			e.Bad = intPart + unit
		}
		return
	}
	b.Orphans = append(b.Orphans, fmt.Sprintf("%s%s (%d行目)", intPart, unit, line))
}

// A Heading is one place a 経営課題 is headed in the text.
type Heading struct{ No, Line int }

// Assign gives each row its 経営課題 from issues (their numbers, in
// order) and the headings (in text order): in order when there are as
// many rows as 経営課題, else the nearest heading. It returns one issue
// number per row (0 when none), a note per row ("" when the choice is
// clear) and a note on the whole ("" when the counts agree).
func Assign(rows []Row, issues []int, hs []Heading) (issue []int, notes []string, overall string) {
	byOrder := len(rows) == len(issues)
	if !byOrder && len(issues) > 0 && len(rows) > 0 {
		overall = fmt.Sprintf("決算額・予算額の行が%d、経営課題が%dで数が合いません: 行は近い見出しの経営課題にしました",
			len(rows), len(issues))
	}
	issue, notes = make([]int, len(rows)), make([]string, len(rows))
	for k, row := range rows {
		near := NearestHeading(hs, row.Line)
		issue[k] = near
		if byOrder {
			issue[k] = issues[k]
			if near != 0 && near != issue[k] {
				notes[k] = fmt.Sprintf("並び順では経営課題%d ですが、%d行目は経営課題%d の見出しの近くです: 確認してください", issue[k], row.Line, near)
			}
		}
	}
	return issue, notes, overall
}

// NearestHeading is the 経営課題 whose heading is fewest lines from line,
// before or after it (the one before on a tie); 0 when there is none. hs
// is in text order.
func NearestHeading(hs []Heading, line int) int {
	k := sort.Search(len(hs), func(i int) bool { return hs[i].Line >= line })
	switch {
	case len(hs) == 0:
		return 0
	case k == 0:
		return hs[0].No
	case k == len(hs) || line-hs[k-1].Line <= hs[k].Line-line:
		return hs[k-1].No
	}
	return hs[k].No
}
