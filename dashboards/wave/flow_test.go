package wave

import (
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
)

// TestFlowTable: the 分母の内訳 of two waves of a filtered indicator, row
// by row: 回答者数, the 対象外 rows only where some wave's count is not 0
// (hidden counts are not 0), 無回答,
// 除外 with an うち row per excluded answer, n marked as the key row, 肯定
// with an うち row per positive answer, a code missing from a wave as —.
func TestFlowTable(t *testing.T) {
	a := compute.Actual{FiscalYear: 2022, Respondents: 1200, FlowFiltered: 900, FlowNoAnswer: 12, FlowExcluded: 30,
		NValid: 258, NPositive: 150,
		ExcludedBy: []compute.FlowCode{{Code: 9, Label: "わからない", N: 30}},
		PositiveBy: []compute.FlowCode{{Code: 1, Label: "そう思う", N: 50}}}
	b := a
	b.FiscalYear, b.Respondents, b.FlowFiltered, b.NValid = 2023, 1100, 800, 258
	b.PositiveBy = []compute.FlowCode{{Code: 1, Label: "そう思う", N: 60}, {Code: 2, Label: "", N: 90}}
	got := FlowOf([]compute.Actual{a, b})
	if strings.Join(got.Years, ",") != "令和4年度,令和5年度" {
		t.Errorf("years %v", got.Years)
	}
	var lines []string
	for _, r := range got.Rows {
		l := r.Label + " " + strings.Join(r.Cells, " ")
		if r.Sub {
			l = "  " + l
		}
		if r.Key {
			l += " *"
		}
		lines = append(lines, l)
	}
	want := []string{
		"回答者数 1,200 1,100",
		"対象外（絞り込みの条件に当てはまらない） 900 800",
		"無回答 12 12",
		"除外（分母から除く回答） 30 30",
		"  うち「わからない」 30 30",
		"n（有効回答） 258 258 *",
		"肯定的な回答（分子） 150 150",
		"  うち「そう思う」 50 60",
		"  うち「コード 2」 — 90",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("flow table\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if len(FlowOf(nil).Rows) != 0 {
		t.Error("a flow table without waves")
	}
	a.FlowFiltered, b.FlowFiltered, b.FlowNotApplicable = -1, -1, -1 // hidden
	rows := map[string]string{}
	for _, r := range FlowOf([]compute.Actual{a, b}).Rows {
		rows[r.Label] = strings.Join(r.Cells, " ")
	}
	for label, want := range map[string]string{"対象外（絞り込みの条件に当てはまらない）": "非公表 非公表", "対象外（非該当）": "0 非公表"} {
		if got, ok := rows[label]; !ok || got != want {
			t.Errorf("hidden: row %s = %q (listed %v); want %q: left out, it would read as 0", label, got, ok, want)
		}
	}
}

// TestFlowCodesRelabelled: a code whose label changed is a row per label,
// each with the counts of the waves that gave it that label; a wave where
// the code has no label counts in the code's row; a code only an earlier
// wave has keeps its own row.
func TestFlowCodesRelabelled(t *testing.T) {
	wave := func(year int, codes ...compute.FlowCode) compute.Actual {
		return compute.Actual{FiscalYear: year, PositiveBy: codes}
	}
	got := FlowOf([]compute.Actual{
		wave(2021, compute.FlowCode{Code: 1, Label: "できている", N: 5}, compute.FlowCode{Code: 2, Label: "どちらかといえばできている", N: 7}, compute.FlowCode{Code: 3, Label: "まあまあ", N: 1}),
		wave(2022, compute.FlowCode{Code: 1, Label: "できている", N: 6}, compute.FlowCode{Code: 2, Label: "", N: 0}),
		wave(2023, compute.FlowCode{Code: 1, Label: "できている", N: 4}, compute.FlowCode{Code: 2, Label: "ややできている", N: 8}),
	})
	var lines []string
	for _, r := range got.Rows {
		if r.Sub {
			lines = append(lines, r.Label+" "+strings.Join(r.Cells, " "))
		}
	}
	want := []string{
		"うち「できている」 5 6 4",
		"うち「ややできている」 — 0 8",
		"うち「どちらかといえばできている」 7 — —",
		"うち「まあまあ」 1 — —",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("うち rows\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
