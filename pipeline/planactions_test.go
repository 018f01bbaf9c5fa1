package pipeline

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// TestRefreshPlanActionsRerenders: plan_actions.csv is one of the
// definition files the manifest hashes: an edit of an amount publishes it
// on the ward page without reloading any wave, and a refresh after it is a
// no-op again.
func TestRefreshPlanActionsRerenders(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	page := filepath.Join(opts.Out, layout.WardFile(wards.NewNamer(map[string]string{"テスト区": "test"}, nil), "テスト区"))
	if !strings.Contains(readFile(t, page), "47,000千円") {
		t.Fatal("the ward page does not show 経営課題1's 予算 of 令和3年度")
	}
	edit(t, opts, "plan_actions.csv", ",47000,予算,", ",48500,予算,")
	res := mustRefresh(t, opts)
	if res.NoOp || len(res.ReloadedWaves) != 0 || !slices.Equal(res.Changed, []string{"plan_actions.csv"}) {
		t.Fatalf("refresh: %+v; want a re-render without reloading any wave", res)
	}
	if got := readFile(t, page); !strings.Contains(got, "48,500千円") || strings.Contains(got, "47,000千円") {
		t.Error("the ward page does not show the edited amount")
	}
	if res := mustRefresh(t, opts); !res.NoOp {
		t.Errorf("refresh after the edit: %+v; want a no-op", res)
	}
}
