// Package selfeval drafts the 自己評価 of a plan from the numbers alone:
// for one indicator and one fiscal year, a paragraph on the actual and its
// 達成状況, the 95% interval, the change from the previous year and its
// test, and the 進捗 with the pace still needed (Draft); for a 経営課題, one
// line that counts its indicators' A/B and 順調/遅れ (IssueLine). It gives
// no reason and no plan of action: those are the staff's to write. The same
// numbers give the same words, on the indicator page and in the exports.
//
// Each wave is judged by the target it carries (compute.Actual's own
// target, status and trajectory), so that a year judged against its own
// plan's target reads so here too.
package selfeval

import (
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Heading is the name of the draft wherever it is shown: the indicator
// page, the CSV column and the XLSX column.
const Heading = "自己評価（案）"

// Indicator is what a draft is written from.
type Indicator struct {
	// Population is who was asked (区民, 校長・教頭 …); Filtered says that
	// the indicator counts only some of them (子育て世帯 …).
	Population string
	Filtered   bool
	// Positive and Excluded are the labels of the positive and the
	// excluded answers (そう思う, わからない …), as choices.csv has them.
	Positive, Excluded []string
	// Waves are the indicator's actuals, oldest first; the first is the
	// baseline of the straight path to the target.
	Waves []compute.Actual
}

// Draft is the paragraphs of the 自己評価 of the wave of year, each a
// sentence or more; nil when the indicator has no wave that year.
type Draft []string

// String joins the paragraphs with line breaks, as a cell of the CSV and
// XLSX holds them.
func (d Draft) String() string { return strings.Join(d, "\n") }

// Write drafts the 自己評価 of in for the fiscal year year.
func Write(in Indicator, year int) Draft {
	at := -1
	for i, a := range in.Waves {
		if a.FiscalYear == year {
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	a := in.Waves[at]
	return Draft{
		actualText(in, a) + judgedText(in.Waves[:at], a) + intervalText(in, a),
		changeText(a),
		progressText(a, in.Waves[0]) + paceText(a) + projectionText(a, at+1),
	}
}

// actualText: 「令和5年度の実績は 59.8% で、達成状況は B（未達成）でした（有効
// 回答 545 人のうち 326 人が「…」「…」と回答。「わからない」は母数から除いて
// います）。」
func actualText(in Indicator, a compute.Actual) string {
	var b strings.Builder
	b.WriteString(wareki.Label(a.FiscalYear) + "の実績は " + present.Percent(a.Percent) +
		" で、達成状況は " + present.StatusText(a.Status) + "でした（有効回答 " + present.Count(a.NValid) + " 人のうち " +
		present.Count(a.NPositive) + " 人が" + quoted(in.Positive) + answered(a))
	switch {
	case len(in.Excluded) > 0 && a.Multi:
		b.WriteString("。" + quoted(in.Excluded) + "だけを選んだ人は母数から除いています")
	case len(in.Excluded) > 0:
		b.WriteString("。" + quoted(in.Excluded) + "は母数から除いています")
	}
	if a.Weighted {
		b.WriteString("。割合は性別・年齢構成に合わせた重み付け集計です")
	}
	b.WriteString("）。")
	if a.NValid <= compute.ReferenceUpTo {
		b.WriteString("有効回答が " + present.Count(compute.ReferenceUpTo) + " 人以下のため、参考値です。")
	}
	return b.String()
}

// judgedText says which plan's target judged a when it is not its own
// year's plan (「達成状況は令和5年度の運営方針の目標（…）で判定しています。」),
// and when a's plan changed the target of the wave before (earlier):
// 「目標は令和6年度の運営方針で 40%以上 から 45%以上 に引き上げられました。」.
func judgedText(earlier []compute.Actual, a compute.Actual) string {
	if a.PlanYear != 0 && a.PlanYear != a.FiscalYear {
		return "達成状況は" + wareki.Label(a.PlanYear) + "の運営方針の" + targetText(a) + "で判定しています。"
	}
	if len(earlier) == 0 {
		return ""
	}
	prev := earlier[len(earlier)-1]
	was, now := present.Target(prev.TargetPercent, prev.TargetOp), present.Target(a.TargetPercent, a.TargetOp)
	if was == now {
		return ""
	}
	verb := "変更されました"
	switch {
	case prev.TargetOp != a.TargetOp:
	case (a.TargetPercent > prev.TargetPercent) == (a.TargetOp != stats.AtMost):
		verb = "引き上げられました"
	default:
		verb = "引き下げられました"
	}
	return "目標は" + wareki.Label(a.PlanYear) + "の運営方針で " + was + " から " + now + " に" + verb +
		"（" + wareki.Label(prev.FiscalYear) + "の実績はその年度の目標で判定しています）。"
}

// answered is how the positive respondents answered: と回答, or for a
// 複数回答 question (a.Multi) のいずれかを選択.
func answered(a compute.Actual) string {
	if a.Multi {
		return "のいずれかを選択"
	}
	return "と回答"
}

// quoted writes labels as 「そう思う」「どちらかといえばそう思う」, or 肯定的な
// 回答 when there are none.
func quoted(labels []string) string {
	if len(labels) == 0 {
		return "肯定的な回答"
	}
	return "「" + strings.Join(labels, "」「") + "」"
}

// intervalText is the 95% interval in words, and 「誤差の範囲内での未達成」
// when it holds the target.
func intervalText(in Indicator, a compute.Actual) string {
	if !a.CILow.Valid || !a.CIHigh.Valid {
		return ""
	}
	whole := in.Population + "全体"
	if in.Filtered {
		whole = "条件に当てはまる" + in.Population + "全体"
	}
	s := "アンケートは" + in.Population + "の一部への調査なので誤差があり、" + whole + "の割合は 95% の確からしさで " +
		rangeText(a.CILow.Float64, a.CIHigh.Float64) + " の範囲にあると見込まれます。"
	if w := present.CertaintyText(a.Status, present.WithinError(a.TargetPercent, a.CILow.Float64, a.CIHigh.Float64)); w != "" {
		s += "この範囲は目標の " + targetValue(a) + " をまたいでおり、" + w + "です。"
	}
	return s
}

// rangeText is 55.6～63.9%, with the full-width tilde of the CSV export's
// own interval column: CP932 has it, so a Shift_JIS export writes the
// draft as it is (the wave dash 〜 would be replaced by it there).
func rangeText(low, high float64) string {
	return present.Decimal(low) + "～" + present.Percent(high)
}

// targetValue is the target's value as the plan prints it, 60%.
func targetValue(a compute.Actual) string {
	t := present.Target(a.TargetPercent, a.TargetOp)
	return strings.TrimSuffix(strings.TrimSuffix(t, stats.AtLeast), stats.AtMost)
}

// targetText is 目標（令和9年度末までに75%以上）.
func targetText(a compute.Actual) string {
	return "目標（" + present.TargetBy(a.TargetPercent, a.TargetOp, a.TargetYear) + "）"
}

// Labels are the labels of codes (label gives choices.csv's), a code
// itself where choices.csv has no label for it.
func Labels(codes []int, label func(code int) string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		if l := label(c); l != "" {
			out = append(out, l)
		} else {
			out = append(out, "コード "+strconv.Itoa(c))
		}
	}
	return out
}
