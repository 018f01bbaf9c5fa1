package store

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"testing"

	_ "github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/queries"
)

// TestDecisionsTable: the decisions table has the columns of
// compute.StoredDecisions, in order (the Appender writes them by
// position); a full store replaces every row, an incremental one the
// rows of the waves decided and of the waves gone only; the rows read
// back are those stored.
func TestDecisionsTable(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := queries.Exec(ctx, conn, "schema"); err != nil {
		t.Fatal(err)
	}
	got, err := queries.TableColumns(ctx, conn, "decisions")
	if want := queries.Columns[compute.StoredDecisions](); err != nil || !slices.Equal(got, want) {
		t.Fatalf("decisions has columns %v (%v); its Go row lists %v", got, err, want)
	}
	row := func(id string, b byte) compute.StoredDecisions {
		return compute.StoredDecisions{SurveyID: id, Fingerprint: []byte{b, 0, 1}, Data: []byte{1, b, 0}}
	}
	steps := []struct {
		reuse compute.Reuse
		full  bool
		want  map[string]compute.StoredDecisions
	}{
		{compute.Reuse{Decided: []compute.StoredDecisions{row("a", 1), row("b", 1), row("c", 1)}}, true,
			map[string]compute.StoredDecisions{"a": row("a", 1), "b": row("b", 1), "c": row("c", 1)}},
		{compute.Reuse{Decided: []compute.StoredDecisions{row("b", 2)}, Reused: 1, Gone: []string{"c"}}, false,
			map[string]compute.StoredDecisions{"a": row("a", 1), "b": row("b", 2)}},
		{compute.Reuse{Decided: []compute.StoredDecisions{row("d", 3)}}, true,
			map[string]compute.StoredDecisions{"d": row("d", 3)}},
	}
	for i, s := range steps {
		if err := StoreDecisions(ctx, conn, s.reuse, s.full); err != nil {
			t.Fatal(err)
		}
		got, err := Decisions(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, s.want) {
			t.Errorf("after store %d: %v; want %v", i, got, s.want)
		}
	}
}
