package pipeline

import (
	"path/filepath"
	"testing"
)

// TestTinyWeightsPublishTheSame divides the weights of the small fixture's
// weighted wave (59.95% and 40.05% exactly) by 10⁸. The ratios are the
// same, so the published 60.0 (A against 60以上) and 40.1 must be too.
// Weights rounded to 6 decimals, as they once were, all became 0.
func TestTinyWeightsPublishTheSame(t *testing.T) {
	opts := copySmall(t)
	for _, w := range [][2]string{{"0.5995", "0.000000005995"}, {"0.4005", "0.000000004005"},
		{"1.5\n", "0.000000015\n"}, {",2\n", ",0.00000002\n"}} {
		edit(t, opts, "responses/w2022.csv", w[0], w[1])
	}
	mustRefresh(t, opts)
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	for key, want := range map[string][2]string{"1-1/2022": {"60.0", "A"}, "2-1/2022": {"40.1", "B"}} {
		row := got["テスト区 "+key]
		if row["percent"] != want[0] || row["status"] != want[1] {
			t.Errorf("%s: percent %q status %q (exact %s); want %s %s", key, row["percent"], row["status"],
				row["percent_exact"], want[0], want[1])
		}
	}
}

// TestWidestWeights refreshes a wave whose weights span the whole supported
// range, the largest value and the most decimal places (10²⁵ units apart):
// the exact sums (HUGEINT) must not overflow, and round as they should.
func TestWidestWeights(t *testing.T) {
	opts := copySmall(t)
	edit(t, opts, "responses/w2022.csv", "0.5995", "9999999.99999999")
	edit(t, opts, "responses/w2022.csv", "0.4005", "0.000000000000000001")
	mustRefresh(t, opts)
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	// 1-1 counts the large weight positive and the tiny one not: 99.99…%
	// rounds to 100.0; 2-1 the reverse, 0.0 (以下 25: A).
	for key, want := range map[string][2]string{"1-1/2022": {"100.0", "A"}, "2-1/2022": {"0.0", "A"}} {
		row := got["テスト区 "+key]
		if row["percent"] != want[0] || row["status"] != want[1] {
			t.Errorf("%s: percent %q status %q; want %s %s", key, row["percent"], row["status"], want[0], want[1])
		}
	}
}
