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
