package queries

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/marcboeker/go-duckdb"
)

// Querier runs a query; *sql.DB, *sql.Conn and *sql.Tx all do.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Each runs the query name on db with args bound to its ? placeholders and
// calls fn once for each row of the result, with rows on that row (fn
// scans it: rows.Scan, or ScanByName). It stops at fn's first error.
func Each(ctx context.Context, db Querier, name string, args []any, fn func(*sql.Rows) error) error {
	q, err := Text(name)
	if err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("run %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// All returns every row of the query name on db, args bound to its ?
// placeholders, each scanned into a T by column name (ScanByName).
func All[T any](ctx context.Context, db Querier, name string, args ...any) ([]T, error) {
	var out []T
	err := Each(ctx, db, name, args, func(rows *sql.Rows) error {
		var v T
		if err := ScanByName(rows, &v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// One runs the query name on db, args bound to its ? placeholders, and
// scans its one row into dest (sql.ErrNoRows when there is none).
func One(ctx context.Context, db interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, name string, args []any, dest ...any) error {
	q, err := Text(name)
	if err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return fmt.Errorf("run %s: %w", name, err)
	}
	return nil
}

// TableExists reports whether the database of db holds the table named
// table (one of ours, never a name from input).
func TableExists(ctx context.Context, db interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}, table string) (bool, error) {
	var exists bool
	err := One(ctx, db, "table_exists", []any{table}, &exists)
	return exists, err
}

// EachRecord runs the query name on conn through DuckDB's Arrow interface,
// args bound to its ? placeholders, and calls fn with each record batch of
// the result: for results of tens of thousands of rows, which Each would
// scan one value at a time. A record is valid only during fn.
func EachRecord(ctx context.Context, conn *sql.Conn, name string, args []any, fn func(arrow.Record) error) error {
	q, err := Text(name)
	if err != nil {
		return err
	}
	err = WithArrow(conn, func(ar *duckdb.Arrow) error {
		rr, err := ar.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rr.Release()
		for rr.Next() {
			if err := fn(rr.Record()); err != nil {
				return err
			}
		}
		return rr.Err()
	})
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}
