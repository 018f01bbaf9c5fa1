package selfeval

import (
	"math"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// changeText is the change from the previous fiscal year and its test.
func changeText(a compute.Actual) string {
	if !a.PreviousPercent.Valid || !a.ChangePoints.Valid {
		return "前年度の調査がないため、前年度からの変化は比べていません。"
	}
	prev, d := a.PreviousPercent.Float64, stats.Tenths(a.ChangePoints.Float64)
	if d == 0 {
		s := "前年度と同じ " + present.Percent(prev) + " でした。"
		if a.ChangeFlag != "" {
			s += "判定は「" + string(a.ChangeFlag) + "」です。"
		}
		return s
	}
	moved := present.Decimal(math.Abs(a.ChangePoints.Float64)) + " ポイント" + direction(d)
	s := "前年度の " + present.Percent(prev) + " から " + moved
	switch a.ChangeFlag {
	case stats.Rose, stats.Fell:
		return s + "しました。この差は調査の誤差だけでは説明できない大きさで" + pText(a) + "、「" +
			string(a.ChangeFlag) + "」と判定しています。"
	case stats.NoChange:
		return s + "しましたが、この差は調査の誤差の範囲内で" + pText(a) + "、「" +
			string(a.ChangeFlag) + "」と判定しています。"
	}
	return s + "しました（回答が 1 人の年度があるため、差の判定はしていません）。"
}

func direction(tenths int64) string {
	if tenths > 0 {
		return "上昇"
	}
	return "低下"
}

// pText is the p-value of the change test in brackets: （p < 0.001）,
// （p = 0.004）, （p = 0.62）; "" when there is none.
func pText(a compute.Actual) string {
	if !a.ChangePValue.Valid || !present.Finite(a.ChangePValue.Float64) {
		return ""
	}
	p := a.ChangePValue.Float64
	switch {
	case p < 0.001:
		return "（p < 0.001）"
	case p < 0.01:
		return "（p = " + strconv.FormatFloat(p, 'f', 3, 64) + "）"
	}
	return "（p = " + strconv.FormatFloat(p, 'f', 2, 64) + "）"
}

// progressText is the 進捗 of a (whose indicator's baseline wave is base)
// in words, as docs/statistics.md 4. judges it.
func progressText(a, base compute.Actual) string {
	word := "「" + present.TrajectoryText(a.Trajectory) + "」"
	switch a.Trajectory {
	case stats.Achieved:
		return targetText(a) + "を満たしており、進捗は" + word + "です。"
	case stats.NotJudged:
		return wareki.Label(a.FiscalYear) + "はこの指標の基準年（最初の調査）で、" + targetText(a) +
			"への直線の出発点のため、進捗は判定していません。"
	}
	if a.FiscalYear >= a.TargetYear || !a.PathPercent.Valid {
		return "目標年度の" + wareki.Label(a.TargetYear) + "になりましたが" + targetText(a) +
			"に届いておらず、進捗は" + word + "です。"
	}
	path := a.PathPercent.Float64
	return "基準年の" + wareki.Label(base.FiscalYear) + "（" + present.Percent(base.Percent) + "）から" + targetText(a) +
		"までを直線で結ぶと、" + wareki.Label(a.FiscalYear) + "は " + present.Percent(path) + " の位置にあるべきところ、実績は" +
		versus(a.Percent, path) + "、進捗は" + word + "です。"
}

// versus compares the published value with the path, as exactly as the
// judgement does (in thousandths of a point).
func versus(percent, path float64) string {
	switch p, q := stats.Thousandths(percent), stats.Thousandths(path); {
	case p > q:
		return "これを上回っており"
	case p < q:
		return "これを下回っており"
	}
	return "ちょうどこの直線上にあり"
}

// paceText is the change per year still needed: 「目標の達成には今後毎年
// 3.8 ポイントずつ上げる必要があります。」
func paceText(a compute.Actual) string {
	if !a.PointsPerYearNeeded.Valid || a.Trajectory == stats.Achieved {
		return ""
	}
	p := a.PointsPerYearNeeded.Float64
	switch {
	case stats.Tenths(p) > 0:
		return "目標の達成には今後毎年 " + present.Decimal(p) + " ポイントずつ上げる必要があります。"
	case stats.Tenths(p) < 0:
		return "目標の達成には今後毎年 " + present.Decimal(-p) + " ポイントずつ下げる必要があります。"
	}
	return ""
}

// projectionText is the projection to the target year from the waves so
// far: its value when it is firm enough to be a figure
// (present.ProjectionShown), otherwise only that its range is too wide.
func projectionText(a compute.Actual, waves int) string {
	if !a.ProjectedPercent.Valid || !a.ProjectedLow.Valid || !a.ProjectedHigh.Valid {
		return ""
	}
	low, high := a.ProjectedLow.Float64, a.ProjectedHigh.Float64
	year := wareki.Label(a.TargetYear)
	if !present.ProjectionShown(waves, low, high) {
		return "これまでの傾向から" + year + "を見込むと予測区間が " + rangeText(low, high) +
			" と広く、見通しはまだ立ちません。"
	}
	return "これまでの傾向が続くと、" + year + "は " + present.Percent(a.ProjectedPercent.Float64) +
		" の見込みです（95% 予測区間 " + rangeText(low, high) + "）。"
}
