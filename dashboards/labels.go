package dashboards

import (
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// The aria-labels below are the text alternative of each chart: a screen
// reader user hears the same numbers the chart draws.

// valuesText lists every wave as "令和4年度 71.3%、令和5年度 59.8%".
func valuesText(v *indicatorView) string {
	parts := make([]string, 0, len(v.Waves))
	for _, a := range v.Waves {
		parts = append(parts, wareki.Label(a.FiscalYear)+" "+formatPercent(a.Percent))
	}
	if len(parts) == 0 {
		return "実績はまだありません"
	}
	return strings.Join(parts, "、")
}

// targetText is "目標は令和9年度末までに60%以上".
func targetText(v *indicatorView) string {
	percent, op, year := v.target()
	if year > 0 {
		return "目標は" + targetYearLabel(year) + "までに" + formatTarget(percent, op)
	}
	return "目標は" + formatTarget(percent, op)
}

func trendLabel(v *indicatorView) string {
	s := "折れ線グラフ：" + v.title() + "の推移。" + valuesText(v) + "。" + targetText(v) + "。"
	if hasCI(v) {
		s += "帯は95%信頼区間。"
	}
	axis := seriesOf(v, true)
	if _, ok := pathLine(v, axis); ok {
		base := v.Waves[0]
		percent, op, year := v.target()
		s += "目標への直線は基準年" + wareki.Label(base.FiscalYear) + "の" + formatPercent(base.Percent) +
			"から" + targetYearLabel(year) + "の" + formatTarget(percent, op) + "まで。"
	}
	if p, ok := projectionOf(v, axis); ok {
		_, _, year := v.target()
		s += wareki.Label(year) + "の見通し " + p.text() + "。"
	}
	return s
}

func sparkLabel(v *indicatorView) string {
	return "推移：" + valuesText(v) + "（" + targetText(v) + "）"
}

func gaugeLabel(v *indicatorView) string {
	a, _ := v.latest()
	return "ゲージ：" + wareki.Label(a.FiscalYear) + "の実績 " + formatPercent(a.Percent) + "、" +
		targetText(v) + "、達成状況 " + statusOf(a.Status).Text
}

func hasCI(v *indicatorView) bool {
	for _, a := range v.Waves {
		if a.CILow.Valid && a.CIHigh.Valid {
			return true
		}
	}
	return false
}

// breakdownLabel lists the published cells as the bars show them, and
// names the hidden ones without any number.
func breakdownLabel(v *indicatorView, sec breakdownSection) string {
	a, _ := v.latest()
	parts := make([]string, 0, len(sec.Rows))
	for _, r := range sec.Rows {
		parts = append(parts, r.Label+" "+r.shown()+"（n="+r.N+"）")
	}
	s := "横棒グラフ：" + v.title() + "、" + sec.Year + "の「" + sec.Title + "」の回答別の実績。" +
		strings.Join(parts, "、") + "。全体 " + formatPercent(a.Percent) + "、" + targetText(v) + "。"
	if len(sec.Hidden) > 0 {
		s += "「" + strings.Join(sec.Hidden, "」「") + "」は非表示。"
	}
	return s
}
