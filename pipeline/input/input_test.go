package input

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

const small = "../testdata/small"

func TestReadSmall(t *testing.T) {
	ds, err := Read(context.Background(), small)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	years := map[string]int{}
	for _, s := range ds.Surveys {
		years[s.ID] = s.FiscalYear
	}
	want := map[string]int{"w2020": 2020, "w2021": 2021, "w2022": 2022, "wx": 2019}
	for id, y := range want {
		if years[id] != y {
			t.Errorf("fiscal year of %s = %d; want %d", id, years[id], y)
		}
	}
	if got := ds.Surveys[1].Encoding; got != csvfile.EncodingShiftJIS {
		t.Errorf("encoding of w2021 = %q", got)
	}
	in := ds.Indicators[1]
	if got := cell.FormatCodes(in.PositiveCodes); got != "1;2" {
		t.Errorf("全角 positive codes = %q; want 1;2", got)
	}
	if in.TargetOp != "以上" || in.TargetYear != 2027 || len(in.Filter) != 1 || in.Filter[0].Key != "kosodate" {
		t.Errorf("indicator 2 = %+v", in)
	}
	if ds.Indicators[2].TargetOp != "以下" || ds.Indicators[3].TargetYear != 2023 {
		t.Errorf("target op/year not read: %+v %+v", ds.Indicators[2], ds.Indicators[3])
	}
}

func TestReadCP932Wave(t *testing.T) {
	ctx := context.Background()
	ds, err := Read(ctx, small)
	if err != nil {
		t.Fatal(err)
	}
	waves, err := responses.ReadAll(ctx, ds)
	if err != nil {
		t.Fatalf("ReadResponses: %v", err)
	}
	w := waves[1]
	if w.Survey.ID != "w2021" || len(w.Rows) != 10 {
		t.Fatalf("wave %s has %d rows; want w2021 with 10", w.Survey.ID, len(w.Rows))
	}
	if strings.Join(w.Keys, ",") != "kosodate,q" {
		t.Errorf("keys = %v; the free-text column must not be kept", w.Keys)
	}
	// Row 6 has a quoted line break in its free text: the next record
	// starts two lines later but is Excel's row 7.
	if w.Rows[4].Line != 6 || w.Rows[5].Line != 7 || w.Rows[9].Line != 11 {
		t.Errorf("lines = %d, %d, %d; want Excel's rows 6, 7, 11", w.Rows[4].Line, w.Rows[5].Line, w.Rows[9].Line)
	}
	if w.Rows[9].Answers[1] != model.Blank {
		t.Errorf("blank answer read as %d", w.Rows[9].Answers[1])
	}
	if !waves[2].Weights || waves[2].Rows[0].Weight != 0.5995 {
		t.Errorf("weights of w2022 not read: %+v", waves[2].Rows[0])
	}
}

// copySmall copies the small fixture into a temporary folder, so a test can
// break one file.
func copySmall(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS(small))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestProblemsNameFileAndLine(t *testing.T) {
	dir := copySmall(t)
	path := filepath.Join(dir, "responses", "w2020.csv")
	b, _ := os.ReadFile(path)
	b = []byte(strings.Replace(string(b), "7,1,4\n", "7,1,5\n", 1))
	b = []byte(strings.Replace(string(b), "9,2,4\n", "8,2,4\n", 1))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds, err := Read(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = responses.ReadAll(ctx, ds)
	p, ok := AsProblems(err)
	if !ok || len(p) != 2 {
		t.Fatalf("got %v; want two problems", err)
	}
	if p[0].File != path || p[0].Line != 8 || !strings.Contains(p[0].Msg, "5") {
		t.Errorf("first problem = %v", p[0])
	}
	if p[1].Line != 10 || !strings.Contains(p[1].Msg, "重複") {
		t.Errorf("second problem = %v", p[1])
	}
	if got := p[0].Error(); !strings.HasPrefix(got, path+":8: ") {
		t.Errorf("Error() = %q; want FILE:LINE: prefix", got)
	}
}

func TestDeclaredEncodingMismatch(t *testing.T) {
	dir := copySmall(t)
	path := filepath.Join(dir, "surveys.csv")
	b, _ := os.ReadFile(path)
	// The CP932 wave declared UTF-8 must be rejected, not read as mojibake.
	b = []byte(strings.Replace(string(b), "w2021.csv,shift_jis", "w2021.csv,utf-8", 1))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds, err := Read(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = responses.ReadAll(ctx, ds)
	p, ok := AsProblems(err)
	if !ok || len(p) != 1 || p[0].Line != 1 || !strings.Contains(p[0].Msg, "UTF-8") {
		t.Fatalf("got %v; want one UTF-8 problem at line 1", err)
	}
}

func TestParseFilter(t *testing.T) {
	got, err := ParseFilter("kosodate=1 & nendai=5;6")
	if err != nil || FormatFilter(got) != "kosodate=1 & nendai=5;6" {
		t.Fatalf("ParseFilter = %v, %v", got, err)
	}
	for _, bad := range []string{"kosodate", "=1", "kosodate=", "kosodate=a", "k=1 & k=2", "1x=1", "kosodate=1 &"} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("ParseFilter(%q) accepted", bad)
		}
	}
	if got, err := ParseFilter("ｋｏｓｏｄａｔｅ＝１"); err != nil || FormatFilter(got) != "kosodate=1" {
		t.Errorf("全角 filter = %v, %v", got, err)
	}
}
