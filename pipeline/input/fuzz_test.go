package input

import (
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// FuzzParseFilter checks that every filter ParseFilter accepts is written
// back by FormatFilter in a form that reads as the same clauses, and that
// the written form is stable. Corpus: testdata/fuzz/FuzzParseFilter.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "kosodate=1", "kosodate=1 & nendai=5;6", "ｋｏｓｏｄａｔｅ＝１", "a=1、2,3", "k=1 & k=2", "a=;", "=1", "a_1=０１;+2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ParseFilter(s)
		if err != nil {
			return
		}
		text := FormatFilter(cs)
		back, err := ParseFilter(text)
		if err != nil {
			t.Fatalf("ParseFilter(%q) = %v, written %q, which does not parse: %v", s, cs, text, err)
		}
		if !slices.EqualFunc(cs, back, func(a, b model.Clause) bool { return a.Key == b.Key && slices.Equal(a.Codes, b.Codes) }) {
			t.Fatalf("ParseFilter(%q) = %v; written %q reads back as %v", s, cs, text, back)
		}
		if again := FormatFilter(back); again != text {
			t.Fatalf("FormatFilter is not stable: %q then %q", text, again)
		}
		for _, c := range cs {
			if !ValidKey(c.Key) || len(c.Codes) == 0 || !slices.IsSorted(c.Codes) {
				t.Fatalf("clause %+v of %q", c, s)
			}
		}
	})
}
