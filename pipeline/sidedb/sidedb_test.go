package sidedb

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOpenFileRunsDuckDBOnOneThread: the refresh's databases are opened
// with refreshThreads, whatever the machine's cores.
func TestOpenFileRunsDuckDBOnOneThread(t *testing.T) {
	ctx := context.Background()
	db, conn, err := OpenFile(ctx, filepath.Join(t.TempDir(), "t.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer conn.Close()
	var threads string
	if err := conn.QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&threads); err != nil {
		t.Fatal(err)
	}
	if threads != refreshThreads {
		t.Errorf("threads = %s, want %s", threads, refreshThreads)
	}
}
