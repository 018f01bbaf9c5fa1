// Package charts builds the ECharts options of the dashboards (trend,
// sparkline, gauge) and the words that describe each chart to a screen
// reader, and what every chart shares: the local copy of ECharts, the
// colours, the encoding of an option (the breakdown bars, package bars, and
// the budget chart are built on them). Options are JSON data for
// assets/dashboard.js; input text never reaches a script.
package charts

import (
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/shihyo/shihyo/dashboards/charts/steps"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Indicator is what a chart shows of one indicator: its title, its target
// and its waves, oldest first.
type Indicator struct {
	Title  string
	Target stats.Target
	Waves  []compute.Actual
}

// latest is the newest wave, if any.
func (v Indicator) latest() (compute.Actual, bool) {
	if len(v.Waves) == 0 {
		return compute.Actual{}, false
	}
	return v.Waves[len(v.Waves)-1], true
}

// target is the indicator's target as its three parts.
func (v Indicator) target() (percent float64, op string, year int) {
	return v.Target.Percent, v.Target.Op, v.Target.Year
}

// EChartsFile is where pages load ECharts from, relative to each page:
// go-echarts is pointed at it (AssetsHost), never at its CDN.
const EChartsFile = assetsHost + "echarts.min.js"

// assetsHost makes go-echarts point at the copy of ECharts that Render
// writes next to the pages, so they work from file:// without a network.
const assetsHost = "assets/"

// Okabe–Ito colours: distinguishable with the common colour-vision
// deficiencies. Charts never rely on colour alone (dashes and labels too).
// Every chart draws an actual in Blue, a target in Vermillion and what is
// less certain (the CI band, a 参考値 bar) in Sky, so that they read alike.
const (
	Blue        = "#0072B2"
	Vermillion  = "#D55E00"
	Sky         = "#56B4E9"
	colorGreen  = "#009E73"
	colorPurple = "#CC79A7"
	colorGrid   = "#BBBBBB"
)

// TextColor is the colour of every chart's text.
const TextColor = "#222222"

// Palette is the colours of series, in order: Okabe–Ito's eight.
var Palette = opts.Colors{Blue, Vermillion, Sky, colorGreen, "#E69F00", "#CC79A7", "#F0E442", "#000000"}

// Chart is one chart on a page: a container described for screen
// readers and the ECharts option that assets/dashboard.js draws into it.
type Chart struct {
	ID     string
	Class  string
	Label  string
	Option template.JS
	Height int // px, when the chart's height depends on its data; else CSS sets it
}

// echartsOption is what go-echarts' chart types have in common.
type echartsOption interface {
	Validate()
	JSON() map[string]interface{}
}

// OptionJSON serialises a chart's option for a <script type="application/json">
// block. go-echarts' own templates write it with HTML escaping switched off,
// so a title containing </script> would end the script; json.Marshal escapes
// <, >, & and U+2028/9 as \u sequences, which JSON.parse reads back as the
// same text but which cannot close the element or start markup.
func OptionJSON(c echartsOption) (template.JS, error) { return MarshalOption(optionOf(c)) }

// optionOf is a chart's option as go-echarts gives it to its encoder.
func optionOf(c echartsOption) map[string]any {
	c.Validate()
	return c.JSON()
}

// MarshalOption is OptionJSON of an option already taken from its chart:
// the shape of a chart built once, a copy with the chart's data put in.
func MarshalOption(obj map[string]any) (template.JS, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return "", fmt.Errorf("encode chart option: %w", err)
	}
	return template.JS(b), nil
}

// baseOpts are shared by every chart: local assets, our palette, no
// animation (printing and screenshots must show the final state).
func baseOpts(id string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, AssetsHost: assetsHost, Theme: "white"}),
		charts.WithColorsOpts(Palette),
		charts.WithAnimation(false),
	}
}

// newLine builds an empty line chart wired to the local assets. The assets
// host sits on BaseConfiguration too, which is what Validate reads.
func newLine(id string, extra ...charts.GlobalOpts) *charts.Line {
	line := charts.NewLine()
	line.AssetsHost = assetsHost
	line.SetGlobalOptions(append(baseOpts(id), extra...)...)
	return line
}

// NewBar builds an empty bar chart wired to the local assets, as newLine
// does a line.
func NewBar(id string, extra ...charts.GlobalOpts) *charts.Bar {
	bar := charts.NewBar()
	bar.AssetsHost = assetsHost
	bar.SetGlobalOptions(append(baseOpts(id), extra...)...)
	return bar
}

// BarLabel is a bar's value printed on a white tag: at the start of its
// bar in a breakdown (package bars), where the lines of the overall value
// and the target (drawn above labels) seldom cross it; above it in the
// budget chart.
type BarLabel struct {
	Show            bool   `json:"show"`
	Formatter       string `json:"formatter"`
	Position        string `json:"position"`
	Color           string `json:"color"`
	BackgroundColor string `json:"backgroundColor"`
	Padding         []int  `json:"padding"`
}

// point is the value of one category, or ECharts' "-" (no data) for gaps.
func point(v float64, ok bool) opts.LineData {
	if !ok || !present.Finite(v) {
		return opts.LineData{Value: "-"}
	}
	return opts.LineData{Value: stats.RoundTenth(v)}
}

// yearAxis runs over every fiscal year from the first wave to the last, so
// gaps show; withTarget extends it to the target year to show the distance
// to the deadline (sparklines leave that out to keep the history legible).
func yearAxis(v Indicator, withTarget bool) []int {
	_, _, target := v.target()
	lo, hi := 0, 0
	for _, a := range v.Waves {
		lo, hi = widen(lo, hi, a.FiscalYear)
	}
	if withTarget && target > 0 && (lo == 0 || target-lo < 30) {
		lo, hi = widen(lo, hi, target)
	}
	if lo == 0 {
		return nil
	}
	years := make([]int, 0, hi-lo+1)
	for y := lo; y <= hi; y++ {
		years = append(years, y)
	}
	return years
}

func widen(lo, hi, y int) (int, int) {
	if lo == 0 { // nothing on the axis yet
		return y, max(hi, y)
	}
	return min(lo, y), max(hi, y)
}

// series holds a trend's values aligned with its year axis. When two waves
// share a year, the later one in Actuals wins.
type series struct {
	years           []int
	labels          []string
	actual, low     []opts.LineData
	width           []opts.LineData
	values          []float64
	hasCI, hasValue []bool
}

func seriesOf(v Indicator, withTarget bool) series {
	years := yearAxis(v, withTarget)
	s := series{years: years}
	at := map[int]int{}
	for i, y := range years {
		at[y] = i
		s.labels = append(s.labels, wareki.Label(y))
	}
	s.values = make([]float64, len(years))
	s.hasValue = make([]bool, len(years))
	s.hasCI = make([]bool, len(years))
	lows, widths := make([]float64, len(years)), make([]float64, len(years))
	for _, a := range v.Waves {
		i := at[a.FiscalYear]
		s.values[i], s.hasValue[i] = a.Percent, present.Finite(a.Percent)
		if a.CILow.Valid && a.CIHigh.Valid && present.Finite(a.CILow.Float64) && present.Finite(a.CIHigh.Float64) {
			lows[i], widths[i], s.hasCI[i] = a.CILow.Float64, a.CIHigh.Float64-a.CILow.Float64, true
		}
	}
	for i := range years {
		s.actual = append(s.actual, point(s.values[i], s.hasValue[i]))
		s.low = append(s.low, point(lows[i], s.hasCI[i]))
		s.width = append(s.width, point(widths[i], s.hasCI[i]))
	}
	return s
}

func (s series) anyCI() bool { return slices.Contains(s.hasCI, true) }

// labelledPoint is a line data item with its own label, so that the
// chart prints 55.0% like the table does (a "{c}%" template would print
// 55%); go-echarts' LineData has no label field.
type labelledPoint struct {
	Value any         `json:"value"`
	Label *opts.Label `json:"label,omitempty"`
}

// labelled turns the actual series into items labelled as published.
func (s series) labelled() []labelledPoint {
	out := make([]labelledPoint, len(s.actual))
	for i, p := range s.actual {
		out[i] = labelledPoint{Value: p.Value}
		if s.hasValue[i] {
			out[i].Label = &opts.Label{Formatter: present.Percent(s.values[i])}
		}
	}
	return out
}

// markLineItem is an ECharts markLine entry with its own label and style,
// which go-echarts' MarkLineName*Item types cannot carry.
type markLineItem struct {
	Name      string          `json:"name,omitempty"`
	XAxis     any             `json:"xAxis,omitempty"` // a category name, or a value on a value axis
	YAxis     *float64        `json:"yAxis,omitempty"`
	Label     *opts.Label     `json:"label,omitempty"`
	LineStyle *opts.LineStyle `json:"lineStyle,omitempty"`
}

// targetMarks draw the target as a dashed horizontal line and the target
// year as a dotted vertical one, each labelled in words.
func targetMarks(v Indicator, withLabels bool) *opts.MarkLines {
	percent, op, year := v.target()
	if percent <= 0 && year <= 0 {
		return nil
	}
	p := percent
	ml := &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}}}
	ml.Data = append(ml.Data, markLineItem{
		Name:      "目標",
		YAxis:     &p,
		Label:     markLabel(withLabels, "目標 "+present.Target(percent, op), "insideEndTop"),
		LineStyle: &opts.LineStyle{Color: Vermillion, Type: "dashed", Width: 2},
	})
	if year > 0 && withLabels {
		ml.Data = append(ml.Data, markLineItem{
			Name:      "目標年度",
			XAxis:     wareki.Label(year),
			Label:     markLabel(true, "目標年度 "+present.Deadline(year), "end"),
			LineStyle: &opts.LineStyle{Color: TextColor, Type: "dotted", Width: 1.5},
		})
	}
	return ml
}

func markLabel(show bool, text, position string) *opts.Label {
	if !show {
		return &opts.Label{Show: opts.Bool(false)}
	}
	return &opts.Label{Show: opts.Bool(true), Formatter: EscapeTemplate(text), Position: position, Color: TextColor}
}

// EscapeTemplate keeps braces in a label from being read as ECharts
// template variables ({a}, {b}, …).
func EscapeTemplate(s string) string {
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

// Trend is the indicator's line over fiscal years with its target, the
// target year and the 95% CI band.
func Trend(id string, v Indicator) (Chart, error) {
	s := seriesOf(v, true)
	var ss lineSeries
	trendSeries(&ss, v, s)
	obj := maps.Clone(trendShape())
	obj["legend"], obj["xAxis"], obj["series"] = trendLegend(v, s), xAxisOf(trendXAxis(s), s.labels), charts.MultiSeries(ss)
	option, err := MarshalOption(obj)
	return Chart{ID: id, Class: "chart-trend", Label: trendLabel(v), Option: option}, err
}

// trendShape and sparkShape are the options of a trend and a sparkline
// without their data, built once as a breakdown's is (package bars); a
// chart's legend, axes and series are put in: TestLineOptionsAsGoECharts
// compares the options with those go-echarts builds for the same data.
var (
	trendShape = sync.OnceValue(func() map[string]any { return optionOf(newLine("chart-shape", trendGlobals(Indicator{}, series{})...)) })
	sparkShape = sync.OnceValue(func() map[string]any { return optionOf(newLine("chart-shape", sparkGlobals(0, 100)...)) })
)

// trendGlobals are a trend's chart-wide options.
func trendGlobals(v Indicator, s series) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(trendLegend(v, s)),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "36", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(trendXAxis(s)),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{Formatter: "{value}%", Color: TextColor}}),
	}
}

func trendLegend(v Indicator, s series) opts.Legend {
	return opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: legendNames(v, s)}
}

func trendXAxis(s series) opts.XAxis {
	return opts.XAxis{Type: "category", AxisLabel: yearLabels(len(s.labels))}
}

// xAxisOf is the x axis of an option with its categories, where
// go-echarts' Line.Validate puts them.
func xAxisOf(x opts.XAxis, labels []string) []opts.XAxis {
	x.Data = labels
	return []opts.XAxis{x}
}

// trendSeries adds a trend's series to line: the CI band, the path to the
// target, the projection, the target's steps and the actuals.
func trendSeries(line seriesAdder, v Indicator, s series) {
	if s.anyCI() {
		addBand(line, s)
	}
	if path, ok := pathLine(v, s); ok {
		line.add(PathName, path,
			charts.WithLineChartOpts(opts.LineChart{Symbol: "none", ShowSymbol: opts.Bool(false), ConnectNulls: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colorGreen, Type: "dashed", Width: 2}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorGreen}),
		)
	}
	if proj, ok := projectionOf(v, s); ok {
		addProjection(line, s, proj)
	}
	marks := targetMarks(v, true)
	if data, ok := steps.Of(s.years, v.Waves, v.Target); ok && marks != nil {
		line.add(steps.Name, data, steps.Opts(Vermillion)...)
		marks.Data = marks.Data[1:] // the steps draw the target
	}
	line.add("実績", s.actual,
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 9, ConnectNulls: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: Blue, Width: 3}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Blue}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Color: TextColor}),
		charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			ss.Data, ss.MarkLines = s.labelled(), marks
		}),
	)
}

// seriesAdder is where a chart's series go: lineSeries, or a go-echarts
// line (the reference the tests compare with).
type seriesAdder interface {
	add(name string, data []opts.LineData, options ...charts.SeriesOpts)
}

// lineSeries are series made as go-echarts' Line.AddSeries makes them,
// less its reflective defaulting, which sets nothing on a series (no
// field of SingleSeries has a default tag) but walks every field of it.
type lineSeries charts.MultiSeries

func (l *lineSeries) add(name string, data []opts.LineData, options ...charts.SeriesOpts) {
	s := charts.SingleSeries{Name: name, Type: types.ChartLine, Data: data, Animation: opts.Bool(false)}
	s.ConfigureSeriesOpts(options...)
	*l = append(*l, s)
}

// yearLabels shows every 和暦 year, slanted when they would collide.
func yearLabels(n int) *opts.AxisLabel {
	l := &opts.AxisLabel{Interval: "0", Color: TextColor}
	if n > 5 {
		l.Rotate = 35
	}
	return l
}

func legendNames(v Indicator, s series) []string {
	names := []string{"実績"}
	if s.anyCI() {
		names = append(names, "95%信頼区間")
	}
	if _, ok := pathLine(v, s); ok {
		names = append(names, PathName)
	}
	if _, ok := projectionOf(v, s); ok {
		names = append(names, ProjectionName)
	}
	if _, ok := steps.Of(s.years, v.Waves, v.Target); ok {
		names = append(names, steps.Name)
	}
	return names
}

// Series names of the path to the target and of the projection.
const (
	PathName       = "目標への直線"
	ProjectionName = "目標年度の見通し"
)

// pathLine is the straight path from the baseline wave (the oldest) to the
// target at the target year, by which docs/statistics.md judges 順調 and
// 遅れ: its two ends, joined across the years between. It exists when the
// target year lies on the axis after the baseline year.
func pathLine(v Indicator, s series) ([]opts.LineData, bool) {
	percent, _, year := v.target()
	if len(v.Waves) == 0 || percent < 0 || year <= 0 {
		return nil, false
	}
	base := v.Waves[0]
	if year <= base.FiscalYear || !present.Finite(base.Percent) {
		return nil, false
	}
	from, to := -1, -1
	for i, y := range s.years {
		switch y {
		case base.FiscalYear:
			from = i
		case year:
			to = i
		}
	}
	if from < 0 || to < 0 {
		return nil, false
	}
	data := make([]opts.LineData, len(s.years))
	for i := range data {
		data[i] = opts.LineData{Value: "-"}
	}
	data[from] = opts.LineData{Value: stats.RoundTenth(base.Percent)}
	data[to] = opts.LineData{Value: percent}
	return data, true
}

// projection is the latest wave's projection to the target year with its
// 95% prediction interval, and where it sits on the year axis.
type projection struct {
	at               int
	value, low, high float64
	hasInterval      bool
}

// projectionOf is the projection of the latest wave, when the statistics
// gave one (three waves or more, before the target year), it is firm
// enough to be a figure (present.ProjectionShown) and the target year is
// on the axis. A projection too wide to be a figure is not drawn either:
// a diamond at 50.5% over a band from 0 to 100% would still be read as
// the forecast. WithheldProjection says why in words.
func projectionOf(v Indicator, s series) (projection, bool) {
	a, ok := v.latest()
	if !ok || !a.ProjectedPercent.Valid || !present.Finite(a.ProjectedPercent.Float64) ||
		!a.ProjectedLow.Valid || !a.ProjectedHigh.Valid ||
		!present.ProjectionShown(len(v.Waves), a.ProjectedLow.Float64, a.ProjectedHigh.Float64) {
		return projection{}, false
	}
	_, _, year := v.target()
	for i, y := range s.years {
		if y == year && year > a.FiscalYear {
			p := projection{at: i, value: a.ProjectedPercent.Float64}
			if a.ProjectedLow.Valid && a.ProjectedHigh.Valid && present.Finite(a.ProjectedLow.Float64) && present.Finite(a.ProjectedHigh.Float64) {
				p.low, p.high, p.hasInterval = a.ProjectedLow.Float64, a.ProjectedHigh.Float64, true
			}
			return p, true
		}
	}
	return projection{}, false
}

// Projection is the latest wave's projection to the target year in words,
// 「令和9年度 50.5%（95%予測区間 20.1〜80.9%）」, when the trend chart shows one.
func Projection(v Indicator) (string, bool) {
	p, ok := projectionOf(v, seriesOf(v, true))
	if !ok {
		return "", false
	}
	_, _, year := v.target()
	return wareki.Label(year) + " " + p.text(), true
}

// WithheldProjection says why the latest wave's projection is not shown:
// 「予測区間が 0.0%〜100.0% と広く、目標年度の見通しはまだ立ちません」; false
// when it is shown or there is none.
func WithheldProjection(v Indicator) (string, bool) {
	a, ok := v.latest()
	if !ok || !a.ProjectedPercent.Valid || !a.ProjectedLow.Valid || !a.ProjectedHigh.Valid {
		return "", false
	}
	if present.ProjectionShown(len(v.Waves), a.ProjectedLow.Float64, a.ProjectedHigh.Float64) {
		return "", false
	}
	return "予測区間が " + present.Percent(a.ProjectedLow.Float64) + "〜" + present.Percent(a.ProjectedHigh.Float64) +
		" と広く、目標年度の見通しはまだ立ちません", true
}

// text is 「50.5%（95%予測区間 20.1〜80.9%）」.
func (p projection) text() string {
	t := present.Percent(p.value)
	if p.hasInterval {
		t += "（95%予測区間 " + present.Percent(p.low) + "〜" + present.Percent(p.high) + "）"
	}
	return t
}

// coordItem is one end of a markLine drawn between two points.
type coordItem struct {
	Coord []float64 `json:"coord"`
}

// addProjection draws the projection as a diamond at the target year, and
// its prediction interval as a thick translucent bar through it.
func addProjection(line seriesAdder, s series, p projection) {
	data := make([]labelledPoint, len(s.years))
	for i := range data {
		data[i] = labelledPoint{Value: "-"}
	}
	data[p.at] = labelledPoint{Value: stats.RoundTenth(p.value),
		Label: &opts.Label{Show: opts.Bool(true), Formatter: "見通し " + present.Percent(p.value), Position: "left", Color: TextColor}}
	line.add(ProjectionName, nil,
		charts.WithLineChartOpts(opts.LineChart{Symbol: "diamond", SymbolSize: 14}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colorPurple, Width: 0}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorPurple}),
		charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			ss.Data = data
			if p.hasInterval {
				x := float64(p.at)
				ss.MarkLines = &opts.MarkLines{
					MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"},
						Label:     &opts.Label{Show: opts.Bool(false)},
						LineStyle: &opts.LineStyle{Color: colorPurple, Type: "solid", Width: 8, Opacity: opts.Float(0.35)}},
					Data: []interface{}{[]coordItem{{Coord: []float64{x, p.low}}, {Coord: []float64{x, p.high}}}},
				}
			}
		}),
	)
}

// addBand draws the CI as two stacked invisible lines, the upper one filled:
// ECharts' usual way to shade between two curves.
func addBand(line seriesAdder, s series) {
	hidden := opts.LineStyle{Opacity: opts.Float(0)}
	line.add("信頼区間下限", s.low,
		charts.WithLineChartOpts(opts.LineChart{Stack: "ci", ShowSymbol: opts.Bool(false), Symbol: "none"}),
		charts.WithLineStyleOpts(hidden),
	)
	line.add("95%信頼区間", s.width,
		charts.WithLineChartOpts(opts.LineChart{Stack: "ci", ShowSymbol: opts.Bool(false), Symbol: "none"}),
		charts.WithLineStyleOpts(hidden),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Sky}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Color: Sky, Opacity: opts.Float(0.35)}),
	)
}

// Spark is the small trend of the overview: no axes, target dashed.
func Spark(id string, v Indicator) (Chart, error) {
	s := seriesOf(v, false)
	var ss lineSeries
	sparkSeries(&ss, v, s)
	obj := maps.Clone(sparkShape())
	obj["xAxis"], obj["yAxis"], obj["series"] = xAxisOf(sparkXAxis, s.labels), []opts.YAxis{sparkYAxis(sparkRange(v, s))}, charts.MultiSeries(ss)
	option, err := MarshalOption(obj)
	return Chart{ID: id, Class: "chart-spark", Label: sparkLabel(v), Option: option}, err
}

// sparkGlobals are a sparkline's chart-wide options, its y axis from lo to hi.
func sparkGlobals(lo, hi float64) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "4", Right: "4", Top: "4", Bottom: "4"}),
		charts.WithXAxisOpts(sparkXAxis),
		charts.WithYAxisOpts(sparkYAxis(lo, hi)),
	}
}

var sparkXAxis = opts.XAxis{Type: "category", Show: opts.Bool(false)}

func sparkYAxis(lo, hi float64) opts.YAxis {
	return opts.YAxis{Type: "value", Show: opts.Bool(false), Min: lo, Max: hi}
}

func sparkSeries(line seriesAdder, v Indicator, s series) {
	line.add("実績", s.actual,
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 4, ConnectNulls: opts.Bool(true)}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: Blue, Width: 2}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: Blue}),
		charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.MarkLines = targetMarks(v, false) }),
	)
}

// sparkRange zooms the tiny chart onto the values and the target, which a
// 0–100 axis would flatten into a line.
func sparkRange(v Indicator, s series) (float64, float64) {
	lo, hi := 100.0, 0.0
	include := func(x float64) {
		lo, hi = min(lo, x), max(hi, x)
	}
	for i, ok := range s.hasValue {
		if ok {
			include(s.values[i])
		}
	}
	if p, _, _ := v.target(); p > 0 {
		include(p)
	}
	if lo > hi {
		return 0, 100
	}
	return max(0, float64(int(lo)-5)), min(100, float64(int(hi)+5))
}
