package export

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/shihyo/shihyo/internal/csvsafe"
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

func TestPartitionValue(t *testing.T) {
	cases := map[string]string{
		"鶴見区": "鶴見区", "a/b": "a%2Fb", `c:\d`: "c%3A%5Cd", "x=y": "x%3Dy", "..": "%2E%2E", "50%": "50%25",
	}
	for in, want := range cases {
		if got := partitionValue(in); got != want {
			t.Errorf("partitionValue(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestDifference(t *testing.T) {
	cases := []struct {
		percent, target float64
		want            string
	}{
		{59.8, 60, "-0.2"}, {60, 60, "0.0"}, {71.3, 60, "11.3"}, {40.1, 25, "15.1"}, {60.3, 60.25, "0.05"}, {0, 50, "-50.0"},
	}
	for _, c := range cases {
		if got := difference(c.percent, c.target); got != c.want {
			t.Errorf("difference(%v, %v) = %q; want %q", c.percent, c.target, got, c.want)
		}
		if csvsafe.Neutralise(c.want) != c.want {
			t.Errorf("difference %q would be neutralised", c.want)
		}
	}
}

func TestCircled(t *testing.T) {
	for n, want := range map[int]string{1: "①", 20: "⑳", 21: "㉑", 35: "㉟", 36: "㊱", 50: "㊿", 51: "51"} {
		if got := circled(n); got != want {
			t.Errorf("circled(%d) = %q; want %q", n, got, want)
		}
	}
}
