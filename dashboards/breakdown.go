package dashboards

import (
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"sort"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// noAnswerLabel names the cell of respondents who left the attribute blank.
const noAnswerLabel = "無回答"

// breakdownSection is an indicator's latest wave broken down by one
// attribute (年代, 性別, 地域, 子育て…): a horizontal bar per published cell
// and a table with the same numbers. A suppressed cell is neither drawn nor
// given a row: only its label is named in Hidden, so that staff know why it
// is missing, and no number of it ever reaches the page.
type breakdownSection struct {
	Key, Title, Year string
	Chart            chartView
	HasChart         bool
	Rows             []breakdownRow
	Hidden           []string
	HiddenNote       string
}

// breakdownRow is one published cell.
type breakdownRow struct {
	Label, Percent, CI, N string
	Reference             bool
	value                 float64
}

// breakdownSections are the breakdowns of v's latest wave, one per
// attribute, in the order the wave's questions.csv lists the attributes.
func (m *siteModel) breakdownSections(ids *idGen, v *indicatorView) ([]breakdownSection, error) {
	a, ok := v.latest()
	if !ok {
		return nil, nil
	}
	byKey := map[string][]compute.Breakdown{}
	var keys []string
	for _, b := range m.breakdowns[v.Key] {
		if b.SurveyID != a.SurveyID {
			continue
		}
		if _, seen := byKey[b.AttributeKey]; !seen {
			keys = append(keys, b.AttributeKey)
		}
		byKey[b.AttributeKey] = append(byKey[b.AttributeKey], b)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		oi, iok := m.qorder[questionRef{a.SurveyID, keys[i]}]
		oj, jok := m.qorder[questionRef{a.SurveyID, keys[j]}]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return keys[i] < keys[j]
	})
	out := make([]breakdownSection, 0, len(keys))
	for _, key := range keys {
		sec, err := m.breakdownSection(ids, v, a, key, byKey[key])
		if err != nil {
			return nil, fmt.Errorf("breakdown by %s: %w", key, err)
		}
		out = append(out, sec)
	}
	return out, nil
}

func (m *siteModel) breakdownSection(ids *idGen, v *indicatorView, a compute.Actual, key string,
	cells []compute.Breakdown) (breakdownSection, error) {
	sortCells(cells)
	sec := breakdownSection{Key: key, Title: m.attributeTitle(a.SurveyID, key), Year: wareki.Label(a.FiscalYear)}
	for _, b := range cells {
		label := m.cellLabel(a.SurveyID, b)
		if !published(b) {
			sec.Hidden = append(sec.Hidden, label)
			continue
		}
		sec.Rows = append(sec.Rows, breakdownRowOf(label, b))
	}
	sec.HiddenNote = hiddenNote(sec.Hidden)
	if len(sec.Rows) == 0 {
		return sec, nil
	}
	chart, err := breakdownChart(ids.next(), v, a, sec)
	if err != nil {
		return sec, err
	}
	sec.Chart, sec.HasChart = chart, true
	return sec, nil
}

// published is whether a cell may be shown. Compute already empties a
// suppressed cell; this also refuses a cell whose n is below the
// threshold or missing, so that a mistake upstream never shows a number
// that should have stayed hidden.
func published(b compute.Breakdown) bool {
	return !b.Suppressed && b.NValid.Valid && b.NValid.Int64 >= compute.SuppressBelow &&
		b.Percent.Valid && finite(b.Percent.Float64)
}

func breakdownRowOf(label string, b compute.Breakdown) breakdownRow {
	r := breakdownRow{
		Label: label, Percent: formatPercent(b.Percent.Float64), CI: "—",
		N:         formatCount(int(b.NValid.Int64)),
		Reference: b.Reference || b.NValid.Int64 <= compute.ReferenceUpTo,
		value:     b.Percent.Float64,
	}
	if b.CILow.Valid && b.CIHigh.Valid && finite(b.CILow.Float64) && finite(b.CIHigh.Float64) {
		r.CI = formatPercent(b.CILow.Float64) + "〜" + formatPercent(b.CIHigh.Float64)
	}
	return r
}

// shown is the cell's value as printed in the chart and the table:
// 「60.0%（参考値）」 for a reference value.
func (r breakdownRow) shown() string {
	if r.Reference {
		return r.Percent + "（参考値）"
	}
	return r.Percent
}

// sortCells orders cells by code, 無回答 last, whatever order they came in.
func sortCells(cells []compute.Breakdown) {
	sort.SliceStable(cells, func(i, j int) bool {
		ci, cj := cells[i].Code, cells[j].Code
		if ci.Valid != cj.Valid {
			return ci.Valid
		}
		return ci.Int64 < cj.Int64
	})
}

// attributeTitle is the attribute's question in that wave's questions.csv,
// or its key.
func (m *siteModel) attributeTitle(survey, key string) string {
	if t := strings.TrimSpace(m.qtext[questionRef{survey, key}]); t != "" {
		return t
	}
	return key
}

// cellLabel is the answer's label in that wave's choices.csv; 無回答 for
// the blank answer.
func (m *siteModel) cellLabel(survey string, b compute.Breakdown) string {
	if !b.Code.Valid {
		return noAnswerLabel
	}
	if l := strings.TrimSpace(m.labels[choiceKey{survey, b.AttributeKey, int(b.Code.Int64)}]); l != "" {
		return l
	}
	if l := strings.TrimSpace(b.Label); l != "" {
		return l
	}
	return fmt.Sprintf("コード%d", b.Code.Int64)
}

// hiddenNote says which cells are hidden and why. Some may be hidden only
// so that the small ones cannot be worked out from the total
// (complementary suppression); the page cannot tell which, so it says so.
func hiddenNote(hidden []string) string {
	if len(hidden) == 0 {
		return ""
	}
	names := "「" + strings.Join(hidden, "」「") + "」"
	return names + "は非表示にしています（n<10 のため非表示。全体から逆算できないよう、" +
		"合計が 10 人以上になるまで人数の少ない区分も非表示にしています）。"
}

// barItem is a bar with its own label and style: a 参考値 bar is lighter,
// hatched and dashed, and says 参考値 in its label, so that colour is not
// the only signal. go-echarts' BarData has no decal.
type barItem struct {
	Value     float64   `json:"value"`
	Label     *barLabel `json:"label,omitempty"`
	ItemStyle *barStyle `json:"itemStyle,omitempty"`
}

// barLabel is printed on a white tag at the start of its bar, where the
// lines of the overall value and the target (drawn above labels) seldom
// cross it.
type barLabel struct {
	Show            bool   `json:"show"`
	Formatter       string `json:"formatter"`
	Position        string `json:"position"`
	Color           string `json:"color"`
	BackgroundColor string `json:"backgroundColor"`
	Padding         []int  `json:"padding"`
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
	Color: colorSky, BorderColor: colorBlue, BorderWidth: 1.5, BorderType: "dashed",
	Decal: &decal{Symbol: "rect", SymbolSize: 1, Color: "rgba(0, 0, 0, 0.35)",
		DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 4}, Rotation: -0.785398},
}

// barHeight fits every bar and its label: about 30px a bar.
func barHeight(bars int) int {
	return 90 + 30*bars
}

// breakdownChart is one horizontal bar per published cell, with the
// indicator's overall value and its target as vertical lines.
func breakdownChart(id string, v *indicatorView, a compute.Actual, sec breakdownSection) (chartView, error) {
	labels := make([]string, 0, len(sec.Rows))
	items := make([]barItem, 0, len(sec.Rows))
	for _, r := range sec.Rows {
		labels = append(labels, r.Label)
		item := barItem{Value: stats.RoundTenth(r.value), Label: &barLabel{Show: true, Formatter: r.shown(),
			Position: "insideLeft", Color: colorText, BackgroundColor: "#ffffff", Padding: []int{1, 4}}}
		if r.Reference {
			item.ItemStyle = referenceStyle
		}
		items = append(items, item)
	}
	bar := charts.NewBar()
	bar.AssetsHost = assetsHost
	bar.SetGlobalOptions(append(baseOpts(id),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "48", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100,
			AxisLabel: &opts.AxisLabel{Formatter: "{value}%", Color: colorText}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Color: colorText, Interval: "0"}}),
	)...)
	bar.SetXAxis(labels).XYReversal()
	bar.AddSeries("実績", nil,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorBlue}),
		charts.WithBarChartOpts(opts.BarChart{BarWidth: "60%"}),
		charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
			ss.Data, ss.MarkLines = items, breakdownMarks(v, a)
		}),
	)
	option, err := optionJSON(bar)
	if err != nil {
		return chartView{}, err
	}
	return chartView{ID: id, Class: "chart-bars", Label: breakdownLabel(v, sec), Option: option,
		Height: barHeight(len(items))}, nil
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
func breakdownMarks(v *indicatorView, a compute.Actual) *opts.MarkLines {
	ml := &opts.MarkLines{MarkLineStyle: opts.MarkLineStyle{Symbol: []string{"none", "none"}}}
	label := func(text string, distance float64) lineLabel {
		return lineLabel{Show: true, Formatter: escapeTemplate(text), Position: "start", Distance: distance,
			Color: colorText, BackgroundColor: "rgba(255, 255, 255, 0.85)"}
	}
	ml.Data = append(ml.Data, valueLine{
		Name: "全体", XAxis: stats.RoundTenth(a.Percent), Label: label("全体 "+formatPercent(a.Percent), 4),
		LineStyle: &opts.LineStyle{Color: colorText, Type: "dotted", Width: 1.5},
	})
	if percent, op, _ := v.target(); percent > 0 {
		ml.Data = append(ml.Data, valueLine{
			Name: "目標", XAxis: percent, Label: label("目標 "+formatTarget(percent, op), 20),
			LineStyle: &opts.LineStyle{Color: colorVermillion, Type: "dashed", Width: 2},
		})
	}
	return ml
}
