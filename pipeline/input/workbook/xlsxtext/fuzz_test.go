package xlsxtext

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCellText feeds arbitrary cells and number formats to the conversion
// of a stored cell to the text staff see (Text, with NewFormat and
// its format scanner). It must never panic and always give the same
// answer; a problem has no text but a known error value; a number reads
// as a decimal of at most 15 significant digits that reads as itself
// again; text is the stored text, escapes decoded, and stays UTF-8.
func FuzzCellText(f *testing.F) {
	f.Add("", "0.30000000000000004", true, false, 0, "")
	f.Add("n", "1500", true, false, 3, "")
	f.Add("", "45017", true, false, 0, `[$-411]ggge"年"m"月"d"日"`)
	f.Add("", "45017.5", true, true, 0, `[h]:mm;"x"\d_m*s`)
	f.Add("n", "1.23456789012345678E+300", true, false, 0, "0.00E+00")
	f.Add("s", "a_x000D__xD83D__xDE00_b", true, false, 14, "")
	f.Add("e", "#DIV/0!", true, true, 0, "")
	f.Add("b", "1", true, false, 0, "")
	f.Add("str", "", false, true, 0, "")
	f.Add("d", "2023-04-01", true, false, 0, "")
	f.Fuzz(func(t *testing.T, typ, value string, hasValue, formula bool, id int, code string) {
		c := Cell{Type: typ, Value: value, HasValue: hasValue, Formula: formula}
		nf := NewFormat(id, code)
		text, kind := Text(c, nf)
		if text2, kind2 := Text(c, NewFormat(id, code)); text2 != text || kind2 != kind {
			t.Fatalf("not deterministic: %q %v, then %q %v", text, kind, text2, kind2)
		}
		switch {
		case kind < 0 || kind > KindBadValue:
			t.Fatalf("unknown kind %d", kind)
		case kind == KindFormulaError:
			if text != "" && !errorValues[text] {
				t.Fatalf("error cell gives %q, no error value", text)
			}
		case kind != 0:
			if text != "" {
				t.Fatalf("problem %v with text %q", kind, text)
			}
		case typ == "" || typ == "n":
			// A percentage format shows the number × 100 with its sign.
			if nf.percent {
				if text != "" && !strings.HasSuffix(text, "%") {
					t.Fatalf("number %q in a percentage format has no %%", text)
				}
				text = strings.TrimSuffix(text, "%")
			}
			checkNumber(t, text)
		case typ == "s" || typ == "str" || typ == "inlineStr":
			if text != unescape(value) || (utf8.ValidString(value) && !utf8.ValidString(text)) {
				t.Fatalf("text %q of stored %q", text, value)
			}
		}
	})
}

func checkNumber(t *testing.T, text string) {
	t.Helper()
	if text == "" {
		return
	}
	if again, ok := formatNumber(text); !ok || again != text {
		t.Fatalf("number %q reads as %q, %v", text, again, ok)
	}
	if _, err := strconv.ParseFloat(text, 64); err != nil || strings.ContainsRune(text, 'e') || text[0] == '+' {
		t.Fatalf("number %q is not written as Excel writes one (%v)", text, err)
	}
	mant, _, _ := strings.Cut(strings.TrimLeft(text, "-"), "E")
	digits := strings.Trim(strings.Replace(mant, ".", "", 1), "0")
	if len(digits) > 15 {
		t.Fatalf("number %q has more than 15 significant digits", text)
	}
}
