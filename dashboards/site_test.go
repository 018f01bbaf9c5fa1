package dashboards

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"

	"github.com/shihyo/shihyo/pipeline/compute"
)

// Hostile titles: input text must show as text wherever it lands.
const (
	hostileImg    = `SDGsを知っている<img src=x onerror=alert(1)>区民の割合`
	hostileScript = `</script><img src=x onerror=alert(1)>地域の支え合い`
	fakeDataDir   = "/home/staff/shihyo-data/sample"
	hostileLabel  = `<img src=x onerror=alert(2)>30〜40歳代`
	hostileAttr   = `年齢は？<script>alert(3)</script>`
	hostileChoice = `はい</td><img src=x onerror=alert(4)>`
	// hostileAction is the title of a 取組 in plan_actions.csv.
	hostileAction = `<img src=x onerror=alert(5)>取組`
	// leaked is a number that must never be shown: a suppressed cell's.
	leaked = 91.9
)

// testSite is two wards, a few indicators and waves: one indicator has a
// gap year, one has no wave at all, one judges 以下, two share a question.
func testSite() Site {
	ds := &model.Dataset{
		Dir: fakeDataDir,
		Surveys: []model.Survey{
			{ID: "tsurumi-2019", Ward: "鶴見区", FiscalYear: 2019, Population: "区民", Mailed: 2000},
			{ID: "tsurumi-2023", Ward: "鶴見区", FiscalYear: 2023, Population: "区民", Mailed: 2000},
			{ID: "hs-2020", Ward: "東住吉区", FiscalYear: 2020, Population: "区民", Mailed: 1500},
		},
		Questions: []model.Question{
			{SurveyID: "tsurumi-2023", Column: "問5", Key: "koho", Role: model.RoleQuestion, Text: "区の広報紙を読んでいますか"},
			{SurveyID: "tsurumi-2023", Column: "F2", Key: "nendai", Role: model.RoleAttribute, Text: hostileAttr},
			{SurveyID: "tsurumi-2023", Column: "F4", Key: "kosodate", Role: model.RoleAttribute, Text: "子育て中ですか"},
			{SurveyID: "hs-2020", Column: "問3", Key: "koho", Role: model.RoleQuestion, Text: "区の広報紙を読んでいますか"},
		},
		Choices: []model.Choice{
			{SurveyID: "tsurumi-2023", Key: "koho", Code: 1, Label: "毎月読んでいる"},
			{SurveyID: "tsurumi-2023", Key: "koho", Code: 2, Label: "ときどき読んでいる"},
			{SurveyID: "tsurumi-2023", Key: "koho", Code: 9, Label: "わからない"},
			{SurveyID: "tsurumi-2023", Key: "kosodate", Code: 1, Label: hostileChoice},
			{SurveyID: "tsurumi-2023", Key: "nendai", Code: 1, Label: "18〜29歳"},
			{SurveyID: "tsurumi-2023", Key: "nendai", Code: 2, Label: hostileLabel},
			{SurveyID: "tsurumi-2023", Key: "nendai", Code: 3, Label: "50歳以上"},
		},
		Indicators: []model.Indicator{
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, IndicatorNo: 1, Title: "広報紙を読んでいる区民の割合",
				Population: "区民", QuestionKey: "koho", PositiveCodes: []int{1, 2}, ExcludedCodes: []int{9},
				TargetPercent: 75, TargetOp: "以上", TargetYear: 2027,
				SourceText: "区民アンケートで「広報紙を読んでいる」と回答した区民の割合を令和９年度末までに75％以上にする。"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 2, IndicatorNo: 1, Title: hostileImg,
				Population: "区民", QuestionKey: "sdgs", PositiveCodes: []int{1, 2},
				TargetPercent: 60, TargetOp: "以上", TargetYear: 2025, SourceText: hostileImg},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 3, IndicatorNo: 1, Title: "子育てしやすいまちだと感じる子育て世帯の割合",
				Population: "区民", QuestionKey: "kosodate_shiyasui", PositiveCodes: []int{1, 2}, ExcludedCodes: []int{9},
				Filter: []model.Clause{{Key: "kosodate", Codes: []int{1}}}, FilterText: "kosodate=1",
				TargetPercent: 90, TargetOp: "以上", TargetYear: 2027},
			{Ward: "東住吉区", PlanYear: 2020, IssueNo: 1, IndicatorNo: 1, Title: hostileScript,
				Population: "区民", QuestionKey: "koho", PositiveCodes: []int{1, 2},
				TargetPercent: 70, TargetOp: "以上", TargetYear: 2022},
			{Ward: "東住吉区", PlanYear: 2020, IssueNo: 1, IndicatorNo: 2, Title: "治安に不安を感じる区民の割合",
				Population: "区民", QuestionKey: "fuan", PositiveCodes: []int{1, 2},
				TargetPercent: 20, TargetOp: "以下", TargetYear: 2022},
		},
		Plans: []model.Plan{
			{Ward: "鶴見区", PlanYear: 2023, Goal: "みんなでつくる、住みたい・住み続けたいまち", Mission: "区民の<b>声</b>を区政に生かす"},
		},
		PlanIssues: []model.PlanIssue{
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, Title: "区政への参画と情報発信"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 2, Title: "SDGsの推進"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 4, Title: "指標のない経営課題"},
		},
		// 経営課題1's own 決算・予算, a 取組 with a hostile title numbered 1-1-10
		// (after 1-1-2), one without an amount; 経営課題4's alone.
		PlanActions: []model.PlanAction{
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, StrategyNo: "1-1", ActionNo: "1-1-10", Title: hostileAction,
				ThousandYen: 5237, BudgetKind: model.BudgetPlanned, FiscalYear: 2023},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, Title: "区政への参画と情報発信", ThousandYen: 47000, BudgetKind: model.BudgetPlanned, FiscalYear: 2022},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, Title: "区政への参画と情報発信", ThousandYen: 46000, BudgetKind: model.BudgetSettled, FiscalYear: 2021},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, StrategyNo: "1-1", ActionNo: "1-1-2", Title: "広報紙の充実"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 4, Title: "指標のない経営課題", ThousandYen: 1500, BudgetKind: model.BudgetSettled, FiscalYear: 2023},
		},
	}
	actuals := []compute.Actual{
		testWave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2019", 2019, 68.44, 75, "以上", 2027),
		testWave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2020", 2020, 70.25, 75, "以上", 2027),
		testWave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2022", 2022, 71.3, 75, "以上", 2027),
		testWave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2023", 2023, 59.8, 75, "以上", 2027),
		testWave("鶴見区", 2023, 2, 1, hostileImg, "sdgs", "tsurumi-2022", 2022, 71.0, 60, "以上", 2025),
		testWave("鶴見区", 2023, 2, 1, hostileImg, "sdgs", "tsurumi-2023", 2023, 69.8, 60, "以上", 2025),
		testWave("東住吉区", 2020, 1, 1, hostileScript, "koho", "hs-2018", 2018, 55.0, 70, "以上", 2022),
		testWave("東住吉区", 2020, 1, 1, hostileScript, "koho", "hs-2019", 2019, 57.5, 70, "以上", 2022),
		testWave("東住吉区", 2020, 1, 1, hostileScript, "koho", "hs-2020", 2020, 61.2, 70, "以上", 2022),
		testWave("東住吉区", 2020, 1, 2, "治安に不安を感じる区民の割合", "fuan", "hs-2020", 2020, 18.0, 20, "以下", 2022),
	}
	actuals[3].Trajectory, actuals[3].ChangeFlag = "遅れ", "有意に低下"
	actuals[3].ChangePoints = sql.NullFloat64{Float64: -11.5, Valid: true}
	actuals[3].PreviousPercent = sql.NullFloat64{Float64: 71.3, Valid: true}
	actuals[1].Trajectory, actuals[2].Trajectory = "順調", "遅れ"
	for i := 1; i <= 3; i++ {
		actuals[i].PathPercent = sql.NullFloat64{Float64: 68.4 + float64(i)*0.9, Valid: true}
	}
	actuals[3].PointsPerYearNeeded = sql.NullFloat64{Float64: 3.8, Valid: true}
	actuals[3].ProjectedPercent = sql.NullFloat64{Float64: 50.54, Valid: true}
	actuals[3].ProjectedLow = sql.NullFloat64{Float64: 0, Valid: true}
	actuals[3].ProjectedHigh = sql.NullFloat64{Float64: 100, Valid: true}
	actuals[5].Trajectory = "A"
	actuals[5].PointsPerYearNeeded = sql.NullFloat64{Float64: 0, Valid: true}
	actuals[8].Trajectory = "順調"
	actuals[8].PointsPerYearNeeded = sql.NullFloat64{Float64: 4.4, Valid: true}
	actuals[8].ProjectedPercent = sql.NullFloat64{Float64: 66.0, Valid: true}
	actuals[8].ProjectedLow = sql.NullFloat64{Float64: 55.2, Valid: true}
	actuals[8].ProjectedHigh = sql.NullFloat64{Float64: 76.8, Valid: true}
	actuals[9].PointsPerYearNeeded = sql.NullFloat64{Float64: 0, Valid: true}
	actuals[9].NValid = 25 // a 参考値
	actuals[9].CILow, actuals[9].CIHigh = sql.NullFloat64{}, sql.NullFloat64{}
	return Site{Dataset: ds, Actuals: actuals, Breakdowns: testBreakdowns(),
		GeneratedAt: time.Date(2024, 6, 1, 0, 30, 0, 0, time.UTC)}
}

// testBreakdowns break 鶴見区 1-1 down by 年代 (a hostile attribute text and
// label, a 参考値, a label only the cell knows, two suppressed cells, one of
// them with values that leaked) and by 子育て (a cell with no label, a cell
// with n below the threshold that is not flagged), in a shuffled order, plus
// an older wave that must not show.
func testBreakdowns() []compute.Breakdown {
	cell := func(survey string, year int, key string, code int, label string, n int, pct float64) compute.Breakdown {
		b := compute.Breakdown{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, IndicatorNo: 1,
			Title: "広報紙を読んでいる区民の割合", SurveyID: survey, FiscalYear: year,
			AttributeKey: key, AttributeText: "DBの設問文", Label: label,
			Code:   sql.NullInt64{Int64: int64(code), Valid: code > 0},
			NValid: sql.NullInt64{Int64: int64(n), Valid: n > 0},
		}
		if n > 0 {
			b.Percent = sql.NullFloat64{Float64: pct, Valid: true}
			b.PercentExact = b.Percent
			b.CILow = sql.NullFloat64{Float64: pct - 8, Valid: true}
			b.CIHigh = sql.NullFloat64{Float64: pct + 8, Valid: true}
			b.Reference = n <= compute.ReferenceUpTo
		}
		b.Suppressed = n == 0
		return b
	}
	leak := cell("tsurumi-2023", 2023, "nendai", 0, "無回答", 4, leaked)
	leak.Suppressed = true // values a bug upstream left in a suppressed cell
	unflagged := cell("tsurumi-2023", 2023, "kosodate", 3, "その他", 9, leaked)
	return []compute.Breakdown{
		cell("tsurumi-2023", 2023, "kosodate", 1, "はい", 120, 55.0),
		cell("tsurumi-2023", 2023, "kosodate", 2, "", 450, 60.7),
		unflagged,
		cell("tsurumi-2023", 2023, "nendai", 3, "DBのラベル", 400, 61.2),
		leak,
		cell("tsurumi-2023", 2023, "nendai", 1, "18〜29歳", 0, 0),
		cell("tsurumi-2023", 2023, "nendai", 2, "DBのラベル", 25, 60.0),
		cell("tsurumi-2023", 2023, "nendai", 4, "60歳代", 150, 58.4),
		cell("tsurumi-2022", 2022, "nendai", 3, "50歳以上", 380, 77.7),
	}
}

func testWave(ward string, plan, issue, no int, title, key, survey string, year int, pct, target float64, op string, targetYear int) compute.Actual {
	status := stats.StatusB
	if (op == "以上" && pct >= target) || (op == "以下" && pct <= target) {
		status = stats.StatusA
	}
	return compute.Actual{
		Ward: ward, PlanYear: plan, IssueNo: issue, IndicatorNo: no, Title: title,
		Population: "区民", QuestionKey: key, QuestionText: "質問：" + title, SurveyID: survey,
		FiscalYear: year, Mailed: 2000, Respondents: 736, NValid: 700, NPositive: int(pct * 7),
		Percent: stats.RoundTenth(pct), PercentExact: pct, TargetPercent: target, TargetOp: op,
		TargetYear: targetYear, Status: status,
		CILow:  sql.NullFloat64{Float64: pct - 3.5, Valid: true},
		CIHigh: sql.NullFloat64{Float64: pct + 3.5, Valid: true},
	}
}

// renderTestSite renders testSite into a fresh temporary folder.
func renderTestSite(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := Render(context.Background(), dir, testSite()); err != nil {
		tb.Fatalf("Render: %v", err)
	}
	return dir
}

// outputFiles maps every file under dir (slash paths) to its content.
func outputFiles(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// key is the IndicatorKey of an indicator of the test site.
func key(ward string, plan, issue, no int) model.IndicatorKey {
	return model.IndicatorKey{Ward: ward, PlanYear: plan, IssueNo: issue, IndicatorNo: no}
}
