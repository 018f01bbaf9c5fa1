package plandoc_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/plandoc"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// TestDraftPassesValidation: the indicators ReadPlan drafts from the
// 令和5年度 plan, once staff fill in what the plan cannot say (the keys,
// codes and filter, here taken from data/sample), are accepted by the
// same validation that shihyo validate runs, cross-check of source_text
// included. The rows are written with the years in 西暦, as ReadPlan
// gives them.
func TestDraftPassesValidation(t *testing.T) {
	text := inputtest.Seed(t, inputtest.SeedTsurumiR5)
	p, err := plandoc.ReadPlan(text, plandoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sample := filepath.Join(inputtest.RepoRoot(t), "data", "sample")
	if err := os.CopyFS(dir, os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, filepath.Join(dir, model.IndicatorsFile))
	filled := map[string][]string{} // staff's entries by issue-indicator
	var others [][]string
	for _, rec := range recs[1:] {
		if rec[0] != "鶴見区" {
			others = append(others, rec)
			continue
		}
		filled[rec[2]+"-"+rec[3]] = rec[6:10] // question_key, positive_codes, excluded_codes, filter
	}
	out := [][]string{input.IndicatorColumns}
	for _, in := range p.Indicators {
		staff, ok := filled[strconv.Itoa(in.IssueNo)+"-"+strconv.Itoa(in.IndicatorNo)]
		if !ok {
			t.Fatalf("no data/sample row for %d-%d", in.IssueNo, in.IndicatorNo)
		}
		row := []string{in.Ward, wareki.Label(in.PlanYear), strconv.Itoa(in.IssueNo), strconv.Itoa(in.IndicatorNo), in.Title, in.Population}
		row = append(row, staff...)
		row = append(row, strconv.FormatFloat(in.TargetPercent, 'f', -1, 64), in.TargetOp, strconv.Itoa(in.TargetYear), in.SourceText)
		out = append(out, row)
	}
	writeCSV(t, filepath.Join(dir, model.IndicatorsFile), append(out, others...))
	if _, err := input.Read(context.Background(), dir); err != nil {
		t.Fatalf("validation refuses the draft: %v", err)
	}
	// The check bites: the same rows with one target retyped are refused.
	out[1][10] = "65"
	writeCSV(t, filepath.Join(dir, model.IndicatorsFile), append(out, others...))
	if _, err := input.Read(context.Background(), dir); err == nil || !strings.Contains(err.Error(), "source_text") {
		t.Fatalf("a retyped target is not caught: %v", err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeCSV(t *testing.T, path string, recs [][]string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
