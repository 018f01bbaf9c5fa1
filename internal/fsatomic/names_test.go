package fsatomic

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestOneTemporaryScheme: a staging folder, a side file and a temporary
// file written for a target all have one name form beside it,
// .<target>.tmp-*, and CleanStale of the target removes all of them (and a
// DuckDB WAL beside a side file), leaving every other name alone.
func TestOneTemporaryScheme(t *testing.T) {
	dir := t.TempDir()
	out, db := filepath.Join(dir, "out"), filepath.Join(dir, "shihyo.duckdb")
	staged, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	page, err := Temp(out, func(w io.Writer) error { _, err := io.WriteString(w, "status"); return err })
	if err != nil {
		t.Fatal(err)
	}
	side, err := CreateTemp(db)
	if err != nil {
		t.Fatal(err)
	}
	side.Close()
	if err := os.WriteFile(side.Name()+".wal", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, pattern string }{{staged, ".out.tmp-*"}, {page, ".out.tmp-*"}, {side.Name(), ".shihyo.duckdb.tmp-*"}} {
		if ok, _ := filepath.Match(c.pattern, filepath.Base(c.path)); !ok || filepath.Dir(c.path) != dir {
			t.Errorf("%s is not %s beside its target", c.path, c.pattern)
		}
	}
	for _, keep := range []string{"out", "shihyo.duckdb", "shihyo.runs.duckdb", ".out.lock", "shihyo.duckdb.lock", "out.tmp-1"} {
		if err := os.WriteFile(filepath.Join(dir, keep), nil, 0o644); err != nil && !os.IsExist(err) {
			t.Fatal(err)
		}
	}
	if err := CleanStale(out, discard); err != nil {
		t.Fatal(err)
	}
	if err := CleanStale(db, discard); err != nil {
		t.Fatal(err)
	}
	want := []string{".out.lock", "out", "out.tmp-1", "shihyo.duckdb", "shihyo.duckdb.lock", "shihyo.runs.duckdb"}
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("after CleanStale: %v; want %v", got, want)
	}
}
