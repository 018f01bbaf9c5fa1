package wareki

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, fails only with ErrNotYear, and
// that every year it accepts is within minYear–maxYear and reads back the
// same through Label, the form charts and tables show to staff. Corpus: testdata/fuzz/FuzzParse.
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
		if y < minYear || y > maxYear {
			t.Fatalf("Parse(%q) = %d: outside %d–%d", s, y, minYear, maxYear)
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
	for y := minYear; y <= maxYear; y++ {
		if back, err := Parse(Label(y)); err != nil || back != y {
			t.Errorf("Label(%d) = %q reads back as %d, %v", y, Label(y), back, err)
		}
	}
	for _, s := range []string{"令和83年度", "令和183年度", "R999", "平成300年度", "2101", "1925"} { // outside 1926–2100
		if y, err := Parse(s); !errors.Is(err, ErrNotYear) {
			t.Errorf("Parse(%q) = %d, %v; want ErrNotYear", s, y, err)
		}
	}
}
