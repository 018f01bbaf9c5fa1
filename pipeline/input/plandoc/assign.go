package plandoc

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/assign"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/budget"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/sentence"
	"github.com/shihyo/shihyo/pipeline/input/plantext"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// finish decides what needs the whole plan: the indicators' numbers and
// 経営課題 (package assign), and the 経営課題 of the budget rows.
func (r *reader) finish() {
	r.numberGroups()
	r.assignGroups()
	r.budgetActions()
	r.checkActions()
	slices.SortStableFunc(r.p.Indicators, func(a, b Indicator) int {
		return cmpKeys(a.IssueNo, b.IssueNo, a.IndicatorNo, b.IndicatorNo)
	})
	slices.SortStableFunc(r.p.Actions, func(a, b Action) int {
		if c := cmpKeys(a.IssueNo, b.IssueNo, 0, 0); c != 0 {
			return c
		}
		return strings.Compare(a.ActionNo, b.ActionNo)
	})
	sort.SliceStable(r.p.Issues, func(i, j int) bool { return r.p.Issues[i].No < r.p.Issues[j].No })
}

// cmpKeys orders by issue then number, issue 0 (unassigned) last.
func cmpKeys(ia, ib, na, nb int) int {
	if ia != ib {
		switch {
		case ia == 0:
			return 1
		case ib == 0:
			return -1
		}
		return ia - ib
	}
	return na - nb
}

// numberGroups gives each indicator its number: its ①②, or else its place
// among the group's unnumbered ones after the numbers used. A vision's
// 成果目標 have no 経営課題 and are numbered through the document.
func (r *reader) numberGroups() {
	vision := 0
	for _, g := range r.groups {
		used := map[int]bool{}
		for _, n := range g.nums {
			used[n] = n != 0
		}
		next := 1
		for k, m := range g.members {
			ind := &r.p.Indicators[m]
			switch {
			case ind.Kind == KindVision:
				vision++
				ind.IndicatorNo = vision
			case g.nums[k] != 0:
				ind.IndicatorNo = g.nums[k]
			default:
				for used[next] {
					next++
				}
				ind.IndicatorNo, used[next] = next, true
				if len(g.members) > 1 {
					ind.Review = append(ind.Review, fmt.Sprintf("番号 (①②…) のない指標です: indicator_no を並び順の%d としました", next))
				}
			}
		}
		r.checkNumbers(g)
	}
}

// checkNumbers notes a group whose numbers skip one (①③ without ②).
func (r *reader) checkNumbers(g *indGroup) {
	nums := slices.Clone(g.nums)
	slices.Sort(nums)
	for k, n := range nums {
		if n != 0 && n != k+1 && nums[0] != 0 {
			for _, m := range g.members {
				r.p.Indicators[m].Review = append(r.p.Indicators[m].Review,
					fmt.Sprintf("同じ経営課題の指標の番号が1から続いていません (%v): 番号と経営課題を確認してください", nums))
			}
			return
		}
	}
}

// assignGroups gives every group of indicators its 経営課題 (package
// assign) and notes what could not be decided. A vision's 成果目標 have
// none.
func (r *reader) assignGroups() {
	issues := sortedIssues(r.p.Issues)
	in := make([]assign.Issue, len(issues))
	for k, is := range issues {
		in[k] = assign.Issue{No: is.No, Profile: is.Title}
		if b := r.profile[is.No]; b != nil {
			in[k].Profile += "\n" + b.String()
		}
	}
	var outcome []*indGroup
	var gs []assign.Group
	for _, g := range r.groups {
		if g.kind == KindVision {
			r.noteVision(g)
			continue
		}
		outcome = append(outcome, g)
		gs = append(gs, assign.Group{Text: r.groupText(g), Context: g.context, Before: g.before})
	}
	for k, c := range assign.Groups(gs, in) {
		for _, m := range outcome[k].members {
			r.p.Indicators[m].IssueNo = c.No
		}
		if c.Note != "" {
			r.noteGroup(outcome[k], c.Note)
		}
	}
}

func (r *reader) noteVision(g *indGroup) {
	what := "将来ビジョンの成果目標"
	if g.basicGoal != "" {
		what += " (基本目標" + g.basicGoal + ")"
	}
	r.noteGroup(g, what+"で、経営課題はありません: 運営方針の経営課題に合わせて issue_no と indicator_no を記入してください")
}

func (r *reader) noteGroup(g *indGroup, note string) {
	for _, m := range g.members {
		r.p.Indicators[m].Review = append(r.p.Indicators[m].Review, note)
	}
}

// groupText is the group's sentences, the part before the target: the
// question and who answered.
func (r *reader) groupText(g *indGroup) string {
	var b strings.Builder
	for _, m := range g.members {
		src := r.p.Indicators[m].SourceText
		if q := plantext.Extract(src, 0).Question; q != "" {
			src = q
		} else {
			src = sentence.Title(src)
		}
		b.WriteString(sentence.Fold(src))
		b.WriteByte('\n')
	}
	return b.String()
}

// budgetActions turns the 共通様式's budget rows into one Action per year
// of each 経営課題 (budget.Assign), with what could not be paired noted.
func (r *reader) budgetActions() {
	for _, o := range r.budget.Orphans {
		r.p.Review = append(r.p.Review, "決算額・予算額の見出しのない金額です: "+o)
	}
	var nos []int
	for _, is := range sortedIssues(r.p.Issues) {
		nos = append(nos, is.No)
	}
	issue, notes, overall := budget.Assign(r.budget.Rows, nos, r.headings)
	if overall != "" {
		r.p.Review = append(r.p.Review, overall)
	}
	for k, row := range r.budget.Rows {
		r.rowActions(row, issue[k], notes[k])
	}
}

func (r *reader) rowActions(row budget.Row, issue int, note string) {
	title := ""
	if k, ok := r.issueAt[issue]; ok {
		title = r.p.Issues[k].Title
	}
	for _, e := range row.Entries {
		a := Action{Ward: r.p.Ward, PlanYear: r.p.PlanYear, IssueNo: issue, Title: title, BudgetKind: e.Kind, Line: e.Line}
		a.FiscalYear, _ = wareki.Nearest(e.Year, r.p.PlanYear)
		switch {
		case !e.Filled:
			a.BudgetKind = ""
			a.Review = append(a.Review, fmt.Sprintf("%s年度%s額の金額が見つかりません: 記入してください", e.Year, e.Kind))
		case e.Bad != "":
			a.BudgetKind = ""
			a.Review = append(a.Review, fmt.Sprintf("金額 %s が千円単位になりません: 記入してください", e.Bad))
		default:
			a.ThousandYen = e.Amount
		}
		if a.FiscalYear == 0 {
			a.Review = append(a.Review, fmt.Sprintf("「%s年度」の元号がわかりません: 年度を記入してください", e.Year))
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

func sortedIssues(is []Issue) []Issue {
	out := slices.Clone(is)
	sort.SliceStable(out, func(i, j int) bool { return out[i].No < out[j].No })
	return out
}

// checkActions notes a 取組 whose 経営課題 has no heading in the text.
func (r *reader) checkActions() {
	for k := range r.p.Actions {
		a := &r.p.Actions[k]
		if _, ok := r.issueAt[a.IssueNo]; !ok && a.IssueNo != 0 && len(r.p.Issues) > 0 {
			a.Review = append(a.Review, fmt.Sprintf("経営課題%d の見出しが本文にありません: 番号を確認してください", a.IssueNo))
		}
	}
}
