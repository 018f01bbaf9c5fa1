package sidedb

import (
	"context"
	"database/sql"
	"path/filepath"
	"runtime"
	"testing"
)

// TestOpenFileRunsDuckDBOnOneThread: the refresh's databases are opened
// with one thread (one_thread.sql), fewer than DuckDB takes by default on a machine of
// more cores, a path with a # included (a DSN's ?threads= would be its
// fragment there).
func TestOpenFileRunsDuckDBOnOneThread(t *testing.T) {
	ctx := context.Background()
	threads := func(conn *sql.Conn) int {
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	db, conn, err := OpenFile(ctx, filepath.Join(t.TempDir(), "a#b.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer conn.Close()
	if n := threads(conn); n != 1 {
		t.Errorf("threads = %d, want 1", n)
	}
	if runtime.NumCPU() == 1 {
		return
	}
	plain, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "plain.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	pc, err := plain.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	if n := threads(pc); n <= 1 {
		t.Errorf("DuckDB's default is %d threads here: the test shows nothing", n)
	}
}
