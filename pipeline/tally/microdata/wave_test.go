package microdata

import (
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// TestFromModelMulti: the 複数回答 questions of a wave just read become
// columns after its single keys, a question with an option beyond
// model.MaxMultiOption none.
func TestFromModelMulti(t *testing.T) {
	m := &model.Wave{Survey: model.Survey{ID: "s"}, Keys: []string{"q"},
		Multi: []model.MultiQuestion{{Key: "m", Options: []int{1, 2, 3}}, {Key: "big", Options: []int{1, 31}}},
		Rows: []model.Respondent{
			{Answers: []int32{1}, Multi: []model.MultiAnswer{{Chosen: []int32{1, 3}}, {Chosen: []int32{31}}}},
			{Answers: []int32{model.Blank}, Multi: []model.MultiAnswer{{NotApplicable: true}, {}}},
		}}
	w, err := FromModel(m)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.Keys, []string{"q", "m"}) || !slices.Equal(w.Multi, []bool{false, true}) {
		t.Fatalf("keys %v multi %v; want q, m", w.Keys, w.Multi)
	}
	if want := []int32{1, 0b1010, model.Blank, model.NotApplicable}; !slices.Equal(w.Codes, want) {
		t.Errorf("codes %v; want %v", w.Codes, want)
	}
	if got := MultiOptions(w.Codes[1]); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("options %v; want 1, 3", got)
	}
	if len(m.Keys) != 1 {
		t.Errorf("the model's keys were changed: %v", m.Keys)
	}
}
