package input

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shihyo/shihyo/pipeline/input/field"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// editSmall copies the small fixture and replaces old by new, once, in
// each named file: pairs of file, old, new.
func editSmall(t *testing.T, edits ...string) string {
	t.Helper()
	return editDir(t, copySmall(t), edits...)
}

// editDir replaces old by new, once, in each named file of dir: pairs of
// file, old, new.
func editDir(t *testing.T, dir string, edits ...string) string {
	t.Helper()
	for i := 0; i+2 < len(edits); i += 3 {
		path := filepath.Join(dir, filepath.FromSlash(edits[i]))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), edits[i+1]) {
			t.Fatalf("%s has no %q", edits[i], edits[i+1])
		}
		text := strings.Replace(string(b), edits[i+1], edits[i+2], 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestNoWarningsForSmall(t *testing.T) {
	ds, err := Read(context.Background(), small)
	if err != nil || len(ds.Warnings) != 0 {
		t.Fatalf("Read(small): %v, warnings %v", err, ds.Warnings)
	}
}

// TestFilterOnOwnQuestionWarned: a filter on the question the indicator
// counts is read (its percent is right) with a warning that points to
// excluded_codes; a filter on another key is not warned of.
func TestFilterOnOwnQuestionWarned(t *testing.T) {
	dir := editSmall(t, model.IndicatorsFile, "q,１；２,,kosodate=1,", "q,１；２,,kosodate=1&q=1;2;3,")
	ds, err := Read(context.Background(), dir)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(ds.Warnings) != 1 {
		t.Fatalf("warnings %v; want one, of line 3's filter", ds.Warnings)
	}
	w := ds.Warnings[0]
	if w.Line != 3 || w.Column != "filter" || !strings.Contains(w.Msg, "excluded_codes") || !strings.Contains(w.Msg, `"q"`) {
		t.Errorf("warning %+v; want line 3, column filter, naming q and excluded_codes", w)
	}
}

// TestWarningsBesideProblems: Read finds a changed label (a warning) and a
// defect of indicators.csv in one run. It returns the Problems as before,
// no Dataset, and the warning through WarningsOf.
func TestWarningsBesideProblems(t *testing.T) {
	dir := editSmall(t,
		model.ChoicesFile, "w2022,q,4,そう思わない", "w2022,q,4,まったくそう思わない",
		model.IndicatorsFile, ",60,以上,", ",160,以上,")
	ds, err := Read(context.Background(), dir)
	p, ok := AsProblems(err)
	if ds != nil || !ok || len(p) != 1 || p[0].Line != 2 {
		t.Fatalf("Read = %v, %v; want one problem at indicators.csv:2", ds, err)
	}
	if err.Error() != p.Error() {
		t.Errorf("error prints %q; want the problems' %q", err, p)
	}
	ws := WarningsOf(err)
	if len(ws) != 1 || ws[0].File != filepath.Join(dir, model.ChoicesFile) || ws[0].Line != 21 || ws[0].Column != "label" {
		t.Fatalf("WarningsOf = %v; want one warning at choices.csv:21", ws)
	}
	want := fmt.Sprintf("%s:21: 注意: 列「label」: \"q\" のコード 4 の選択肢が w2021", filepath.Join(dir, model.ChoicesFile))
	if !strings.HasPrefix(ws[0].String(), want) || !strings.Contains(ws[0].Msg, "「そう思わない」から、w2022 (令和4年度) では「まったくそう思わない」に") {
		t.Errorf("warning = %q", ws[0])
	}
	if WarningsOf(p) != nil || WarningsOf(nil) != nil {
		t.Error("WarningsOf finds warnings in plain problems")
	}
}

// TestLabelsComparedWithinASeries: waves of another population, or a
// code only one wave has, are not compared.
func TestLabelsComparedWithinASeries(t *testing.T) {
	dir := editSmall(t,
		model.SurveysFile, "w2022,テスト区,令和4年度,区民,", "w2022,テスト区,令和4年度,区民 (別標本),",
		model.IndicatorsFile, "区民,q,3;4,9", "区民 (別標本),q,3;4,9",
		model.ChoicesFile, "w2022,q,4,そう思わない", "w2022,q,4,まったくそう思わない",
		model.ChoicesFile, "w2021,q,9,わからない", "w2021,q,9,わからない\nw2021,q,8,無回答")
	ds, err := Read(context.Background(), dir)
	if err != nil || len(ds.Warnings) != 0 {
		t.Fatalf("Read: %v, warnings %v; want none", err, ds.Warnings)
	}
}

// TestBlankLabelComparedWithNothing: a label left blank in one wave is
// not a change, and the next wave is compared with the last label given.
func TestBlankLabelComparedWithNothing(t *testing.T) {
	dir := editSmall(t, model.ChoicesFile, "w2021,q,1,そう思う", "w2021,q,1,")
	ds, err := Read(context.Background(), dir)
	if err != nil || len(ds.Warnings) != 0 {
		t.Fatalf("Read: %v, warnings %v; want none", err, ds.Warnings)
	}
	dir = editSmall(t, model.ChoicesFile, "w2021,q,1,そう思う", "w2021,q,1,", model.ChoicesFile, "w2022,q,1,そう思う", "w2022,q,1,とてもそう思う")
	ds, err = Read(context.Background(), dir)
	if err != nil || len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0].Msg, "w2020 (令和2年度、4 行目) の「そう思う」から") {
		t.Fatalf("Read: %v, warnings %v; want one against w2020", err, ds.Warnings)
	}
}

// TestResponseFileInOtherCase: on Linux W2020.CSV is another (missing)
// file, but on the Windows share staff use it is the same one: both are
// reported.
func TestResponseFileInOtherCase(t *testing.T) {
	dir := editSmall(t, model.SurveysFile, "responses/w2021.csv", "Responses/W2020.CSV")
	_, err := Read(context.Background(), dir)
	p, ok := AsProblems(err)
	if !ok || len(p) != 2 {
		t.Fatalf("Read: %v; want two problems", err)
	}
	for i, want := range []string{`回答ファイル "Responses/W2020.CSV" がありません`, `は 2 行目の調査 w2020 のファイル "responses/w2020.csv" と同じです`} {
		if p[i].Line != 3 || p[i].Column != "file" || !strings.Contains(p[i].Msg, want) {
			t.Errorf("problem %d = %v; want surveys.csv:3 containing %q", i+1, p[i], want)
		}
	}
}

// TestWardSpellingReportedOnce: every row of a colliding spelling would
// give the same message; it is reported at its first row only.
func TestWardSpellingReportedOnce(t *testing.T) {
	dir := editSmall(t,
		model.SurveysFile, "w2020,テスト区,", "w2020,鶴見区,",
		model.SurveysFile, "w2021,テスト区,", "w2021,大阪市鶴見区,",
		model.SurveysFile, "w2022,テスト区,", "w2022,大阪市鶴見区,")
	_, err := Read(context.Background(), dir)
	p, ok := AsProblems(err)
	if !ok {
		t.Fatalf("Read: %v; want problems", err)
	}
	var found []*InputError
	for _, one := range p {
		if one.Column == "ward" {
			found = append(found, one)
		}
	}
	if len(found) != 1 || found[0].Line != 3 || !strings.Contains(found[0].Msg, `surveys.csv 2 行目の区 "鶴見区"`) {
		t.Errorf("ward problems = %v; want one at surveys.csv:3", found)
	}
}

// TestYearWindowEdges: a plan for next 年度 is accepted, one a year later
// is not; a target 30 years after its plan is accepted, 31 is not.
func TestYearWindowEdges(t *testing.T) {
	next := field.FiscalYear(time.Now()) + 1
	ok := editSmall(t, model.PlansFile, "令和4年度", fmt.Sprint(next), model.IndicatorsFile, ",kosodate=1,50,,2027,", ",kosodate=1,50,,2052,")
	if _, err := Read(context.Background(), ok); err != nil {
		t.Errorf("plan year %d and target 2052: %v", next, err)
	}
	bad := editSmall(t, model.PlansFile, "令和4年度", fmt.Sprint(next+1), model.IndicatorsFile, ",kosodate=1,50,,2027,", ",kosodate=1,50,,2053,")
	_, err := Read(context.Background(), bad)
	p, _ := AsProblems(err)
	if len(p) != 2 || p[0].Line != 3 || p[0].Column != "target_year" || p[1].Line != 2 || p[1].Column != "plan_year" {
		t.Errorf("plan year %d and target 2053: %v; want indicators.csv:3 and plans.csv:2", next+1, err)
	}
}
