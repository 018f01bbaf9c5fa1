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
	SumW        float64 // Σw
	SumWY       float64 // Σw·y
	SumW2       float64 // Σw²
	SumW2Y      float64 // Σw²·y
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
	if err := store(ctx, conn, actuals, ests); err != nil {
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
		var a Actual
		var e Estimate
		var tenths int
		if err := rows.Scan(&e.IndicatorID, &a.Ward, &a.PlanYear, &a.IssueNo, &a.IndicatorNo, &a.Title, &a.Population,
			&a.QuestionKey, &a.QuestionText, &a.SurveyID, &a.FiscalYear, &a.Mailed, &a.Respondents, &a.Weighted,
			&a.NValid, &a.NPositive, &e.SumW, &e.SumWY, &e.SumW2, &e.SumW2Y, &tenths,
			&a.TargetPercent, &a.TargetOp, &a.TargetYear); err != nil {
			return nil, nil, fmt.Errorf("scan estimates: %w", err)
		}
		a.Percent = float64(tenths) / 10
		a.Status = a.target().Status(a.Percent)
		e.NWave, e.NValid, e.NPositive = a.Respondents, a.NValid, a.NPositive
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

func store(ctx context.Context, conn *sql.Conn, actuals []Actual, ests []Estimate) error {
	if err := queries.Exec(ctx, conn, "create_actuals"); err != nil {
		return err
	}
	insert, err := queries.Text("insert_actual")
	if err != nil {
		return err
	}
	stmt, err := conn.PrepareContext(ctx, insert)
	if err != nil {
		return fmt.Errorf("prepare actuals: %w", err)
	}
	defer stmt.Close()
	for i, a := range actuals {
		if _, err := stmt.ExecContext(ctx, actualArgs(ests[i].IndicatorID, a)...); err != nil {
			return fmt.Errorf("insert actual %s %s: %w", a.Title, a.SurveyID, err)
		}
	}
	return nil
}

func actualArgs(id int, a Actual) []any {
	return []any{id, a.Ward, a.PlanYear, a.IssueNo, a.IndicatorNo, a.Title, a.Population, a.QuestionKey,
		a.QuestionText, a.SurveyID, a.FiscalYear, a.Mailed, a.Respondents, a.Weighted, a.NValid, a.NPositive,
		a.Percent, a.PercentExact, null(a.CILow), null(a.CIHigh), null(a.PercentUnweighted), null(a.NEffective),
		null(a.PreviousPercent), null(a.ChangePoints), string(a.ChangeFlag), string(a.Trajectory), null(a.ProjectedPercent),
		a.TargetPercent, a.TargetOp, a.TargetYear, string(a.Status), null(a.ChangePValue), null(a.PathPercent),
		null(a.PointsPerYearNeeded), null(a.ProjectedLow), null(a.ProjectedHigh)}
}

func null(v sql.NullFloat64) any {
	if !v.Valid {
		return nil
	}
	return v.Float64
}
