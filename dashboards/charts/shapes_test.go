package charts

import (
	"database/sql"
	"math"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/shihyo/shihyo/dashboards/charts/steps"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// goLine adds series to a go-echarts line, as Trend and Spark did before
// their options were shaped once.
type goLine struct{ *charts.Line }

func (l goLine) add(name string, data []opts.LineData, options ...charts.SeriesOpts) {
	l.AddSeries(name, data, options...)
}

// goTrend and goSpark are the options go-echarts builds for a trend and a
// sparkline: a new chart, defaulted by reflection, with every option set.
func goTrend(id string, v Indicator) (string, error) {
	s := seriesOf(v, true)
	line := newLine(id, trendGlobals(v, s)...)
	line.SetXAxis(s.labels)
	trendSeries(goLine{line}, v, s)
	o, err := OptionJSON(line)
	return string(o), err
}

func goSpark(id string, v Indicator) (string, error) {
	s := seriesOf(v, false)
	line := newLine(id, sparkGlobals(sparkRange(v, s))...)
	line.SetXAxis(s.labels)
	sparkSeries(goLine{line}, v, s)
	o, err := OptionJSON(line)
	return string(o), err
}

// TestLineOptionsAsGoECharts: trends' and sparklines' options, the shape
// built once with the data put in, are byte for byte those go-echarts
// builds, for indicators that draw every kind of series (band, path,
// projection, steps), none, gaps, many years and hostile text.
func TestLineOptionsAsGoECharts(t *testing.T) {
	hostile := `</script><b>"a"&'b'+{c}</b>` + "\u2028"
	ci := func(lo, hi float64) (sql.NullFloat64, sql.NullFloat64) {
		return sql.NullFloat64{Float64: lo, Valid: true}, sql.NullFloat64{Float64: hi, Valid: true}
	}
	wave := func(year int, p float64, target float64) compute.Actual {
		a := compute.Actual{FiscalYear: year, Percent: p, TargetPercent: target, TargetOp: "以上"}
		a.CILow, a.CIHigh = ci(p-4.25, p+3.5)
		return a
	}
	full := Indicator{Title: hostile, Target: stats.Target{Percent: 60, Op: "以上", Year: 2027},
		Waves: []compute.Actual{wave(2020, 40.04, 60), wave(2021, 45.55, 60), wave(2023, 50.1, 60)}}
	last := &full.Waves[2]
	last.ProjectedPercent = sql.NullFloat64{Float64: 58.25, Valid: true}
	last.ProjectedLow, last.ProjectedHigh = ci(50.5, 66.05)
	stepped := full
	stepped.Waves = []compute.Actual{wave(2020, 40, 50), wave(2022, 44, 55), wave(2023, 47, 60)}
	stepped.Waves[1].CILow = sql.NullFloat64{}
	long := Indicator{Title: "t", Target: stats.Target{Percent: 30, Op: hostile, Year: 2040}}
	for y := 2015; y < 2024; y++ {
		long.Waves = append(long.Waves, compute.Actual{FiscalYear: y, Percent: float64(y-2000) + 0.05, TargetPercent: 30, TargetOp: hostile})
	}
	cases := []Indicator{{}, {Title: "no target", Waves: []compute.Actual{{FiscalYear: 2023, Percent: 12.5}}}, full, stepped, long,
		{Title: "target only", Target: stats.Target{Percent: 20, Op: "以下"}, Waves: []compute.Actual{wave(2022, 25, 20)}}}
	var all string
	for i, v := range cases {
		for _, c := range []struct {
			name string
			got  func(string, Indicator) (Chart, error)
			want func(string, Indicator) (string, error)
		}{{"trend", Trend, goTrend}, {"spark", Spark, goSpark}} {
			got, err := c.got("chart-2", v)
			if err != nil {
				t.Fatal(err)
			}
			want, err := c.want("chart-2", v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Option) != want {
				t.Errorf("case %d %s:\n got %s\nwant %s", i, c.name, got.Option, want)
			}
			all += want
		}
	}
	for _, name := range []string{"95%信頼区間", PathName, ProjectionName, steps.Name, `"rotate":35`, `\u003c/script\u003e`} {
		if !strings.Contains(all, name) {
			t.Errorf("no case draws %s", name)
		}
	}
}

// BenchmarkTrend is one trend chart with a band, a path and a projection,
// as about a thousand pages of a site have.
func BenchmarkTrend(b *testing.B) {
	v := Indicator{Title: "地域活動に参加している区民の割合", Target: stats.Target{Percent: 60, Op: "以上", Year: 2027}}
	for y := 2020; y < 2024; y++ {
		a := compute.Actual{FiscalYear: y, Percent: 40 + float64(y-2020)*3.3, TargetPercent: 60, TargetOp: "以上"}
		a.CILow, a.CIHigh = sql.NullFloat64{Float64: a.Percent - 4, Valid: true}, sql.NullFloat64{Float64: a.Percent + 4, Valid: true}
		v.Waves = append(v.Waves, a)
	}
	last := &v.Waves[3]
	last.ProjectedPercent = sql.NullFloat64{Float64: 58.25, Valid: true}
	last.ProjectedLow, last.ProjectedHigh = sql.NullFloat64{Float64: 50.5, Valid: true}, sql.NullFloat64{Float64: 66.05, Valid: true}
	for b.Loop() {
		if _, err := Trend("chart-1", v); err != nil {
			b.Fatal(err)
		}
	}
}

// goGauge is the gauge as go-echarts built it before its option was
// shaped once.
func goGauge(id string, v Indicator) (string, bool, error) {
	a, ok := v.latest()
	if !ok || !present.Finite(a.Percent) {
		return "", false, nil
	}
	g := charts.NewGauge()
	g.AssetsHost = assetsHost
	g.SetGlobalOptions(append(baseOpts(id),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)...)
	g.AddSeries("実績", []opts.GaugeData{{Name: "実績（" + wareki.Label(a.FiscalYear) + "）", Value: stats.RoundTenth(a.Percent)}},
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { actualArc(s, a.Percent) }))
	percent, op, year := v.target()
	if percent > 0 {
		name := "目標 " + present.Target(percent, op)
		if year > 0 {
			name += "（" + present.Deadline(year) + "）"
		}
		g.AddSeries("目標", []opts.GaugeData{{Name: EscapeTemplate(name), Value: percent}},
			charts.WithSeriesOpts(targetMarker))
	}
	o, err := OptionJSON(g)
	return string(o), true, err
}

// TestGaugeOptionAsGoECharts: a gauge's option, the shape built once with
// its series put in, is byte for byte the one go-echarts builds.
func TestGaugeOptionAsGoECharts(t *testing.T) {
	hostile := `</script><b>"a"&'b'+{c}</b>` + "\u2028"
	cases := []Indicator{{}, {Waves: []compute.Actual{{FiscalYear: 2023, Percent: math.NaN()}}},
		{Title: "no target", Waves: []compute.Actual{{FiscalYear: 2023, Percent: 12.45}}},
		{Title: hostile, Target: stats.Target{Percent: 60, Op: hostile}, Waves: []compute.Actual{{FiscalYear: 2022, Percent: 61.25}}},
		{Target: stats.Target{Percent: 40.5, Op: "以下", Year: 2027}, Waves: []compute.Actual{{FiscalYear: 2019, Percent: 0}, {FiscalYear: 2023, Percent: 100}}}}
	shown := 0
	for i, v := range cases {
		got, ok, err := Gauge("chart-4", v)
		want, wantOK, wantErr := goGauge("chart-4", v)
		if err != nil || wantErr != nil {
			t.Fatal(err, wantErr)
		}
		if ok != wantOK || string(got.Option) != want {
			t.Errorf("case %d: %v\n got %s\nwant %v %s", i, ok, got.Option, wantOK, want)
		}
		if ok && strings.Contains(want, "目標") {
			shown++
		}
	}
	if shown != 2 {
		t.Errorf("%d cases draw a target; want 2", shown)
	}
}

// BenchmarkGauge is one gauge with a target, as about a thousand pages of
// a site have.
func BenchmarkGauge(b *testing.B) {
	v := Indicator{Title: "t", Target: stats.Target{Percent: 60, Op: "以上", Year: 2027}, Waves: []compute.Actual{{FiscalYear: 2023, Percent: 55.25}}}
	for b.Loop() {
		if _, _, err := Gauge("chart-1", v); err != nil {
			b.Fatal(err)
		}
	}
}
