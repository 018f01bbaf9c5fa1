package queries

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
)

// waveRow is what select_waves returns.
type waveRow struct {
	ID          int32  `db:"wave_id"`
	SurveyID    string `db:"survey_id"`
	Respondents int    `db:"respondents"`
	Scale       int    `db:"weight_scale"`
}

// wavesConn is a connection to a new in-memory database whose waves table
// holds three rows.
func wavesConn(t *testing.T) *sql.Conn {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_, err = conn.ExecContext(ctx, `CREATE TABLE waves (wave_id INTEGER, survey_id VARCHAR, respondents INTEGER, weight_scale INTEGER);
		INSERT INTO waves VALUES (2, 'b', 20, 0), (1, 'a', 10, 1), (3, 'c', 30, 0)`)
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

func TestAllScansEveryRowByName(t *testing.T) {
	ctx := context.Background()
	conn := wavesConn(t)
	got, err := All[waveRow](ctx, conn, "select_waves")
	if err != nil {
		t.Fatal(err)
	}
	want := []waveRow{{1, "a", 10, 1}, {2, "b", 20, 0}, {3, "c", 30, 0}}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	// A struct without one of the selected columns disagrees with the query.
	if _, err := All[struct {
		ID int32 `db:"wave_id"`
	}](ctx, conn, "select_waves"); err == nil {
		t.Error("a result column without a field was scanned")
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	ctx := context.Background()
	conn := wavesConn(t)
	stop := errors.New("stop")
	calls := 0
	err := Each(ctx, conn, "select_waves", nil, func(*sql.Rows) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("err %v after %d calls, want %v after 1", err, calls, stop)
	}
	if err := Each(ctx, conn, "no_such_query", nil, func(*sql.Rows) error { return nil }); err == nil {
		t.Error("an unknown query ran")
	}
}

func TestOne(t *testing.T) {
	ctx := context.Background()
	conn := wavesConn(t)
	var name string
	if err := One(ctx, conn, "table_columns", []any{"waves"}, &name); err != nil || name != "wave_id" {
		t.Errorf("first column %q (%v), want wave_id", name, err)
	}
	if err := One(ctx, conn, "table_columns", []any{"nothing"}, &name); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("no table: %v, want sql.ErrNoRows", err)
	}
}

func TestEachRecordReadsEveryRow(t *testing.T) {
	ctx := context.Background()
	conn := wavesConn(t)
	var ids []int32
	err := EachRecord(ctx, conn, "select_waves", nil, func(rec arrow.Record) error {
		col, ok := rec.Column(0).(interface{ Value(int) int32 })
		if !ok {
			return errors.New("wave_id is not INTEGER")
		}
		for i := range int(rec.NumRows()) {
			ids = append(ids, col.Value(i))
		}
		return nil
	})
	if err != nil || len(ids) != 3 || ids[0] != 1 || ids[2] != 3 {
		t.Errorf("ids %v (%v), want [1 2 3]", ids, err)
	}
	cols, err := TableColumns(ctx, conn, "waves")
	if err != nil || len(cols) != 4 || cols[3] != "weight_scale" {
		t.Errorf("columns %v (%v)", cols, err)
	}
}
