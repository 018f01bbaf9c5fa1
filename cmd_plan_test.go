package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/plandraft"
)

// runIn runs shihyo in this process, as TestRunExport does.
func runIn(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// parseCSV reads CSV text with a BOM as rows by column name.
func parseCSV(t *testing.T, text string) (head []string, rows []map[string]string) {
	t.Helper()
	if !strings.HasPrefix(text, "\ufeff") {
		t.Fatalf("no BOM: %.40q", text)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for k, col := range recs[0] {
			m[col] = rec[k]
		}
		rows = append(rows, m)
	}
	return recs[0], rows
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPlanExtractAgreesWithSample: `plan extract` on the 令和5年度 plan
// (seed 003) prints indicators.csv's columns, then series, indicator_kind
// and review, one row per アウトカム指標; data/sample's 鶴見区 rows, typed
// from the same plan, agree on every column it fills (the title is a
// draft staff shorten; the keys and codes it leaves empty, saying so).
func TestPlanExtractAgreesWithSample(t *testing.T) {
	r := runIn(t, "plan", "extract", inputtest.SeedPath(t, inputtest.SeedTsurumiR5))
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	head, got := parseCSV(t, r.stdout)
	if want := append(slices.Clone(input.IndicatorColumns), "series", "indicator_kind", "review"); !slices.Equal(head, want) {
		t.Errorf("header %q, want %q", head, want)
	}
	_, sample := parseCSV(t, readText(t, filepath.Join("data", "sample", model.IndicatorsFile)))
	byKey := map[string]map[string]string{}
	for _, row := range sample {
		if row["ward"] == "鶴見区" {
			byKey[row["issue_no"]+"-"+row["indicator_no"]] = row
		}
	}
	if len(got) != 11 || len(byKey) != 11 {
		t.Fatalf("plan extract gives %d indicators, data/sample has %d; want 11", len(got), len(byKey))
	}
	for _, row := range got {
		want, ok := byKey[row["issue_no"]+"-"+row["indicator_no"]]
		if !ok {
			t.Errorf("no data/sample row for %s-%s", row["issue_no"], row["indicator_no"])
			continue
		}
		for _, col := range []string{"ward", "plan_year", "population", "target_percent", "target_op", "target_year", "source_text"} {
			if row[col] != want[col] {
				t.Errorf("%s-%s %s: plan extract %q, data/sample %q", row["issue_no"], row["indicator_no"], col, row[col], want[col])
			}
		}
		for _, col := range []string{"question_key", "positive_codes", "excluded_codes", "filter", "series"} {
			if row[col] != "" {
				t.Errorf("%s-%s %s = %q: the plan does not say it", row["issue_no"], row["indicator_no"], col, row[col])
			}
		}
		if row["indicator_kind"] != "アウトカム指標" || !strings.Contains(row["review"], "question_key") {
			t.Errorf("%s-%s: kind %q, review %q", row["issue_no"], row["indicator_no"], row["indicator_kind"], row["review"])
		}
		if (want["filter"] != "") != strings.Contains(row["review"], "filter を記入") {
			t.Errorf("%s-%s: data/sample filter %q, review %q", row["issue_no"], row["indicator_no"], want["filter"], row["review"])
		}
	}
}

// TestPlanExtractCP932: a plan saved as CP932 (Windows' "ANSI") prints the
// same as its UTF-8 text.
func TestPlanExtractCP932(t *testing.T) {
	utf8 := runIn(t, "plan", "extract", inputtest.SeedPath(t, inputtest.SeedTsurumiR5))
	sjis, err := japanese.ShiftJIS.NewEncoder().String(inputtest.Seed(t, inputtest.SeedTsurumiR5))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r5.txt")
	if err := os.WriteFile(path, []byte(sjis), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runIn(t, "plan", "extract", path)
	if got.code != exitOK || utf8.code != exitOK || got.stdout != utf8.stdout {
		t.Errorf("CP932: exit %d, %d bytes; UTF-8: exit %d, %d bytes", got.code, len(got.stdout), utf8.code, len(utf8.stdout))
	}
}

// TestPlanExtractRefusesNoPlan: a file that holds no plan, a PDF itself or
// a missing file is exit 1 with a message in Japanese, and nothing printed
// on stdout even when another file is a plan.
func TestPlanExtractRefusesNoPlan(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"prose.txt": "本日は晴天なり。区役所の窓口は9時からです。",
		"plan.pdf":  "%PDF-1.7\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{
		"prose.txt": "運営方針が見つかりません", "plan.pdf": "PDF ファイルそのものは読めません", "missing.txt": "ファイルがありません",
	} {
		path := filepath.Join(dir, name)
		r := runIn(t, "plan", "extract", inputtest.SeedPath(t, inputtest.SeedTsurumiR5), path)
		if r.code != exitFailure || r.stdout != "" || !strings.Contains(r.stderr, path+": "+want) || !strings.Contains(r.stderr, "何も出力していません") {
			t.Errorf("%s: exit %d, stdout %d bytes, stderr %q", name, r.code, len(r.stdout), r.stderr)
		}
	}
}

func TestPlanExtractUsage(t *testing.T) {
	seed := inputtest.SeedPath(t, inputtest.SeedTsurumiR5)
	for _, args := range [][]string{
		{"plan"}, {"plan", "draft"}, {"plan", "extract"}, {"plan", "extract", "--plan-year", "令和100年度", seed},
		{"plan", "extract", "--bogus", seed},
	} {
		if r := runIn(t, args...); r.code != exitUsage || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
	if r := runIn(t, "plan", "extract", "--help"); r.code != exitOK {
		t.Errorf("--help: exit %d", r.code)
	}
	// Flags after the files are flags too; --ward and --plan-year override the title, with a note.
	r := runIn(t, "plan", "extract", seed, "--ward", "東区", "--plan-year", "R6")
	_, rows := parseCSV(t, r.stdout)
	if r.code != exitOK || rows[0]["ward"] != "東区" || rows[0]["plan_year"] != "令和6年度" || !strings.Contains(r.stderr, "指定の東区としました") {
		t.Errorf("exit %d, %v, stderr %q", r.code, rows[0], r.stderr)
	}
}

// TestPlanOutNeverOverwrites: --plan-out writes plans.csv, plan_issues.csv
// and plan_actions.csv, and refuses, writing nothing, to replace any of
// them without --force.
func TestPlanOutNeverOverwrites(t *testing.T) {
	seed := inputtest.SeedPath(t, inputtest.SeedTsurumiR5)
	out := filepath.Join(t.TempDir(), "draft")
	if r := runIn(t, "plan", "extract", "--plan-out", out, seed); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	head, issues := parseCSV(t, readText(t, filepath.Join(out, model.PlanIssuesFile)))
	if !slices.Equal(head, input.PlanIssueColumns) || len(issues) != 5 || issues[3]["title"] != "まちづくりを支える広報・広聴の充実" {
		t.Errorf("plan_issues.csv: %q %v", head, issues)
	}
	mine := filepath.Join(out, model.PlanActionsFile)
	if err := os.WriteFile(mine, []byte("staff's own\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(out, model.PlansFile))
	r := runIn(t, "plan", "extract", "--plan-out", out, seed)
	if r.code != exitFailure || !strings.Contains(r.stderr, "--force") || r.stdout != "" {
		t.Errorf("second run: exit %d, stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, model.PlansFile)); err == nil || readText(t, mine) != "staff's own\n" {
		t.Error("a refused run wrote or replaced a file")
	}
	if r := runIn(t, "plan", "extract", "--plan-out", out, "--force", seed); r.code != exitOK || readText(t, mine) == "staff's own\n" {
		t.Errorf("--force: exit %d, %s", r.code, r.stderr)
	}
}

// TestSamplePlanActionsFromSeed: data/sample's plan_actions.csv (written
// by `shihyo gen` from its own table) is what `plan extract --plan-out`
// writes from seed 003: the 3決算額/4予算額/5予算額 of each 経営課題,
// ４６百万円 as 46000 千円.
func TestSamplePlanActionsFromSeed(t *testing.T) {
	out := t.TempDir()
	if r := runIn(t, "plan", "extract", "--plan-out", out, inputtest.SeedPath(t, inputtest.SeedTsurumiR5)); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := readText(t, filepath.Join(out, model.PlanActionsFile))
	if want := readText(t, filepath.Join("data", "sample", model.PlanActionsFile)); got != want {
		t.Errorf("data/sample/plan_actions.csv differs from plan extract's:\n%s\nwant\n%s", want, got)
	}
	_, rows := parseCSV(t, got)
	if len(rows) != 15 || rows[0]["budget_thousand_yen"] != "46000" || rows[1]["budget_thousand_yen"] != "47000" || rows[2]["budget_kind"] != "予算" {
		t.Errorf("rows %v", rows[:3])
	}
}

// TestPlanExtractThenValidate runs the binary as staff would (issue 14,
// item 4): `plan extract` on seeds 003 and 004 with --plan-out into a copy
// of data/sample; the draft's 鶴見区 indicators replace data/sample's, with
// only question_key, positive_codes, excluded_codes and filter filled in
// (from data/sample); `shihyo validate` accepts the folder, plan_actions.csv
// of both plans included. The same draft with one target retyped is refused.
func TestPlanExtractThenValidate(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := copyInto(data, filepath.Join("data", "sample")); err != nil {
		t.Fatal(err)
	}
	r := shihyo(t, "plan", "extract", "--plan-out", data, "--force",
		inputtest.SeedPath(t, inputtest.SeedTsurumiR5), inputtest.SeedPath(t, inputtest.SeedHigashiR2))
	if r.code != exitOK {
		t.Fatalf("plan extract: exit %d: %s", r.code, r.stderr)
	}
	draft := filledDraft(t, r.stdout, filepath.Join(data, model.IndicatorsFile))
	writeCSVFile(t, filepath.Join(data, model.IndicatorsFile), draft)
	if v := shihyo(t, "validate", "--data", data); v.code != exitOK {
		t.Fatalf("validate refuses the draft: exit %d\n%s", v.code, v.stderr)
	}
	_, actions := parseCSV(t, readText(t, filepath.Join(data, model.PlanActionsFile)))
	if len(actions) != 15+8 {
		t.Errorf("plan_actions.csv has %d rows, want 15 of 鶴見区 and 8 of 東住吉区", len(actions))
	}
	col := slices.Index(draft[0], "target_percent")
	draft[1][col] = "65"
	writeCSVFile(t, filepath.Join(data, model.IndicatorsFile), draft)
	if v := shihyo(t, "validate", "--data", data); v.code != exitFailure || !strings.Contains(v.stderr, "source_text の目標は 60%") {
		t.Errorf("a retyped target: exit %d\n%s", v.code, v.stderr)
	}
}

// filledDraft is the 鶴見区 rows of the draft with staff's four entries
// taken from the indicators.csv at sample, then sample's other wards.
func filledDraft(t *testing.T, draftCSV, sample string) [][]string {
	t.Helper()
	head, rows := parseCSV(t, draftCSV)
	_, old := parseCSV(t, readText(t, sample))
	staff := map[string]map[string]string{}
	for _, row := range old {
		staff[row["ward"]+row["issue_no"]+"-"+row["indicator_no"]] = row
	}
	out := [][]string{head}
	record := func(row map[string]string) []string {
		rec := make([]string, len(head))
		for i, col := range head {
			rec[i] = row[col]
		}
		return rec
	}
	for _, row := range rows {
		if row["ward"] != "鶴見区" {
			continue
		}
		s := staff[row["ward"]+row["issue_no"]+"-"+row["indicator_no"]]
		for _, col := range []string{"question_key", "positive_codes", "excluded_codes", "filter"} {
			row[col] = s[col]
		}
		out = append(out, record(row))
	}
	for _, row := range old {
		if row["ward"] != "鶴見区" {
			out = append(out, record(row))
		}
	}
	return out
}

func writeCSVFile(t *testing.T, path string, recs [][]string) {
	t.Helper()
	var b bytes.Buffer
	if err := plandraft.WriteCSV(&b, recs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPlanOutBesideWorkbooks: --plan-out into a data folder that keeps a
// plan file as a workbook (plans.xlsx) is refused, writing nothing, with
// --force too: plans.csv beside plans.xlsx would make the folder one that
// validate refuses (definition_csv_and_xlsx). A --plan-out that is a file
// is refused in Japanese.
func TestPlanOutBesideWorkbooks(t *testing.T) {
	seed := inputtest.SeedPath(t, inputtest.SeedTsurumiR5)
	data := t.TempDir()
	book := filepath.Join(data, model.WorkbookName(model.PlansFile))
	if err := os.WriteFile(book, []byte("staff's workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{false, true} {
		args := []string{"plan", "extract", "--plan-out", data, seed}
		if force {
			args = append(args[:2], append([]string{"--force"}, args[2:]...)...)
		}
		r := runIn(t, args...)
		if r.code != exitFailure || !strings.Contains(r.stderr, "plans.xlsx") || r.stdout != "" {
			t.Errorf("force %v: exit %d, stderr %q", force, r.code, r.stderr)
		}
		for _, name := range []string{model.PlansFile, model.PlanIssuesFile, model.PlanActionsFile} {
			if _, err := os.Lstat(filepath.Join(data, name)); err == nil {
				t.Errorf("force %v: wrote %s beside plans.xlsx", force, name)
			}
		}
	}
	file := filepath.Join(t.TempDir(), "draft")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runIn(t, "plan", "extract", "--plan-out", file, seed)
	if r.code != exitFailure || !strings.Contains(r.stderr, "フォルダではなくファイルです") || strings.Contains(r.stderr, "not a directory") {
		t.Errorf("--plan-out a file: exit %d, stderr %q", r.code, r.stderr)
	}
}
