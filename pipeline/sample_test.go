package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

// TestSampleHasEveryActual refreshes data/sample and checks that actuals.csv
// has one row for every indicator × wave that measures it, and so a row for
// every indicator that has a wave.
func TestSampleHasEveryActual(t *testing.T) {
	sample := filepath.Join("..", "data", "sample")
	ds, err := input.Read(context.Background(), sample)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := Options{DataDir: sample, DB: filepath.Join(dir, "s.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	want := 0
	for _, in := range ds.Indicators {
		waves := ds.Waves(in)
		if len(waves) == 0 {
			t.Errorf("indicator %s %d-%d has no wave in the sample", in.Ward, in.IssueNo, in.IndicatorNo)
		}
		for _, w := range waves {
			want++
			key := fmt.Sprintf("%s %d-%d/%d", in.Ward, in.IssueNo, in.IndicatorNo, w.FiscalYear)
			if row, ok := got[key]; !ok || row["percent"] == "" || row["status"] == "" {
				t.Errorf("no published actual for %s", key)
			}
		}
	}
	if len(got) != want || want != 68 {
		t.Errorf("actuals.csv has %d rows; want %d (17 indicators × 4 waves = 68)", len(got), want)
	}
}

// TestSampleFlowAddsUp refreshes data/sample and checks the denominator's
// flow of every indicator × wave in actuals.csv (issue 11): 回答者数 =
// 対象外 + 無回答 + 除外 + n with n the published n_valid, 肯定 ≤ n, the
// 除外 and 肯定 by code adding up to 除外 and n_positive for a single
// answer (for the 複数回答 indicator at least to them), and the flow of the
// 複数回答 indicator with its vendor 99 counted as 無回答.
func TestSampleFlowAddsUp(t *testing.T) {
	sample := filepath.Join("..", "data", "sample")
	dir := t.TempDir()
	opts := Options{DataDir: sample, DB: filepath.Join(dir, "s.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	rows := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	if len(rows) != 68 {
		t.Fatalf("%d rows; want 68", len(rows))
	}
	num := func(key string, row map[string]string, col string) int {
		n, err := strconv.Atoi(row[col])
		if err != nil {
			t.Fatalf("%s: %s = %q", key, col, row[col])
		}
		return n
	}
	for key, r := range rows {
		n, pos := num(key, r, "n_valid"), num(key, r, "n_positive")
		excluded := num(key, r, "flow_excluded")
		out := num(key, r, "flow_filtered") + num(key, r, "flow_not_applicable") + num(key, r, "flow_no_answer") + excluded
		if resp := num(key, r, "flow_respondents"); resp != out+n || pos > n {
			t.Errorf("%s: 回答者数 %d ≠ 対象外・無回答・除外 %d + n %d, or 肯定 %d > n", key, resp, out, n, pos)
		}
		multi := r["question_key"] == "joho_shudan"
		for col, total := range map[string]int{"flow_excluded_by": excluded, "flow_positive_by": pos} {
			sum := sumByCode(t, key, r[col])
			if sum != total && !(multi && sum >= total) {
				t.Errorf("%s: %s %q adds up to %d; want %d", key, col, r[col], sum, total)
			}
		}
	}
	m := rows["東住吉区 4-2/2020"]
	if m == nil || m["flow_no_answer"] == "0" || !strings.Contains(m["flow_excluded_by"], "9:わからない=") ||
		!strings.Contains(m["flow_positive_by"], "3:区のSNS") {
		t.Errorf("the 複数回答 indicator's flow: %v", m)
	}
}

// sumByCode adds up the counts of a flow_…_by cell (1:そう思う=3; 2:…=5).
func sumByCode(t *testing.T, key, cell string) int {
	t.Helper()
	sum := 0
	for _, part := range strings.Split(cell, "; ") {
		if part == "" {
			continue
		}
		_, n, ok := strings.Cut(part[strings.LastIndex(part, "="):], "=")
		v, err := strconv.Atoi(n)
		if !ok || err != nil {
			t.Fatalf("%s: by-code cell %q", key, cell)
		}
		sum += v
	}
	return sum
}
