// Package queries holds shihyo's SQL, one named query per .sql file,
// embedded in the binary. Values are always bound with ?; no query text is
// ever built from input.
package queries

import (
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
