package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

// multiIndicator is an indicator on accepted_multi's 複数回答 question
// riyou (w2020: the codes in one cell, w2022: a 0/1 column per option, 99
// a missing code), the share who used the web site or SNS (2;3), わからない
// (9) alone excluded.
const multiIndicator = "テスト区,令和4年度,4,1,区の情報を利用したことがある区民の割合,区民,riyou,2;3,9,,50,以上,令和9年度末,,\n"

// copyMulti is accepted_multi in a folder of its own, with multiIndicator.
func copyMulti(t *testing.T) Options {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.CopyFS(data, os.DirFS(overlay(t, "accepted_multi"))); err != nil {
		t.Fatal(err)
	}
	opts := Options{DataDir: data, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	f, err := os.OpenFile(filepath.Join(data, "indicators.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(multiIndicator)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// TestRefreshMultiIndicator: an indicator on a 複数回答 question is
// computed by the rule of docs/statistics.md §1, counted by hand from
// accepted_multi: in w2020, of 22 respondents 7 chose nothing (a blank or
// the missing code 99) and 2 only わからない, leaving 13, of whom 10 chose
// 2 or 3 (76.9%); in w2022 (weighted) 2 remain, both positive. A changed
// rule (わからない kept in the base) is then counted again from the
// microdata read back from the database, not from the response files, to
// the actuals of a full refresh: 10 of 15 in w2020.
func TestRefreshMultiIndicator(t *testing.T) {
	opts := copyMulti(t)
	mustRefresh(t, opts)
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	// The flow's 無回答 (7, 1) and 除外 (2, 1) are counts under 10: they are
	// hidden in actuals.csv (compute.FlowHidden), their counting checked
	// by TestCrossCheckR/flows.
	want := map[string][7]string{ // n_valid, n_positive, percent, flow: respondents, 無回答, 除外, 除外 by code
		"テスト区 4-1/2020": {"13", "10", "76.9", "22", "", "", "9:わからない="},
		"テスト区 4-1/2022": {"2", "2", "100.0", "4", "", "", "9:わからない="},
	}
	for key, w := range want {
		r := got[key]
		g := [7]string{r["n_valid"], r["n_positive"], r["percent"], r["flow_respondents"], r["flow_no_answer"], r["flow_excluded"], r["flow_excluded_by"]}
		if g != w {
			t.Errorf("%s: %v; want %v", key, g, w)
		}
	}
	if _, ok := got["テスト区 4-1/2021"]; ok {
		t.Error("w2021, which does not ask riyou, has an actual of it")
	}
	edit(t, opts, "indicators.csv", "riyou,2;3,9,", "riyou,2;3,,")
	res := mustRefresh(t, opts)
	if res.Waves != 0 || res.Recounted != 2 || res.FullReload {
		t.Fatalf("refresh: %+v; want no wave reloaded and the 2 waves of riyou recounted", res)
	}
	after := readFile(t, filepath.Join(opts.Out, ActualsFile))
	if want := fresh(t, opts); after != want {
		t.Errorf("actuals.csv differs from a full refresh:\n%s\nwant:\n%s", after, want)
	}
	if r := readActuals(t, filepath.Join(opts.Out, ActualsFile))["テスト区 4-1/2020"]; r["n_valid"] != "15" || r["n_positive"] != "10" {
		t.Errorf("recounted w2020: n %s, %s positive; want 15, 10", r["n_valid"], r["n_positive"])
	}
}
