// Package queries holds shihyo's SQL, one named query per .sql file,
// embedded in the binary. Values are always bound with ?; no query text is
// ever built from input.
package queries

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
)

//go:embed *.sql
var files embed.FS

// Text returns the SQL of the query name (the file name without .sql).
func Text(name string) (string, error) {
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		return "", fmt.Errorf("read query %s: %w", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// Execer runs a statement; *sql.DB, *sql.Conn and *sql.Tx all do.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Exec runs the query name on db with args bound to its ? placeholders.
func Exec(ctx context.Context, db Execer, name string, args ...any) error {
	q, err := Text(name)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("run %s: %w", name, err)
	}
	return nil
}

// OpenReadOnly opens the DuckDB file at path read-only, and one
// connection to it, so that a command can read beside other readers;
// DuckDB refuses while a refresh holds the file for writing. path must
// not hold ? # or %: the DSN is parsed as a URL, and they would end the
// path and drop the read-only option (callers refuse such a path first).
func OpenReadOnly(ctx context.Context, path string) (*sql.DB, *sql.Conn, error) {
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err == nil {
		var conn *sql.Conn
		if conn, err = db.Conn(ctx); err == nil {
			return db, conn, nil
		}
		db.Close()
	}
	return nil, nil, fmt.Errorf("データベース %s を読み取り専用で開けません (shihyo refresh の実行中なら、終わってから実行してください): %w", path, err)
}
