package wareki

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, fails only with ErrNotYear, and
// that every year it accepts from 昭和 on reads back the same through Label,
// the form charts and tables show to staff. Corpus: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2023", "令和５年度", "R5", "令和元年度", "平成31年度", "令和9年度末まで", "S1", "h31", "１９２６年度末"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		y, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrNotYear) {
				t.Fatalf("Parse(%q) error %v is not ErrNotYear", s, err)
			}
			return
		}
		if y < 1900 || y > 2200 {
			t.Fatalf("Parse(%q) = %d: outside 1900–2200", s, y)
		}
		if y < 1926 {
			return
		}
		label := Label(y)
		back, err := Parse(label)
		if err != nil || back != y {
			t.Fatalf("Parse(%q) = %d; Label = %q reads back as %d, %v", s, y, label, back, err)
		}
	})
}

// TestLabelReadsBack checks every year the fuzz invariant speaks of.
func TestLabelReadsBack(t *testing.T) {
	for y := 1926; y <= maxYear; y++ {
		if back, err := Parse(Label(y)); err != nil || back != y {
			t.Errorf("Label(%d) = %q reads back as %d, %v", y, Label(y), back, err)
		}
	}
	for _, s := range []string{"令和183年度", "R999", "平成300年度"} { // beyond 2200
		if y, err := Parse(s); !errors.Is(err, ErrNotYear) {
			t.Errorf("Parse(%q) = %d, %v; want ErrNotYear", s, y, err)
		}
	}
}
