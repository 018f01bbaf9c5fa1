// Package store writes what package compute publishes into the database's
// actuals and breakdowns tables, which the exports and analysts read.
package store

import (
	"context"
	"database/sql"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/queries"
)

// Store replaces the actuals and breakdowns tables with actuals and
// cells (compute.Publish), in the caller's transaction. A suppressed cell reaches the
// table as Publish left it: its row without numbers.
func Store(ctx context.Context, conn *sql.Conn, actuals []compute.Actual, cells []compute.Breakdown) error {
	if err := queries.Exec(ctx, conn, "create_actuals"); err != nil {
		return err
	}
	if err := queries.Exec(ctx, conn, "create_breakdowns"); err != nil {
		return err
	}
	if err := queries.InsertArrow(ctx, conn, "actuals", actuals, tenthsColumns); err != nil {
		return err
	}
	if err := queries.Exec(ctx, conn, "null_hidden_flows"); err != nil {
		return err
	}
	return queries.InsertArrow(ctx, conn, "breakdowns", cells, tenthsColumns)
}

// tenthsColumns are the DECIMAL(4,1) columns of actuals and breakdowns:
// exact tenths.
var tenthsColumns = map[string]queries.Decimal{
	"percent":          {Precision: 4, Scale: 1, Of: stats.Tenths},
	"previous_percent": {Precision: 4, Scale: 1, Of: stats.Tenths},
	"change_points":    {Precision: 4, Scale: 1, Of: stats.Tenths},
}
