package pipeline

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// TestEveryEditPublishesWhatAFullRefreshDoes walks one data folder through
// the edits a ward office makes over a year, one refresh after each, in
// order (each refresh starts from what the one before it left): every file
// of the folder is edited at least once; a wave is added, its file and
// then its id renamed, and another removed; an indicator is added and
// removed, and the next year's plan added; a file is put back as it was;
// and files are saved again as vendors and staff do (a title above a
// header, tab-separated text). Each refresh must be incremental, and its
// whole site and stored decisions what a full refresh of the same data
// publishes and stores (wantAsFull); the site must change, but for an edit
// that publishes nothing new. An incremental refresh that kept a stale
// page, table or decision fails here.
func TestEveryEditPublishesWhatAFullRefreshDoes(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	original := readFile(t, filepath.Join(opts.DataDir, "responses", "w2020.csv"))
	replace := func(file, old, new string) func(*testing.T) {
		return func(t *testing.T) { edit(t, opts, file, old, new) }
	}
	steps := []struct {
		name   string
		change func(*testing.T)
	}{
		{"an answer", replace("responses/w2020.csv", "\n2,1,3", "\n2,1,1")},
		{"a respondent added to a CP932 wave", func(t *testing.T) { appendCP932(t, opts, "responses/w2021.csv", "99,1,1,㈱テスト①") }},
		{"a respondent removed from a weighted wave", func(t *testing.T) { dropLines(t, opts, "responses/w2022.csv", "2,2,4,0.4005") }},
		{"a respondent added to the 校長・教頭 wave, all of them mailed", func(t *testing.T) {
			appendLine(t, opts, "responses/wx.csv", "4,2")
			edit(t, opts, "surveys.csv", "responses/wx.csv,utf-8,3", "responses/wx.csv,utf-8,4")
		}},
		{"the number mailed", replace("surveys.csv", "responses/w2020.csv,,40", "responses/w2020.csv,,45")},
		{"a question's text", replace("questions.csv", "w2020,問3,q,question,住みやすいと感じますか", "w2020,問3,q,question,この区は住みやすいと感じますか")},
		{"a choice's label", replace("choices.csv", "w2021,q,1,そう思う", "w2021,q,1,とてもそう思う")},
		{"a target", func(t *testing.T) {
			edit(t, opts, "indicators.csv", ",1;2,9,,60,以上,", ",1;2,9,,55,以上,")
			edit(t, opts, "indicators.csv", "までに60％以上", "までに55％以上")
		}},
		{"a filter", replace("indicators.csv", ",kosodate=1,50,", ",kosodate=2,50,")},
		{"the plan's goal", replace("plans.csv", "だれもが安心して暮らせるまち", "だれもが安心して住み続けられるまち")},
		{"an issue's title", replace("plan_issues.csv", "安全なまちづくり", "安全・安心なまちづくり")},
		{"a budget line", replace("plan_actions.csv", "46000,決算", "46500,決算")},
		{"an indicator added", func(t *testing.T) {
			appendLine(t, opts, "indicators.csv", "テスト区,令和4年度,2,2,とても住みにくいと感じる区民の割合,区民,q,4,,,10,以下,令和9年度末,,")
		}},
		{"the kind column, blank", func(t *testing.T) { withKindColumn(t, opts) }},
		// A 無回答 code may not be excluded too: the indicators keep 9 in
		// their bases from now on, and w2020's 9 is a blank.
		{"a code made 無回答", func(t *testing.T) {
			edit(t, opts, "choices.csv", "w2020,q,9,わからない,", "w2020,q,9,わからない,missing")
			edit(t, opts, "indicators.csv", ",1;2,9,,55,", ",1;2,,,55,")
			edit(t, opts, "indicators.csv", ",3;4,9,,25,", ",3;4,,,25,")
		}},
		{"an attribute code counted with its blanks", replace("choices.csv", "w2020,kosodate,2,子育て中ではない,", "w2020,kosodate,2,子育て中ではない,with_blank")},
		{"a wave added", func(t *testing.T) { copyWave(t, opts, "w2022", "w2023", "令和4年度", "令和5年度") }},
		{"a wave's file renamed", func(t *testing.T) {
			renameData(t, opts, "responses/w2023.csv", "responses/w2023-kumin.csv")
			edit(t, opts, "surveys.csv", "responses/w2023.csv", "responses/w2023-kumin.csv")
		}},
		{"an answer of the new wave", replace("responses/w2023-kumin.csv", "\n1,2,1,", "\n1,2,4,")},
		{"a file put back as it was", func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(opts.DataDir, "responses", "w2020.csv"), []byte(original), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a title above indicators.csv's header", func(t *testing.T) {
			p := filepath.Join(opts.DataDir, "indicators.csv")
			if err := os.WriteFile(p, []byte("令和4年度 運営方針 アウトカム指標\n\n"+readFile(t, p)), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a wave saved again as tab-separated text", func(t *testing.T) {
			from := filepath.Join(opts.DataDir, "responses", "w2020.csv")
			tabbed := strings.ReplaceAll(readFile(t, from), ",", "\t")
			if err := os.WriteFile(filepath.Join(opts.DataDir, "responses", "w2020.txt"), []byte(tabbed), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(from); err != nil {
				t.Fatal(err)
			}
			edit(t, opts, "surveys.csv", "responses/w2020.csv", "responses/w2020.txt")
		}},
		{"a wave's id renamed", func(t *testing.T) {
			for _, name := range []string{"surveys.csv", "questions.csv", "choices.csv"} {
				prefixLines(t, opts, name, "w2023,", "r5,")
			}
		}},
		{"an indicator removed", func(t *testing.T) { dropLines(t, opts, "indicators.csv", "テスト区,令和4年度,2,2,") }},
		{"the next year's plan (April)", func(t *testing.T) {
			for _, name := range []string{"indicators.csv", "plans.csv", "plan_issues.csv"} {
				for _, l := range splitLines(readFile(t, filepath.Join(opts.DataDir, name))) {
					if strings.HasPrefix(l, "テスト区,令和4年度,") {
						appendLine(t, opts, name, strings.Replace(l, "令和4年度", "令和5年度", 1))
					}
				}
			}
		}},
		{"a weight", replace("responses/w2022.csv", ",0.5995", ",0.6")},
		{"a wave's fiscal year", replace("surveys.csv", "wx,テスト区,令和元年度,", "wx,テスト区,令和2年度,")},
		{"a wave removed", func(t *testing.T) {
			for _, name := range []string{"surveys.csv", "questions.csv", "choices.csv"} {
				dropLines(t, opts, name, "w2021,")
			}
		}},
	}
	// The edits that change nothing that is published.
	same := map[string]bool{"the kind column, blank": true, "a wave's file renamed": true,
		"a title above indicators.csv's header": true, "a wave saved again as tab-separated text": true}
	before := publishedFiles(t, opts.Out)
	for _, st := range steps {
		st.change(t)
		res := mustRefresh(t, opts)
		if res.NoOp || res.FullReload {
			t.Fatalf("%s: the refresh was a no-op (%v) or a full one (%v); want an incremental one", st.name, res.NoOp, res.FullReload)
		}
		after := wantAsFull(t, opts)
		if changed := !maps.Equal(before, after); changed == same[st.name] {
			t.Errorf("%s: the site changed: %v; want %v", st.name, changed, !same[st.name])
		}
		if t.Failed() {
			t.Fatalf("%s: the incremental refresh (%+v) is not what a full refresh publishes", st.name, res)
		}
		before = after
	}
}

// appendCP932 adds line, encoded in CP932, to the end of the file name of
// the data folder (a file in CP932).
func appendCP932(t *testing.T, opts Options, name, line string) {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(line + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(opts.DataDir, name), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.Write(b)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
}

// prefixLines gives the lines of the file name that start with from the
// prefix to instead.
func prefixLines(t *testing.T, opts Options, name, from, to string) {
	t.Helper()
	rewriteLines(t, opts, name, func(l string) (string, bool) {
		if rest, ok := strings.CutPrefix(l, from); ok {
			return to + rest, true
		}
		return l, true
	})
}

// appendLine adds line to the end of the file name of the data folder.
func appendLine(t *testing.T, opts Options, name, line string) {
	t.Helper()
	p := filepath.Join(opts.DataDir, name)
	text := readFile(t, p)
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if err := os.WriteFile(p, []byte(text+line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameData renames a file of the data folder.
func renameData(t *testing.T, opts Options, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(opts.DataDir, from), filepath.Join(opts.DataDir, to)); err != nil {
		t.Fatal(err)
	}
}

// copyWave adds the wave id as a copy of the wave from: its response file
// and its lines of surveys.csv (fiscal year year), questions.csv and
// choices.csv.
func copyWave(t *testing.T, opts Options, from, id, fromYear, year string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(opts.DataDir, "responses", from+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(opts.DataDir, "responses", id+".csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"surveys.csv", "questions.csv", "choices.csv"} {
		for _, l := range splitLines(readFile(t, filepath.Join(opts.DataDir, name))) {
			if !strings.HasPrefix(l, from+",") {
				continue
			}
			l = id + strings.TrimPrefix(strings.TrimSuffix(l, "\r"), from)
			if name == "surveys.csv" {
				l = strings.Replace(strings.Replace(l, fromYear, year, 1), "responses/"+from+".csv", "responses/"+id+".csv", 1)
			}
			appendLine(t, opts, name, l)
		}
	}
}
