// Package targets says, for an indicator followed across plans (package
// series), what each plan set as its target and which plan judged each
// wave: the indicator page's 目標の履歴 and the notes under a trend's
// table.
package targets

import (
	"fmt"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Row is one plan's target of the indicator.
type Row struct {
	Plan   string // 令和5年度
	Number string // 経営課題3 ①
	Target string // 令和9年度末までに45%以上
	Change string // 引き上げ / 引き下げ / 変更なし, or "" for the first plan
}

// History is the target of each plan that has the indicator, oldest
// first; rows are the series' rows, oldest plan first. It is nil for an
// indicator of one plan only: its target is on the page already.
func History(rows []model.Indicator) []Row {
	if len(rows) < 2 {
		return nil
	}
	out := make([]Row, 0, len(rows))
	for i, in := range rows {
		r := Row{Plan: wareki.Label(in.PlanYear), Number: fmt.Sprintf("経営課題%d %s", in.IssueNo, present.Circled(in.IndicatorNo)),
			Target: present.TargetBy(in.TargetPercent, in.TargetOp, in.TargetYear)}
		if i > 0 {
			r.Change = change(rows[i-1], in)
		}
		out = append(out, r)
	}
	return out
}

func change(prev, cur model.Indicator) string {
	switch {
	case prev.TargetOp != cur.TargetOp:
		return "変更"
	case cur.TargetPercent > prev.TargetPercent:
		return "引き上げ"
	case cur.TargetPercent < prev.TargetPercent:
		return "引き下げ"
	case cur.TargetYear != prev.TargetYear:
		return "期限の変更"
	}
	return "変更なし"
}

// Notes say which waves were judged by another year's plan (their year's
// own plan does not have the indicator, or there is none): one line per
// run of such years judged by the same plan, e.g. 「令和2年度～令和4年度は…」.
func Notes(waves []compute.Actual) []string {
	var out []string
	for i := 0; i < len(waves); {
		a := waves[i]
		if a.PlanYear == a.FiscalYear || a.PlanYear == 0 { // 0: an Actual that names no plan
			i++
			continue
		}
		j := i
		for j+1 < len(waves) && waves[j+1].PlanYear == a.PlanYear && waves[j+1].PlanYear != waves[j+1].FiscalYear {
			j++
		}
		out = append(out, note(a, waves[j]))
		i = j + 1
	}
	return out
}

func note(first, last compute.Actual) string {
	years := wareki.Label(first.FiscalYear)
	if last.FiscalYear != first.FiscalYear {
		years += "～" + wareki.Label(last.FiscalYear)
	}
	return fmt.Sprintf("%sは、その年度の運営方針にこの指標がないため、%sの運営方針の目標（%s）で判定しています。",
		years, wareki.Label(first.PlanYear), present.TargetBy(first.TargetPercent, first.TargetOp, first.TargetYear))
}
