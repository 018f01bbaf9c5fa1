package pubtable

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
)

// TestEach: records are read after the header, with or without a BOM,
// fields by name (a repeated name is its last column; a missing one is
// ""); a missing file, one without a header or with a broken record, and
// fn's error (which ends the reading) are input errors at their line.
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
	// Each problem of the file is an input error naming it and the line.
	inputError := func(name string, err error, line int, msg string) {
		t.Helper()
		var ie *csvfile.InputError
		if !errors.As(err, &ie) || filepath.Base(ie.File) != name || ie.Line != line || !strings.Contains(ie.Msg, msg) {
			t.Errorf("%s: %v; want an input error at line %d saying %q", name, err, line, msg)
		}
	}
	none := func(Row) error { return nil }
	inputError("empty.csv", Each(context.Background(), write("empty.csv", ""), none), 0, "見出しの行がありません")
	inputError("none.csv", Each(context.Background(), filepath.Join(dir, "none.csv"), none), 0, "shihyo refresh で公開したフォルダ")
	broken := write("broken.csv", "a,b\n1,2\n3,\"4\n")
	inputError("broken.csv", Each(context.Background(), broken, none), 3, "CSV として読めません")
	calls := 0
	err := Each(context.Background(), broken, func(Row) error { calls++; return errors.New("b が整数ではありません") })
	inputError("broken.csv", err, 2, "b が整数ではありません")
	if calls != 1 {
		t.Errorf("fn was called %d times after its error; want 1", calls)
	}
}
