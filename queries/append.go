package queries

import (
	"database/sql/driver"
	"fmt"

	"github.com/marcboeker/go-duckdb"
)

// AppendAll appends rows to one of our own tables (a constant name, never
// input) through DuckDB's Appender on the driver connection c (reached
// with sql.Conn.Raw), each row's columns in the order of its `db` tags,
// which is the order of the table's CREATE (the tests of each table check
// it). Values are converted to what the Appender takes: a driver.Valuer as
// its value (NULL as nil), and the columns named in decimals through their
// function, which returns the DECIMAL's integer (tenths for a
// DECIMAL(4,1)); the Appender converts any Go integer or float to the
// column's own numeric type. Prepared one-row INSERTs (InsertAll) cost
// about 0.4 ms a row; appended rows, microseconds.
func AppendAll[T any](c driver.Conn, table string, rows []T, decimals map[string]func(float64) int64) error {
	app, err := duckdb.NewAppenderFromConn(c, "", table)
	if err != nil {
		return fmt.Errorf("append %s: %w", table, err)
	}
	cols := Columns[T]()
	vals := make([]driver.Value, len(cols))
	for i := range rows {
		for k, v := range Values(&rows[i]) {
			vals[k] = appenderValue(v, decimals[cols[k]])
		}
		if err := app.AppendRow(vals...); err != nil {
			app.Close()
			return fmt.Errorf("append %s: %w", table, err)
		}
	}
	if err := app.Close(); err != nil {
		return fmt.Errorf("append %s: %w", table, err)
	}
	return nil
}

func appenderValue(v any, decimal func(float64) int64) driver.Value {
	if vr, ok := v.(driver.Valuer); ok {
		v, _ = vr.Value()
	}
	if n, ok := v.(float64); ok && decimal != nil {
		return decimal(n)
	}
	return v
}
