package input

import (
	"context"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/plantext"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// IndicatorColumns are the columns of indicators.csv, in the documented order.
var IndicatorColumns = []string{
	"ward", "plan_year", "issue_no", "indicator_no", "title", "population", "question_key",
	"positive_codes", "excluded_codes", "filter", "target_percent", "target_op", "target_year", "source_text",
}

func readIndicators(ctx context.Context, ds *Dataset) error {
	t, err := readTable(ctx, ds.Dir, IndicatorsFile, EncodingAuto, IndicatorColumns)
	if err != nil {
		return wrapRead(IndicatorsFile, err)
	}
	var c collector
	requireRows(&c, t, "指標の行")
	for _, r := range t.rows {
		ds.Indicators = append(ds.Indicators, indicatorRow(&c, t, r))
	}
	return c.err()
}

func indicatorRow(c *collector, t *table, r row) Indicator {
	in := Indicator{
		Ward: t.get(r, "ward"), Title: t.get(r, "title"), Population: t.get(r, "population"),
		QuestionKey: t.get(r, "question_key"), FilterText: t.get(r, "filter"),
		SourceText: t.get(r, "source_text"), Line: r.line,
	}
	requireText(c, t, r, "ward", "population")
	in.PlanYear = recentYearField(c, t, r, "plan_year")
	in.TargetYear = targetYearField(c, t, r, in.PlanYear)
	yearOK := in.TargetYear != 0
	in.IssueNo = intField(c, t, r, "issue_no")
	in.IndicatorNo = intField(c, t, r, "indicator_no")
	if !ValidKey(in.QuestionKey) {
		c.add(t.file, r.line, "question_key", "キーは英字で始まる英数字と _ で書いてください: %q", in.QuestionKey)
	}
	in.PositiveCodes = codesField(c, t, r, "positive_codes")
	if len(in.PositiveCodes) == 0 && t.get(r, "positive_codes") == "" {
		c.add(t.file, r.line, "positive_codes", "空欄です (例: 1;2)")
	}
	in.ExcludedCodes = codesField(c, t, r, "excluded_codes")
	for _, code := range in.ExcludedCodes {
		if contains(in.PositiveCodes, code) {
			c.add(t.file, r.line, "excluded_codes", "コード %d が positive_codes にもあります", code)
		}
	}
	filter, err := ParseFilter(in.FilterText)
	if err != nil {
		c.add(t.file, r.line, "filter", "%v", err)
	}
	in.Filter = filter
	var percentOK, opOK bool
	in.TargetPercent, percentOK = targetField(c, t, r)
	in.TargetOp, opOK = targetOp(c, t, r)
	checkSourceText(c, t, r, in, percentOK, opOK, yearOK)
	return in
}

// checkSourceText compares the target that source_text states with the
// target columns, each only when it was read: a target retyped wrongly
// would otherwise be judged and published beside the plan's own sentence.
func checkSourceText(c *collector, t *table, r row, in Indicator, percentOK, opOK, yearOK bool) {
	st := plantext.Extract(in.SourceText, in.PlanYear)
	if st.Op != "" && percentOK && st.Percent != in.TargetPercent {
		c.add(t.file, r.line, "target_percent", "source_text の目標は %s%% ですが、target_percent は %s です",
			formatPercent(st.Percent), formatPercent(in.TargetPercent))
	}
	if st.Op != "" && opOK && st.Op != in.TargetOp {
		c.add(t.file, r.line, "target_op", "source_text では「%s」ですが、target_op は「%s」です (空欄は「以上」)", st.Op, in.TargetOp)
	}
	if st.Group == plantext.GroupParents && in.FilterText == "" && !strings.Contains(in.Population, "子育て") {
		c.add(t.file, r.line, "filter", "source_text は子育て世帯の割合ですが、filter が空欄です (このままでは区民全体で集計されます。例: kosodate=1)")
	}
	if st.Year != 0 && yearOK && st.Year != in.TargetYear {
		c.add(t.file, r.line, "target_year", "source_text の期限は%s (%d) ですが、target_year は%s (%d) です",
			wareki.Label(st.Year), st.Year, wareki.Label(in.TargetYear), in.TargetYear)
	}
}

func formatPercent(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func codesField(c *collector, t *table, r row, col string) []int {
	codes, err := ParseCodes(t.get(r, col))
	if err != nil {
		c.add(t.file, r.line, col, "コードは 1;2 のように整数を ; で区切ってください: %q", t.get(r, col))
	}
	return codes
}

// targetField reads target_percent; false when it is not a number from 0
// to 100 (NaN included: it compares false with both bounds).
func targetField(c *collector, t *table, r row) (float64, bool) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(foldWidth(t.get(r, "target_percent"))), "%"))
	// Plain decimals only: ParseFloat alone would take 0x1p6 for 64.
	v, err := strconv.ParseFloat(s, 64)
	if !plainDecimal(s) || err != nil || !(v >= 0 && v <= 100) {
		c.add(t.file, r.line, "target_percent", "目標値は 0 から 100 までの数です: %q", t.get(r, "target_percent"))
		return 0, false
	}
	// The database keeps targets to 3 decimals; a finer one would be
	// judged against a rounded target.
	if _, frac, ok := strings.Cut(s, "."); ok && len(strings.TrimRight(frac, "0")) > 3 {
		c.add(t.file, r.line, "target_percent", "目標値は小数第 3 位までです: %q", t.get(r, "target_percent"))
		return 0, false
	}
	return v, true
}

func targetOp(c *collector, t *table, r row) (string, bool) {
	switch op := t.get(r, "target_op"); op {
	case "", "以上", ">=":
		return "以上", true
	case "以下", "<=":
		return "以下", true
	default:
		c.add(t.file, r.line, "target_op", "以上 か 以下 です: %q", op)
		return "以上", false
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
