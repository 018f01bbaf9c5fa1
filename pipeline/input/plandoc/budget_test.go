package plandoc

import (
	"strings"
	"testing"
)

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

// TestTitleAndRestCutsAtACharacter: a title taken from the text after a
// bracket is cut at its maxTitle-th character, and title and rest are the
// text again, a stray byte (not UTF-8) included.
func TestTitleAndRestCutsAtACharacter(t *testing.T) {
	for _, c := range []struct{ seg, title, rest string }{
		{strings.Repeat("あ", maxTitle+20), strings.Repeat("あ", maxTitle), strings.Repeat("あ", 20)},
		{strings.Repeat("0", maxTitle-1) + "\xba" + "あいう", strings.Repeat("0", maxTitle-1) + "\xba", "あいう"},
		{"短い題 残り", "短い題", " 残り"},
	} {
		if title, rest := titleAndRest("", c.seg); title != c.title || rest != c.rest {
			t.Errorf("%q: title %q, rest %q; want %q, %q", c.seg, title, rest, c.title, c.rest)
		}
	}
}
