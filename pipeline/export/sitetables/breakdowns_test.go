package sitetables

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
)

func TestWriteBreakdownsCSV(t *testing.T) {
	base := compute.Breakdown{Ward: "テスト区", PlanYear: 2023, IssueNo: 1, IndicatorNo: 2, Title: "t",
		SurveyID: "w", FiscalYear: 2023, AttributeKey: "nendai", AttributeText: "年代"}
	shown := base
	shown.Code, shown.Label, shown.Reference = sql.NullInt64{Int64: 2, Valid: true}, "30代", true
	shown.NValid = sql.NullInt64{Int64: 25, Valid: true}
	shown.Percent = sql.NullFloat64{Float64: 31.3, Valid: true}
	shown.PercentExact = sql.NullFloat64{Float64: 31.25, Valid: true}
	shown.CILow = sql.NullFloat64{Float64: 12.5, Valid: true}
	shown.CIHigh = sql.NullFloat64{Float64: 59, Valid: true}
	hidden := base
	hidden.Label, hidden.Suppressed = "無回答", true

	var b strings.Builder
	if err := WriteBreakdownsCSV(&b, []compute.Breakdown{shown, hidden}); err != nil {
		t.Fatal(err)
	}
	want := strings.Join(BreakdownsHeader, ",") + "\n" +
		"テスト区,2023,1,2,t,w,2023,false,nendai,年代,2,30代,25,31.3,31.2500000000,12.5000000000,59.0000000000,true,false\n" +
		"テスト区,2023,1,2,t,w,2023,false,nendai,年代,,無回答,,,,,,false,true\n"
	if b.String() != want {
		t.Errorf("breakdowns.csv =\n%s\nwant\n%s", b.String(), want)
	}
}
