package plandoc

import (
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/plantext"
)

// onePlan is a minimal plan of year y: one 経営課題 and the given lines.
func onePlan(y string, lines ...string) string {
	return y + " 鶴見区運営方針\n\n経営課題1 安全で住みやすいまちづくり\n\n" + strings.Join(lines, "\n\n") + "\n"
}

func readOne(t *testing.T, text string) Indicator {
	t.Helper()
	p, err := ReadPlan(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Indicators) != 1 {
		t.Fatalf("got %d indicators, want 1: %+v", len(p.Indicators), p.Indicators)
	}
	checkAgreesWithExtract(t, p.Indicators[0])
	return p.Indicators[0]
}

// TestReadPlanSentenceForms: the indicator sentences in their real variety.
func TestReadPlanSentenceForms(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		kind     string
		pop      string
		percent  float64
		op       string
		year     int
		notes    []string // parts of review notes expected
		notNotes []string
	}{
		{"plan's era for a bare year, no direction", onePlan("令和3年度", "アウトカム指標", "①区民アンケートで「安全」と回答した区民の割合を3年度までに80パーセントにする。"),
			KindOutcome, "区民", 80, "", 2021, []string{"「以上」「以下」がありません", "元号がありません"}, nil},
		{"人 of the 区民アンケート, a 年度 deadline", onePlan("令和5年度", "アウトカム指標", "区民アンケートで「まちに愛着がある」と感じる人の割合が令和７年度までに75パーセント以上"),
			KindOutcome, "区民", 75, plantext.AtLeast, 2025, []string{"区民としました"}, []string{"元号がありません"}},
		{"process indicator, unknown population, no deadline", onePlan("令和5年度", "プロセス指標", "「講座が役に立った」と回答した参加者の割合を８０％以上にする。"),
			KindProcess, "", 80, plantext.AtLeast, 0, []string{"population", "target_year"}, nil},
		{"全角 digits and 以下", onePlan("令和5年度", "アウトカム指標", "②区民アンケートで「交通事故が心配」と回答した区民の割合を令和９年度末までに２５．５％以下にする。"),
			KindOutcome, "区民", 25.5, plantext.AtMost, 2027, nil, []string{"filter"}},
		{"子育て世帯", onePlan("令和5年度", "アウトカム指標", "①区民アンケートで「子育てしやすい」と回答した子育て世帯の区民の割合を令和９年度末までに90％以上にする。"),
			KindOutcome, "区民", 90, plantext.AtLeast, 2027, []string{"filter"}, nil},
		{"principals", onePlan("令和5年度", "アウトカム指標", "「ニーズが反映されている」と回答した校長・教頭の割合を令和９年度末までに90％以上にする。"),
			KindOutcome, plantext.GroupPrincipals, 90, plantext.AtLeast, 2027, nil, []string{"population"}},
		{"no label", onePlan("令和5年度", "区民アンケートで「安全」と回答した区民の割合を令和９年度末までに90％以上にする。"),
			KindOutcome, "区民", 90, plantext.AtLeast, 2027, []string{"見出しの下にない"}, nil},
		// 平成31年度 is 2019 (令和元年度): 31年度 is 平成31, not 令和31 (2049).
		{"平成31 in a plan of 2019", onePlan("平成31年度", "アウトカム指標", "区民アンケートで「安全」と回答した区民の割合を31年度末までに90％以上にする。"),
			KindOutcome, "区民", 90, plantext.AtLeast, 2019, []string{"元号がありません", "2019年度"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := readOne(t, c.text)
			if in.Kind != c.kind || in.Population != c.pop || in.TargetPercent != c.percent || in.TargetOp != c.op || in.TargetYear != c.year {
				t.Errorf("got %s %q %v%s %d; want %s %q %v%s %d", in.Kind, in.Population, in.TargetPercent, in.TargetOp, in.TargetYear,
					c.kind, c.pop, c.percent, c.op, c.year)
			}
			for _, n := range c.notes {
				if !hasNote(in.Review, n) {
					t.Errorf("review %q lacks %q", in.Review, n)
				}
			}
			for _, n := range c.notNotes {
				if hasNote(in.Review, n) {
					t.Errorf("review %q has %q", in.Review, n)
				}
			}
		})
	}
}

// TestReadPlanNotIndicators: sentences of the 自己評価 that report a
// result, and percentages that are no target, are no indicators.
func TestReadPlanNotIndicators(t *testing.T) {
	text := onePlan("令和5年度",
		"・いざという時の備えを始めたと回答した区民の割合が一定数あった。",
		"・アウトカム指標の割合は70％台の数字で推移してきた。",
		"・回答した区民の割合が60%以上となり、目標を達成した。")
	p, err := ReadPlan(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Indicators) != 0 {
		t.Errorf("got indicators %+v", p.Indicators)
	}
}

// TestReadPlanCellWithSeveralIndicators: a table cell may hold several
// numbered sentences and text after them.
func TestReadPlanCellWithSeveralIndicators(t *testing.T) {
	text := "令和5年度 鶴見区運営方針\n\n<p>【経営課題1 安全なまちづくり】</p>\t<p>アウトカム指標</p>\t" +
		"<p>①「安全だ」と回答した区民の割合を令和９年度末までに90％以上にする。②「防犯の取組が進んでいる」と回答した区民の割合を令和９年度末までに60％以上にする。（区民アンケート）</p>\n"
	p, err := ReadPlan(text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Indicators) != 2 {
		t.Fatalf("got %+v", p.Indicators)
	}
	for k, want := range []string{
		"「安全だ」と回答した区民の割合を令和９年度末までに90％以上にする。",
		"「防犯の取組が進んでいる」と回答した区民の割合を令和９年度末までに60％以上にする。",
	} {
		if in := p.Indicators[k]; in.SourceText != want || in.IndicatorNo != k+1 || in.IssueNo != 1 {
			t.Errorf("indicator %d: %+v", k+1, in)
		}
	}
}

// TestReadPlanLabelAboveSentence: a web page may put the label on the
// line above the first sentence, with no blank line between.
func TestReadPlanLabelAboveSentence(t *testing.T) {
	in := readOne(t, onePlan("令和5年度", "【プロセス指標】\n区民アンケートで「安全」と回答した区民の割合を令和９年度末までに90％以上にする。"))
	if in.Kind != KindProcess || hasNote(in.Review, "見出しの下にない") || in.SourceText != "区民アンケートで「安全」と回答した区民の割合を令和９年度末までに90％以上にする。" {
		t.Errorf("got %+v", in)
	}
}
