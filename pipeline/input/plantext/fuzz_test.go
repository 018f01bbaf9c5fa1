package plantext

import (
	"math"
	"strings"
	"testing"
)

// FuzzExtract feeds arbitrary text to the extractor. Its corpus is
// testdata/fuzz/FuzzExtract (the seed sentences and odd forms).
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"区民アンケートで「安全」と回答した区民の割合を令和９年度末までに90％以上にする。",
		"「「入れ子」」と回答した校長・教頭の割合を2027年度までに5.5%以下",
		"「", "」「", "令和元年度まで", "99999年度まで100%以上",
	} {
		f.Add(s, 2023)
	}
	f.Fuzz(func(t *testing.T, text string, plan int) {
		st := Extract(text, plan)
		if st != Extract(text, plan) {
			t.Fatal("Extract is not deterministic")
		}
		switch st.Op {
		case "", AtLeast, AtMost:
		default:
			t.Fatalf("Op = %q", st.Op)
		}
		if st.Op != "" && (math.IsNaN(st.Percent) || st.Percent < 0 || st.Percent >= 1000) {
			t.Fatalf("Percent = %v", st.Percent)
		}
		if st.Op == "" && st.Percent != 0 {
			t.Fatalf("Percent %v without a target", st.Percent)
		}
		if st.Year != 0 && (st.Year < 1900 || st.Year > 2200) {
			t.Fatalf("Year = %d", st.Year)
		}
		if !strings.Contains(joinLines(text), st.Question) {
			t.Fatalf("Question %q is not in the text", st.Question)
		}
		switch st.Group {
		case "", GroupResidents, GroupParents, GroupPrincipals, GroupCommittee:
		default:
			t.Fatalf("Group = %q", st.Group)
		}
	})
}
