package series

import (
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

func row(ward string, plan, issue int, key, name string, pos ...int) model.Indicator {
	return model.Indicator{Ward: ward, PlanYear: plan, IssueNo: issue, IndicatorNo: 1, Population: "区民",
		QuestionKey: key, PositiveCodes: pos, ExcludedCodes: []int{5}, Series: name}
}

// TestGroupAndJudge: rows with the same counting (codes in any order) or
// the same name are one series, whatever their numbers; each year is
// judged by its own plan, else the latest earlier one, else the first.
func TestGroupAndJudge(t *testing.T) {
	inds := []model.Indicator{
		row("鶴見区", 2024, 3, "qa", "", 2, 1), // renumbered 2 → 3, codes written in another order
		row("鶴見区", 2023, 2, "qa", "", 1, 2),
		row("鶴見区", 2023, 4, "qb", "kouhou", 1, 2),
		row("鶴見区", 2024, 4, "qb", "kouhou", 1, 2),
		row("東住吉区", 2023, 2, "qa", "", 1, 2), // another ward: another series
	}
	groups := Group(inds)
	if len(groups) != 3 {
		t.Fatalf("Group gave %d series, want 3: %+v", len(groups), groups)
	}
	qa := groups[0]
	if qa.Key.Name != "区民|qa|1;2|5|" || len(qa.Rows) != 2 || qa.Rows[0] != 1 || qa.Latest() != 0 {
		t.Errorf("qa series = %+v; want rows [1 0] named 区民|qa|1;2|5|", qa)
	}
	for year, want := range map[int]int{2021: 1, 2023: 1, 2024: 0, 2026: 0} {
		if got := qa.Judge(inds, year); got != want {
			t.Errorf("Judge(%d) = row %d, want %d", year, got, want)
		}
	}
	if groups[1].Key.Name != "kouhou" || len(groups[1].Rows) != 2 {
		t.Errorf("named series = %+v", groups[1])
	}
}
