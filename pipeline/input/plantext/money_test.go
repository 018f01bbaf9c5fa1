package plantext

import (
	"testing"
)

func TestThousandYen(t *testing.T) {
	cases := []struct {
		intPart, frac, unit string
		want                int64
		ok                  bool
	}{
		{"28,412", "", "千円", 28412, true},
		{"46", "", "百万円", 46000, true},
		{"1", "5", "百万円", 1500, true},
		{"1", "250", "百万円", 1250, true},
		{"1", "2345", "百万円", 0, false}, // 1,234.5千円
		{"3", "", "万円", 30, true},
		{"2", "", "億円", 200000, true},
		{"12", "5", "千円", 0, false},
		{"999999999999", "", "億円", 0, false},
		{"1", "", "円", 0, false},
	}
	for _, c := range cases {
		got, ok := thousandYen(c.intPart, c.frac, c.unit)
		if got != c.want || ok != c.ok {
			t.Errorf("thousandYen(%q, %q, %q) = %d, %v; want %d, %v", c.intPart, c.frac, c.unit, got, ok, c.want, c.ok)
		}
	}
}

// TestActionAmountSpellings: every spelling of an amount after a 取組.
func TestActionAmountSpellings(t *testing.T) {
	p := readText(t, "令和5年度 鶴見区運営方針", "経営課題1 安全なまちづくり",
		"【1-1-1 取組A】（予算額　２８，４１２千円）　全角の括弧と数字",
		"【具体的取組1-1-2】取組B 《5,237千円》 二重山括弧",
		"【1-1-3 取組C】(決算額 ４６百万円)",
		"【1-1-4 取組D】(4年度決算額 1.5百万円)",
		"【1-1-5 取組E】 金額のない取組。説明に 3,000千円 とあっても金額ではない")
	want := []struct {
		no, title string
		amount    int64
		kind      string
		year      int
	}{
		{"1-1-1", "取組A", 28412, Budgeted, 2023},
		{"1-1-2", "取組B", 5237, Budgeted, 2023},
		{"1-1-3", "取組C", 46000, Settled, 2023},
		{"1-1-4", "取組D", 1500, Settled, 2022},
		{"1-1-5", "取組E", 0, "", 0},
	}
	if len(p.Actions) != len(want) {
		t.Fatalf("got %+v", p.Actions)
	}
	for k, w := range want {
		a := p.Actions[k]
		if a.ActionNo != w.no || a.Title != w.title || a.ThousandYen != w.amount || a.BudgetKind != w.kind || a.FiscalYear != w.year {
			t.Errorf("action %d: got %+v, want %+v", k, a, w)
		}
	}
	if !hasNote(p.Actions[1].Review, "予算か決算か") {
		t.Errorf("《5,237千円》 without a header: review %q", p.Actions[1].Review)
	}
}

// TestIssueBudgetRows: the 共通様式 rows of 経営課題 amounts, however the
// text scatters them, and what cannot be paired.
func TestIssueBudgetRows(t *testing.T) {
	t.Run("scattered", func(t *testing.T) {
		p := readText(t, "令和5年度 鶴見区運営方針",
			"3決算額 4予算額 5予算額", "経営課題1 安全なまちづくり", "１０百万円 １１百万円",
			"経営課題2 広報の充実", "１２百万円", "3決算額 ２０百万円 4予算額", "関係のない段落", "２３百万円 5予算額 ２６百万円")
		want := []struct {
			issue, year int
			kind        string
			amount      int64
		}{
			{1, 2021, Settled, 10000}, {1, 2022, Budgeted, 11000}, {1, 2023, Budgeted, 12000},
			{2, 2021, Settled, 20000}, {2, 2022, Budgeted, 23000}, {2, 2023, Budgeted, 26000},
		}
		if len(p.Actions) != len(want) {
			t.Fatalf("got %+v", p.Actions)
		}
		for k, w := range want {
			a := p.Actions[k]
			if a.IssueNo != w.issue || a.FiscalYear != w.year || a.BudgetKind != w.kind || a.ThousandYen != w.amount || len(a.Review) != 0 {
				t.Errorf("line %d: got %+v, want %+v", k, a, w)
			}
		}
	})
	t.Run("unpaired", func(t *testing.T) {
		p := readText(t, "令和5年度 鶴見区運営方針", "経営課題1 安全なまちづくり", "経営課題2 広報の充実",
			"９百万円", "3決算額 4予算額 5予算額", "１０百万円 １１百万円")
		if !hasNote(p.Review, "9百万円") || !hasNote(p.Review, "数が合いません") {
			t.Errorf("plan review %q", p.Review)
		}
		if len(p.Actions) != 3 || !hasNote(p.Actions[2].Review, "金額が見つかりません") || p.Actions[2].BudgetKind != "" {
			t.Errorf("got %+v", p.Actions)
		}
	})
}

func TestNearestHeading(t *testing.T) {
	hs := []heading{{1, 10}, {2, 20}, {3, 30}}
	for line, want := range map[int]int{1: 1, 10: 1, 15: 1, 16: 2, 26: 3, 99: 3} {
		if got := nearestHeading(hs, line); got != want {
			t.Errorf("nearestHeading(%d) = %d, want %d", line, got, want)
		}
	}
	if nearestHeading(nil, 5) != 0 {
		t.Error("no headings")
	}
}

func TestNearYear(t *testing.T) {
	cases := []struct {
		num       string
		plan      int
		want      int
		wantEraOf string
	}{
		{"3", 2023, 2021, "令和"}, {"31", 2019, 2019, "平成"}, {"元", 2019, 2019, "令和"}, {"30", 2019, 2018, "平成"}, {"9", 0, 0, ""},
	}
	for _, c := range cases {
		if y, era := nearYearEra(c.num, c.plan); y != c.want || era != c.wantEraOf {
			t.Errorf("nearYearEra(%q, %d) = %d %s, want %d %s", c.num, c.plan, y, era, c.want, c.wantEraOf)
		}
	}
}
