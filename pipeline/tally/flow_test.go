package tally

import (
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// TestFlowAddsUp: each respondent of ruleWave, with a 非該当 one added,
// leaves the flow at its first failed test, and the steps add up to the
// wave's rows; the excluded and positive codes are counted by code.
func TestFlowAddsUp(t *testing.T) {
	w := ruleWave()
	w.Codes = append(w.Codes, 1, 1, model.NotApplicable) // 非該当 to q
	w.N++
	d := Domain{Question: "q", Positive: []int{1, 2}, Excluded: []int{9},
		Filter: []model.Clause{{Key: "kosodate", Codes: []int{1, 2}}}}
	got := Count(w, nil, []Domain{d})[0]
	f := got.Flow
	if f.Filtered != 2 || f.NotApplicable != 1 || f.Missing != 1 || f.Excluded != 1 || got.Total.N != 4 {
		t.Errorf("flow %+v, n %d; want 2 filtered, 1 非該当, 1 無回答, 1 excluded, n 4", f, got.Total.N)
	}
	if f.Out()+got.Total.N != int64(w.N) {
		t.Errorf("flow %d + n %d ≠ %d rows", f.Out(), got.Total.N, w.N)
	}
	if want := []CodeCount{{9, 1}}; !slices.Equal(f.ExcludedBy, want) {
		t.Errorf("excluded by code %v; want %v", f.ExcludedBy, want)
	}
	if want := []CodeCount{{1, 2}, {2, 1}}; !slices.Equal(f.PositiveBy, want) {
		t.Errorf("positive by code %v; want %v", f.PositiveBy, want)
	}
}

// multiWave has an attribute, a single-answer filter key and a 複数回答
// question m (options 1–4, 9 = わからない), one respondent per case.
func multiWave() *microdata.Wave {
	set := func(codes ...int32) int32 { return microdata.MultiCode(model.MultiAnswer{Chosen: codes}) }
	rows := [][]int32{
		{1, 1, set(1, 3)},           // positive (1)
		{1, 1, set(3)},              // in, not positive
		{2, 1, set(2, 4)},           // positive (2)
		{2, 1, set(9)},              // わからない alone: excluded
		{2, 1, set(2, 9)},           // わからない with another: in, positive
		{1, 1, model.Blank},         // 無回答
		{1, 1, model.NotApplicable}, // 非該当: 対象外
		{1, 2, set(1)},              // outside the filter
		{blank, 1, set(1, 2)},       // positive (1, 2), attribute blank
	}
	w := &microdata.Wave{Keys: []string{"nendai", "kosodate", "m"}, N: len(rows), Multi: []bool{false, false, true}}
	for _, r := range rows {
		w.Codes = append(w.Codes, r...)
	}
	return w
}

// TestMultiDomain: an indicator on a 複数回答 question counts those who
// chose something and not only excluded options, positive when any
// positive option was chosen; 非該当 is 対象外, nothing chosen 無回答; a
// 複数回答 filter clause passes when any of its codes was chosen.
func TestMultiDomain(t *testing.T) {
	d := Domain{Question: "m", Positive: []int{1, 2}, Excluded: []int{9},
		Filter: []model.Clause{{Key: "kosodate", Codes: []int{1}}}}
	got := Count(multiWave(), []string{"nendai"}, []Domain{d})[0]
	if got.Total.N != 5 || got.Total.NPositive != 4 {
		t.Errorf("total n %d, %d positive; want 5, 4", got.Total.N, got.Total.NPositive)
	}
	f := got.Flow
	if f.Filtered != 1 || f.NotApplicable != 1 || f.Missing != 1 || f.Excluded != 1 {
		t.Errorf("flow %+v; want 1 of each", f)
	}
	if want := []CodeCount{{1, 2}, {2, 3}}; !slices.Equal(f.PositiveBy, want) {
		t.Errorf("positive by code %v; want %v (a respondent with 1 and 2 in both)", f.PositiveBy, want)
	}
	if want := []CodeCount{{9, 1}}; !slices.Equal(f.ExcludedBy, want) {
		t.Errorf("excluded by code %v; want %v", f.ExcludedBy, want)
	}
	var cells []int64
	for _, c := range got.Cells {
		cells = append(cells, c.N)
	}
	if !slices.Equal(cells, []int64{2, 2, 1}) {
		t.Errorf("cells by nendai %v; want 2, 2, 1", cells)
	}
	// Without exclusion わからない alone is in the base, not positive.
	all := Count(multiWave(), nil, []Domain{{Question: "m", Positive: []int{3}}})[0]
	if all.Total.N != 7 || all.Total.NPositive != 2 || all.Flow.Missing != 1 || all.Flow.NotApplicable != 1 {
		t.Errorf("unfiltered: n %d, %d positive, flow %+v; want 7, 2", all.Total.N, all.Total.NPositive, all.Flow)
	}
	// A 複数回答 key as a filter: those who chose 4 or 9.
	byMulti := Domain{Question: "kosodate", Positive: []int{1}, Filter: []model.Clause{{Key: "m", Codes: []int{4, 9}}}}
	fm := Count(multiWave(), nil, []Domain{byMulti})[0]
	if fm.Total.N != 3 || fm.Flow.Filtered != 6 {
		t.Errorf("filter on m: n %d, filtered %d; want 3, 6", fm.Total.N, fm.Flow.Filtered)
	}
}
