// Package store writes what package compute publishes into the database's
// actuals and breakdowns tables, which the exports and analysts read.
package store

import (
	"context"
	"database/sql"
	"maps"
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/queries"
)

// Store replaces the actuals table with actuals, in the caller's
// transaction, and the breakdowns table with cells (compute.Publish), or,
// when waves is not nil, the rows of the waves it names only (merged with
// those of cells, mergeWaves): a wave's
// breakdowns are computed from its own sums and the definitions alone, so
// the rows of the other waves are the ones stored, if the definitions did
// not change (the caller's word). A suppressed cell reaches the table as
// Publish left it: its row without numbers.
func Store(ctx context.Context, conn *sql.Conn, actuals []compute.Actual, cells []compute.Breakdown, waves map[string]bool) error {
	if err := createFilled(ctx, conn, "create_actuals", "actuals", actuals); err != nil {
		return err
	}
	if err := queries.Exec(ctx, conn, "null_hidden_flows"); err != nil {
		return err
	}
	if waves == nil {
		return createFilled(ctx, conn, "create_breakdowns", "breakdowns", cells)
	}
	var changed []compute.Breakdown
	for _, c := range cells {
		if waves[c.SurveyID] {
			changed = append(changed, c)
		}
	}
	return mergeWaves(ctx, conn, changed, waves)
}

// createFilled creates table anew by the query create and inserts rows.
func createFilled[T any](ctx context.Context, conn *sql.Conn, create, table string, rows []T) error {
	if err := queries.Exec(ctx, conn, create); err != nil {
		return err
	}
	return queries.InsertArrow(ctx, conn, table, rows, tenthsColumns)
}

// mergeWaves makes the stored breakdowns of waves those of cells: the
// cells stored again get their new numbers in place, the others are
// deleted or inserted (update_wave_breakdowns.sql says why).
func mergeWaves(ctx context.Context, conn *sql.Conn, cells []compute.Breakdown, waves map[string]bool) error {
	if err := createFilled(ctx, conn, "create_new_breakdowns", "new_breakdowns", cells); err != nil {
		return err
	}
	if err := queries.Exec(ctx, conn, "update_wave_breakdowns"); err != nil {
		return err
	}
	for _, w := range slices.Sorted(maps.Keys(waves)) {
		if err := queries.Exec(ctx, conn, "delete_wave_breakdowns", w); err != nil {
			return err
		}
	}
	return queries.Exec(ctx, conn, "insert_wave_breakdowns")
}

// tenthsColumns are the DECIMAL(4,1) columns of actuals and breakdowns:
// exact tenths.
var tenthsColumns = map[string]queries.Decimal{
	"percent":          {Precision: 4, Scale: 1, Of: stats.Tenths},
	"previous_percent": {Precision: 4, Scale: 1, Of: stats.Tenths},
	"change_points":    {Precision: 4, Scale: 1, Of: stats.Tenths},
}
