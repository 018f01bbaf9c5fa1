package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/audit"
)

// mergedData is ../linked's wave with one indicator (広報 for 区民) and
// 子育て中ではない of kind with_blank (audit/testdata/merged/README.md).
const mergedData = "audit/testdata/merged"

// notKosodate is an indicator on the same question filtered on the merged
// code alone: its total (子育て中ではない, 338) and the merged row (342)
// give the 無回答 of 子育て (4).
const notKosodate = "\nテスト区,令和5年度,1,2,区政情報を入手できている子育て中ではない区民の割合,区民,koho,1;2,9,kosodate=2,60,以上,令和9年度末,\n"

// olderKoho is a third indicator on the question, filtered on another
// key (年代): with it the space of the question is 子育て × 年代, and the
// 無回答 of 子育て is a union of its points that no shape of the audit
// searched before (docs/statistics.md §6.1).
const olderKoho = "テスト区,令和5年度,1,3,区政情報を入手できている60歳以上の区民の割合,区民,koho,1;2,9,nendai=5;6,60,以上,令和9年度末,\n"

// mergedCell is one row of breakdowns.csv as the tests read it.
type mergedCell struct {
	n, label string
	hidden   bool
}

// refreshMerged refreshes data into a new folder and returns the folder
// published, the rows of breakdowns.csv by issue/no/attribute/code and
// the linking structure of the database.
func refreshMerged(t *testing.T, data string) (string, map[string]mergedCell, audit.Structure) {
	t.Helper()
	dir := t.TempDir()
	opts := Options{DataDir: data, DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh %s: %v", data, err)
	}
	cells := map[string]mergedCell{}
	for _, r := range readTable(t, filepath.Join(opts.Out, BreakdownsFile)) {
		key := r["issue_no"] + "/" + r["indicator_no"] + "/" + r["attribute_key"] + "/" + r["code"]
		cells[key] = mergedCell{r["n_valid"], r["label"], r["suppressed"] == "true"}
	}
	s, err := audit.FromDB(context.Background(), opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Out, cells, s
}

func wantCells(t *testing.T, what string, cells map[string]mergedCell, want map[string]mergedCell) {
	t.Helper()
	for key, w := range want {
		if got, ok := cells[key]; !ok || got != w {
			t.Errorf("%s: cell %s = %+v (listed %v); want %+v", what, key, got, ok, w)
		}
	}
}

// TestMergedRowShowsTheLargeCell: with 無回答 merged into 子育て中ではない,
// the breakdown by 子育て shows 子育て中 (52) and 子育て中ではない・無回答
// (342), lists no 無回答 row, and the auditor finds nothing; the same data
// with kind blank hides 無回答 (4) and 子育て中 as its complement. With an
// indicator filtered on 子育て中ではない alone, the merged row would give
// the 無回答 away (342 − 338): the auditor finds it on a site that shows
// it, and the rule hides instead.
func TestMergedRowShowsTheLargeCell(t *testing.T) {
	out, cells, s := refreshMerged(t, mergedData)
	wantCells(t, "merged", cells, map[string]mergedCell{
		"1/1/kosodate/1": {"52", "子育て中", false},
		"1/1/kosodate/2": {"342", "子育て中ではない・無回答", false},
	})
	if c, ok := cells["1/1/kosodate/"]; ok {
		t.Errorf("merged: a 無回答 row %+v; want none", c)
	}
	if f, err := audit.Run(context.Background(), out, s); err != nil || len(f) > 0 {
		t.Errorf("merged: audit %v\n%s", err, messages(f))
	}

	_, plain, _ := refreshMerged(t, copyWithEdit(t, mergedData, "choices.csv", "子育て中ではない,with_blank", "子育て中ではない,"))
	wantCells(t, "kind blank", plain, map[string]mergedCell{
		"1/1/kosodate/1": {"", "子育て中", true},
		"1/1/kosodate/2": {"338", "子育て中ではない", false},
		"1/1/kosodate/":  {"", "無回答", true},
	})

	leakData := copyWithEdit(t, mergedData, "indicators.csv", "令和9年度末,\n", "令和9年度末,"+notKosodate)
	leakOut, leak, ls := refreshMerged(t, leakData)
	// Inside its filter no 無回答 passes: 1-2's row is the code's alone.
	wantCells(t, "with 1-2", leak, map[string]mergedCell{"1/2/kosodate/2": {"338", "子育て中ではない", false}})
	if a, b := leak["1/1/kosodate/1"], leak["1/1/kosodate/2"]; !a.hidden && !b.hidden {
		t.Errorf("with 1-2 on kosodate=2: 子育て中 %+v and the merged row %+v both shown", a, b)
	}
	if f, err := audit.Run(context.Background(), leakOut, ls); err != nil || len(f) > 0 {
		t.Errorf("with 1-2: audit %v\n%s", err, messages(f))
	}
	// The site the merge alone would publish: 1-1's rows as without 1-2.
	found, err := audit.Run(context.Background(), naiveSite(t, leakOut, out), ls)
	if err != nil || !hasFinding(found, "1-1", "kosodate「無回答」", 4) {
		t.Errorf("site showing the merged row beside 1-2: %v; want kosodate「無回答」 (4) found; got:\n%s", err, messages(found))
	}
	twoKeys(t, out, leakData)
}

// twoKeys: with 1-2 on kosodate=2 and 1-3 on 年代, the rule still hides
// 子育て中 or the merged row and the auditor finds nothing on what is
// published; a site showing the merged row as 1-1 alone would is found
// giving the 無回答 of 子育て away (4), though 年代 now splits every group
// of 子育て.
func twoKeys(t *testing.T, alone, leakData string) {
	out, cells, s := refreshMerged(t, copyWithEdit(t, leakData, "indicators.csv", "kosodate=2,60,以上,令和9年度末,\n", "kosodate=2,60,以上,令和9年度末,\n"+olderKoho))
	if a, b := cells["1/1/kosodate/1"], cells["1/1/kosodate/2"]; !a.hidden && !b.hidden {
		t.Errorf("with 1-2 and 1-3: 子育て中 %+v and the merged row %+v both shown", a, b)
	}
	if _, ok := cells["1/3/nendai/5"]; !ok {
		t.Errorf("with 1-3: no row of 1-3 by 年代: the indicator was not added")
	}
	if f, err := audit.Run(context.Background(), out, s); err != nil || len(f) > 0 {
		t.Errorf("with 1-2 and 1-3: audit %v\n%s", err, messages(f))
	}
	found, err := audit.Run(context.Background(), naiveSite(t, out, alone), s)
	if err != nil || !hasFinding(found, "1-1", "kosodate「無回答」", 4) {
		t.Errorf("site showing the merged row beside 1-2 and 1-3: %v; want kosodate「無回答」 (4) found; got:\n%s", err, messages(found))
	}
}

// TestSampleMergedRows: data/sample merges 無回答 into 子育て中ではない and
// into その他・答えたくない in every 区民 wave (年代 into nothing): their
// tables list the merged row and no 無回答 row, 年代's keeps its own;
// 子育て中 is shown in every table by 子育て of an unfiltered indicator
// (16 of them were hidden as complements of a 無回答 under 10, 鶴見区
// 令和5年度 広報's 112 among them); the auditor finds nothing on the
// published folder; the indicator pages name the merged row.
func TestSampleMergedRows(t *testing.T) {
	if testing.Short() {
		t.Skip("refreshes data/sample")
	}
	ds, opts := refreshSample(t)
	unfiltered := map[string]bool{}
	for _, in := range ds.Indicators {
		unfiltered[in.Title] = len(in.Filter) == 0
	}
	merged := map[string]string{"kosodate": "2", "seibetsu": "3"}
	labels := map[string]string{"kosodate": "子育て中ではない・無回答", "seibetsu": "その他・答えたくない・無回答"}
	tables, koho := map[string]int{}, ""
	for _, r := range readTable(t, filepath.Join(opts.Out, BreakdownsFile)) {
		attr, code := r["attribute_key"], r["code"]
		if !strings.Contains(r["survey_id"], "-kumin-") || (attr != "kosodate" && attr != "seibetsu" && attr != "nendai") {
			continue
		}
		switch {
		case code == "" && attr != "nendai":
			t.Errorf("%s %s: a 無回答 row of %s; want it merged", r["title"], r["survey_id"], attr)
		case code == "" && attr == "nendai":
			tables["nendai"]++
		case code == merged[attr] && unfiltered[r["title"]]:
			tables[attr]++
			if r["label"] != labels[attr] {
				t.Errorf("%s %s: %s %s labelled %q; want %q", r["title"], r["survey_id"], attr, code, r["label"], labels[attr])
			}
		case attr == "kosodate" && code == "1" && unfiltered[r["title"]] && r["suppressed"] == "true":
			t.Errorf("%s %s: 子育て中 hidden", r["title"], r["survey_id"])
		}
		if r["survey_id"] == "tsurumi-kumin-2023" && strings.HasPrefix(r["title"], "必要な区政情報") && attr == "kosodate" && code == "1" {
			koho = r["n_valid"]
		}
	}
	if tables["kosodate"] == 0 || tables["seibetsu"] == 0 || tables["nendai"] == 0 {
		t.Errorf("tables read: %v; want some of each", tables)
	}
	if koho != "112" {
		t.Errorf("鶴見区 令和5年度 広報 子育て中: n %q; want 112 shown", koho)
	}
	pages, err := filepath.Glob(filepath.Join(opts.Out, "indicator-*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("indicator pages: %v (%d)", err, len(pages))
	}
	rows := 0
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rows += strings.Count(string(b), `<th scope="row">子育て中ではない・無回答</th>`)
	}
	if rows == 0 {
		t.Error("no indicator page's breakdown table has a row 子育て中ではない・無回答")
	}
	s, err := audit.FromDB(context.Background(), opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := audit.Run(context.Background(), opts.Out, s); err != nil || len(f) > 0 {
		t.Errorf("audit of the sample: %v\n%s", err, messages(f))
	}
}

// naiveSite is a folder of site's actuals and 単純集計 with the breakdowns
// of breakdowns (a site published without the indicators site has more).
func naiveSite(t *testing.T, site, breakdowns string) string {
	t.Helper()
	naive := t.TempDir()
	for _, f := range []struct{ from, name string }{{site, ActualsFile}, {site, "frequencies.csv"}, {breakdowns, BreakdownsFile}} {
		b, err := os.ReadFile(filepath.Join(f.from, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(naive, f.name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return naive
}
