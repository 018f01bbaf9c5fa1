// Package steps draws an indicator's target as each year's plan set it:
// a step line on the trend chart when a plan changed the target (each wave
// carries the target of the plan that judged it, package series), and its
// words for a screen reader.
package steps

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Name is the series of the target as each year's plan set it, drawn
// instead of the horizontal target line when a plan changed it.
const Name = "目標（各年度の運営方針）"

// Of is the target of each of years as the plan that judged the year set
// it, carried over the years without a wave, the current target after the
// last wave; false when every wave has the current target (a horizontal
// line shows it then).
func Of(years []int, waves []compute.Actual, current stats.Target) ([]opts.LineData, bool) {
	at, changed, last := map[int]float64{}, false, 0
	for _, a := range waves {
		at[a.FiscalYear], last = a.TargetPercent, max(last, a.FiscalYear)
		changed = changed || a.TargetPercent != current.Percent || a.TargetOp != current.Op
	}
	if !changed {
		return nil, false
	}
	out := make([]opts.LineData, len(years))
	cur, ok := 0.0, false
	for i, y := range years {
		if t, found := at[y]; found {
			cur, ok = t, true
		} else if y > last {
			cur, ok = current.Percent, true
		}
		out[i] = opts.LineData{Value: "-"}
		if ok {
			out[i] = opts.LineData{Value: stats.RoundTenth(cur)}
		}
	}
	return out, true
}

// Opts are the options of the series Name that draws steps (Of): a dashed
// step line in color.
func Opts(color string) []charts.SeriesOpts {
	return []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{Step: "end", Symbol: "none", ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: color, Type: "dashed", Width: 2}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: color}),
	}
}

// Text says the target of each year in which it changed:
// 目標は各年度の運営方針のとおり 令和5年度 40%以上、令和6年度 45%以上。
func Text(waves []compute.Actual) string {
	out, prev := "", ""
	for _, a := range waves {
		if t := present.Target(a.TargetPercent, a.TargetOp); t != prev {
			if prev != "" {
				out += "、"
			}
			out += wareki.Label(a.FiscalYear) + " " + t
			prev = t
		}
	}
	return "目標は各年度の運営方針のとおり " + out + "。"
}
