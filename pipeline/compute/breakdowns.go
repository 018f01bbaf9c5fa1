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
type Breakdown struct {
	IndicatorID   int
	Ward          string
	PlanYear      int
	IssueNo       int
	IndicatorNo   int
	Title         string
	SurveyID      string
	FiscalYear    int
	Weighted      bool
	AttributeKey  string
	AttributeText string
	Code          sql.NullInt64 // NULL: the attribute was left blank (無回答)
	Label         string        // the code's label in choices.csv, or 無回答
	Suppressed    bool
	Reference     bool // 参考値: SuppressBelow ≤ n ≤ ReferenceUpTo

	NValid       sql.NullInt64
	Percent      sql.NullFloat64 // rounded half up to one decimal, like Actual.Percent
	PercentExact sql.NullFloat64
	CILow        sql.NullFloat64 // 95% logit interval, as for Actual
	CIHigh       sql.NullFloat64
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

// cellSums are the nullable sums of a cell; NULL when it is suppressed.
type cellSums struct {
	nWave              int
	nValid, nPositive  sql.NullInt64
	sw, swy, sw2, sw2y sql.NullFloat64
	tenths             sql.NullInt64
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
		var b Breakdown
		var s cellSums
		if err := rows.Scan(&b.IndicatorID, &b.Ward, &b.PlanYear, &b.IssueNo, &b.IndicatorNo, &b.Title,
			&b.SurveyID, &b.FiscalYear, &s.nWave, &b.Weighted, &b.AttributeKey, &b.AttributeText, &b.Code,
			&b.Label, &b.Suppressed, &s.nValid, &s.nPositive, &s.sw, &s.swy, &s.sw2, &s.sw2y,
			&s.tenths); err != nil {
			return nil, fmt.Errorf("scan breakdowns: %w", err)
		}
		cellStats(&b, s)
		cells = append(cells, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read breakdowns: %w", err)
	}
	return cells, nil
}

// cellStats fills the values of a published cell from its sums.
func cellStats(b *Breakdown, s cellSums) {
	if b.Suppressed || !s.nValid.Valid || !s.tenths.Valid {
		return
	}
	b.NValid = s.nValid
	b.Reference = s.nValid.Int64 <= ReferenceUpTo
	b.Percent = valid(float64(s.tenths.Int64) / 10)
	p, err := stats.Estimate(stats.Sums{NWave: s.nWave, NValid: int(s.nValid.Int64),
		NPositive: int(s.nPositive.Int64), SumW: s.sw.Float64, SumWY: s.swy.Float64,
		SumW2: s.sw2.Float64, SumW2Y: s.sw2y.Float64})
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

// breakdownRow is b in the column order and Go types the Appender needs
// (int32 for INTEGER, duckdb.Decimal for DECIMAL, nil for NULL).
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
	return []driver.Value{int32(b.IndicatorID), b.Ward, int32(b.PlanYear), int32(b.IssueNo), int32(b.IndicatorNo),
		b.Title, b.SurveyID, int32(b.FiscalYear), b.Weighted, b.AttributeKey, b.AttributeText, code, b.Label,
		b.Suppressed, b.Reference, n, percent, null(b.PercentExact), null(b.CILow), null(b.CIHigh)}
}
