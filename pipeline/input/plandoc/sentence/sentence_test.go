package sentence

import "testing"

func TestTitleOf(t *testing.T) {
	cases := map[string]string{
		"区民アンケートで「安全で住みやすいまちと感じている」と回答した区民の割合を令和９年度末までに90％以上にする。":                                             "安全で住みやすいまちと感じていると回答した区民の割合",
		"区民アンケートで「鶴見区が実施する広報（区広報紙、区ホームページ、SNS、区広報板など）で、必要とする区政情報が必要なときに入手できている」と回答した区民の割合を令和９年度末までに75％以上にする。": "必要とする区政情報が必要なときに入手できていると回答した区民の割合",
		"災害時に限らず日常生活の中で、住民同士のつながり、支え合いが行われていると感じる区民の割合:60%以上":                                                 "支え合いが行われていると感じる区民の割合",
		"満足度を80%以上にする": "満足度を80%以上にする",
	}
	for src, want := range cases {
		if got := Title(src); got != want {
			t.Errorf("Title(%q) = %q, want %q", src, got, want)
		}
	}
}

func TestPieces(t *testing.T) {
	got := Pieces("①あ。 ②い③う。④")
	want := []Piece{{1, "あ。"}, {2, "い③う。"}}
	if len(got) != len(want) {
		t.Fatalf("pieces = %+v", got)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("piece %d = %+v, want %+v", k, got[k], want[k])
		}
	}
}
