package history

import (
	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/shihyo/shihyo/dashboards/status"
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

// TestRunsBeforeRemoved: a history made before the removed column gains
// it; its runs read as having removed nothing, and a new run's removed
// waves are read back.
func TestRunsBeforeRemoved(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	old := `CREATE TABLE runs (run_id BIGINT NOT NULL, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP,
		triggered_by VARCHAR NOT NULL, pid INTEGER NOT NULL, changed VARCHAR NOT NULL DEFAULT '',
		reloaded VARCHAR NOT NULL DEFAULT '', respondents INTEGER NOT NULL DEFAULT 0, answers BIGINT NOT NULL DEFAULT 0,
		actuals INTEGER NOT NULL DEFAULT 0, outcome VARCHAR NOT NULL, error VARCHAR NOT NULL DEFAULT '');
		INSERT INTO runs VALUES (1, TIMESTAMP '2026-04-01 00:00:00', TIMESTAMP '2026-04-01 00:01:00', 'cli', 1, 'a.csv', 'w1', 10, 20, 3, 'ok', '')`
	if _, err := conn.ExecContext(ctx, old); err != nil {
		t.Fatal(err)
	}
	// Read as export reads it (read only: not migrated yet).
	if p, err := Page(ctx, conn, time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), nil); err != nil || len(p.Recent) != 1 || p.LastOK == nil || len(p.Recent[0].Removed) != 0 {
		t.Fatalf("the history before the column, read: %+v, %v", p, err)
	}
	r, err := Start(ctx, conn, "cli", time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	r.Ended, r.Outcome, r.Removed = r.Started.Add(time.Minute), status.OK, []string{"w1", "w2"}
	if err := Finish(ctx, conn, r); err != nil {
		t.Fatal(err)
	}
	p, err := Page(ctx, conn, r.Ended, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Recent) != 2 || !slices.Equal(p.Recent[0].Removed, []string{"w1", "w2"}) || len(p.Recent[1].Removed) != 0 ||
		!slices.Equal(p.Recent[1].Reloaded, []string{"w1"}) {
		t.Errorf("runs read back: %+v", p.Recent)
	}
}
