package export

import (
	"database/sql"
	"io"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/compute"
)

// BreakdownsHeader is the header of breakdowns.csv.
var BreakdownsHeader = []string{
	"ward", "plan_year", "issue_no", "indicator_no", "title", "survey_id", "fiscal_year", "weighted",
	"attribute_key", "attribute", "code", "label", "n_valid", "percent", "percent_exact", "ci_low", "ci_high",
	"reference", "suppressed",
}

// WriteBreakdownsCSV writes the breakdown cells as UTF-8 CSV. A suppressed
// cell keeps its row, so that readers see the category exists, with every
// value empty. Text columns are neutralised as in WriteActualsCSV.
func WriteBreakdownsCSV(w io.Writer, cells []compute.Breakdown) error {
	return writeCSV(w, "breakdowns", BreakdownsHeader, cells, breakdownRecord)
}

func breakdownRecord(b compute.Breakdown) []string {
	return []string{
		text(b.Ward), itoa(b.PlanYear), itoa(b.IssueNo), itoa(b.IndicatorNo), text(b.Title), text(b.SurveyID),
		itoa(b.FiscalYear), strconv.FormatBool(b.Weighted), text(b.AttributeKey), text(b.AttributeText),
		nullInt(b.Code), text(b.Label),
		nullInt(b.NValid), nullOne(b.Percent), nullExact(b.PercentExact), nullExact(b.CILow), nullExact(b.CIHigh),
		strconv.FormatBool(b.Reference), strconv.FormatBool(b.Suppressed),
	}
}

func nullInt(v sql.NullInt64) string {
	if !v.Valid {
		return ""
	}
	return strconv.FormatInt(v.Int64, 10)
}
