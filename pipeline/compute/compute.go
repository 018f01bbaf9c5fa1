// Package compute turns the loaded survey waves into the published actuals
// and breakdowns, with the statistics of docs/statistics.md.
package compute

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/queries"
)

// Estimate holds the sums over one indicator's domain in one wave, from
// which every statistic of the Actual is derived. w is the respondent's
// weight (1 in an unweighted wave), y is 1 for a positive answer.
type Estimate struct {
	IndicatorID int
	NWave       int // respondents in the whole wave (the survey design's n)
	NValid      int
	NPositive   int
	SumW        float64 `db:"sw"`   // Σw
	SumWY       float64 `db:"swy"`  // Σw·y
	SumW2       float64 `db:"sw2"`  // Σw²
	SumW2Y      float64 `db:"sw2y"` // Σw²·y
}

// Compute runs the estimates query, derives the published values and
// statistics (package stats), and replaces the actuals table with them. It runs inside the
// caller's transaction. Actuals come sorted by ward, plan year, issue,
// indicator and fiscal year.
func Compute(ctx context.Context, conn *sql.Conn) ([]Actual, error) {
	actuals, ests, err := estimates(ctx, conn)
	if err != nil {
		return nil, err
	}
	derive(actuals, ests)
	if err := store(ctx, conn, actuals); err != nil {
		return nil, err
	}
	return actuals, nil
}

// createDomainMacro (re)creates on conn the temporary macros that
// estimates and breakdowns share: the table macro that defines every
// indicator's domain (with SuppressBelow as the smallest filtered domain
// that is published) and the half-up rounding of published percentages.
func createDomainMacro(ctx context.Context, conn *sql.Conn) error {
	if err := queries.Exec(ctx, conn, "create_rounding_macro"); err != nil {
		return err
	}
	return queries.Exec(ctx, conn, "create_domain_macro")
}

// estimateRow is a row of the estimates query: the columns of an Actual
// that the query gives, the sums, and the published value in tenths.
type estimateRow struct {
	Actual
	Estimate
	Tenths int `db:"percent_tenths"`
}

func estimates(ctx context.Context, conn *sql.Conn) ([]Actual, []Estimate, error) {
	if err := createDomainMacro(ctx, conn); err != nil {
		return nil, nil, err
	}
	q, err := queries.Text("estimates")
	if err != nil {
		return nil, nil, err
	}
	rows, err := conn.QueryContext(ctx, q, SuppressBelow)
	if err != nil {
		return nil, nil, fmt.Errorf("query estimates: %w", err)
	}
	defer rows.Close()
	var actuals []Actual
	var ests []Estimate
	for rows.Next() {
		var r estimateRow
		if err := queries.ScanByName(rows, &r); err != nil {
			return nil, nil, fmt.Errorf("scan estimates: %w", err)
		}
		a, e := r.Actual, r.Estimate
		a.Percent = float64(r.Tenths) / 10
		a.Status = a.target().Status(a.Percent)
		e.IndicatorID, e.NWave, e.NValid, e.NPositive = a.IndicatorID, a.Respondents, a.NValid, a.NPositive
		actuals = append(actuals, a)
		ests = append(ests, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read estimates: %w", err)
	}
	return actuals, ests, nil
}

// derive fills the values that follow from the sums: those of each wave,
// then those that compare the waves of an indicator.
func derive(actuals []Actual, ests []Estimate) {
	props := make([]stats.Proportion, len(actuals))
	for i := range actuals {
		props[i] = waveStats(&actuals[i], ests[i])
	}
	trends(actuals, ests, props)
}

// waveStats fills the statistics of one wave and returns its proportion
// (zero when the domain is empty, which the estimates query never returns).
func waveStats(a *Actual, e Estimate) stats.Proportion {
	a.PercentExact = 100 * e.SumWY / e.SumW
	if e.NValid > 0 {
		a.PercentUnweighted = valid(100 * float64(e.NPositive) / float64(e.NValid))
	}
	p, err := stats.Estimate(e.sums())
	if err != nil {
		return stats.Proportion{}
	}
	if a.Weighted {
		a.NEffective = valid(p.NEff)
	}
	if ci, ok := p.CI(stats.Level); ok {
		a.CILow, a.CIHigh = valid(100*ci.Low), valid(100*ci.High)
	}
	return p
}

func (e Estimate) sums() stats.Sums {
	return stats.Sums{NWave: e.NWave, NValid: e.NValid, NPositive: e.NPositive,
		SumW: e.SumW, SumWY: e.SumWY, SumW2: e.SumW2, SumW2Y: e.SumW2Y}
}

func valid(v float64) sql.NullFloat64 { return sql.NullFloat64{Float64: v, Valid: true} }

// store replaces the actuals table with actuals, each inserted by column
// name (queries.Insert).
func store(ctx context.Context, conn *sql.Conn, actuals []Actual) error {
	if err := queries.Exec(ctx, conn, "create_actuals"); err != nil {
		return err
	}
	return queries.InsertAll(ctx, conn, "actuals", actuals)
}

func null(v sql.NullFloat64) any {
	if !v.Valid {
		return nil
	}
	return v.Float64
}
