package plantext

import (
	"os"
	"strings"
	"testing"
)

// readSentences returns the blank-line separated sentences of a testdata
// file, with their line breaks as printed.
func readSentences(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, block := range strings.Split(string(b), "\n\n") {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			if l != "" && !strings.HasPrefix(l, "#") {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	return out
}

func TestExtractTsurumiR5(t *testing.T) {
	sentences := readSentences(t, "testdata/tsurumi_r5.txt")
	want := []Statement{
		{60, AtLeast, 2027, "日常生活の中で『お元気ですか』や『何かお困りですか？』など住民同士の『声かけ』『見守り』『支え合い』が行われていると感じる", GroupResidents, false},
		{80, AtLeast, 2027, "運動や食生活など、健康に関する取組みを行っている", GroupResidents, false},
		{90, AtLeast, 2023, "地活協の構成団体が、地域特性に即した地域課題の解決に向けた取組みが自律的に進められている状態にあると思う", GroupCommittee, false},
		{90, AtLeast, 2027, "鶴見区は子育てしやすいまちだと感じている", GroupParents, false},
		{90, AtLeast, 2027, "学校や保護者のニーズ、意向が教育行政に反映されていると思う", GroupPrincipals, false},
		{75, AtLeast, 2027, "まなびを通してつながりを感じている", GroupResidents, false},
		{50, AtLeast, 2027, "人権尊重のまちづくりが進んでいる", GroupResidents, false},
		{75, AtLeast, 2027, "鶴見区で実施している取組み（区民の防災意識の向上や地域防災力の強化に向けた支援など）が、今後の災害に対する備えにつながっていると感じる", GroupResidents, false},
		{90, AtLeast, 2027, "安全で住みやすいまちと感じている", GroupResidents, false},
		{75, AtLeast, 2027, "鶴見区が実施する広報（区広報紙、区ホームページ、SNS、区広報板など）で、必要とする区政情報が必要なときに入手できている", GroupResidents, false},
		{80, AtLeast, 2027, "日頃から意識してSDGｓに取組んでいる", GroupResidents, false},
	}
	if len(sentences) != len(want) {
		t.Fatalf("testdata has %d sentences; want %d", len(sentences), len(want))
	}
	for i, s := range sentences {
		got := Extract(s, 2023)
		if got != want[i] {
			t.Errorf("sentence %d:\n got %+v\nwant %+v", i+1, got, want[i])
		}
	}
}

func TestExtractForms(t *testing.T) {
	cases := []struct {
		name, text string
		plan       int
		want       Statement
	}{
		{"no deadline", "「住みにくい」の割合を25%以下にする", 2022, Statement{Percent: 25, Op: AtMost, Question: "住みにくい"}},
		{"bare percent", "支え合いを感じる区民の割合を60%以上にする", 0, Statement{Percent: 60, Op: AtLeast, Group: GroupResidents}},
		{"vision", "災害時に限らず日常生活の中で、住民同士のつながり、支え合いが行われていると感じる区民の割合:60%以上", 0,
			Statement{Percent: 60, Op: AtLeast, Group: GroupResidents}},
		{"era from plan", "区民アンケートで「安全」と回答した区民の割合を9年度末までに90％以上にする。", 2023,
			Statement{90, AtLeast, 2027, "安全", GroupResidents, true}},
		{"era unknown", "区民の割合を9年度末までに90％以上にする。", 0, Statement{Percent: 90, Op: AtLeast, Group: GroupResidents}},
		{"western year", "区民の割合を2027年度末までに６０．５％以上にする。", 0, Statement{60.5, AtLeast, 2027, "", GroupResidents, false}},
		{"heisei", "区民の割合を平成31年度までに40%以上にする", 0, Statement{40, AtLeast, 2019, "", GroupResidents, false}},
		{"gannen", "区民の割合を令和元年度末までに40%以上にする", 0, Statement{40, AtLeast, 2019, "", GroupResidents, false}},
		{"baseline first", "区民の割合を令和5年度の55%から令和9年度末までに60%以上にする", 0, Statement{60, AtLeast, 2027, "", GroupResidents, false}},
		{"nested quotes", "「「声かけ」が行われている」と回答した区民の割合を60%以上にする", 0,
			Statement{60, AtLeast, 0, "「声かけ」が行われている", GroupResidents, false}},
		{"unclosed quote", "「声かけ と回答した区民の割合を60%以上にする", 0, Statement{Percent: 60, Op: AtLeast, Group: GroupResidents}},
		{"CRLF and spaces", "区民アンケートで「安全」と回答した区\r\n  民の割合を令和\r\n９年度末までに90\r\n％以上にする。", 0,
			Statement{90, AtLeast, 2027, "安全", GroupResidents, false}},
		{"half-width katakana dot", "「ニーズ」と回答した校長･教頭の割合を90%以上", 0, Statement{90, AtLeast, 0, "ニーズ", GroupPrincipals, false}},
		{"no target", "子育て世帯の割合", 0, Statement{Group: GroupParents}},
		{"percent of thousand", "区民の割合を1000%以上にする", 0, Statement{Group: GroupResidents}},
		{"empty", "", 2023, Statement{}},
		// An era-less deadline is read in the plan's era family, at or after the plan's year.
		{"heisei 31 in a plan of 2019", "区民の割合を31年度末までに90％以上にする。", 2019, Statement{90, AtLeast, 2019, "", GroupResidents, true}},
		{"reiwa in a plan of heisei 30", "区民の割合を2年度末までに90％以上にする。", 2018, Statement{90, AtLeast, 2020, "", GroupResidents, true}},
		{"a past bare year keeps the plan's era", "区民の割合を3年度までに80%以上にする。", 2023, Statement{80, AtLeast, 2021, "", GroupResidents, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Extract(c.text, c.plan); got != c.want {
				t.Errorf("Extract(%q)\n got %+v\nwant %+v", c.text, got, c.want)
			}
		})
	}
}

func TestStatementString(t *testing.T) {
	st := Statement{Percent: 60, Op: AtLeast, Year: 2027}
	if got := st.String(); got != "令和9年度末までに60%以上" {
		t.Errorf("String = %q", got)
	}
	if got := (Statement{Percent: 25.5, Op: AtMost}).String(); got != "25.5%以下" {
		t.Errorf("String = %q", got)
	}
}
