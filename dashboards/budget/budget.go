// Package budget builds the budget view of a ward page from
// plan_actions.csv: under each 経営課題, its own 決算額・予算額 and its 取組
// with their amounts over the years, as a bar chart and a data table with
// the same numbers, beside the 経営課題's indicators.
package budget

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// ownLine names a 経営課題's own budget line (no action_no).
const ownLine = "経営課題全体"

// Section is the budget of one 経営課題: its chart (when any line has an
// amount) and its table, one row per line and one column per year and kind.
// Subject names the 経営課題 (経営課題1 だれもが…), for the table's caption.
type Section struct {
	Subject  string
	Chart    charts.Chart
	HasChart bool
	Columns  []string
	Rows     []Row
}

// Row is one budget line: its number and name, and its amount per column
// as printed (46,000千円, or — where it has none).
type Row struct {
	Label string
	Cells []string
}

// IDs numbers the charts of a page.
type IDs interface{ Next() string }

// column is one year and kind of amount.
type column struct {
	year int
	kind string
}

// Sections are the budget sections of the plan of ward and planYear in
// ds, by 経営課題 number, titled by plan_issues.csv. A 経営課題 without
// budget lines has none.
func Sections(ids IDs, ds *model.Dataset, ward string, planYear int) (map[int]*Section, error) {
	byIssue := map[int][]model.PlanAction{}
	for _, a := range ds.PlanActions {
		if a.Ward == ward && a.PlanYear == planYear {
			byIssue[a.IssueNo] = append(byIssue[a.IssueNo], a)
		}
	}
	titles := map[int]string{}
	for _, is := range ds.PlanIssues {
		if is.Ward == ward && is.PlanYear == planYear {
			titles[is.IssueNo] = is.Title
		}
	}
	out := map[int]*Section{}
	nos := make([]int, 0, len(byIssue))
	for no := range byIssue {
		nos = append(nos, no)
	}
	slices.Sort(nos) // chart ids in the order of the page
	for _, no := range nos {
		s, err := section(ids, no, titles[no], byIssue[no])
		if err != nil {
			return nil, err
		}
		out[no] = s
	}
	return out, nil
}

func section(ids IDs, no int, title string, lines []model.PlanAction) (*Section, error) {
	subject := "経営課題" + strconv.Itoa(no)
	if title != "" {
		subject += " " + title
	}
	cols := columnsOf(lines)
	s := &Section{Subject: subject}
	for _, c := range cols {
		s.Columns = append(s.Columns, wareki.Label(c.year)+" "+c.kind)
	}
	b := chartData{Title: subject, Columns: s.Columns}
	for _, l := range linesOf(lines) {
		row, line := Row{Label: l.label}, chartLine{Name: l.label}
		for _, c := range cols {
			v, ok := l.amounts[c]
			text := present.Dash
			if ok {
				text = present.Count(int(v)) + "千円"
			}
			row.Cells = append(row.Cells, text)
			line.Values, line.Texts, line.Has = append(line.Values, float64(v)), append(line.Texts, text), append(line.Has, ok)
		}
		s.Rows = append(s.Rows, row)
		if len(l.amounts) > 0 {
			b.Lines = append(b.Lines, line)
		}
	}
	if len(b.Lines) == 0 {
		return s, nil
	}
	chart, err := chartOf(ids.Next(), b)
	if err != nil {
		return nil, err
	}
	s.Chart, s.HasChart = chart, true
	return s, nil
}

// columnsOf are the years and kinds of the amounts, oldest first, a
// year's 決算 before its 予算.
func columnsOf(lines []model.PlanAction) []column {
	var cols []column
	for _, a := range lines {
		if c := (column{a.FiscalYear, a.BudgetKind}); a.BudgetKind != "" && !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	slices.SortFunc(cols, func(a, b column) int {
		return cmp.Or(cmp.Compare(a.year, b.year), kindOrder(a.kind)-kindOrder(b.kind))
	})
	return cols
}

func kindOrder(kind string) int {
	if kind == model.BudgetSettled {
		return 0
	}
	return 1
}

// line is one budget line with its amounts.
type line struct {
	number, label string
	amounts       map[column]int64
}

// linesOf groups the rows by line: the 経営課題's own first, then the 取組
// in the order of their numbers (1-1-2 before 1-1-10).
func linesOf(rows []model.PlanAction) []*line {
	var out []*line
	at := map[string]*line{}
	for _, a := range rows {
		number := a.ActionNo
		if number == "" {
			number = a.StrategyNo
		}
		l := at[number]
		if l == nil {
			l = &line{number: number, label: ownLine, amounts: map[column]int64{}}
			if number != "" {
				l.label = strings.TrimSpace(number + " " + a.Title)
			}
			at[number] = l
			out = append(out, l)
		}
		if a.BudgetKind != "" {
			l.amounts[column{a.FiscalYear, a.BudgetKind}] += a.ThousandYen
		}
	}
	slices.SortStableFunc(out, func(a, b *line) int { return compareNumbers(a.number, b.number) })
	return out
}

// compareNumbers orders 1-1-2 before 1-1-10, and "" (the 経営課題's own)
// first.
func compareNumbers(a, b string) int {
	pa, pb := strings.Split(a, "-"), strings.Split(b, "-")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, _ := strconv.Atoi(pa[i])
		nb, _ := strconv.Atoi(pb[i])
		if c := cmp.Compare(na, nb); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}
