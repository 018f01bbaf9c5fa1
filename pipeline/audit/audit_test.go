package audit

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

func linked(t *testing.T) Structure {
	t.Helper()
	ds, err := input.Read(context.Background(), "testdata/linked")
	if err != nil {
		t.Fatal(err)
	}
	return FromDataset(ds)
}

// TestMessageNeverCarriesTheNumber: what refresh records (run history,
// status.html) names the group, not its size.
func TestMessageNeverCarriesTheNumber(t *testing.T) {
	f, err := Run(context.Background(), "testdata/old-site", linked(t))
	if err != nil {
		t.Fatal(err)
	}
	leaks := 0
	for _, x := range f {
		if x.Partial {
			continue
		}
		leaks++
		x.N = 987654
		if strings.Contains(x.Message(), "987654") || !strings.Contains(x.Message(), x.Where) {
			t.Errorf("message %q: want the group %q and not its number", x.Message(), x.Where)
		}
	}
	if leaks == 0 {
		t.Error("no leak found on the old site")
	}
}

// TestPartialListingFound: a table that lists only the categories someone
// is in tells which they are (the n = 2 indicator lists 男性 alone).
func TestPartialListingFound(t *testing.T) {
	f, err := Run(context.Background(), "testdata/old-site", linked(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range f {
		if x.Partial && x.Indicator.IssueNo == 3 && strings.HasPrefix(x.Where, "seibetsu") {
			return
		}
	}
	t.Errorf("no partial listing of seibetsu for 3-1 among %d findings", len(f))
}

// TestFlowAndFrequenciesAgainstTheTables: the site that the rules before
// the linked 単純集計 and flow published for testdata/linked (flow-site:
// each table hidden by its own rule) gives away the 4 respondents who
// left 子育て blank: the 子育て世帯 indicator's 対象外 less the shown
// 子育て中ではない row of the 単純集計, which hid 無回答 with 子育て中 as its
// complement. The auditor reads frequencies.csv and the flow columns,
// finds it, and the check before a refresh's swap refuses the site.
func TestFlowAndFrequenciesAgainstTheTables(t *testing.T) {
	f, err := Run(context.Background(), "testdata/flow-site", linked(t))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := input.Read(context.Background(), "testdata/linked")
	if err != nil {
		t.Fatal(err)
	}
	if err := Staged(context.Background(), "testdata/flow-site", ds); !errors.Is(err, ErrRecoverable) {
		t.Errorf("Staged(flow-site) = %v; want the site refused", err)
	}
	for _, x := range f {
		if x.Where == "単純集計 kosodate「無回答」" && x.N == 4 && !strings.Contains(x.Message(), "4") {
			return
		}
	}
	var msgs []string
	for _, x := range f {
		msgs = append(msgs, x.Message())
	}
	t.Errorf("no finding of the 単純集計's kosodate 無回答 among:\n%s", strings.Join(msgs, "\n"))
}

// TestSmallFrequencyRowsOfAnyKey: the 単純集計 of an attribute no
// indicator filters on (seibetsu here) is checked too: a row shown with
// 1 to 9 respondents, and a row hidden alone, which is 回答者数 less the
// shown rows. Both edits keep the rows adding up to 回答者数.
func TestSmallFrequencyRowsOfAnyKey(t *testing.T) {
	for _, c := range []struct {
		name, where string
		edits       map[string]string
	}{
		{"shown", "単純集計 seibetsu「その他」", map[string]string{
			"seibetsu,性別,false,1,男性,198,47.1,false": "seibetsu,性別,false,1,男性,206,49.0,false",
			"seibetsu,性別,false,3,その他,13,3.1,false":  "seibetsu,性別,false,3,その他,5,1.2,false"}},
		{"hidden alone", "単純集計 seibetsu「無回答」", map[string]string{
			"seibetsu,性別,false,1,男性,198,47.1,false": "seibetsu,性別,false,1,男性,193,46.0,false",
			"seibetsu,性別,false,,無回答,0,0.0,false":    "seibetsu,性別,false,,無回答,,,true"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range []string{"actuals.csv", "breakdowns.csv", "frequencies.csv"} {
				b, err := os.ReadFile(filepath.Join("testdata/flow-site", name))
				if err != nil {
					t.Fatal(err)
				}
				text := string(b)
				if name == "frequencies.csv" {
					for from, to := range c.edits {
						if !strings.Contains(text, from) {
							t.Fatalf("frequencies.csv has no row %q", from)
						}
						text = strings.Replace(text, from, to, 1)
					}
				}
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := Run(context.Background(), dir, linked(t))
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, x := range f {
				if x.Where == c.where && x.N == 5 {
					return
				}
				msgs = append(msgs, x.Message())
			}
			t.Errorf("no finding %s among:\n%s", c.where, strings.Join(msgs, "\n"))
		})
	}
}

// TestBuildInAnyOrder: the model of a wave does not depend on the order
// of breakdowns.csv's rows, though build keeps a run of one table's rows
// as it is (rows of one table apart, as here, are joined).
func TestBuildInAnyOrder(t *testing.T) {
	st, err := readBySurvey(context.Background(), "testdata/old-site")
	if err != nil {
		t.Fatal(err)
	}
	s := linked(t)
	for _, survey := range st.surveys {
		want := st.wave(s, survey)
		cells := slices.Clone(st.cells[survey])
		r := rand.New(rand.NewPCG(7, uint64(len(cells))))
		r.Shuffle(len(cells), func(i, j int) { cells[i], cells[j] = cells[j], cells[i] })
		got := build(s, survey, st.totals[survey], cells, st.freqs[survey])
		if len(want.wave.Domains) == 0 || !reflect.DeepEqual(got.wave, want.wave) || !reflect.DeepEqual(got.partial, want.partial) {
			t.Fatalf("%s: shuffled rows give\n%+v\nnot\n%+v", survey, got.wave, want.wave)
		}
	}
}

// TestBySurveyInAnyOrder: bySurvey groups rows of surveys in any order as
// appending each to its survey's does.
func TestBySurveyInAnyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for range 200 {
		xs := make([]frequency, r.IntN(30))
		for i := range xs {
			xs[i] = frequency{survey: string(rune('a' + r.IntN(4))), n: int64(i)}
		}
		if r.IntN(2) == 0 { // runs, as the published tables are
			slices.SortStableFunc(xs, func(a, b frequency) int { return strings.Compare(a.survey, b.survey) })
		}
		want := map[string][]frequency{}
		for _, x := range xs {
			want[x.survey] = append(want[x.survey], x)
		}
		if got := bySurvey(xs, func(f frequency) string { return f.survey }); !reflect.DeepEqual(got, want) {
			t.Fatalf("bySurvey(%v) = %v; want %v", xs, got, want)
		}
	}
}
