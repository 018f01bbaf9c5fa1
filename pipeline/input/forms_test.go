package input_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/inputtest"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// readCase reads every file of the defect case name, as validate does,
// and returns the dataset and the waves.
func readCase(t *testing.T, name string) (*model.Dataset, map[string]*model.Wave) {
	t.Helper()
	ctx := context.Background()
	ds, err := input.Read(ctx, inputtest.Overlay(t, name))
	if err != nil {
		t.Fatal(err)
	}
	ws, err := responses.ReadAll(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.Wave{}
	for _, w := range ws {
		out[w.Survey.ID] = w
	}
	return ds, out
}

// TestMultiAnswersRead: a 複数回答 question is read in both layouts into
// the sets of codes chosen; a missing code alone (99) is 無回答, as a
// blank cell.
func TestMultiAnswersRead(t *testing.T) {
	_, waves := readCase(t, "accepted_multi")
	for id, want := range map[string][][]int32{
		"w2020": {{1, 3}, {2, 3}, nil, {9}, nil, {1, 2}, {1, 3}},
		"w2022": {{1, 3}, nil, {9}, {1, 2}},
	} {
		w := waves[id]
		if len(w.Multi) != 1 || w.Multi[0].Key != "riyou" || !slices.Equal(w.Multi[0].Options, []int{1, 2, 3, 9}) {
			t.Fatalf("%s: Multi = %+v", id, w.Multi)
		}
		for i, chosen := range want {
			if got := w.Rows[i].Multi[0]; !slices.Equal(got.Chosen, chosen) || got.NotApplicable {
				t.Errorf("%s row %d: %+v; want %v", id, w.Rows[i].Line, got, chosen)
			}
		}
	}
}

// TestNoAnswerCodes: a missing code reads as a blank cell, a
// not_applicable code as NotApplicable.
func TestNoAnswerCodes(t *testing.T) {
	_, waves := readCase(t, "accepted_missing_codes")
	w20, w22 := waves["w2020"], waves["w2022"]
	q, kosodate := slices.Index(w20.Keys, "q"), slices.Index(w20.Keys, "kosodate")
	for _, c := range []struct {
		w        *model.Wave
		row, key int
		want     int32
	}{
		{w20, 5, q, model.Blank}, {w20, 17, kosodate, model.Blank}, {w20, 4, q, 9},
		{w22, 3, slices.Index(w22.Keys, "q"), model.NotApplicable},
	} {
		if got := c.w.Rows[c.row].Answers[c.key]; got != c.want {
			t.Errorf("%s line %d, %s: %d; want %d", c.w.Survey.ID, c.w.Rows[c.row].Line, c.w.Keys[c.key], got, c.want)
		}
	}
}

// TestSharedChoicesGivenToEachWave: Read gives every wave its copy of the
// shared rows of choices.csv, unless it has rows of its own for the key.
func TestSharedChoicesGivenToEachWave(t *testing.T) {
	ds, _ := readCase(t, "accepted_shared_choices")
	for _, ch := range ds.Choices {
		if ch.SurveyID == "" {
			t.Fatalf("a shared row is left: %+v", ch)
		}
	}
	lines := func(id, key string) (out []int) {
		for _, ch := range ds.ChoicesOf(id, key) {
			out = append(out, ch.Line)
		}
		return out
	}
	if got := lines("w2022", "q"); !slices.Equal(got, []int{4, 5, 6, 7, 8}) {
		t.Errorf("w2022 q from lines %v; want the shared rows 4–8", got)
	}
	if got := lines("w2021", "q"); !slices.Equal(got, []int{9, 10, 11, 12, 13}) {
		t.Errorf("w2021 q from lines %v; want its own rows 9–13", got)
	}
	if got := lines("w2021", "kosodate"); !slices.Equal(got, []int{2, 3}) {
		t.Errorf("w2021 kosodate from lines %v; want the shared rows 2–3", got)
	}
}

func TestMailedWithThousandsSeparators(t *testing.T) {
	ds, _ := readCase(t, "accepted_thousands")
	if ds.Surveys[0].Mailed != 1500 || ds.Surveys[1].Mailed != 1200 {
		t.Errorf("mailed = %d, %d; want 1500, 1200", ds.Surveys[0].Mailed, ds.Surveys[1].Mailed)
	}
}

// TestDefinitionsFromWorkbooks: every definition file saved as a workbook
// instead reads as its CSV file, line for line; problems name the
// workbook and its sheet.
func TestDefinitionsFromWorkbooks(t *testing.T) {
	ctx := context.Background()
	want, err := input.Read(ctx, inputtest.Small())
	if err != nil {
		t.Fatal(err)
	}
	dir := asWorkbooks(t, "令和２年度", "令和２年度")
	got, err := input.Read(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Files[model.ChoicesFile] != "choices.xlsx[定義]" {
		t.Errorf("Files = %v", got.Files)
	}
	got.Dir, got.Files, want.Files = want.Dir, nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read from workbooks:\n%+v\nwant\n%+v", got, want)
	}
	dir = asWorkbooks(t, "令和２年度", "令和92年度")
	_, err = input.Read(ctx, dir)
	p, ok := input.AsProblems(err)
	if want := filepath.Join(dir, "surveys.xlsx[定義]") + ":2: 列「fiscal_year」:"; !ok || len(p) != 1 || !strings.HasPrefix(p[0].Error(), want) {
		t.Errorf("got %v; want one problem starting %q", err, want)
	}
}

// asWorkbooks copies small with every definition file saved as a workbook
// of one sheet 定義 in its place, old replaced by new in surveys.csv first.
func asWorkbooks(t *testing.T, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(inputtest.Small())); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{model.SurveysFile, model.QuestionsFile, model.ChoicesFile, model.IndicatorsFile, model.PlansFile, model.PlanIssuesFile} {
		path := filepath.Join(dir, name)
		if name == model.SurveysFile {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, err := inputtest.CSVWorkbook(path, "定義")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, model.WorkbookName(name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCodeAndMultiChecks: the defects of 複数回答 questions and of codes
// that are no answer, each an edit of an accepted case, found once at
// their file and line.
func TestCodeAndMultiChecks(t *testing.T) {
	for _, c := range []struct {
		name, base, file, old, new string
		wantFile                   string
		wantLine                   int
		wantMsg                    string
	}{
		{"positive code is missing", "accepted_missing_codes", "indicators.csv", "q,1;2,9,,60", "q,1;2;99,9,,60",
			"indicators.csv", 2, "コード 99 は調査 w2020 の \"q\" では無回答 (kind=missing) のコードです"},
		{"excluded code is not applicable", "accepted_missing_codes", "indicators.csv", "q,3;4,9,,25", "q,3;4,9;88,,25",
			"indicators.csv", 4, "非該当 (kind=not_applicable) のコードです"},
		{"filter code is missing", "accepted_missing_codes", "indicators.csv", "kosodate=1", "kosodate=1;0",
			"indicators.csv", 3, "コード 0 は調査 w2020 の \"kosodate\" では無回答"},
		{"unknown kind", "accepted_missing_codes", "choices.csv", "99,無回答,missing", "99,無回答,欠損",
			"choices.csv", 10, "kind は空欄 (回答)・missing (無回答)・not_applicable (非該当)・with_blank (無回答と合算) のいずれかです"},
		// A filter on a 複数回答 question is accepted; only the wave that
		// does not ask it (w2021) is a problem.
		{"filter on a multi question", "accepted_multi", "indicators.csv", "kosodate=1", "riyou=1",
			"indicators.csv", 3, "絞り込みのキー \"riyou\" が調査 w2021 の questions.csv にありません"},
		{"option code not a choice", "accepted_multi", "questions.csv", "問6_9,riyou,multi,利用したことがある区の情報 (あてはまるものすべてに○),9", "問6_9,riyou,multi,x,8",
			"questions.csv", 18, "コード 8 は choices.csv の w2022 の \"riyou\" の選択肢にありません"},
		{"option twice", "accepted_multi", "questions.csv", "問6_9,riyou,multi,利用したことがある区の情報 (あてはまるものすべてに○),9", "問6_9,riyou,multi,x,3",
			"questions.csv", 18, "選択肢 3 の列は 17 行目にもあります"},
		{"option columns and a whole cell", "accepted_multi", "questions.csv", "w2022,ウエイト,weight,weight,ウエイト,", "w2022,ウエイト,weight,weight,ウエイト,\nw2022,問6,riyou,multi,x,",
			"questions.csv", 16, "キー \"riyou\" は 12 行目にもあります"},
		{"code on a question row", "accepted_multi", "questions.csv", "w2020,問3,q,question,住みやすいと感じますか,", "w2020,問3,q,question,住みやすいと感じますか,1",
			"questions.csv", 4, "code は role が multi の行"},
		{"shared row of no key", "accepted_multi", "choices.csv", ",riyou,99,無回答,missing", ",riyou,99,無回答,missing\n,riyuo,1,広報紙,",
			"choices.csv", 30, "どの調査の questions.csv にも設問・属性 \"riyuo\" がありません"},
		{"flag that is no flag", "accepted_multi", "responses/w2022.csv", "3,1,9,1.5,0,0,0,1", "3,1,9,1.5,0,2,0,1",
			"responses/w2022.csv", 4, "複数回答の選択肢の列には、選んだなら 1"},
		{"missing code with another", "accepted_multi", "responses/w2020.csv", "\n5,1,9,99\n", "\n5,1,9,1;99\n",
			"responses/w2020.csv", 6, "無回答 (kind=missing) のコードがほかのコードと一緒に選ばれています"},
		{"multi cell that is no list", "accepted_multi", "responses/w2020.csv", "\n5,1,9,99\n", "\n5,1,9,1-3\n",
			"responses/w2020.csv", 6, "複数回答の 1 番目の値が回答コード (数字) ではありません"},
		{"sheet of a text file", "accepted_xlsx", "surveys.csv", "responses/w2021.csv,shift_jis,40,", "responses/w2021.csv,shift_jis,40,回答",
			"surveys.csv", 3, "sheet は回答ファイルが Excel のブック (.xlsx, .xlsm) のときだけ書きます"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := inputtest.Overlay(t, c.base)
			path := filepath.Join(dir, filepath.FromSlash(c.file))
			b, err := os.ReadFile(path)
			if err != nil || !strings.Contains(string(b), c.old) {
				t.Fatalf("%s has no %q (%v)", c.file, c.old, err)
			}
			if err := os.WriteFile(path, []byte(strings.Replace(string(b), c.old, c.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = input.Validate(context.Background(), dir)
			p, ok := input.AsProblems(err)
			if !ok || len(p) != 1 {
				t.Fatalf("got %v; want one problem", err)
			}
			want := filepath.Join(dir, filepath.FromSlash(c.wantFile))
			if p[0].File != want || p[0].Line != c.wantLine || !strings.Contains(p[0].Msg, c.wantMsg) {
				t.Errorf("got %v; want %s:%d containing %q", p[0], want, c.wantLine, c.wantMsg)
			}
		})
	}
}
