package xlsxtext

import "testing"

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct{ raw, want string }{
		{"0", "0"}, {"-0", "0"}, {"1500", "1500"}, {"1500.0", "1500"}, {"1E2", "100"}, {"+7", "7"},
		{"0.30000000000000004", "0.3"}, {"1.0000000000000002", "1"}, {"0.9999999999999999", "1"},
		{"-2.5", "-2.5"}, {"1.23456789012345", "1.23456789012345"}, {"1.234567890123456", "1.23456789012346"},
		{"123456789012345", "123456789012345"}, {"999999999999999", "999999999999999"},
		{"1234567890123456", "1.23456789012346E+15"}, {"1E+20", "1E+20"}, {"123456789012345678", "1.23456789012346E+17"},
		{"0.0001", "0.0001"}, {"0.00012", "0.00012"}, {"0.00001", "1E-05"}, {"1.5E-7", "1.5E-07"}, {"-3e-300", "-3E-300"},
		{"1e-400", "0"}, {".5", "0.5"}, {"5.", "5"},
	} {
		if got, ok := formatNumber(c.raw); !ok || got != c.want {
			t.Errorf("formatNumber(%q) = %q, %v; want %q", c.raw, got, ok, c.want)
		}
	}
	for _, raw := range []string{"", "-", ".", "1e", "1e+", "0x10", "1_000", "Inf", "NaN", "1,500", " 1", "1e400", "１"} {
		if got, ok := formatNumber(raw); ok {
			t.Errorf("formatNumber(%q) = %q, want refused", raw, got)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy/m/d": true, "m/d": true, "h:mm:ss": true, "[h]:mm": true, "[ss]": true, "mm:ss.0": true,
		`[$-411]ggge"年"m"月"d"日"`: true, "yyyy年m月d日": true, "h:mm AM/PM": true, `[$-F800]dddd, mmmm dd, yyyy`: true,
		"General": false, "0": false, "#,##0": false, "0.00E+00": false, "0%": false, `#,##0"人"`: false,
		`"days"0`: false, `0\d`: false, `0_s`: false, `0*m`: false, "[Red]0": false, "[$-411]0": false,
		`[<=9999]0;"over"`: false, `"unclosed`: false, "[unclosed": false, "@": false, "": false,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestCellText(t *testing.T) {
	general := NewFormat(0, "")
	date := NewFormat(14, "")
	percent := NewFormat(9, "") // 0%
	for _, c := range []struct {
		c    Cell
		f    Format
		want string
		kind Kind
	}{
		{Cell{Type: "s", Value: "そう思う", HasValue: true}, general, "そう思う", 0},
		{Cell{Type: "s", Value: " 1 ", HasValue: true}, general, " 1 ", 0}, // text as it is
		{Cell{Type: "s", Value: "1", HasValue: true}, date, "1", 0},        // a date format shows text as text
		{Cell{Type: "str", Value: "ab", HasValue: true, Formula: true}, general, "ab", 0},
		{Cell{Type: "str", Value: "", HasValue: true, Formula: true}, general, "", 0}, // a formula giving ""
		{Cell{Type: "inlineStr", Value: "x_x000A_y", HasValue: true}, general, "x\ny", 0},
		{Cell{Type: "b", Value: "1", HasValue: true}, general, "TRUE", 0},
		{Cell{Type: "b", Value: "0", HasValue: true}, general, "FALSE", 0},
		{Cell{Type: "b", Value: "2", HasValue: true}, general, "", KindBadValue},
		{Cell{Type: "", Value: "0.30000000000000004", HasValue: true}, general, "0.3", 0},
		{Cell{Type: "n", Value: " 3 ", HasValue: true, Formula: true}, general, "3", 0},
		{Cell{Type: "n", Value: "45017", HasValue: true}, date, "", KindDate},
		{Cell{Type: "n", Value: "", HasValue: true}, date, "", 0},
		{Cell{Type: "", Value: "1,500", HasValue: true}, general, "", KindBadValue},
		{Cell{Type: "d", Value: "2023-04-01T00:00:00", HasValue: true}, general, "", KindDate},
		{Cell{Type: "e", Value: "#N/A", HasValue: true}, general, "#N/A", KindFormulaError},
		{Cell{Type: "e", Value: "山田太郎", HasValue: true}, general, "", KindFormulaError}, // not an error Value: never quoted
		{Cell{Type: "n", Formula: true}, general, "", KindNoValue},
		{Cell{Type: "str", Formula: true}, general, "", KindNoValue},
		{Cell{Type: "x", Value: "1", HasValue: true}, general, "", KindBadValue},
		{Cell{}, date, "", 0},
		// A percentage reads as staff see it: 90% is stored 0.9.
		{Cell{Type: "n", Value: "0.9", HasValue: true}, percent, "90%", 0},
		{Cell{Type: "n", Value: "0.905", HasValue: true}, percent, "90.5%", 0}, // the value, not 91% as 0% rounds it
		{Cell{Type: "n", Value: "0.60000000000000009", HasValue: true}, NewFormat(10, ""), "60%", 0},
		{Cell{Type: "n", Value: "1", HasValue: true}, NewFormat(164, `0.0"点"%`), "100%", 0},
		{Cell{Type: "n", Value: "-0.015", HasValue: true}, percent, "-1.5%", 0},
		{Cell{Type: "n", Value: "1E-7", HasValue: true}, percent, "1E-05%", 0},
		{Cell{Type: "n", Value: "12", HasValue: true}, NewFormat(164, `0"%"`), "12", 0}, // a quoted % is a literal sign
		{Cell{Type: "s", Value: "90", HasValue: true}, percent, "90", 0},                // text stays text
	} {
		got, kind := Text(c.c, c.f)
		if got != c.want || kind != c.kind {
			t.Errorf("Text(%+v, %d) = %q, %v; want %q, %v", c.c, c.f.id, got, kind, c.want, c.kind)
		}
	}
}

func TestUnescape(t *testing.T) {
	for s, want := range map[string]string{
		"plain": "plain", "a_x000D__x000A_b": "a\r\nb", "_x005F_x000D_": "_x000D_", "_x00e9_": "é",
		"_xD83D__xDE00_": "😀", "_xD83D_": "\uFFFD", "_xD83D_x": "\uFFFDx", "_x12_": "_x12_", "_xZZZZ_": "_xZZZZ_", "_x0041": "_x0041",
	} {
		if got := unescape(s); got != want {
			t.Errorf("unescape(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestIsPercentFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"0%": true, "0.00%": true, "#,##0.0%": true, "0%;[Red]-0%": true, `0.0"点"%`: true,
		"General": false, "0": false, `0"%"`: false, `0\%`: false, "[%]0": false, "@": false, "": false,
	} {
		if got := isPercentFormat(code); got != want {
			t.Errorf("isPercentFormat(%q) = %v, want %v", code, got, want)
		}
	}
}
