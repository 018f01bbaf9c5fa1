package sitetables

import (
	"database/sql"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
)

// TestCSVTextColumnsNeutralised writes an actual and a breakdown cell whose
// every text field would run as a formula in a spreadsheet, and whose
// numbers are negative: each text field gets a leading ', no number does.
func TestCSVTextColumnsNeutralised(t *testing.T) {
	const f = "=1+1"
	neg := sql.NullFloat64{Float64: -1.5, Valid: true}
	a := compute.Actual{Ward: f, Title: "@SUM(A1)", Population: "+区民", QuestionKey: "-q", SurveyID: "＝w",
		ChangeFlag: "＋", Trajectory: "－", TargetOp: "＠", Status: "\t=1", PreviousPercent: neg,
		ChangePoints: neg, PointsPerYearNeeded: neg, FiscalYear: 2023}
	b := compute.Breakdown{Ward: f, Title: f, SurveyID: f, AttributeKey: f, AttributeText: f, Label: f,
		Code: sql.NullInt64{Int64: 1, Valid: true}, NValid: sql.NullInt64{Int64: 12, Valid: true},
		Percent: sql.NullFloat64{Float64: 10, Valid: true}}
	var out strings.Builder
	if err := WriteActualsCSV(&out, []compute.Actual{a}); err != nil {
		t.Fatal(err)
	}
	row := readRow(t, out.String())
	want := map[string]string{"ward": "'=1+1", "title": "'@SUM(A1)", "population": "'+区民", "question_key": "'-q",
		"survey_id": "'＝w", "change_flag": "'＋", "trajectory": "'－", "target_op": "'＠", "status": "'\t=1",
		"previous_percent": "-1.5", "change_points": "-1.5", "points_per_year_needed": "-1.5000000000"}
	for col, w := range want {
		if row[col] != w {
			t.Errorf("actuals.csv %s = %q; want %q", col, row[col], w)
		}
	}
	out.Reset()
	if err := WriteActualsCSV(&out, []compute.Actual{a}); err != nil {
		t.Fatal(err)
	}
	header := strings.SplitN(out.String(), "\n", 2)[0]
	if want := strings.Join(ActualsHeader, ",") + "," + FiscalYearLabel + "," + strings.Join(FlowHeader, ","); header != want {
		t.Errorf("actuals.csv header %s; want the machine columns, then %s, then the flow", header, FiscalYearLabel)
	}
	if row["年度"] != "令和5年度" || row["fiscal_year"] != "2023" {
		t.Errorf("actuals.csv fiscal_year %q, 年度 %q", row["fiscal_year"], row["年度"])
	}
	out.Reset()
	if err := WriteBreakdownsCSV(&out, []compute.Breakdown{b}); err != nil {
		t.Fatal(err)
	}
	row = readRow(t, out.String())
	for _, col := range []string{"ward", "title", "survey_id", "attribute_key", "attribute", "label"} {
		if row[col] != "'"+f {
			t.Errorf("breakdowns.csv %s = %q; want %q", col, row[col], "'"+f)
		}
	}
	if row["code"] != "1" || row["n_valid"] != "12" || row["percent"] != "10.0" {
		t.Errorf("breakdowns.csv numbers %q %q %q", row["code"], row["n_valid"], row["percent"])
	}
}

// readRow reads a header and one record of CSV text into a map.
func readRow(t *testing.T, text string) map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("read CSV: %v (%d records)", err, len(recs))
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	return row
}
