package responses

import (
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
)

// cells are forms staff type in a response file's cells: plain codes, and
// the ones the fast paths must leave to the general ones (spaces of every
// kind around, 全角 digits, signs, too many digits).
var cells = []string{"1", "9", "0", "007", "123456", "999999", "1000000", "9999999", " 1", "1 ", "\t2\r",
	"\u30001", "1\u3000", "\u00a03", "１", "1２", "-1", "+1", "1_0", "0x1", "1.0", "a", "1a", "\n", "", " ", "\x7f1"}

// TestShortCode: a cell that shortCode reads it reads as cell.ParseCode
// does; the others it leaves to ParseCode.
func TestShortCode(t *testing.T) {
	for _, s := range cells {
		n, ok := shortCode(s)
		if !ok {
			if len(s) <= 6 && s != "" && strings.Trim(s, "0123456789") == "" {
				t.Errorf("shortCode(%q) left to ParseCode", s)
			}
			continue
		}
		want, err := cell.ParseCode(s)
		if err != nil || n != want {
			t.Errorf("shortCode(%q) = %d; ParseCode gives %d, %v", s, n, want, err)
		}
	}
}

// TestFieldTrimmed: field returns what strings.TrimSpace does.
func TestFieldTrimmed(t *testing.T) {
	for _, s := range cells {
		if got := field(csvfile.Row{Fields: []string{s}}, 0); got != strings.TrimSpace(s) {
			t.Errorf("field(%q) = %q; want %q", s, got, strings.TrimSpace(s))
		}
	}
}
