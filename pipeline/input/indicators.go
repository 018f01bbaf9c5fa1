package input

import (
	"context"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/field"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/plantext"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// IndicatorColumns are the columns of indicators.csv, in the documented order.
var IndicatorColumns = []string{
	"ward", "plan_year", "issue_no", "indicator_no", "title", "population", "question_key",
	"positive_codes", "excluded_codes", "filter", "target_percent", "target_op", "target_year", "source_text",
}

func readIndicators(ctx context.Context, ds *model.Dataset) error {
	t, err := readDefinition(ctx, ds, model.IndicatorsFile, IndicatorColumns, []string{"series"})
	if err != nil {
		return err
	}
	var c csvfile.Collector
	csvfile.RequireRows(&c, t, "指標の行")
	for _, r := range t.Rows {
		ds.Indicators = append(ds.Indicators, indicatorRow(&c, t, r))
	}
	return c.Err()
}

func indicatorRow(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row) model.Indicator {
	in := model.Indicator{
		Ward: t.Get(r, "ward"), Title: t.Get(r, "title"), Population: t.Get(r, "population"),
		QuestionKey: t.Get(r, "question_key"), FilterText: t.Get(r, "filter"),
		SourceText: t.Get(r, "source_text"), Series: t.Get(r, "series"), Line: r.Line,
	}
	field.RequireText(c, t, r, "ward", "population")
	in.PlanYear = field.RecentYear(c, t, r, "plan_year")
	in.TargetYear = field.TargetYear(c, t, r, in.PlanYear)
	yearOK := in.TargetYear != 0
	in.IssueNo = field.Int(c, t, r, "issue_no")
	in.IndicatorNo = field.Int(c, t, r, "indicator_no")
	if !ValidKey(in.QuestionKey) {
		c.Add(t.File, r.Line, "question_key", "キーは英字で始まる英数字と _ で書いてください: %q", in.QuestionKey)
	}
	in.PositiveCodes = field.Codes(c, t, r, "positive_codes")
	if len(in.PositiveCodes) == 0 && t.Get(r, "positive_codes") == "" {
		c.Add(t.File, r.Line, "positive_codes", "空欄です (例: 1;2)")
	}
	in.ExcludedCodes = field.Codes(c, t, r, "excluded_codes")
	for _, code := range in.ExcludedCodes {
		if contains(in.PositiveCodes, code) {
			c.Add(t.File, r.Line, "excluded_codes", "コード %d が positive_codes にもあります", code)
		}
	}
	filter, err := ParseFilter(in.FilterText)
	if err != nil {
		c.Add(t.File, r.Line, "filter", "%v", err)
	}
	in.Filter = filter
	var percentOK, opOK bool
	in.TargetPercent, percentOK = field.Target(c, t, r)
	in.TargetOp, opOK = field.TargetOp(c, t, r)
	checkSourceText(c, t, r, in, percentOK, opOK, yearOK)
	return in
}

// checkSourceText compares the target that source_text states with the
// target columns, each only when it was read: a target retyped wrongly
// would otherwise be judged and published beside the plan's own sentence.
func checkSourceText(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, in model.Indicator, percentOK, opOK, yearOK bool) {
	st := plantext.Extract(in.SourceText, in.PlanYear)
	if st.Op != "" && percentOK && st.Percent != in.TargetPercent {
		c.Add(t.File, r.Line, "target_percent", "source_text の目標は %s%% ですが、target_percent は %s です",
			formatPercent(st.Percent), formatPercent(in.TargetPercent))
	}
	if st.Op != "" && opOK && st.Op != in.TargetOp {
		c.Add(t.File, r.Line, "target_op", "source_text では「%s」ですが、target_op は「%s」です (空欄は「以上」)", st.Op, in.TargetOp)
	}
	if st.Group == plantext.GroupParents && in.FilterText == "" && !strings.Contains(in.Population, "子育て") {
		c.Add(t.File, r.Line, "filter", "source_text は子育て世帯の割合ですが、filter が空欄です (このままでは区民全体で集計されます。例: kosodate=1)")
	}
	if st.Year != 0 && yearOK && st.Year != in.TargetYear {
		c.Add(t.File, r.Line, "target_year", "source_text の期限は%s (%d) ですが、target_year は%s (%d) です",
			wareki.Label(st.Year), st.Year, wareki.Label(in.TargetYear), in.TargetYear)
	}
}

func formatPercent(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
