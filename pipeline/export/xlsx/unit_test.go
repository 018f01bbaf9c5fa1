package xlsx

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestSheetNames(t *testing.T) {
	groups := []sheetGroup{
		{ward: "鶴見区", planYear: 2022}, {ward: "鶴見区", planYear: 2023},
		{ward: "東住吉区", planYear: 2023},
		{ward: "'[中央]/区:*?'", planYear: 2023},
		{ward: strings.Repeat("長い名前の区", 8), planYear: 2023},
		{ward: strings.Repeat("長い名前の区", 8) + "その二", planYear: 2023},
		{ward: "𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷", planYear: 2023},
	}
	got := sheetNames(groups)
	want := []string{"鶴見区 令和4年度", "鶴見区 令和5年度", "東住吉区", "_中央__区___"}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("sheet %d = %q; want %q", i, got[i], w)
		}
	}
	seen := map[string]bool{}
	for _, name := range got {
		if n := len(utf16.Encode([]rune(name))); n > 31 || n == 0 {
			t.Errorf("%q has %d UTF-16 units", name, n)
		}
		if strings.ContainsAny(name, `:\/?*[]`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
			t.Errorf("%q is not a valid sheet name", name)
		}
		if seen[strings.ToLower(name)] {
			t.Errorf("%q is used twice", name)
		}
		seen[strings.ToLower(name)] = true
	}
}
