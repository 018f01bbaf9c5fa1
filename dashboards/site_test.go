package dashboards

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input"
)

// Hostile titles: input text must show as text wherever it lands.
const (
	hostileImg    = `SDGsを知っている<img src=x onerror=alert(1)>区民の割合`
	hostileScript = `</script><img src=x onerror=alert(1)>地域の支え合い`
	fakeDataDir   = "/home/staff/shihyo-data/sample"
)

// testSite is two wards, a few indicators and waves: one indicator has a
// gap year, one has no wave at all, one judges 以下, two share a question.
func testSite() Site {
	ds := &input.Dataset{
		Dir: fakeDataDir,
		Surveys: []input.Survey{
			{ID: "tsurumi-2019", Ward: "鶴見区", FiscalYear: 2019, Population: "区民", Mailed: 2000},
			{ID: "tsurumi-2023", Ward: "鶴見区", FiscalYear: 2023, Population: "区民", Mailed: 2000},
			{ID: "hs-2020", Ward: "東住吉区", FiscalYear: 2020, Population: "区民", Mailed: 1500},
		},
		Questions: []input.Question{
			{SurveyID: "tsurumi-2023", Column: "問5", Key: "koho", Role: input.RoleQuestion, Text: "区の広報紙を読んでいますか"},
			{SurveyID: "tsurumi-2023", Column: "F4", Key: "kosodate", Role: input.RoleAttribute, Text: "子育て中ですか"},
			{SurveyID: "hs-2020", Column: "問3", Key: "koho", Role: input.RoleQuestion, Text: "区の広報紙を読んでいますか"},
		},
		Choices: []input.Choice{
			{SurveyID: "tsurumi-2023", Key: "koho", Code: 1, Label: "毎月読んでいる"},
			{SurveyID: "tsurumi-2023", Key: "koho", Code: 2, Label: "ときどき読んでいる"},
			{SurveyID: "tsurumi-2023", Key: "koho", Code: 9, Label: "わからない"},
			{SurveyID: "tsurumi-2023", Key: "kosodate", Code: 1, Label: "はい"},
		},
		Indicators: []input.Indicator{
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, IndicatorNo: 1, Title: "広報紙を読んでいる区民の割合",
				Population: "区民", QuestionKey: "koho", PositiveCodes: []int{1, 2}, ExcludedCodes: []int{9},
				TargetPercent: 75, TargetOp: "以上", TargetYear: 2027,
				SourceText: "区民アンケートで「広報紙を読んでいる」と回答した区民の割合を令和９年度末までに75％以上にする。"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 2, IndicatorNo: 1, Title: hostileImg,
				Population: "区民", QuestionKey: "sdgs", PositiveCodes: []int{1, 2},
				TargetPercent: 60, TargetOp: "以上", TargetYear: 2025, SourceText: hostileImg},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 3, IndicatorNo: 1, Title: "子育てしやすいまちだと感じる子育て世帯の割合",
				Population: "区民", QuestionKey: "kosodate_shiyasui", PositiveCodes: []int{1, 2}, ExcludedCodes: []int{9},
				Filter: []input.Clause{{Key: "kosodate", Codes: []int{1}}}, FilterText: "kosodate=1",
				TargetPercent: 90, TargetOp: "以上", TargetYear: 2027},
			{Ward: "東住吉区", PlanYear: 2020, IssueNo: 1, IndicatorNo: 1, Title: hostileScript,
				Population: "区民", QuestionKey: "koho", PositiveCodes: []int{1, 2},
				TargetPercent: 70, TargetOp: "以上", TargetYear: 2022},
			{Ward: "東住吉区", PlanYear: 2020, IssueNo: 1, IndicatorNo: 2, Title: "治安に不安を感じる区民の割合",
				Population: "区民", QuestionKey: "fuan", PositiveCodes: []int{1, 2},
				TargetPercent: 20, TargetOp: "以下", TargetYear: 2022},
		},
		Plans: []input.Plan{
			{Ward: "鶴見区", PlanYear: 2023, Goal: "みんなでつくる、住みたい・住み続けたいまち", Mission: "区民の<b>声</b>を区政に生かす"},
		},
		PlanIssues: []input.PlanIssue{
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 1, Title: "区政への参画と情報発信"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 2, Title: "SDGsの推進"},
			{Ward: "鶴見区", PlanYear: 2023, IssueNo: 4, Title: "指標のない経営課題"},
		},
	}
	actuals := []compute.Actual{
		wave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2019", 2019, 68.44, 75, "以上", 2027),
		wave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2020", 2020, 70.25, 75, "以上", 2027),
		wave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2022", 2022, 71.3, 75, "以上", 2027),
		wave("鶴見区", 2023, 1, 1, "広報紙を読んでいる区民の割合", "koho", "tsurumi-2023", 2023, 59.8, 75, "以上", 2027),
		wave("鶴見区", 2023, 2, 1, hostileImg, "sdgs", "tsurumi-2022", 2022, 71.0, 60, "以上", 2025),
		wave("鶴見区", 2023, 2, 1, hostileImg, "sdgs", "tsurumi-2023", 2023, 69.8, 60, "以上", 2025),
		wave("東住吉区", 2020, 1, 1, hostileScript, "koho", "hs-2018", 2018, 55.0, 70, "以上", 2022),
		wave("東住吉区", 2020, 1, 1, hostileScript, "koho", "hs-2019", 2019, 57.5, 70, "以上", 2022),
		wave("東住吉区", 2020, 1, 1, hostileScript, "koho", "hs-2020", 2020, 61.2, 70, "以上", 2022),
		wave("東住吉区", 2020, 1, 2, "治安に不安を感じる区民の割合", "fuan", "hs-2020", 2020, 18.0, 20, "以下", 2022),
	}
	actuals[3].Trajectory, actuals[3].ChangeFlag = "遅れ", "有意に低下"
	actuals[3].ChangePoints = sql.NullFloat64{Float64: -11.5, Valid: true}
	actuals[3].PreviousPercent = sql.NullFloat64{Float64: 71.3, Valid: true}
	actuals[5].Trajectory = "A"
	actuals[9].NValid = 25 // a 参考値
	actuals[9].CILow, actuals[9].CIHigh = sql.NullFloat64{}, sql.NullFloat64{}
	return Site{Dataset: ds, Actuals: actuals, GeneratedAt: time.Date(2024, 6, 1, 0, 30, 0, 0, time.UTC)}
}

func wave(ward string, plan, issue, no int, title, key, survey string, year int, pct, target float64, op string, targetYear int) compute.Actual {
	status := "B"
	if (op == "以上" && pct >= target) || (op == "以下" && pct <= target) {
		status = "A"
	}
	return compute.Actual{
		Ward: ward, PlanYear: plan, IssueNo: issue, IndicatorNo: no, Title: title,
		Population: "区民", QuestionKey: key, QuestionText: "質問：" + title, SurveyID: survey,
		FiscalYear: year, Mailed: 2000, Respondents: 736, NValid: 700, NPositive: int(pct * 7),
		Percent: roundHalfUp1(pct), PercentExact: pct, TargetPercent: target, TargetOp: op,
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
