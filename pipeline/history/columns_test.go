package history

import (
	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/queries"
)

// TestRunColumns: the runs table has the columns, in order, that the db
// tags of row name; the runs are read back by those names.
func TestRunColumns(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := queries.Exec(ctx, db, "create_runs"); err != nil {
		t.Fatal(err)
	}
	got, err := queries.TableColumns(ctx, db, "runs")
	if err != nil {
		t.Fatal(err)
	}
	if want := queries.Columns[row](); !slices.Equal(got, want) {
		t.Errorf("runs has columns\n%v\nbut row lists\n%v", got, want)
	}
}
