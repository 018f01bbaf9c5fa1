package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	_ "github.com/marcboeker/go-duckdb" // the reference: DuckDB's own reader
)

// readCSVMode is the first argument with which the driver runs itself as
// the reference child process.
const readCSVMode = "-read-csv"

// referenceQuery is the yardstick of issue 16: DuckDB reading every response
// file into one table, all columns as text, with its default threads.
const referenceQuery = `CREATE TABLE responses AS
SELECT * FROM read_csv(?, union_by_name = true, all_varchar = true)`

// runReadCSV is the child: read_csv of DATA/responses/*.csv into a table of
// a new database file DB, which is closed (checkpointed) before it exits.
func runReadCSV(args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bench -read-csv DATA DB")
		return 2
	}
	data, dbPath := args[0], args[1]
	for _, p := range []string{dbPath, dbPath + ".wal"} {
		os.Remove(p)
	}
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	_, err = db.ExecContext(context.Background(), referenceQuery, filepath.Join(data, "responses", "*.csv"))
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
