// Package bars builds the chart of a breakdown: an indicator's wave broken
// down by one attribute, a horizontal bar per published cell (a 参考値 bar
// hatched), the overall value and the target as lines across them, and
// the words that describe it to a screen reader. Its colours, its
// container and the escaping of its option are package charts', so that
// it reads as every other chart does and is as safe.
package bars

import (
	"errors"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"

	echarts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/present"
)

// Section is an indicator's latest wave broken down by one attribute:
// one bar per published cell, and the labels of the hidden ones.
type Section struct {
	Title, Year string // the attribute's question, the wave's 年度
	Bars        []Bar
	Hidden      []string
}

// Bar is one published cell: its label, its value as printed (Text, with
// 参考値 when it is one) and its n.
type Bar struct {
	Label, Text, N string
	Value          float64
	Reference      bool
}

// barItem is a bar with its own label and style: a 参考値 bar is lighter,
// hatched and dashed, and says 参考値 in its label, so that colour is not
// the only signal. go-echarts' BarData has no decal.
type barItem struct {
	Value     float64          `json:"value"`
	Label     *charts.BarLabel `json:"label,omitempty"`
	ItemStyle *barStyle        `json:"itemStyle,omitempty"`
}

type barStyle struct {
	Color       string  `json:"color"`
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float64 `json:"borderWidth,omitempty"`
	BorderType  string  `json:"borderType,omitempty"`
	Decal       *decal  `json:"decal,omitempty"`
}

// decal is ECharts' pattern fill; this one draws diagonal hatching.
type decal struct {
	Symbol     string    `json:"symbol"`
	SymbolSize float64   `json:"symbolSize"`
	Color      string    `json:"color"`
	DashArrayX []float64 `json:"dashArrayX"`
	DashArrayY []float64 `json:"dashArrayY"`
	Rotation   float64   `json:"rotation"`
}

var referenceStyle = &barStyle{
	Color: charts.Sky, BorderColor: charts.Blue, BorderWidth: 1.5, BorderType: "dashed",
	Decal: &decal{Symbol: "rect", SymbolSize: 1, Color: "rgba(0, 0, 0, 0.35)",
		DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 4}, Rotation: -0.785398},
}

// barHeight fits every bar and its label: about 30px a bar.
func barHeight(bars int) int {
	return 90 + 30*bars
}

// Breakdown is one horizontal bar per published cell, with the
// indicator's overall value and its target as vertical lines.
func Breakdown(id string, v charts.Indicator, a compute.Actual, sec Section) (charts.Chart, error) {
	labels, items := barData(sec)
	option, err := breakdownOption(labels, items, breakdownMarks(v, a))
	return charts.Chart{ID: id, Class: "chart-bars", Label: breakdownLabel(v, a, sec), Option: option,
		Height: barHeight(len(items))}, err
}

// barData are the categories of a section's chart and their bars.
func barData(sec Section) ([]string, []barItem) {
	labels := make([]string, 0, len(sec.Bars))
	items := make([]barItem, 0, len(sec.Bars))
	for _, r := range sec.Bars {
		labels = append(labels, r.Label)
		item := barItem{Value: stats.RoundTenth(r.Value), Label: &charts.BarLabel{Show: true, Formatter: r.Text,
			Position: "insideLeft", Color: charts.TextColor, BackgroundColor: "#ffffff", Padding: []int{1, 4}}}
		if r.Reference {
			item.ItemStyle = referenceStyle
		}
		items = append(items, item)
	}
	return labels, items
}

// breakdownBar is the go-echarts chart of a breakdown: the categories
// (labels, top down), their bars and the lines across them.
func breakdownBar(labels []string, items []barItem, marks *opts.MarkLines) *echarts.Bar {
	bar := charts.NewBar("chart-shape", // no option names its chart
		echarts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		echarts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		echarts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
		echarts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100,
			AxisLabel: &opts.AxisLabel{Formatter: "{value}%", Color: charts.TextColor}}),
		echarts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Color: charts.TextColor, Interval: "0"}}),
	)
	bar.SetXAxis(labels).XYReversal()
	bar.AddSeries("実績", nil,
		echarts.WithItemStyleOpts(opts.ItemStyle{Color: charts.Blue}),
		echarts.WithBarChartOpts(opts.BarChart{BarWidth: "60%"}),
		echarts.WithSeriesOpts(func(ss *echarts.SingleSeries) { ss.Data, ss.MarkLines = items, marks }),
	)
	return bar
}

// barShape is the option of a breakdown chart without its data, built once:
// a new go-echarts chart fills in its defaults by reflection over all its
// options, which cost more than the rest of a breakdown (9,000 a site).
var barShape = sync.OnceValue(func() map[string]any {
	bar := breakdownBar(nil, nil, nil)
	bar.Validate() // as go-echarts does before it encodes an option
	return bar.JSON()
})

// breakdownOption is barShape with the data put where go-echarts puts it
// (categories on the y axis, XYReversal's; bars and lines on the series):
// TestBreakdownOptionAsGoECharts compares it with breakdownBar's option.
func breakdownOption(labels []string, items []barItem, marks *opts.MarkLines) (template.JS, error) {
	obj := maps.Clone(barShape())
	ys, okY := obj["yAxis"].([]opts.YAxis)
	ss, okS := obj["series"].(echarts.MultiSeries)
	if !okY || !okS || len(ys) != 1 || len(ss) != 1 {
		return "", errors.New("encode chart option: go-echarts' bar chart is not of the shape this code knows")
	}
	ys, ss = slices.Clone(ys), slices.Clone(ss)
	ys[0].Data, ss[0].Data, ss[0].MarkLines = labels, items, marks
	obj["yAxis"], obj["series"] = ys, ss
	return charts.MarshalOption(obj)
}

// valueLine is a vertical markLine on a value axis whose label can stand
// off the line (distance), which opts.Label cannot say: the labels of the
// overall value and of the target are stacked above the bars so that they
// do not overlap when the two values are close.
type valueLine struct {
	Name      string          `json:"name"`
	XAxis     float64         `json:"xAxis"`
	Label     lineLabel       `json:"label"`
	LineStyle *opts.LineStyle `json:"lineStyle"`
}

type lineLabel struct {
	Show            bool    `json:"show"`
	Formatter       string  `json:"formatter"`
	Position        string  `json:"position"`
	Distance        float64 `json:"distance"`
	Color           string  `json:"color"`
	BackgroundColor string  `json:"backgroundColor"`
}

// breakdownMarks draw the whole indicator's value (dotted) and the target
// (dashed) across the bars, each labelled in words above them. (The y axis
// is inverted, so a vertical line starts at the top.)
func breakdownMarks(v charts.Indicator, a compute.Actual) *opts.MarkLines {
	ml := &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}}}
	label := func(text string, distance float64) lineLabel {
		return lineLabel{Show: true, Formatter: charts.EscapeTemplate(text), Position: "start", Distance: distance,
			Color: charts.TextColor, BackgroundColor: "rgba(255, 255, 255, 0.85)"}
	}
	ml.Data = append(ml.Data, valueLine{
		Name: "全体", XAxis: stats.RoundTenth(a.Percent), Label: label("全体 "+present.Percent(a.Percent), 4),
		LineStyle: &opts.LineStyle{Color: charts.TextColor, Type: "dotted", Width: 1.5},
	})
	if t := v.Target; t.Percent > 0 {
		ml.Data = append(ml.Data, valueLine{
			Name: "目標", XAxis: t.Percent, Label: label("目標 "+present.Target(t.Percent, t.Op), 20),
			LineStyle: &opts.LineStyle{Color: charts.Vermillion, Type: "dashed", Width: 2},
		})
	}
	return ml
}

// breakdownLabel lists the published cells as the bars show them, and
// names the hidden ones without any number; the overall value is a's, the
// one the chart draws across the bars.
func breakdownLabel(v charts.Indicator, a compute.Actual, sec Section) string {
	parts := make([]string, 0, len(sec.Bars))
	for _, r := range sec.Bars {
		parts = append(parts, r.Label+" "+r.Text+"（n="+r.N+"）")
	}
	s := "横棒グラフ：" + v.Title + "、" + sec.Year + "の「" + sec.Title + "」の回答別の実績。" +
		strings.Join(parts, "、") + "。全体 " + present.Percent(a.Percent) + "、" + charts.TargetText(v) + "。"
	if len(sec.Hidden) > 0 {
		s += "「" + strings.Join(sec.Hidden, "」「") + "」は非表示。"
	}
	return s
}
