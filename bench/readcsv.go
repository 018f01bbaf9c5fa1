package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	_ "github.com/marcboeker/go-duckdb" // the reference: DuckDB's own reader

	"github.com/shihyo/shihyo/queries"
)

// readCSVMode is the first argument with which the driver runs itself as
// the reference child process.
const readCSVMode = "-read-csv"

// runReadCSV is the child: read_csv of DATA/responses/*.csv into a table of
// a new database file DB (queries/bench_read_csv.sql), which is closed
// (checkpointed) before it exits.
func runReadCSV(ctx context.Context, args []string) int {
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
	err = queries.Exec(ctx, db, "bench_read_csv", filepath.Join(data, "responses", "*.csv"))
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
