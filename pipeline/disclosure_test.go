package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/audit"
	"github.com/shihyo/shihyo/pipeline/input"
)

// linkedData holds the three patterns of issue 12 in one wave; old-site
// is what the rule before issue 12 published for it.
const (
	linkedData = "audit/testdata/linked"
	oldSite    = "audit/testdata/old-site"
)

// TestAuditorFindsTodaysLeaksAndNoneOnTheNewRule: the auditor recovers
// each pattern of issue 12 from the site of the old rule (a filtered
// indicator's total against the unfiltered breakdown, nested filters, an
// indicator of n = 2 listing only its respondents' categories), and
// nothing from what a refresh publishes now, the database's definitions
// giving the links.
func TestAuditorFindsTodaysLeaksAndNoneOnTheNewRule(t *testing.T) {
	dir := t.TempDir()
	opts := Options{DataDir: linkedData, DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	s, err := audit.FromDB(context.Background(), opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	old, err := audit.Run(context.Background(), oldSite, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		indicator, where string
		n                int64
	}{
		{"1-1", "kosodate「無回答」", 4},                                       // 394 − 338 − 52
		{"2-1", "kosodate「子育て中」 × nendai「40歳代」", 9},                       // (30・40歳代) 45 − 30歳代 36
		{"2-1", "kosodate「子育て中」 × nendai「18〜29歳・50歳代・60歳代・70歳以上・無回答」", 7}, // 52 − 45
		{"3-1", "seibetsu「男性」", 2},                                        // n = 2, one row listed
		{"3-1", "seibetsu (載っていない区分: 女性・その他)", 0},
	} {
		if !hasFinding(old, want.indicator, want.where, want.n) {
			t.Errorf("old site: no finding %s %s (%d); got:\n%s", want.indicator, want.where, want.n, messages(old))
		}
	}
	now, err := audit.Run(context.Background(), opts.Out, s)
	if err != nil || len(now) > 0 {
		t.Errorf("new site: %v\n%s", err, messages(now))
	}
}

func hasFinding(fs []audit.Finding, indicator, where string, n int64) bool {
	for _, f := range fs {
		id := strings.TrimPrefix(strings.SplitN(f.Message(), "「", 2)[0], "テスト区 令和5年度 経営課題")
		if strings.TrimSpace(id) == indicator && strings.HasPrefix(f.Where, where) && f.N == n {
			return true
		}
	}
	return false
}

func messages(fs []audit.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Message() + "\n")
	}
	return b.String()
}

// TestNewRuleOnTheLinkedPatterns: what the linked rule publishes for the
// patterns: 子育て中 on the 区民 indicator is shown (the 子育て世帯
// indicator on the same question publishes that number anyway), its
// complements are 子育て中ではない and 無回答; the nested indicator is
// withdrawn (its total and the 子育て世帯 total alone give 7); the n = 2
// indicator keeps its actual and has no breakdown; every table lists
// every category (a filtered indicator's table by its filter key, those
// the filter lets through).
func TestNewRuleOnTheLinkedPatterns(t *testing.T) {
	dir := t.TempDir()
	opts := Options{DataDir: linkedData, DB: filepath.Join(dir, "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	cells := readRows(t, filepath.Join(opts.Out, BreakdownsFile))
	for key, want := range map[string]string{
		"1/1/kosodate/1": "52", "1/1/kosodate/2": "", "1/1/kosodate/": "",
		"1/1/nendai/1": "60", "1/1/seibetsu/3": "12", "1/2/nendai/2": "36",
	} {
		if got, ok := cells[key]; !ok || got != want {
			t.Errorf("cell %s: n %q (listed %v); want %q", key, got, ok, want)
		}
	}
	tables := map[string]int{}
	for key := range cells {
		if strings.HasPrefix(key, "2/2/") || strings.HasPrefix(key, "3/1/") {
			t.Errorf("cell %s published; want no breakdown", key)
		}
		parts := strings.Split(key, "/")
		tables[strings.Join(parts[:3], "/")]++
	}
	for tb, n := range tables {
		want := map[string]int{"kosodate": 3, "nendai": 7, "seibetsu": 4}[strings.Split(tb, "/")[2]]
		if tb == "1/2/kosodate" || tb == "2/1/kosodate" {
			want = 1 // 子育て世帯 only: the others are empty by the filter
		}
		if n != want {
			t.Errorf("table %s lists %d categories; want %d", tb, n, want)
		}
	}
	actuals := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	if _, ok := actuals["テスト区 2-2/2023"]; ok {
		t.Error("nested indicator 2-2 published")
	}
	if a, ok := actuals["テスト区 3-1/2023"]; !ok || a["n_valid"] != "2" {
		t.Errorf("n = 2 indicator: %v; want its actual (n 2)", a)
	}
}

// readRows reads breakdowns.csv as n_valid by issue/no/attribute/code.
func readRows(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range readTable(t, path) {
		out[r["issue_no"]+"/"+r["indicator_no"]+"/"+r["attribute_key"]+"/"+r["code"]] = r["n_valid"]
	}
	return out
}

// TestRefreshRefusesARecoverableSite: the check refresh makes before the
// swap refuses the old rule's site, naming each cell, never the number.
func TestRefreshRefusesARecoverableSite(t *testing.T) {
	ds, err := input.Read(context.Background(), linkedData)
	if err != nil {
		t.Fatal(err)
	}
	err = audit.Staged(context.Background(), oldSite, ds)
	if err == nil || !strings.Contains(err.Error(), "kosodate「無回答」") {
		t.Fatalf("Staged(old site) = %v; want the 無回答 cell named", err)
	}
	if !strings.Contains(err.Error(), "公開フォルダは前回のままです") || !strings.Contains(err.Error(), "システムの担当者") {
		t.Errorf("Staged(old site) = %v; want it to say that the last site stays and whom to tell", err)
	}
	for _, line := range strings.Split(err.Error(), "\n")[1:] {
		if strings.Contains(line, "逆算した") {
			t.Errorf("message carries the recovered number: %s", line)
		}
	}
}

// TestValidDataPublishes: indicators that disclosure control once left
// recoverable by its own auditor, so that the refresh refused the site of
// valid data (nothing leaked; nothing was published either), now
// publish. In the first case 1-2 (子育て世帯) is withdrawn: its total
// published no n, but the search still exempted what it leaves out
// inside kosodate=1, and its positives tried first outside kosodate=1
// kept 2-2's from being tried (TestWithdrawnDomainMasksNothing pins
// both; here the search of decide's asPublished alone also mends it); in
// the second, 2-1 (kosodate=2) is withdrawn and its filter cut the
// regions the decisions searched finer than the audit of the published
// tables does (only asPublished mends it).
func TestValidDataPublishes(t *testing.T) {
	for name, edits := range map[string][][2]string{
		"1-3 and 2-2 added": {{"R9,「住みにくい」の割合を25%以下にする,\n",
			"R9,「住みにくい」の割合を25%以下にする,\nテスト区,令和4年度,1,3,e,区民,q,3,2,kosodate=1,25,以下,R9,,\nテスト区,令和4年度,2,2,g,区民,q,1;4;9,,,25,以下,R9,,\n"}},
		"filters on q and kosodate=2": {{"q,１；２,,kosodate=1,", "q,１；２,,q=3;4,"}, {"q,3;4,9,,", "q,3;4,9,kosodate=2,"}},
	} {
		t.Run(name, func(t *testing.T) {
			opts := copySmall(t)
			for _, e := range edits {
				edit(t, opts, "indicators.csv", e[0], e[1])
			}
			if _, err := Validate(context.Background(), opts.DataDir); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			mustRefresh(t, opts)
			ds, err := input.Read(context.Background(), opts.DataDir)
			if err != nil {
				t.Fatal(err)
			}
			if err := audit.Staged(context.Background(), opts.Out, ds); err != nil {
				t.Fatalf("the published site: %v", err)
			}
		})
	}
}
