package sitetables

import (
	"database/sql"
	"io"
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

// BenchmarkWriteBreakdownsCSV formats 88,000 cells shaped like those of
// the Osaka-scale set (make bench-scale): the size of its breakdowns.csv.
func BenchmarkWriteBreakdownsCSV(b *testing.B) {
	cells := make([]compute.Breakdown, 88000)
	for i := range cells {
		cells[i] = compute.Breakdown{Ward: "北区", PlanYear: 2023, IssueNo: 1, IndicatorNo: i%9 + 1, Title: "必要な区政情報を必要なときに入手できている区民の割合",
			SurveyID: "kita-kumin-2023", FiscalYear: 2023, AttributeKey: "F1", AttributeText: "年代", Code: sql.NullInt64{Int64: 3, Valid: true}, Label: "30代",
			NValid: sql.NullInt64{Int64: 120, Valid: true}, Percent: sql.NullFloat64{Float64: 55.2, Valid: true},
			PercentExact: sql.NullFloat64{Float64: 55.21345, Valid: true}, CILow: sql.NullFloat64{Float64: 45.1, Valid: true},
			CIHigh: sql.NullFloat64{Float64: 65.3, Valid: true}}
	}
	for b.Loop() {
		if err := WriteBreakdownsCSV(io.Discard, cells); err != nil {
			b.Fatal(err)
		}
	}
}
