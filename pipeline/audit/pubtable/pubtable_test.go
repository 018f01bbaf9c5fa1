package pubtable

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestEach: records are read after the header, with or without a BOM,
// fields by name (a repeated name is its last column; a missing one is
// ""); a file without a header or with a broken record is refused with
// its name, and fn's error ends the reading.
func TestEach(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, bom := range []string{"", "\ufeff"} {
		p := write("t.csv", bom+"a,b,a\n1,\"x,y\",2\n3,z,4\n")
		var got [][]string
		err := Each(context.Background(), p, func(r Row) error {
			c, ok := r.Lookup("c")
			if ok {
				c = "found"
			}
			got = append(got, []string{r.Get("a"), r.Get("b"), r.Get("c"), c})
			return nil
		})
		want := [][]string{{"2", "x,y", "", ""}, {"4", "z", "", ""}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("BOM %q: rows %q, %v; want %q", bom, got, err, want)
		}
	}
	if err := Each(context.Background(), write("empty.csv", ""), func(Row) error { return nil }); err == nil || !strings.Contains(err.Error(), "no header") {
		t.Errorf("empty file: %v", err)
	}
	broken := write("broken.csv", "a,b\n1,2\n3,\"4\n")
	var pe *csv.ParseError
	if err := Each(context.Background(), broken, func(Row) error { return nil }); !errors.As(err, &pe) || !strings.Contains(err.Error(), "broken.csv") {
		t.Errorf("broken record: %v, want a csv.ParseError naming broken.csv", err)
	}
	stop := errors.New("stop")
	calls := 0
	if err := Each(context.Background(), broken, func(Row) error { calls++; return stop }); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: %v after %d calls, want stop after 1", err, calls)
	}
}
