package across

import "testing"

// TestLabelsComparedLeniently: labels that differ only in 全角/半角, spaces
// or the CP932 forms of 〜 and − are the same label.
func TestLabelsComparedLeniently(t *testing.T) {
	for _, pair := range [][2]string{
		{"そう思う", "そう 思う"},
		{"そう思う", "そう　思う "},
		{"18〜29歳", "１８～２９歳"},
		{"A−B", "Ａ－Ｂ"},
		{"わからない(DK)", "わからない（ＤＫ）"},
	} {
		if labelKey(pair[0]) != labelKey(pair[1]) {
			t.Errorf("%q and %q compare different", pair[0], pair[1])
		}
	}
	for _, pair := range [][2]string{
		{"そう思う", "そう思わない"},
		{"わからない", "ワカラナイ"},
		{"どちらかと言えば", "どちらかといえば"},
	} {
		if labelKey(pair[0]) == labelKey(pair[1]) {
			t.Errorf("%q and %q compare the same", pair[0], pair[1])
		}
	}
}

func TestSameFileKey(t *testing.T) {
	same := [][2]string{
		{"responses/w2020.csv", "./responses/w2020.csv"},
		{"responses/w2020.csv", "Responses/W2020.CSV"},
		{"responses/w2020.csv", "responses//x/../w2020.csv"},
	}
	for _, p := range same {
		if sameFileKey(p[0]) != sameFileKey(p[1]) {
			t.Errorf("%q and %q are not the same file", p[0], p[1])
		}
	}
	if sameFileKey("responses/w2020.csv") == sameFileKey("responses/w2021.csv") {
		t.Error("two files compare the same")
	}
}

// TestNearest: a slip of one or two keys is suggested, a different name or
// a tie is not.
func TestNearest(t *testing.T) {
	for _, c := range []struct {
		s     string
		known []string
		want  string
	}{
		{"bosai", []string{"bousai", "koho", "kosodate"}, "bousai"},
		{"Kosodate", []string{"kosodate"}, "kosodate"},
		{"kodomo", []string{"kosodate"}, ""},
		{"w202", []string{"w2020", "w2021"}, ""}, // a tie
		{"q", []string{"qq"}, ""},                // too short to tell
		{"kouchou", []string{"kocho"}, "kocho"},
	} {
		if got, _ := nearest(c.s, c.known); got != c.want {
			t.Errorf("nearest(%q) = %q; want %q", c.s, got, c.want)
		}
	}
}
