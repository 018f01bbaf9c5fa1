package compute

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/compute/keep"
	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// storedOf are the rows DecidedReusing would store of r, by survey id.
func storedOf(r Reuse) map[string]StoredDecisions {
	out := map[string]StoredDecisions{}
	for _, d := range r.Decided {
		out[d.SurveyID] = d
	}
	return out
}

// TestReusedDecisionsAreTheDecided: on the sample, the linked patterns,
// a merged (with_blank) attribute, a 複数回答 question and a weighted
// wave, the decisions taken back from their encoding are exactly those
// Decide made (sums, hidden bits, flows, 単純集計 rows), and what is
// published of them is the same; nothing is decided the second time.
func TestReusedDecisionsAreTheDecided(t *testing.T) {
	ctx := context.Background()
	multi := inputtest.Overlay(t, "accepted_multi")
	f, err := os.OpenFile(filepath.Join(multi, "indicators.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("テスト区,令和4年度,4,1,区の情報を利用したことがある区民の割合,区民,riyou,2;3,9,,50,以上,令和9年度末,,\n")
	if cerr := f.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	for _, dir := range []string{"../../data/sample", "../audit/testdata/linked", "../audit/testdata/merged", "../testdata/small", multi} {
		in := counted(t, dir)
		first, r1, err := DecidedReusing(ctx, in, nil, "p")
		if err != nil {
			t.Fatal(err)
		}
		if len(r1.Decided) != len(in.Dataset.Surveys) || r1.Reused != 0 {
			t.Fatalf("%s: decided %d, reused %d with nothing stored", dir, len(r1.Decided), r1.Reused)
		}
		again, r2, err := DecidedReusing(ctx, in, storedOf(r1), "p")
		if err != nil {
			t.Fatal(err)
		}
		if len(r2.Decided) != 0 || r2.Reused != len(in.Dataset.Surveys) {
			t.Fatalf("%s: decided %d, reused %d with every wave stored", dir, len(r2.Decided), r2.Reused)
		}
		if !reflect.DeepEqual(first.decided, again.decided) {
			t.Errorf("%s: decisions taken back differ from those decided", dir)
		}
		plain, err := Decided(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(plain.decided, again.decided) {
			t.Errorf("%s: decisions taken back differ from Decided's", dir)
		}
		a0, b0 := Publish(plain)
		a1, b1 := Publish(again)
		if !reflect.DeepEqual(a0, a1) || !reflect.DeepEqual(b0, b1) || !reflect.DeepEqual(HiddenFrequencies(plain), HiddenFrequencies(again)) {
			t.Errorf("%s: what is published of the decisions taken back differs", dir)
		}
	}
}

// TestStoredDecisionsUsedOnlyForTheirWave: a stored row is used only by
// a wave whose fingerprint is the stored one: not by another binary, not
// under another wave's fingerprint; a row that does not decode is decided
// again; a stored wave no longer in the dataset is gone.
func TestStoredDecisionsUsedOnlyForTheirWave(t *testing.T) {
	ctx := context.Background()
	in := counted(t, "../testdata/small")
	_, r, err := DecidedReusing(ctx, in, nil, "p")
	if err != nil {
		t.Fatal(err)
	}
	if _, other, _ := DecidedReusing(ctx, in, storedOf(r), "another binary"); other.Reused != 0 {
		t.Errorf("another binary reused %d waves", other.Reused)
	}
	stored := storedOf(r)
	w20, w21 := stored["w2020"], stored["w2021"]
	w20.Fingerprint, w21.Fingerprint = w21.Fingerprint, w20.Fingerprint
	stored["w2020"], stored["w2021"] = w20, w21
	w22 := stored["w2022"]
	w22.Data = w22.Data[:len(w22.Data)-1]
	stored["w2022"] = w22
	stored["gone"] = StoredDecisions{SurveyID: "gone"}
	got, swapped, err := DecidedReusing(ctx, in, stored, "p")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range swapped.Decided {
		ids = append(ids, d.SurveyID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"w2020", "w2021", "w2022"}) || swapped.Reused != 1 || !slices.Equal(swapped.Gone, []string{"gone"}) {
		t.Errorf("decided %v, reused %d, gone %v; want w2020 w2021 w2022 decided, wx reused, gone gone", ids, swapped.Reused, swapped.Gone)
	}
	plain, _ := Decided(ctx, in)
	if !reflect.DeepEqual(plain.decided, got.decided) {
		t.Error("the decisions differ from Decided's")
	}
}

// TestFingerprintCoversEveryInput: every input of decide.Decide changes a
// wave's fingerprint — the binary, the wave's 回答者数, weighting,
// attributes, answer codes, 複数回答 keys, merged codes, each part of a
// domain's definition, the order of its domains, and every part of their
// sums — so that no stored decision is used for a wave that would be
// decided otherwise.
func TestFingerprintCoversEveryInput(t *testing.T) {
	// A wave of its own each time: the changes below write into it.
	base := func() decide.Wave {
		in := counted(t, "../testdata/small")
		return waveOf(in, "w2020", factsOf(in.Dataset)["w2020"], answerCodes(in.Dataset)["w2020"])
	}
	w := base()
	q := slices.IndexFunc(w.Plan.Domains, func(d tally.Domain) bool { return d.Filtered() })
	t1 := w.Plan.Of("w2020").Domains[0]
	want := keep.Of(w, "p")
	if keep.Of(base(), "p") != want {
		t.Fatal("the fingerprint of the same wave differs")
	}
	for name, change := range map[string]func(w *decide.Wave) string{
		"program":     func(w *decide.Wave) string { return "q" },
		"respondents": func(w *decide.Wave) string { w.Respondents++; return "p" },
		"weighted":    func(w *decide.Wave) string { w.Weighted = !w.Weighted; return "p" },
		"attributes": func(w *decide.Wave) string {
			wp := w.Plan.Of(w.Survey)
			wp.Attributes = append(wp.Attributes, "q")
			return "p"
		},
		"answers":  func(w *decide.Wave) string { w.Answers["kosodate"] = append(w.Answers["kosodate"], 3); return "p" },
		"multi":    func(w *decide.Wave) string { w.Multi = map[string]bool{"q": true}; return "p" },
		"merged":   func(w *decide.Wave) string { w.Merged = map[string]int32{"kosodate": 2}; return "p" },
		"question": func(w *decide.Wave) string { w.Plan.Domains[t1].Question = "x"; return "p" },
		"positive": func(w *decide.Wave) string { w.Plan.Domains[t1].Positive = []int{1}; return "p" },
		"excluded": func(w *decide.Wave) string { w.Plan.Domains[t1].Excluded = nil; return "p" },
		"filter key": func(w *decide.Wave) string {
			w.Plan.Domains[q].Filter = []model.Clause{{Key: "x", Codes: w.Plan.Domains[q].Filter[0].Codes}}
			return "p"
		},
		"filter codes": func(w *decide.Wave) string {
			w.Plan.Domains[q].Filter = []model.Clause{{Key: "kosodate", Codes: []int{1, 2}}}
			return "p"
		},
		"domain order": func(w *decide.Wave) string {
			wp := w.Plan.Of(w.Survey)
			a, b := wp.Domains[0], wp.Domains[1]
			w.Plan.Domains[a], w.Plan.Domains[b] = w.Plan.Domains[b], w.Plan.Domains[a]
			w.Tallies[a], w.Tallies[b] = w.Tallies[b], w.Tallies[a]
			return "p"
		},
		"everyone":       func(w *decide.Wave) string { w.Plan.Everyone = -1; return "p" },
		"tally missing":  func(w *decide.Wave) string { delete(w.Tallies, t1); return "p" },
		"total n":        func(w *decide.Wave) string { w.Tallies[t1].Total.N++; return "p" },
		"total positive": func(w *decide.Wave) string { w.Tallies[t1].Total.NPositive++; return "p" },
		"total sw2":      func(w *decide.Wave) string { w.Tallies[t1].Total.SW2 += 0.5; return "p" },
		"total units":    func(w *decide.Wave) string { w.Tallies[t1].Total.UY.Lo++; return "p" },
		"flow":           func(w *decide.Wave) string { w.Tallies[t1].Flow.Missing++; return "p" },
		"flow by code": func(w *decide.Wave) string {
			w.Tallies[t1].Flow.PositiveBy = append(w.Tallies[t1].Flow.PositiveBy, tally.CodeCount{Code: 7})
			return "p"
		},
		"cell code":      func(w *decide.Wave) string { w.Tallies[t1].Cells[0].Code = 7; return "p" },
		"cell attribute": func(w *decide.Wave) string { w.Tallies[t1].Cells[0].Attribute = "x"; return "p" },
		"cell sums":      func(w *decide.Wave) string { w.Tallies[t1].Cells[0].SWY += 1; return "p" },
		"cell order":     func(w *decide.Wave) string { c := w.Tallies[t1].Cells; c[0], c[1] = c[1], c[0]; return "p" },
		"other tally":    func(w *decide.Wave) string { w.Tallies[99] = &tally.Tally{}; return "p" },
	} {
		w := base()
		if program := change(&w); keep.Of(w, program) == want {
			t.Errorf("%s: the fingerprint is the same", name)
		}
	}
}
