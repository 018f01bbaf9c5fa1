package input

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
)

// TestChecks covers the checks that testdata/bad (in package pipeline)
// does not: each case edits one file of a copy of the small fixture.
func TestChecks(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		wantFile             string
		wantLine             int
		wantMsg              string
	}{
		{"target NaN", model.IndicatorsFile, "60,以上,令和9年度末", "NaN,以上,令和9年度末", model.IndicatorsFile, 2, "0 から 100"},
		{"target Inf", model.IndicatorsFile, "60,以上,令和9年度末", "+Inf,以上,令和9年度末", model.IndicatorsFile, 2, "0 から 100"},
		{"required column twice", "responses/wx.csv", "No,Q1\n1,1\n2,1\n3,1\n", "No,Q1,Q1\n1,1,2\n", "responses/wx.csv", 1, "列「Q1」が 2 回あります"},
		{"one column in two widths", model.QuestionsFile, "w2020,問3,q,question,住みやすいと感じますか", "w2020,問3,q,question,住みやすいと感じますか\nw2020,問３,w1,weight,重み", model.QuestionsFile, 5, "列 \"問３\" は 4 行目にもあります"},
		{"id in two widths", "responses/w2020.csv", "\n9,2,4\n", "\n８,2,4\n", "responses/w2020.csv", 10, "回答者番号が重複しています (9 行目と同じ)"},
		{"two id rows", model.QuestionsFile, "w2020,F1,kosodate,attribute", "w2020,F9,id2,id,x\nw2020,F1,kosodate,attribute", model.QuestionsFile, 3, "w2020 の role=id は 1 行だけです (2 行目にもあります)"},
		{"two weight rows", model.QuestionsFile, "wx,Q1,kocho,question,", "wx,No2,w1,weight,x\nwx,No3,w2,weight,x\nwx,Q1,kocho,question,", model.QuestionsFile, 14, "wx の role=weight は 1 行までです (13 行目にもあります)"},
		{"header only responses", "responses/wx.csv", "1,1\n2,1\n3,1\n", "", "responses/wx.csv", 1, "回答の行が 1 行もありません"},
		{"header only choices", model.ChoicesFile, "", "", model.ChoicesFile, 1, "選択肢の行が 1 行もありません"},
		{"UTF-8 with BOM declared shift_jis", model.SurveysFile, "wx.csv,utf-8", "wx.csv,shift_jis", "responses/wx.csv", 1, "UTF-8 のファイルです"},
		{"answer that is text", "responses/w2020.csv", "\n7,1,4\n", "\n7,1,山田\n", "responses/w2020.csv", 8, "回答コードが整数ではありません"},
		{"source text op, blank column", model.IndicatorsFile, "25,以下,R9", "25,,R9", model.IndicatorsFile, 4, "source_text では「以下」ですが、target_op は「以上」です"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copySmall(t)
			path := filepath.Join(dir, filepath.FromSlash(c.file))
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			switch {
			case c.name == "header only choices":
				text = strings.SplitAfter(text, "\n")[0]
			case c.name == "UTF-8 with BOM declared shift_jis":
				// surveys.csv is edited; wx.csv gets a BOM and a column
				// named in Japanese.
				wx := filepath.Join(dir, "responses", "wx.csv")
				if err := os.WriteFile(wx, []byte("\ufeffNo,Q1,備考\n1,1,\n2,1,\n3,1,\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				fallthrough
			default:
				if !strings.Contains(text, c.old) {
					t.Fatalf("%s has no %q", c.file, c.old)
				}
				text = strings.Replace(text, c.old, c.new, 1)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			ds, err := Read(ctx, dir)
			if err == nil {
				_, err = responses.ReadAll(ctx, ds)
			}
			p, ok := AsProblems(err)
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

// TestMessagesQuoteNoCell: problems of a response file never quote a
// cell, which may be a respondent's id or free text.
func TestMessagesQuoteNoCell(t *testing.T) {
	dir := copySmall(t)
	path := filepath.Join(dir, "responses", "w2022.csv")
	if err := os.WriteFile(path, []byte("No,F1,問5,ウエイト\nSECRET1,2,1,SECRET2\nSECRET1,2,SECRET3,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds, err := Read(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = responses.ReadAll(ctx, ds)
	p, ok := AsProblems(err)
	if !ok || len(p) != 3 {
		t.Fatalf("got %v; want three problems", err)
	}
	for _, e := range p {
		if strings.Contains(e.Error(), "SECRET") {
			t.Errorf("problem quotes a cell: %v", e)
		}
	}
}
