package csvsafe

import "testing"

func TestNeutralise(t *testing.T) {
	cases := map[string]string{
		`=HYPERLINK("http://evil.example/","x")`: `'=HYPERLINK("http://evil.example/","x")`,
		"@SUM(A1)":                               "'@SUM(A1)",
		"-1+2":                                   "'-1+2",
		"+区民課":                                   "'+区民課",
		"\t=1":                                   "'\t=1",
		"\r=1":                                   "'\r=1",
		"＝1+1":                                   "'＝1+1",
		"－はじめに":                                  "'－はじめに",
		"-5":                                     "-5",
		"-0.5":                                   "-0.5",
		"+3":                                     "+3",
		"1e3":                                    "1e3",
		"-Inf":                                   "'-Inf",
		"-":                                      "'-",
		"":                                       "",
		"60":                                     "60",
		"kosodate=1":                             "kosodate=1",
		"1;2":                                    "1;2",
		"区民アンケートで「住みやすい」": "区民アンケートで「住みやすい」",
	}
	for in, want := range cases {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestAll(t *testing.T) {
	got := All([]string{"=1+1", "-1.5", "鶴見区"})
	want := []string{"'=1+1", "-1.5", "鶴見区"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("All[%d] = %q; want %q", i, got[i], want[i])
		}
	}
}
