package plandoc

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/budget"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/sentence"
)

// FuzzReadPlan feeds arbitrary text to ReadPlan, seeded with the five
// real plans. It must never panic, fail only with ErrNoPlan, give the
// same plan twice, and every indicator must state what plantext.Extract reads
// from its source_text (validation's cross-check).
func FuzzReadPlan(f *testing.F) {
	for _, s := range inputtest.Seeds {
		f.Add(readSeed(f, s), 0)
	}
	for _, s := range []string{
		"", "【", "【経営課題1】", "【1-1-1】《", "3決算額 ４６百万円\n\n4予算額", "①②③", "割合:60%以上",
		"経営課題1 A\n\nアウトカム指標\n\n①「a」と回答した区民の割合を9年度末までに90％以上にする。\n\n①割合を8年度までに10%にする",
		"<p>【経営課題99 x】</p>\t<p>【99-99-99 y】(予算額 999,999,999,999千円)</p>",
	} {
		f.Add(s, 2023)
	}
	f.Fuzz(func(t *testing.T, text string, year int) {
		opts := Options{PlanYear: year}
		p, err := ReadPlan(text, opts)
		if err != nil {
			if !errors.Is(err, ErrNoPlan) {
				t.Fatalf("ReadPlan error %v", err)
			}
			return
		}
		if again, _ := ReadPlan(text, opts); !reflect.DeepEqual(p, again) {
			t.Fatal("ReadPlan is not deterministic")
		}
		checkFuzzedPlan(t, p)
	})
}

func checkFuzzedPlan(t *testing.T, p Plan) {
	for k, is := range p.Issues {
		if is.No < 1 || (k > 0 && is.No <= p.Issues[k-1].No) {
			t.Fatalf("issues not numbered uniquely in order: %+v", p.Issues)
		}
	}
	for _, in := range p.Indicators {
		checkAgreesWithExtract(t, in)
		if in.SourceText == "" || in.IndicatorNo < 1 || in.TargetPercent < 0 || in.TargetPercent >= 1000 ||
			in.TargetPercent > 100 && !hasNote(in.Review, "100% を超えて") {
			t.Fatalf("indicator %+v", in)
		}
		switch in.Kind {
		case KindOutcome, KindProcess, KindVision:
		default:
			t.Fatalf("kind %q", in.Kind)
		}
		if len(in.Review) == 0 || in.Review[0] != sentence.NoteCodes {
			t.Fatalf("indicator without the note on question_key: %q", in.Review)
		}
	}
	for _, a := range p.Actions {
		switch {
		case a.BudgetKind != Settled && a.BudgetKind != Budgeted && a.BudgetKind != "",
			a.BudgetKind == "" && a.ThousandYen != 0,
			a.ThousandYen < 0 || a.ThousandYen > budget.MaxThousandYen,
			(a.ActionNo == "") != (a.StrategyNo == ""):
			t.Fatalf("action %+v", a)
		}
	}
}

// largeInputs are texts of about 1 MB that would cost more than linear
// time in a careless reader: the seed many times over, unclosed brackets,
// one endless paragraph of indicator sentences, many headings with
// indicator groups, budget labels without amounts.
func largeInputs(tb testing.TB) map[string]string {
	const size = 1 << 20
	rep := func(s string) string { return strings.Repeat(s, size/len(s)+1) }
	return map[string]string{
		"seed":       rep(readSeed(tb, inputtest.SeedTsurumiR5)),
		"brackets":   rep("【経営課題1"),
		"paragraph":  rep("①区民アンケートで「安全」と回答した区民の割合を令和９年度末までに90％以上にする。"),
		"groups":     rep("経営課題12 防犯のまちづくり\n\nアウトカム指標\n\n①「防犯」と回答した区民の割合を9年度末までに60％以上にする。\n\n"),
		"labels":     rep("3決算額 4予算額 5予算額 "),
		"amounts":    rep("４６百万円\n\n"),
		"strategies": rep("【1-1 a】【12-34-56 b】(予算額 1千円)"),
		"one line":   rep("経営課題1 割合%まで"),
	}
}

// TestReadPlanLargeInputs: each large input is read to the end (the
// benchmark below measures how fast).
func TestReadPlanLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for name, text := range largeInputs(t) {
		p, err := ReadPlan(text, Options{})
		if err != nil && !errors.Is(err, ErrNoPlan) {
			t.Errorf("%s: %v", name, err)
		}
		if name == "seed" && len(p.Indicators) < 11*50 {
			t.Errorf("seed ×55: only %d indicators", len(p.Indicators))
		}
	}
}

func BenchmarkReadPlan1MB(b *testing.B) {
	for name, text := range largeInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := ReadPlan(text, Options{}); err != nil && !errors.Is(err, ErrNoPlan) {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadPlanSeed(b *testing.B) {
	text := readSeed(b, inputtest.SeedTsurumiR5)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := ReadPlan(text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
