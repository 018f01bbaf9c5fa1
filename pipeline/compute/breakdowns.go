package compute

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math/big"

	"github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/queries"
)

// Publication thresholds of a breakdown cell, by its number of valid
// answers n (as Osaka wards publish their surveys).
const (
	// SuppressBelow: a cell with n below it is not published at all.
	SuppressBelow = 10
	// ReferenceUpTo: a cell with n up to it is published as 参考値.
	ReferenceUpTo = 30
)

// Breakdown is one cell of an indicator's breakdown by an attribute (年代,
// 性別, 地域, 子育て…) in one wave: a row of breakdowns.csv. Its domain is
// the indicator's domain with the given answer to the attribute.
//
// A Suppressed cell carries no values: n and the percentages are NULL, and
// the database never returned them. A cell is suppressed when n <
// SuppressBelow; and when an attribute has such a cell, its cells are hidden
// from the smallest up until two or more hold SuppressBelow together, so
// that the total minus the shown cells reveals no small group
// (complementary suppression).
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
	Label         string        `db:"label" csv:"label"` // the code's label in choices.csv, or 無回答

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

// Breakdowns computes the breakdown of every indicator × wave by every
// attribute of the wave and replaces the breakdowns table with them. It
// runs inside the caller's transaction, after load. Cells come sorted by
// ward, plan year, issue, indicator, fiscal year, attribute key and code
// (無回答 last).
func Breakdowns(ctx context.Context, conn *sql.Conn) ([]Breakdown, error) {
	cells, err := breakdownCells(ctx, conn)
	if err != nil {
		return nil, err
	}
	if err := storeBreakdowns(ctx, conn, cells); err != nil {
		return nil, err
	}
	return cells, nil
}

// cellRow is a row of the breakdowns query: the cell, and the nullable
// sums of a cell (NULL when it is suppressed) from which cellStats fills
// its values.
type cellRow struct {
	Breakdown
	NWave     int             `db:"respondents"`
	NPositive sql.NullInt64   `db:"n_positive"`
	SW        sql.NullFloat64 `db:"sw"`
	SWY       sql.NullFloat64 `db:"swy"`
	SW2       sql.NullFloat64 `db:"sw2"`
	SW2Y      sql.NullFloat64 `db:"sw2y"`
	Tenths    sql.NullInt64   `db:"percent_tenths"`
}

func breakdownCells(ctx context.Context, conn *sql.Conn) ([]Breakdown, error) {
	if err := createDomainMacro(ctx, conn); err != nil {
		return nil, err
	}
	q, err := queries.Text("breakdowns")
	if err != nil {
		return nil, err
	}
	// SuppressBelow twice: the cells' bound, then the domains'.
	rows, err := conn.QueryContext(ctx, q, SuppressBelow, SuppressBelow)
	if err != nil {
		return nil, fmt.Errorf("query breakdowns: %w", err)
	}
	defer rows.Close()
	var cells []Breakdown
	for rows.Next() {
		var r cellRow
		if err := queries.ScanByName(rows, &r); err != nil {
			return nil, fmt.Errorf("scan breakdowns: %w", err)
		}
		cellStats(&r)
		cells = append(cells, r.Breakdown)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read breakdowns: %w", err)
	}
	return cells, nil
}

// cellStats fills the values of a published cell from its sums; a
// suppressed cell keeps none, its n included.
func cellStats(r *cellRow) {
	b := &r.Breakdown
	if b.Suppressed || !b.NValid.Valid || !r.Tenths.Valid {
		b.NValid = sql.NullInt64{}
		return
	}
	b.Reference = b.NValid.Int64 <= ReferenceUpTo
	b.Percent = valid(float64(r.Tenths.Int64) / 10)
	p, err := stats.Estimate(stats.Sums{NWave: r.NWave, NValid: int(b.NValid.Int64),
		NPositive: int(r.NPositive.Int64), SumW: r.SW.Float64, SumWY: r.SWY.Float64,
		SumW2: r.SW2.Float64, SumW2Y: r.SW2Y.Float64})
	if err != nil {
		return
	}
	b.PercentExact = valid(100 * p.P)
	if ci, ok := p.CI(stats.Level); ok {
		b.CILow, b.CIHigh = valid(100*ci.Low), valid(100*ci.High)
	}
}

// storeBreakdowns replaces the breakdowns table with cells, through
// DuckDB's Appender: thousands of cells take about a second as prepared
// inserts and a few milliseconds appended.
func storeBreakdowns(ctx context.Context, conn *sql.Conn, cells []Breakdown) error {
	if err := queries.Exec(ctx, conn, "create_breakdowns"); err != nil {
		return err
	}
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("append breakdowns: unexpected driver connection %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(c, "", "breakdowns")
		if err != nil {
			return fmt.Errorf("append breakdowns: %w", err)
		}
		err = appendBreakdowns(ctx, app, cells)
		if cerr := app.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("append breakdowns: %w", cerr)
		}
		return err
	})
}

func appendBreakdowns(ctx context.Context, app *duckdb.Appender, cells []Breakdown) error {
	for _, b := range cells {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := app.AppendRow(breakdownRow(b)...); err != nil {
			return fmt.Errorf("append breakdown %s %s %s: %w", b.Title, b.SurveyID, b.AttributeKey, err)
		}
	}
	return nil
}

// breakdownRow is b in the column order of the table (queries.Columns)
// and the Go types the Appender needs (int32 for INTEGER, duckdb.Decimal
// for DECIMAL, nil for NULL).
func breakdownRow(b Breakdown) []driver.Value {
	var code, n, percent driver.Value
	if b.Code.Valid {
		code = int32(b.Code.Int64)
	}
	if b.NValid.Valid {
		n = int32(b.NValid.Int64)
	}
	if b.Percent.Valid {
		percent = duckdb.Decimal{Width: 4, Scale: 1, Value: big.NewInt(stats.Tenths(b.Percent.Float64))}
	}
	byName := map[string]driver.Value{
		"indicator_id": int32(b.IndicatorID), "ward": b.Ward, "plan_year": int32(b.PlanYear), "issue_no": int32(b.IssueNo),
		"indicator_no": int32(b.IndicatorNo), "title": b.Title, "survey_id": b.SurveyID, "fiscal_year": int32(b.FiscalYear),
		"weighted": b.Weighted, "attribute_key": b.AttributeKey, "attribute_text": b.AttributeText, "code": code,
		"label": b.Label, "n_valid": n, "percent": percent, "percent_exact": null(b.PercentExact), "ci_low": null(b.CILow),
		"ci_high": null(b.CIHigh), "reference": b.Reference, "suppressed": b.Suppressed,
	}
	row := make([]driver.Value, len(breakdownColumns))
	for i, c := range breakdownColumns {
		row[i] = byName[c]
	}
	return row
}

// breakdownColumns are the columns of the breakdowns table, in order.
var breakdownColumns = queries.Columns[Breakdown]()
