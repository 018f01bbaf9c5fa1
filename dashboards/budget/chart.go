package budget

import (
	"strings"

	echarts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/shihyo/shihyo/dashboards/charts"
)

// chartData is what the budget chart of a 経営課題 shows: one column per
// year and kind (令和3年度 決算, 令和4年度 予算 …), one series per budget
// line (the 経営課題's own, or a 取組), in 千円.
type chartData struct {
	Title   string   // the chart's subject, e.g. 経営課題1 だれもが…
	Columns []string // 令和3年度 決算 …
	Lines   []chartLine
}

// chartLine is one line of a chartData: its name and, per column, its
// amount in 千円 and the amount as printed ("46,000千円"); Has false where
// the line has no amount for the column.
type chartLine struct {
	Name   string
	Values []float64
	Texts  []string
	Has    []bool
}

// chartOf draws the budget as grouped vertical bars, in the Okabe–Ito
// palette, with a legend when there is more than one line; the aria-label
// says every amount in words.
func chartOf(id string, b chartData) (charts.Chart, error) {
	bar := charts.NewBar(id,
		echarts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		echarts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(b.Lines) > 1), Top: "0",
			TextStyle: &opts.TextStyle{Color: charts.TextColor}}),
		echarts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: budgetTop(len(b.Lines)), Bottom: "8", ContainLabel: opts.Bool(true)}),
		echarts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Color: charts.TextColor, Interval: "0"}}),
		echarts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "千円", Min: 0,
			AxisLabel: &opts.AxisLabel{Color: charts.TextColor}}),
	)
	bar.SetXAxis(b.Columns)
	for k, l := range b.Lines {
		items := make([]budgetItem, len(l.Values))
		for i, v := range l.Values {
			items[i] = budgetItem{Value: "-"}
			if l.Has[i] {
				items[i] = budgetItem{Value: v, Label: &charts.BarLabel{Show: len(b.Lines) == 1, Formatter: charts.EscapeTemplate(l.Texts[i]),
					Position: "top", Color: charts.TextColor, BackgroundColor: "#ffffff", Padding: []int{1, 4}}}
			}
		}
		bar.AddSeries(l.Name, nil,
			echarts.WithItemStyleOpts(opts.ItemStyle{Color: charts.Palette[k%len(charts.Palette)]}),
			echarts.WithSeriesOpts(func(ss *echarts.SingleSeries) { ss.Data = items }),
		)
	}
	option, err := charts.OptionJSON(bar)
	if err != nil {
		return charts.Chart{}, err
	}
	return charts.Chart{ID: id, Class: "chart-budget", Label: budgetLabel(b), Option: option}, nil
}

// budgetItem is one bar: its amount, or ECharts' "-" (no bar) where the
// line has none, with the amount as printed on it when the chart has a
// single line (several lines are told apart by the legend and the table).
type budgetItem struct {
	Value any              `json:"value"`
	Label *charts.BarLabel `json:"label,omitempty"`
}

// budgetTop leaves room above the bars for the legend's rows.
func budgetTop(lines int) string {
	if lines <= 1 {
		return "32"
	}
	return "72"
}

// budgetLabel is "棒グラフ：経営課題1 …の予算・決算（千円）。経営課題全体 令和3年度 決算 46,000千円、…".
func budgetLabel(b chartData) string {
	parts := make([]string, 0, len(b.Lines))
	for _, l := range b.Lines {
		var cells []string
		for i, col := range b.Columns {
			if l.Has[i] {
				cells = append(cells, col+" "+l.Texts[i])
			}
		}
		parts = append(parts, l.Name+" "+strings.Join(cells, "、"))
	}
	return "棒グラフ：" + b.Title + "の予算・決算（千円）。" + strings.Join(parts, "。") + "。"
}
