package compute

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/queries"
)

// checkColumns runs the CREATE query create on an empty database and
// compares the columns of table with want, the db tags of its Go struct:
// the INSERT, the Appender and the scans by name all follow the tags.
func checkColumns(t *testing.T, create, table string, want []string) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := queries.Exec(ctx, db, create); err != nil {
		t.Fatal(err)
	}
	got, err := queries.TableColumns(ctx, db, table)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s.sql makes %s with columns\n%v\nbut its Go struct lists\n%v", create, table, got, want)
	}
}

func TestActualColumns(t *testing.T) {
	checkColumns(t, "create_actuals", "actuals", queries.Columns[Actual]())
}

func TestBreakdownColumns(t *testing.T) {
	checkColumns(t, "create_breakdowns", "breakdowns", queries.Columns[Breakdown]())
}
