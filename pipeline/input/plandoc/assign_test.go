package plandoc

import (
	"strings"
	"testing"
)

func readText(t *testing.T, lines ...string) Plan {
	t.Helper()
	p, err := ReadPlan(strings.Join(lines, "\n\n")+"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAssignByContentOverHeading: as in a PDF whose columns interleave,
// each 経営課題's indicators follow the other's heading; the 取組 the plan
// numbers under each 経営課題 tell them apart.
func TestAssignByContentOverHeading(t *testing.T) {
	p := readText(t, "令和5年度 鶴見区運営方針",
		"【1-1-1 災害への備えの強化】(予算額 1,000千円)",
		"【2-1-1 子育て支援の充実】(予算額 2,000千円)",
		"経営課題1 安全なまちづくり",
		"アウトカム指標",
		"①区民アンケートで「子育てしやすいまちだと感じる」と回答した子育て世帯の区民の割合を令和９年度末までに90％以上にする。",
		"経営課題2 子育てを応援するまちづくり",
		"アウトカム指標",
		"①区民アンケートで「災害への備えができている」と回答した区民の割合を令和９年度末までに75％以上にする。")
	if len(p.Indicators) != 2 {
		t.Fatalf("got %+v", p.Indicators)
	}
	for _, in := range p.Indicators {
		want := 1
		if strings.Contains(in.SourceText, "子育て") {
			want = 2
		}
		if in.IssueNo != want || hasNote(in.Review, "経営課題") {
			t.Errorf("%q: 経営課題%d (review %q), want %d without a note", in.SourceText, in.IssueNo, in.Review, want)
		}
	}
}

// TestAssignNumberingMakesGroups: a repeated ① starts the next 経営課題's
// indicators even without a label between them, and a group is assigned
// whole: ②, which shares nothing with any 経営課題, goes with its ①.
func TestAssignNumberingMakesGroups(t *testing.T) {
	p := readText(t, "令和5年度 鶴見区運営方針",
		"経営課題1 防犯のまちづくり", "経営課題2 広報の充実",
		"アウトカム指標",
		"①区民アンケートで「防犯の取組みが進んでいる」と回答した区民の割合を令和９年度末までに60％以上にする。",
		"②区民アンケートで「満足している」と回答した区民の割合を令和９年度末までに50％以上にする。",
		"①区民アンケートで「広報紙を読んでいる」と回答した区民の割合を令和９年度末までに70％以上にする。")
	got := map[string]int{}
	for _, in := range p.Indicators {
		got[in.Title] = in.IssueNo*10 + in.IndicatorNo
	}
	want := map[string]int{
		"防犯の取組みが進んでいると回答した区民の割合": 11,
		"満足していると回答した区民の割合":       12,
		"広報紙を読んでいると回答した区民の割合":    21,
	}
	for title, w := range want {
		if got[title] != w {
			t.Errorf("%s: 経営課題・番号 %d, want %d (all: %v)", title, got[title], w, got)
		}
	}
}

// TestAssignUndecidedIsNoted: what the text does not decide is said.
func TestAssignUndecidedIsNoted(t *testing.T) {
	t.Run("content says nothing", func(t *testing.T) {
		p := readText(t, "令和5年度 鶴見区運営方針", "経営課題1 Aのまちづくり", "経営課題2 Bのまちづくり", "アウトカム指標",
			"「満足している」と回答した区民の割合を令和９年度末までに50％以上にする。")
		in := p.Indicators[0]
		if in.IssueNo != 2 || !hasNote(in.Review, "直前の見出しから経営課題2") {
			t.Errorf("got 経営課題%d, review %q", in.IssueNo, in.Review)
		}
	})
	t.Run("more groups than 経営課題", func(t *testing.T) {
		p := readText(t, "令和5年度 鶴見区運営方針", "経営課題1 防犯のまちづくり", "アウトカム指標",
			"①「防犯の取組みが進んでいる」と回答した区民の割合を令和９年度末までに60％以上にする。",
			"①「広報紙を読んでいる」と回答した区民の割合を令和９年度末までに70％以上にする。")
		if p.Indicators[0].IssueNo != 1 || p.Indicators[1].IssueNo != 0 || !hasNote(p.Indicators[1].Review, "issue_no を記入") {
			t.Errorf("got %+v", p.Indicators)
		}
	})
	t.Run("no 経営課題", func(t *testing.T) {
		p := readText(t, "令和5年度 鶴見区運営方針", "アウトカム指標",
			"①「防犯の取組みが進んでいる」と回答した区民の割合を令和９年度末までに60％以上にする。")
		if p.Indicators[0].IssueNo != 0 || !hasNote(p.Indicators[0].Review, "経営課題の見出しがありません") {
			t.Errorf("got %+v", p.Indicators)
		}
	})
	t.Run("numbers skip", func(t *testing.T) {
		p := readText(t, "令和5年度 鶴見区運営方針", "経営課題1 防犯のまちづくり", "アウトカム指標",
			"①「防犯の取組みが進んでいる」と回答した区民の割合を令和９年度末までに60％以上にする。",
			"③「防犯カメラが役立つ」と回答した区民の割合を令和９年度末までに70％以上にする。")
		if !hasNote(p.Indicators[1].Review, "番号が1から続いていません") {
			t.Errorf("got %+v", p.Indicators)
		}
	})
}

// TestAssignOrderBreaksTies: with nothing in the sentences to go by and
// both groups after the last heading, the order of the 経営課題 decides,
// and says so.
func TestAssignOrderBreaksTies(t *testing.T) {
	p := readText(t, "令和5年度 鶴見区運営方針", "経営課題1 Aのまちづくり", "経営課題2 Bのまちづくり",
		"アウトカム指標", "①「満足している」と回答した区民の割合を令和９年度末までに50％以上にする。",
		"アウトカム指標", "①「納得している」と回答した区民の割合を令和９年度末までに40％以上にする。")
	first, second := p.Indicators[0], p.Indicators[1]
	if first.TargetPercent != 50 || first.IssueNo != 1 || !hasNote(first.Review, "並び順から経営課題1") {
		t.Errorf("first: %+v", first)
	}
	if second.IssueNo != 2 || !hasNote(second.Review, "直前の見出しから経営課題2") {
		t.Errorf("second: %+v", second)
	}
}
