// Package publish writes the outputs of a refresh and swaps them into place.
package export

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/shihyo/shihyo/internal/csvsafe"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/present"
)

// ActualsHeader is the header of actuals.csv.
var ActualsHeader = []string{
	"ward", "plan_year", "issue_no", "indicator_no", "title", "population", "question_key", "survey_id",
	"fiscal_year", "weighted", "n_valid", "n_positive", "percent", "percent_exact", "ci_low", "ci_high",
	"percent_unweighted", "n_effective", "previous_percent", "change_points", "change_flag",
	"trajectory", "projected_percent", "target_percent", "target_op", "target_year", "status",
	"change_p_value", "path_percent", "points_per_year_needed", "projected_low", "projected_high",
}

// WriteActualsCSV writes actuals as UTF-8 CSV (no BOM: the file is for
// programs; the export command writes Excel-ready files). serve hands the
// file out and staff open it in Excel all the same, so every text column
// (they come from the input files) is neutralised as the exports are: a
// title such as =HYPERLINK(…) is written as '=HYPERLINK(…). The numeric
// columns are our own numbers and are written as they are (-1.5 stays a
// number).
func WriteActualsCSV(w io.Writer, actuals []compute.Actual) error {
	return writeCSV(w, "actuals", ActualsHeader, actuals, actualRecord)
}

// writeCSV writes a header and one record per row; what names the file in
// errors.
func writeCSV[T any](w io.Writer, what string, header []string, rows []T, record func(T) []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write %s header: %w", what, err)
	}
	for _, r := range rows {
		if err := cw.Write(record(r)); err != nil {
			return fmt.Errorf("write %s: %w", what, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", what, err)
	}
	return nil
}

func actualRecord(a compute.Actual) []string {
	return []string{
		text(a.Ward), itoa(a.PlanYear), itoa(a.IssueNo), itoa(a.IndicatorNo), text(a.Title), text(a.Population),
		text(a.QuestionKey), text(a.SurveyID), itoa(a.FiscalYear), strconv.FormatBool(a.Weighted), itoa(a.NValid), itoa(a.NPositive),
		present.Decimal(a.Percent), exact(a.PercentExact), nullExact(a.CILow), nullExact(a.CIHigh),
		nullExact(a.PercentUnweighted), nullExact(a.NEffective), nullOne(a.PreviousPercent), nullOne(a.ChangePoints),
		text(string(a.ChangeFlag)), text(string(a.Trajectory)), nullExact(a.ProjectedPercent),
		strconv.FormatFloat(a.TargetPercent, 'f', -1, 64), text(a.TargetOp), itoa(a.TargetYear), text(string(a.Status)), nullExact(a.ChangePValue), nullExact(a.PathPercent),
		nullExact(a.PointsPerYearNeeded), nullExact(a.ProjectedLow), nullExact(a.ProjectedHigh),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// text is a text column: a cell a spreadsheet would run as a formula gets a
// leading ' (csvsafe.Neutralise).
func text(s string) string { return csvsafe.Neutralise(s) }

// exact writes an unrounded value with enough digits to check it against
// other software (R agrees to 1e-9).
func exact(v float64) string { return strconv.FormatFloat(v, 'f', 10, 64) }

func nullExact(v sql.NullFloat64) string {
	if !v.Valid {
		return ""
	}
	return exact(v.Float64)
}

func nullOne(v sql.NullFloat64) string {
	if !v.Valid {
		return ""
	}
	return present.Decimal(v.Float64)
}
