package plandoc

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/sentence"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
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
func (r *reader) readIndicators(p paragraph.Para) {
	if !strings.Contains(p.Fold, "割合") || !strings.Contains(p.Fold, "%") && !strings.Contains(p.Fold, "パーセント") {
		return
	}
	for _, pc := range sentence.Pieces(p.Text) {
		if ind, ok := r.indicator(pc.Text, p.Line); ok {
			r.addIndicator(ind, pc.Num)
		}
	}
}

// indicator reads one candidate sentence (package sentence) and adds what
// needs the plan: its kind, and a vision's deadline.
func (r *reader) indicator(src string, line int) (Indicator, bool) {
	d, ok := sentence.Read(src, r.p.PlanYear)
	if !ok {
		return Indicator{}, false
	}
	ind := Indicator{Ward: r.p.Ward, PlanYear: r.p.PlanYear, Kind: r.kind, Title: d.Title,
		Population: d.Population, FilterHint: d.FilterHint, TargetPercent: d.TargetPercent, TargetOp: d.TargetOp,
		TargetYear: d.TargetYear, SourceText: d.Source, Line: line, Review: d.Notes}
	r.targetYear(&ind)
	if ind.Kind == "" {
		ind.Kind = KindOutcome
		if r.p.Doc == DocVision {
			ind.Kind = KindVision
		}
		ind.Review = append(ind.Review, "「アウトカム指標」などの見出しの下にない文です: 種類 ("+ind.Kind+") を確認してください")
	}
	return ind, true
}

// targetYear notes a missing deadline (a vision's 成果目標 without one is
// due at the end of the vision's period) and one before the plan's year:
// the plan of a later year copied, or its year given wrongly (--plan-year).
func (r *reader) targetYear(ind *Indicator) {
	if ind.TargetYear != 0 {
		if ind.PlanYear != 0 && ind.TargetYear < ind.PlanYear {
			ind.Review = append(ind.Review, fmt.Sprintf("期限%s末 (%d) が運営方針の年度%s (%d) より前です: 運営方針の年度と期限を確認してください",
				wareki.Label(ind.TargetYear), ind.TargetYear, wareki.Label(ind.PlanYear), ind.PlanYear))
		}
		return
	}
	if (ind.Kind == KindVision || r.p.Doc == DocVision) && r.periodTo != 0 {
		ind.TargetYear = r.periodTo
		ind.Review = append(ind.Review, fmt.Sprintf("期限は文になく、将来ビジョンの期間の最終年度%s (%d) としました", wareki.Label(r.periodTo), r.periodTo))
		return
	}
	ind.Review = append(ind.Review, "期限 (target_year) が読めません: 記入してください")
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
			g.before = r.headings[n-1].No
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
