package pipeline

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// replaceAll replaces every old by new in the file name of the data folder.
func replaceAll(t *testing.T, opts Options, name, old, new string) {
	t.Helper()
	p := filepath.Join(opts.DataDir, name)
	s := readFile(t, p)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(p, []byte(strings.ReplaceAll(s, old, new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPublishedCSVNeutralised puts text a spreadsheet would run as a
// formula into every text column of the input that reaches actuals.csv and
// breakdowns.csv (which serve hands out and staff open in Excel); keys are
// and survey ids are refused unless they are identifiers, so they cannot
// carry one. Each must
// arrive with a leading ', and the numbers (negative change points among
// them) must stay numbers.
func TestPublishedCSVNeutralised(t *testing.T) {
	opts := copySmall(t)
	const (
		ward  = "@SUM(1+1)区"
		pop   = "+区民"
		title = `=HYPERLINK("http://evil.example/","詳細")`
		attr  = "－子育て"
		label = "=子育て中"
	)
	for _, f := range []string{"surveys.csv", "indicators.csv", "plans.csv", "plan_issues.csv", "plan_actions.csv"} {
		replaceAll(t, opts, f, "テスト区", ward)
	}
	replaceAll(t, opts, "surveys.csv", ",区民,", ","+pop+",")
	replaceAll(t, opts, "indicators.csv", ",区民,q,", ","+pop+",q,")
	// The title with a leading space, which reading trims: it must not
	// reach the file as a bare formula either.
	replaceAll(t, opts, "indicators.csv", ",住みやすいと感じる区民の割合,", `," =HYPERLINK(""http://evil.example/"",""詳細"")",`)
	replaceAll(t, opts, "questions.csv", "子育て中ですか", attr)
	replaceAll(t, opts, "choices.csv", "kosodate,1,子育て中\n", "kosodate,1,"+label+"\n")
	mustRefresh(t, opts)

	want := map[string]bool{"'" + ward: false, "'" + pop: false, "'" + title: false, "'" + attr: false,
		"'" + label: false, "-": false}
	for _, name := range []string{ActualsFile, "breakdowns.csv"} {
		f, err := os.Open(filepath.Join(opts.Out, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		for r, rec := range recs[1:] {
			for c, cell := range rec {
				if _, ok := want[cell]; ok {
					want[cell] = true
				}
				if strings.HasPrefix(cell, "-") && isNumber(cell) {
					want["-"] = true
					continue
				}
				if first, _ := utf8.DecodeRuneInString(cell); strings.ContainsRune("=+-@\t\r＝＋－＠", first) && !isNumber(cell) {
					t.Errorf("%s row %d %s = %q: a formula", name, r+2, recs[0][c], cell)
				}
			}
		}
	}
	for cell, seen := range want {
		if !seen {
			t.Errorf("no cell %q in the published CSV files", cell)
		}
	}
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	dot := false
	for i, r := range s {
		switch {
		case r == '.' && !dot && i > 0:
			dot = true
		case r < '0' || r > '9':
			return false
		}
	}
	return s != ""
}
