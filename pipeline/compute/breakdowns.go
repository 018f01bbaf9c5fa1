package compute

import (
	"database/sql"
	"github.com/shihyo/shihyo/pipeline/compute/smallcount"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Publication thresholds of a breakdown cell, by its number of valid
// answers n (as Osaka wards publish their surveys).
const (
	// SuppressBelow: a cell with n below it is not published at all.
	SuppressBelow = smallcount.Below
	// ReferenceUpTo: a cell with n up to it is published as 参考値.
	ReferenceUpTo = 30
)

// Breakdown is one cell of an indicator's breakdown by an attribute (年代,
// 性別, 地域, 子育て…) in one wave: a row of breakdowns.csv. Its domain is
// the indicator's domain with the given answer to the attribute.
//
// A Suppressed cell carries no values: n and the percentages are NULL, and
// the database never returned them. Which cells are suppressed is decided
// over all the tables of a wave at once (decideAll, docs/statistics.md
// §6): a cell with n < SuppressBelow is; complements are hidden 無回答
// first, then the smallest, until the hidden cells hold SuppressBelow; and
// more until the auditor (package disclose) recovers no small group.
//
// The `db` tags are the columns of the breakdowns table in the order of its
// CREATE (queries/create_breakdowns.sql; TestBreakdownColumns compares
// them), the `csv` tags those of breakdowns.csv.
type Breakdown struct {
	IndicatorID   int           `db:"indicator_id"`
	Ward          string        `db:"ward" csv:"ward"`
	PlanYear      int           `db:"plan_year" csv:"plan_year"`
	IssueNo       int           `db:"issue_no" csv:"issue_no"`
	IndicatorNo   int           `db:"indicator_no" csv:"indicator_no"`
	Title         string        `db:"title" csv:"title"`
	SurveyID      string        `db:"survey_id" csv:"survey_id"`
	FiscalYear    int           `db:"fiscal_year" csv:"fiscal_year"`
	Weighted      bool          `db:"weighted" csv:"weighted"`
	AttributeKey  string        `db:"attribute_key" csv:"attribute_key"`
	AttributeText string        `db:"attribute_text" csv:"attribute"`
	Code          sql.NullInt64 `db:"code" csv:"code"`   // NULL: the attribute was left blank (無回答)
	Label         string        `db:"label" csv:"label"` // the code's label in choices.csv, or 無回答; 「<label>・無回答」 when the cell holds 無回答 too (kind with_blank: Code is the code's)

	NValid       sql.NullInt64   `db:"n_valid" csv:"n_valid"`
	Percent      sql.NullFloat64 `db:"percent" csv:"percent,decimal"` // rounded half up to one decimal, like Actual.Percent
	PercentExact sql.NullFloat64 `db:"percent_exact" csv:"percent_exact,exact"`
	CILow        sql.NullFloat64 `db:"ci_low" csv:"ci_low,exact"` // 95% logit interval, as for Actual
	CIHigh       sql.NullFloat64 `db:"ci_high" csv:"ci_high,exact"`
	Reference    bool            `db:"reference" csv:"reference"` // 参考値: SuppressBelow ≤ n ≤ ReferenceUpTo
	Suppressed   bool            `db:"suppressed" csv:"suppressed"`
}

// Key is the indicator the cell is of.
func (b Breakdown) Key() model.IndicatorKey {
	return model.IndicatorKey{Ward: b.Ward, PlanYear: b.PlanYear, IssueNo: b.IssueNo, IndicatorNo: b.IndicatorNo}
}
