package charts

import (
	"maps"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Gauge shows the latest actual as an arc with the target as a
// triangle on it; the numbers are printed inside, not only drawn.
func Gauge(id string, v Indicator) (Chart, bool, error) {
	a, ok := v.latest()
	if !ok || !present.Finite(a.Percent) {
		return Chart{}, false, nil
	}
	ss := charts.MultiSeries{gaugeSeries("実績", "実績（"+wareki.Label(a.FiscalYear)+"）", stats.RoundTenth(a.Percent),
		func(s *charts.SingleSeries) { actualArc(s, a.Percent) })}
	if percent, op, year := v.target(); percent > 0 {
		name := "目標 " + present.Target(percent, op)
		if year > 0 {
			name += "（" + present.Deadline(year) + "）"
		}
		ss = append(ss, gaugeSeries("目標", EscapeTemplate(name), percent, targetMarker))
	}
	obj := maps.Clone(gaugeShape())
	obj["series"] = ss
	option, err := MarshalOption(obj)
	return Chart{ID: id, Class: "chart-gauge", Label: gaugeLabel(v), Option: option}, true, err
}

// gaugeShape is a gauge's option without its series, built once as
// trendShape is (TestGaugeOptionAsGoECharts).
var gaugeShape = sync.OnceValue(func() map[string]any {
	g := charts.NewGauge()
	g.AssetsHost = assetsHost
	g.SetGlobalOptions(append(baseOpts("chart-shape"), charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	return optionOf(g)
})

// gaugeSeries is one gauge of one value, made as Gauge.AddSeries does.
func gaugeSeries(series, name string, value float64, style func(*charts.SingleSeries)) charts.SingleSeries {
	s := charts.SingleSeries{Name: series, Type: types.ChartGauge, Data: []opts.GaugeData{{Name: name, Value: value}}}
	s.ConfigureSeriesOpts(charts.WithSeriesOpts(style))
	return s
}

func actualArc(s *charts.SingleSeries, percent float64) {
	s.Max = 100
	s.Progress = &opts.Progress{Show: opts.Bool(true), Width: 18, ItemStyle: &opts.ItemStyle{Color: Blue}}
	s.AxisLine = &opts.AxisLine{LineStyle: &opts.LineStyle{Width: 18}}
	s.Pointer = &opts.Pointer{Show: opts.Bool(false)}
	s.AxisTick = &opts.AxisTick{Show: opts.Bool(false)}
	s.SplitLine = &opts.SplitLine{Show: opts.Bool(false)}
	s.AxisLabel = &opts.AxisLabel{Show: opts.Bool(false)} // the data table has the numbers
	s.Detail = &opts.Detail{Formatter: types.FuncStr(present.Percent(percent)), FontSize: 30, Color: TextColor, OffsetCenter: []string{"0", "-22%"}}
	s.Title = &opts.Title{OffsetCenter: []string{"0", "8%"}}
	gaugeFrame(s)
}

// targetMarker is a second gauge on the same arc that only draws its
// pointer, shortened to a triangle, at the target.
func targetMarker(s *charts.SingleSeries) {
	s.Max = 100
	s.AxisLine = &opts.AxisLine{Show: opts.Bool(false)}
	s.AxisTick = &opts.AxisTick{Show: opts.Bool(false)}
	s.SplitLine = &opts.SplitLine{Show: opts.Bool(false)}
	s.AxisLabel = &opts.AxisLabel{Show: opts.Bool(false)}
	s.Pointer = &opts.Pointer{Icon: "triangle", Length: "20%", OffsetCenter: []string{"0", "-62%"},
		ItemStyle: &opts.ItemStyle{Color: Vermillion}}
	s.Detail = &opts.Detail{Show: opts.Bool(false)}
	s.Title = &opts.Title{OffsetCenter: []string{"0", "46%"}}
	gaugeFrame(s)
}

// gaugeFrame puts both gauges on the same arc, a little over a half
// circle, leaving the space below its centre for the two captions. (An
// end angle of exactly 0 would be dropped by go-echarts' omitempty.)
func gaugeFrame(s *charts.SingleSeries) {
	s.StartAngle, s.EndAngle = 200, -20
	s.Center, s.Radius = []string{"50%", "62%"}, "92%"
}
