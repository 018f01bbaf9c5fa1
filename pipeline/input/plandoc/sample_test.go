package plandoc

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// sampleRows reads a CSV file of data/sample as maps by column name.
func sampleRows(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(inputtest.RepoRoot(t), "data", "sample", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for k, col := range head {
			m[col] = rec[k]
		}
		out = append(out, m)
	}
	return out
}

func sampleYear(t *testing.T, s string) int {
	t.Helper()
	y, err := wareki.Parse(s)
	if err != nil {
		t.Fatalf("data/sample year %q: %v", s, err)
	}
	return y
}

// TestReadPlanAgreesWithSample: data/sample's indicators.csv rows for
// 鶴見区 were typed from the 令和5年度 plan (seed 003). ReadPlan gives the
// same on every column it fills; the rest (title, question_key, codes,
// filter) it leaves to staff.
func TestReadPlanAgreesWithSample(t *testing.T) {
	p := readSeedPlan(t, inputtest.SeedTsurumiR5, Options{})
	got := map[[2]int]Indicator{}
	for _, in := range p.Indicators {
		got[[2]int{in.IssueNo, in.IndicatorNo}] = in
	}
	n := 0
	for _, row := range sampleRows(t, "indicators.csv") {
		if row["ward"] != "鶴見区" {
			continue
		}
		n++
		key := [2]int{atoi(row["issue_no"]), atoi(row["indicator_no"])}
		in, ok := got[key]
		if !ok {
			t.Errorf("data/sample %v: ReadPlan has no such indicator", key)
			continue
		}
		percent, _ := strconv.ParseFloat(row["target_percent"], 64)
		cols := []struct {
			name      string
			got, want any
		}{
			{"ward", in.Ward, row["ward"]},
			{"plan_year", in.PlanYear, sampleYear(t, row["plan_year"])},
			{"population", in.Population, row["population"]},
			{"target_percent", in.TargetPercent, percent},
			{"target_op", in.TargetOp, row["target_op"]},
			{"target_year", in.TargetYear, sampleYear(t, row["target_year"])},
			{"source_text", in.SourceText, row["source_text"]},
		}
		for _, c := range cols {
			if c.got != c.want {
				t.Errorf("indicator %v %s: ReadPlan %v, data/sample %v", key, c.name, c.got, c.want)
			}
		}
		if (row["filter"] != "") != (in.FilterHint != "") {
			t.Errorf("indicator %v: data/sample filter %q, ReadPlan's hint %q", key, row["filter"], in.FilterHint)
		}
	}
	if n != len(p.Indicators) || n != 11 {
		t.Errorf("data/sample has %d 鶴見区 indicators, ReadPlan %d; want 11", n, len(p.Indicators))
	}
}

// TestReadPlanAgreesWithSamplePlans: plans.csv and plan_issues.csv of
// data/sample hold the 目標, 使命 and 経営課題 of seeds 003 and 004.
func TestReadPlanAgreesWithSamplePlans(t *testing.T) {
	plans := map[string]Plan{
		"鶴見区":  readSeedPlan(t, inputtest.SeedTsurumiR5, Options{}),
		"東住吉区": readSeedPlan(t, inputtest.SeedHigashiR2, Options{}),
	}
	for _, row := range sampleRows(t, "plans.csv") {
		p, ok := plans[row["ward"]]
		if !ok || sampleYear(t, row["plan_year"]) != p.PlanYear {
			t.Errorf("plans.csv row %v: no seed", row)
			continue
		}
		if p.Goal != row["goal"] || p.Mission != row["mission"] {
			t.Errorf("%s: goal %q mission %q; data/sample %q %q", row["ward"], p.Goal, p.Mission, row["goal"], row["mission"])
		}
	}
	n := 0
	for _, row := range sampleRows(t, "plan_issues.csv") {
		p := plans[row["ward"]]
		no := atoi(row["issue_no"])
		if no < 1 || no > len(p.Issues) || p.Issues[no-1].Title != row["title"] || sampleYear(t, row["plan_year"]) != p.PlanYear {
			t.Errorf("plan_issues.csv %s 経営課題%d %q: ReadPlan has %+v", row["ward"], no, row["title"], p.Issues)
		}
		n++
	}
	if n != len(plans["鶴見区"].Issues)+len(plans["東住吉区"].Issues) {
		t.Errorf("data/sample has %d 経営課題, ReadPlan %d + %d", n, len(plans["鶴見区"].Issues), len(plans["東住吉区"].Issues))
	}
}
