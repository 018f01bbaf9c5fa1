// Package planactions reads and checks plan_actions.csv, the optional
// file of the plans' budget lines (docs/inputs.md): each 具体的取組 with
// its amount, and each 経営課題's own 決算額・予算額 of the 共通様式, one row
// per year. Its problems are at their file and line, like every input's.
package planactions

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/field"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/tables"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// Columns are the columns of plan_actions.csv, in the documented order
// (docs/inputs.md), as `shihyo plan extract --plan-out` writes them.
var Columns = []string{
	"ward", "plan_year", "issue_no", "strategy_no", "action_no", "title",
	"budget_thousand_yen", "budget_kind", "fiscal_year",
}

var (
	strategyNoRe = regexp.MustCompile(`^(\d{1,2})-\d{1,2}$`)
	actionNoRe   = regexp.MustCompile(`^(\d{1,2})-\d{1,2}-\d{1,2}$`)
	// An amount with thousands separators, as Excel may save it: 28,412.
	groupedRe = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
)

// maxThousandYen bounds an amount (1兆円): beyond it the number is a typo.
const maxThousandYen = 1_000_000_000

// Budget years around the plan's: the 共通様式 prints the 決算 of two years
// before and the 予算 of the plan's year.
const (
	budgetYearsBefore = 5
	budgetYearsAfter  = 1
)

// Read reads the optional plan_actions.csv of ds's folder into
// ds.PlanActions, and returns its problems (csvfile's Problems), or nil. It
// runs after indicators.csv and plan_issues.csv, whose 経営課題 its rows
// must name. An absent file is no problem.
func Read(ctx context.Context, ds *model.Dataset) error {
	t, err := readFile(ctx, ds)
	if err != nil || t == nil {
		return err
	}
	var c csvfile.Collector
	first := map[string]int{} // line of each action's first row, by key
	issues := knownIssues(ds)
	for _, r := range t.Rows {
		before := len(c.Problems)
		a := planActionRow(&c, t, r)
		if len(c.Problems) > before {
			continue
		}
		checkActionRefs(&c, t, a, issues, first)
		ds.PlanActions = append(ds.PlanActions, a)
	}
	return c.Err()
}

// readFile reads plan_actions.csv, or plan_actions.xlsx in its place
// (noted in ds.Files); nil when neither is there.
func readFile(ctx context.Context, ds *model.Dataset) (*csvfile.Table, error) {
	t, shown, err := tables.ReadDefinition(ctx, ds.Dir, model.PlanActionsFile, true, tables.Spec{Required: Columns})
	if shown != "" && ds.Files != nil {
		ds.Files[model.PlanActionsFile] = shown
	}
	return t, err
}

func planActionRow(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row) model.PlanAction {
	a := model.PlanAction{
		Ward: t.Get(r, "ward"), Title: t.Get(r, "title"), Line: r.Line,
		StrategyNo: cell.FoldWidth(t.Get(r, "strategy_no")), ActionNo: cell.FoldWidth(t.Get(r, "action_no")),
	}
	field.RequireText(c, t, r, "ward")
	a.PlanYear = field.RecentYear(c, t, r, "plan_year")
	a.IssueNo = field.Int(c, t, r, "issue_no")
	actionNumbers(c, t, r, a)
	if (a.StrategyNo != "" || a.ActionNo != "") && a.Title == "" {
		c.Add(t.File, r.Line, "title", "取組の名称が空欄です")
	}
	actionAmount(c, t, r, &a)
	return a
}

// actionNumbers checks strategy_no (1-1) and action_no (1-1-1): each starts
// with issue_no, and action_no with strategy_no.
func actionNumbers(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, a model.PlanAction) {
	for _, f := range []struct {
		col, v  string
		re      *regexp.Regexp
		example string
	}{{"strategy_no", a.StrategyNo, strategyNoRe, "1-1"}, {"action_no", a.ActionNo, actionNoRe, "1-1-1"}} {
		if f.v == "" {
			continue
		}
		m := f.re.FindStringSubmatch(f.v)
		switch {
		case m == nil:
			c.Add(t.File, r.Line, f.col, "番号は %s のように書いてください: %q", f.example, f.v)
		case a.IssueNo != 0 && m[1] != fmt.Sprint(a.IssueNo):
			c.Add(t.File, r.Line, f.col, "%s は経営課題%d の番号ではありません (issue_no と先頭の数字をそろえてください)", f.v, a.IssueNo)
		}
	}
	if a.StrategyNo != "" && a.ActionNo != "" && !strings.HasPrefix(a.ActionNo, a.StrategyNo+"-") {
		c.Add(t.File, r.Line, "action_no", "取組 %s は戦略 %s の番号ではありません", a.ActionNo, a.StrategyNo)
	}
}

// actionAmount reads budget_thousand_yen, budget_kind and fiscal_year: all
// three, or none for a 取組 printed without an amount. A 経営課題's own
// line (no action_no or strategy_no) is there for its amount.
func actionAmount(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, a *model.PlanAction) {
	amount, kind, year := t.Get(r, "budget_thousand_yen"), t.Get(r, "budget_kind"), t.Get(r, "fiscal_year")
	if amount == "" && kind == "" && year == "" {
		if a.ActionNo == "" && a.StrategyNo == "" {
			c.Add(t.File, r.Line, "budget_thousand_yen", "経営課題の行 (action_no が空欄) に金額がありません")
		}
		return
	}
	field.RequireText(c, t, r, "budget_thousand_yen", "budget_kind", "fiscal_year")
	if amount != "" {
		a.ThousandYen = thousandYen(c, t, r, amount)
	}
	switch k := strings.TrimSuffix(kind, "額"); k {
	case "":
	case model.BudgetSettled, model.BudgetPlanned:
		a.BudgetKind = k
	default:
		c.Add(t.File, r.Line, "budget_kind", "決算・予算のどちらかを書いてください: %q", kind)
	}
	if year == "" {
		return
	}
	a.FiscalYear = field.Year(c, t, r, "fiscal_year")
	lo, hi := a.PlanYear-budgetYearsBefore, a.PlanYear+budgetYearsAfter
	if a.FiscalYear != 0 && a.PlanYear != 0 && (a.FiscalYear < lo || a.FiscalYear > hi) {
		c.Add(t.File, r.Line, "fiscal_year", "金額の年度%s (%d) は範囲外です: plan_year の %d 年前の%s から翌年度の%s までです",
			wareki.Label(a.FiscalYear), a.FiscalYear, budgetYearsBefore, wareki.Label(lo), wareki.Label(hi))
	}
}

// thousandYen reads an amount in 千円: digits (全角 too), with or without
// thousands separators.
func thousandYen(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, s string) int64 {
	digits := strings.TrimSpace(cell.FoldWidth(s))
	if groupedRe.MatchString(digits) {
		digits = strings.ReplaceAll(digits, ",", "")
	}
	n, err := cell.ParseWhole(digits, maxThousandYen)
	switch {
	case errors.Is(err, cell.ErrCodeTooLarge):
		c.Add(t.File, r.Line, "budget_thousand_yen", "金額が大きすぎます: %q (千円単位で書きます)", s)
	case err != nil:
		c.Add(t.File, r.Line, "budget_thousand_yen", "金額は千円単位の整数で書いてください: %q (例: 28412、28,412)", s)
	}
	return int64(n)
}

// issueRef names a 経営課題 of a plan.
type issueRef struct {
	ward     string
	planYear int
	issueNo  int
}

// knownIssues are the 経営課題 that indicators.csv or plan_issues.csv name.
func knownIssues(ds *model.Dataset) map[issueRef]bool {
	out := map[issueRef]bool{}
	for _, in := range ds.Indicators {
		out[issueRef{in.Ward, in.PlanYear, in.IssueNo}] = true
	}
	for _, is := range ds.PlanIssues {
		out[issueRef{is.Ward, is.PlanYear, is.IssueNo}] = true
	}
	return out
}

// checkActionRefs refuses a row of a 経営課題 no other file names (its
// budget would be shown under no heading) and a second row of the same
// line and year.
func checkActionRefs(c *csvfile.Collector, t *csvfile.Table, a model.PlanAction, issues map[issueRef]bool, first map[string]int) {
	if !issues[issueRef{a.Ward, a.PlanYear, a.IssueNo}] {
		c.Add(t.File, a.Line, "issue_no", "%s %s の経営課題%d は indicators.csv にも plan_issues.csv にもありません",
			a.Ward, wareki.Label(a.PlanYear), a.IssueNo)
	}
	key := fmt.Sprint(a.Ward, "\x00", a.PlanYear, "\x00", a.IssueNo, "\x00", a.StrategyNo, "\x00", a.ActionNo, "\x00", a.FiscalYear, "\x00", a.BudgetKind)
	if line, ok := first[key]; ok {
		c.Add(t.File, a.Line, "", "同じ取組・年度・決算/予算の行が %d 行目にもあります", line)
		return
	}
	first[key] = a.Line
}
