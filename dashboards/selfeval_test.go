package dashboards

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// TestDraftAndCertaintyOnPages: the indicator page carries the 自己評価
// draft of its latest wave, the ward page one line per 経営課題, and every
// page says 「誤差の範囲内での達成」 beside an A whose interval holds the
// target.
func TestDraftAndCertaintyOnPages(t *testing.T) {
	site := testSite()
	site.Actuals[5].CILow = sql.NullFloat64{Float64: 58.0, Valid: true} // 69.8% A against 60%以上
	dir := t.TempDir()
	if err := Render(context.Background(), dir, site); err != nil {
		t.Fatal(err)
	}
	pages := htmlPages(outputFiles(t, dir))
	checks := map[string][]string{
		"indicator-tsurumi-2023-1-1.html": {
			`<h2 id="draft-heading">自己評価（案）（令和5年度）</h2>`,
			"<p>令和5年度の実績は 59.8% で、達成状況は B（未達成）でした（有効回答 700 人のうち 418 人が「毎月読んでいる」「ときどき読んでいる」と回答。「わからない」は母数から除いています）。",
			"前年度の 71.3% から 11.5 ポイント低下しました。",
			"実績はこれを下回っており、進捗は「遅れ」です。目標の達成には今後毎年 3.8 ポイントずつ上げる必要があります。",
		},
		"indicator-tsurumi-2023-2-1.html": {`<span class="note certainty">（誤差の範囲内での達成）</span>`, "この範囲は目標の 60% をまたいでおり、誤差の範囲内での達成です。"},
		"index.html":                      {`<span class="status status-a">A（達成）</span><span class="note certainty">（誤差の範囲内での達成）</span>`},
		"ward-tsurumi.html": {
			"自己評価（案）：</span>経営課題1（令和5年度）：指標 1 件のうち A（達成）0 件、B（未達成）1 件（うち 順調 0 件、遅れ 1 件）。前年度から有意に低下 1 件。",
			"経営課題2（令和5年度）：指標 1 件のうち A（達成）1 件、B（未達成）0 件。誤差の範囲内での達成・未達成 1 件。",
			`<span class="note certainty">（誤差の範囲内での達成）</span>`,
		},
	}
	for page, wants := range checks {
		for _, want := range wants {
			if !strings.Contains(pages[page], want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
	}
	// The unmeasured indicator has no draft; 1-1's interval (56.3–63.3%)
	// does not hold its target of 75%.
	if strings.Contains(pages["indicator-tsurumi-2023-3-1.html"], "draft-heading") {
		t.Error("an indicator without a wave has a draft")
	}
	if strings.Contains(pages["indicator-tsurumi-2023-1-1.html"], "誤差の範囲内での未達成") {
		t.Error("1-1 is said to be within the error of its target")
	}
}
