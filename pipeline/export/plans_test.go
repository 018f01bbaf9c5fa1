package export_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline"
	"github.com/shihyo/shihyo/pipeline/export"
)

// plansData holds 鶴見区's 令和5年度 and 令和6年度 plans (its README): 子育て
// renumbered 経営課題2→3, 広報 raised from 40% to 45%, 防犯 dropped, SDGs new.
const plansData = "../testdata/plans"

// TestPlansOverTheYears: each year is judged by its own plan's target, the
// overview and the ward page count the current plan's indicators once, the
// trend draws the target as a step, and the export writes into either plan.
func TestPlansOverTheYears(t *testing.T) {
	dir := t.TempDir()
	opts := pipeline.Options{DataDir: plansData, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "site")}
	if _, err := pipeline.Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	t.Run("actuals", func(t *testing.T) { checkPlanActuals(t, opts.Out) })
	t.Run("pages", func(t *testing.T) { checkPlanPages(t, opts.Out) })
	t.Run("export", func(t *testing.T) { checkPlanExports(t, dir, opts.DB) })
	t.Run("april", checkAprilBeforeTheSurvey)
}

// checkAprilBeforeTheSurvey: in April the 令和6年度 plan is in but its
// survey is not. The pages show the new plan's indicators with the
// 令和5年度 actual, still judged by the 令和5年度 plan and saying so, and
// the new plan's export shows that actual.
func checkAprilBeforeTheSurvey(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(plansData)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"surveys.csv", "questions.csv"} {
		b := mustRead(t, filepath.Join(data, name))
		var keep []string
		for _, line := range strings.SplitAfter(string(b), "\n") {
			if !strings.HasPrefix(line, "w2024,") {
				keep = append(keep, line)
			}
		}
		if err := os.WriteFile(filepath.Join(data, name), []byte(strings.Join(keep, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(data, "responses", "w2024.csv")); err != nil {
		t.Fatal(err)
	}
	f := refresh(t, data)
	index := string(mustRead(t, filepath.Join(filepath.Dir(f.out), "site", "index.html")))
	if !strings.Contains(index, "（令和5年度運営方針の目標（40%以上）で判定）") {
		t.Errorf("index.html does not say that 令和5年度's 43.8%% was judged by the 令和5年度 plan:\n%s", index)
	}
	out := f.mustExport(t, "april.csv", export.Options{DataDir: data, Format: export.FormatCSV})
	header, recs := readCSV(t, mustRead(t, out))
	for _, rec := range recs {
		if r := record(header, rec); r["plan_year"] == "令和6年度" && r["issue_no"] == "4" && r["indicator_no"] == "1" {
			if got := r["実績年度"] + " " + r["実績"] + " " + r["達成状況"]; got != "令和5年度 43.8 A" {
				t.Errorf("the 令和6年度 plan's 広報 row in April = %q, want 令和5年度 43.8 A", got)
			}
		}
	}
}

// checkPlanActuals: one row per series and wave, each judged by its
// year's plan; 前年度 across the renumbering.
func checkPlanActuals(t *testing.T, site string) {
	rows := readActualRows(t, filepath.Join(site, "actuals.csv"))
	want := []string{ // series fiscal_year plan_year issue_no target_percent status previous_percent
		"kouhou 2022 2023 4 40 B ", // no plan of its own: the first plan's target
		"kouhou 2023 2023 4 40 A 37.5",
		"kouhou 2024 2024 4 45 B 43.8", // the same 43.8% is B against its own 45%
		"区民|qa|1;2|5| 2023 2023 2 60 B 60.4",
		"区民|qa|1;2|5| 2024 2024 3 60 A 56.3", // 前年度 from 経営課題2
		"区民|qc|1;2|5| 2024 2023 4 50 A 52.1", // dropped: judged by the last plan that has it
		"区民|qd|1;2|5| 2023 2024 4 70 B ",     // new: its first plan judges the earlier wave
	}
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join([]string{r["series"], r["fiscal_year"], r["plan_year"], r["issue_no"],
			r["target_percent"], r["status"], r["previous_percent"]}, " "))
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("actuals.csv has no row %q; rows:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(rows) != 11 { // 4 series: 3 + 3 + 3 + 2 waves, never one per plan
		t.Errorf("actuals.csv has %d rows, want 11 (one per series and wave)", len(rows))
	}
}

func readActualRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	header, recs := readCSV(t, mustRead(t, path))
	out := make([]map[string]string, len(recs))
	for i, rec := range recs {
		out[i] = record(header, rec)
	}
	return out
}

// checkPlanPages: the overview and the ward page show the current plan,
// one row per indicator; the 広報 page steps its target and lists it.
func checkPlanPages(t *testing.T, site string) {
	index := string(mustRead(t, filepath.Join(site, "index.html")))
	counts := `<span class="status status-a">A（達成）</span> 2件、<span class="status status-b">B（未達成）</span> 1件`
	if !strings.Contains(index, counts) || !strings.Contains(index, `A（達成）</span> 2件</li>`) { // the ward, the city
		t.Errorf("index.html does not count A 2, B 1 (the current plan's 3 indicators):\n%s", index)
	}
	for title, n := range map[string]int{"子育てしやすいまち": 1, "区政情報": 1, "SDGs": 1, "防犯": 0} {
		if got := strings.Count(index, title); got != n {
			t.Errorf("index.html names %s %d times, want %d", title, got, n)
		}
	}
	ward := string(mustRead(t, filepath.Join(site, "ward-tsurumi.html")))
	if !strings.Contains(ward, counts) || !strings.Contains(ward, "以前の運営方針の指標") ||
		!strings.Contains(ward, "indicator-tsurumi-2023-4-2.html") || strings.Contains(ward, "令和5年度 運営方針</h2>") {
		t.Errorf("ward page: not the current plan's counts, or the dropped indicator not apart:\n%s", ward)
	}
	page := string(mustRead(t, filepath.Join(site, "indicator-tsurumi-2024-4-1.html")))
	for _, s := range []string{
		"<tr><th scope=\"row\">令和5年度</th><td>経営課題4 ①</td><td>令和9年度末までに40%以上</td>",
		"<tr><th scope=\"row\">令和6年度</th><td>経営課題4 ①</td><td>令和9年度末までに45%以上</td><td>引き上げ</td>",
		"目標は令和6年度の運営方針で 40%以上 から 45%以上 に引き上げられました（令和5年度の実績はその年度の目標で判定しています）。",
		"令和4年度は、その年度の運営方針にこの指標がないため、令和5年度の運営方針の目標（令和9年度末までに40%以上）で判定しています。",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("indicator page lacks %q", s)
		}
	}
	steps, ok := trendSeries(t, page, "目標（各年度の運営方針）")
	want := []any{40.0, 40.0, 45.0, 45.0, 45.0, 45.0} // 令和4–9年度: 45 from the 令和6年度 plan
	if !ok || steps["step"] != "end" || !sameValues(steps["data"], want) {
		t.Errorf("trend's target steps = %v; want step end over %v", steps, want)
	}
}

var chartData = regexp.MustCompile(`(?s)<script type="application/json" data-chart="[^"]+">(.*?)</script>`)

// trendSeries is the series called name in a chart option of page.
func trendSeries(t *testing.T, page, name string) (map[string]any, bool) {
	t.Helper()
	for _, m := range chartData.FindAllStringSubmatch(page, -1) {
		var opt struct {
			Series []map[string]any `json:"series"`
		}
		if err := json.Unmarshal([]byte(m[1]), &opt); err != nil {
			t.Fatalf("chart option: %v", err)
		}
		for _, s := range opt.Series {
			if s["name"] == name {
				return s, true
			}
		}
	}
	return nil, false
}

func sameValues(data any, want []any) bool {
	list, ok := data.([]any)
	if !ok || len(list) != len(want) {
		return false
	}
	for i, d := range list {
		if m, ok := d.(map[string]any); !ok || m["value"] != want[i] {
			return false
		}
	}
	return true
}

// checkPlanExports: --plan-year 2023 writes the 令和5年度 rows (R5 actuals
// against 40%), 2024 the 令和6年度 rows with 前年度 from the same series.
func checkPlanExports(t *testing.T, dir, db string) {
	for _, c := range []struct {
		plan int
		want map[string]string // plan_year-issue-no → 実績年度 実績 達成状況 前年度実績
	}{
		{2023, map[string]string{"令和5年度-2-1": "令和5年度 56.3 B 60.4", "令和5年度-4-1": "令和5年度 43.8 A 37.5",
			"令和5年度-4-2": "令和5年度 52.1 A 50.0", "令和6年度-4-1": "   "}},
		{2024, map[string]string{"令和6年度-3-1": "令和6年度 62.5 A 56.3", "令和6年度-4-1": "令和6年度 43.8 B 43.8",
			"令和6年度-4-2": "令和6年度 72.9 A 62.5", "令和5年度-4-1": "   "}},
	} {
		out := filepath.Join(dir, "plan.csv")
		_ = os.Remove(out)
		err := export.Export(context.Background(), export.Options{DataDir: plansData, DB: db, Format: export.FormatCSV,
			PlanYear: c.plan, Output: out})
		if err != nil {
			t.Fatalf("export --plan-year %d: %v", c.plan, err)
		}
		header, recs := readCSV(t, mustRead(t, out))
		for _, rec := range recs {
			r := record(header, rec)
			k := r["plan_year"] + "-" + r["issue_no"] + "-" + r["indicator_no"]
			got := strings.Join([]string{r["実績年度"], r["実績"], r["達成状況"], r["前年度実績"]}, " ")
			if w, ok := c.want[k]; ok && got != w {
				t.Errorf("--plan-year %d: %s = %q, want %q", c.plan, k, got, w)
			}
		}
	}
	checkPlanXLSX(t, dir, db)
	// A series renamed since the refresh would find no actuals: stale.
	renamed := t.TempDir()
	if err := os.CopyFS(renamed, os.DirFS(plansData)); err != nil {
		t.Fatal(err)
	}
	b := strings.ReplaceAll(string(mustRead(t, filepath.Join(plansData, "indicators.csv"))), ",kouhou\n", ",koho\n")
	if err := os.WriteFile(filepath.Join(renamed, "indicators.csv"), []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
	err := export.Export(context.Background(), export.Options{DataDir: renamed, DB: db, Format: export.FormatCSV,
		Output: filepath.Join(dir, "renamed.csv")})
	if !errors.Is(err, export.ErrStale) || !strings.Contains(err.Error(), "indicators.csv:3: series") {
		t.Errorf("export after renaming a series: %v; want ErrStale at line 3", err)
	}
}

// checkPlanXLSX: the 様式 of --plan-year 2023 lists the 令和5年度 plan's
// three indicators (防犯 among them, SDGs not), with 広報 A against 40%.
func checkPlanXLSX(t *testing.T, dir, db string) {
	out := filepath.Join(dir, "plan.xlsx")
	if err := export.Export(context.Background(), export.Options{DB: db, Format: export.FormatXLSX, PlanYear: 2023, Output: out}); err != nil {
		t.Fatalf("export xlsx --plan-year 2023: %v", err)
	}
	x := openXLSX(t, out)
	rows, err := x.GetRows(x.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "防犯") || strings.Contains(all, "SDGs") || !strings.Contains(all, "43.8") {
		t.Errorf("the 令和5年度 様式 does not list that plan's rows with their 令和5年度 actuals:\n%s", all)
	}
}
