package charts

import (
	"strings"

	"github.com/shihyo/shihyo/dashboards/charts/steps"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// The aria-labels below are the text alternative of each chart: a screen
// reader user hears the same numbers the chart draws.

// valuesText lists every wave as "令和4年度 71.3%、令和5年度 59.8%".
func valuesText(v Indicator) string {
	parts := make([]string, 0, len(v.Waves))
	for _, a := range v.Waves {
		parts = append(parts, wareki.Label(a.FiscalYear)+" "+present.Percent(a.Percent))
	}
	if len(parts) == 0 {
		return "実績はまだありません"
	}
	return strings.Join(parts, "、")
}

// TargetText is v's target in words as every chart's aria-label says it:
// 目標は令和9年度末までに60%以上.
func TargetText(v Indicator) string {
	percent, op, year := v.target()
	if year > 0 {
		return "目標は" + present.Deadline(year) + "までに" + present.Target(percent, op)
	}
	return "目標は" + present.Target(percent, op)
}

func trendLabel(v Indicator) string {
	s := "折れ線グラフ：" + v.Title + "の推移。" + valuesText(v) + "。" + TargetText(v) + "。"
	if hasCI(v) {
		s += "帯は95%信頼区間。"
	}
	axis := seriesOf(v, true)
	if _, ok := steps.Of(axis.years, v.Waves, v.Target); ok {
		s += steps.Text(v.Waves)
	}
	if _, ok := pathLine(v, axis); ok {
		base := v.Waves[0]
		percent, op, year := v.target()
		s += "目標への直線は基準年" + wareki.Label(base.FiscalYear) + "の" + present.Percent(base.Percent) +
			"から" + present.Deadline(year) + "の" + present.Target(percent, op) + "まで。"
	}
	if p, ok := projectionOf(v, axis); ok {
		_, _, year := v.target()
		s += wareki.Label(year) + "の見通し " + p.text() + "。"
	}
	return s
}

func sparkLabel(v Indicator) string {
	return "推移：" + valuesText(v) + "（" + TargetText(v) + "）"
}

func gaugeLabel(v Indicator) string {
	a, _ := v.latest()
	return "ゲージ：" + wareki.Label(a.FiscalYear) + "の実績 " + present.Percent(a.Percent) + "、" +
		TargetText(v) + "、達成状況 " + present.StatusText(a.Status)
}

func hasCI(v Indicator) bool {
	for _, a := range v.Waves {
		if a.CILow.Valid && a.CIHigh.Valid {
			return true
		}
	}
	return false
}
