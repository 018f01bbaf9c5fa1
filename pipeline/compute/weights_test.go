package compute_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shiftWeights copies the crosscheck data directory with every weight of
// the weighted waves divided by 10^k, written as staff would (1.3906 →
// 0.00013906 for k = 4): the same ratios, so the same percentages.
func shiftWeights(t *testing.T, k int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(crosscheck)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cc2022.csv", "cc2023.csv"} {
		p := filepath.Join(dir, "responses", name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i := 1; i < len(lines); i++ {
			if lines[i] == "" {
				continue
			}
			cut := strings.LastIndexByte(lines[i], ',') + 1
			lines[i] = lines[i][:cut] + divide(t, lines[i][cut:], k)
		}
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// divide moves the decimal point of the plain decimal s k places left.
func divide(t *testing.T, s string, k int) string {
	t.Helper()
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" || strings.Trim(whole+frac, "0123456789") != "" {
		t.Fatalf("weight %q is not a plain decimal", s)
	}
	whole = strings.Repeat("0", k) + whole
	cut := len(whole) - k
	return strings.TrimLeft(whole[:cut], "0") + "0." + whole[cut:] + frac
}

// TestSmallWeightsPublishTheSame divides every weight by 10,000: the
// ratios, and so every published percentage, status and breakdown cell,
// must be what the original weights give. Rounded to 6 decimals (as the
// weights once were) such weights keep only 2–3 digits, and published
// values moved by a tenth.
func TestSmallWeightsPublishTheSame(t *testing.T) {
	orig, small := run(t, crosscheck), run(t, shiftWeights(t, 4))
	if len(orig.actuals) != len(small.actuals) || len(orig.breakdowns) != len(small.breakdowns) {
		t.Fatalf("%d actuals %d cells; want %d %d", len(small.actuals), len(small.breakdowns),
			len(orig.actuals), len(orig.breakdowns))
	}
	for key, a := range orig.actuals {
		b := small.actuals[key]
		if b.Percent != a.Percent || b.Status != a.Status || b.Trajectory != a.Trajectory || b.ChangeFlag != a.ChangeFlag {
			t.Errorf("%s: weights ÷ 10,000 publish %.1f %s %s %s (exact %.10f); the weights %.1f %s %s %s",
				key, b.Percent, b.Status, b.Trajectory, b.ChangeFlag, b.PercentExact,
				a.Percent, a.Status, a.Trajectory, a.ChangeFlag)
		}
		if d := b.PercentExact - a.PercentExact; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s: percent_exact %.12f; want %.12f", key, b.PercentExact, a.PercentExact)
		}
	}
	for key, a := range orig.breakdowns {
		b := small.breakdowns[key]
		if b.Percent != a.Percent || b.Suppressed != a.Suppressed || b.NValid != a.NValid {
			t.Errorf("%s: weights ÷ 10,000 publish %v (n %v); the weights %v (n %v)", key, b.Percent, b.NValid,
				a.Percent, a.NValid)
		}
	}
}
