package manifest

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"github.com/shihyo/shihyo/queries"
)

// TestManifestColumns: the manifest table has the columns, in order, that
// the db tags of row name; it is written and read by those names.
func TestManifestColumns(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := queries.Exec(ctx, db, "create_manifest"); err != nil {
		t.Fatal(err)
	}
	got, err := queries.TableColumns(ctx, db, "manifest")
	if err != nil {
		t.Fatal(err)
	}
	if want := queries.Columns[row](); !slices.Equal(got, want) {
		t.Errorf("manifest has columns\n%v\nbut row lists\n%v", got, want)
	}
}
