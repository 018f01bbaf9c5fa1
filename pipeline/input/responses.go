package input

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// Blank is the code stored for a blank answer (無回答).
const Blank int32 = -1

// Messages about a response file name the line and the column but never
// quote the cell: the file is microdata, and problems are also shown on the
// published status page and kept in logs. A code that is an integer but not
// a choice is shown, as it is not anyone's answer.

// Wave is one survey wave's responses, read and checked. Only the columns
// listed in questions.csv are kept; free text and other columns are dropped
// as the file is read.
type Wave struct {
	Survey  Survey
	Keys    []string // the attribute and question keys, in questions.csv order
	Weights bool     // whether the wave has a weight column
	Rows    []Respondent
}

// Respondent is one row of a response file.
type Respondent struct {
	Line    int
	ID      string
	Weight  float64 // 1 when the wave has no weight column
	Exact   Decimal // Weight exactly as written (ParseWeight); One without a weight column
	Answers []int32 // one per Wave.Keys; Blank for 無回答
}

// ReadResponses reads the response files of every wave of ds. Every defect
// of every file is returned together as Problems; then no wave is returned.
func ReadResponses(ctx context.Context, ds *Dataset) ([]*Wave, error) {
	return ReadWaves(ctx, ds, ds.Surveys)
}

// ReadWaves reads the response files of the given waves of ds, in their
// order, with the same guarantee as ReadResponses.
func ReadWaves(ctx context.Context, ds *Dataset, surveys []Survey) ([]*Wave, error) {
	var all Problems
	waves := make([]*Wave, 0, len(surveys))
	for _, s := range surveys {
		w, err := ReadWave(ctx, ds, s)
		if p, ok := AsProblems(err); ok {
			all = append(all, p...)
			continue
		} else if err != nil {
			return nil, err
		}
		waves = append(waves, w)
	}
	if len(all) > 0 {
		return nil, all
	}
	return waves, nil
}

// waveColumns is where each role of questions.csv stands in a response file.
type waveColumns struct {
	id, weight string
	keys       []string
	columns    []string
	codes      []map[int32]bool
}

func (ds *Dataset) columnsOf(s Survey) waveColumns {
	var wc waveColumns
	for _, q := range ds.QuestionsOf(s.ID) {
		switch q.Role {
		case RoleID:
			wc.id = q.Column
		case RoleWeight:
			wc.weight = q.Column
		default:
			codes := map[int32]bool{}
			for _, ch := range ds.ChoicesOf(s.ID, q.Key) {
				codes[int32(ch.Code)] = true
			}
			wc.keys, wc.columns, wc.codes = append(wc.keys, q.Key), append(wc.columns, q.Column), append(wc.codes, codes)
		}
	}
	return wc
}

// ReadWave reads and checks the response file of one wave. The file is
// read row by row, and only what a Respondent holds is kept of each.
func ReadWave(ctx context.Context, ds *Dataset, s Survey) (*Wave, error) {
	wc := ds.columnsOf(s)
	required := append([]string{wc.id}, wc.columns...)
	if wc.weight != "" {
		required = append(required, wc.weight)
	}
	name := filepath.FromSlash(s.File)
	f, err := OpenFile(ctx, ds.Dir, name)
	if err != nil {
		return nil, wrapRead(s.File, ds.refusedFile(s, err))
	}
	defer f.Close()
	ws := &waveSink{wc: wc, w: &Wave{Survey: s, Keys: wc.keys, Weights: wc.weight != ""}}
	t, err := readFrom(ctx, filepath.Join(ds.Dir, name), f, s.Encoding, required, ws)
	if err != nil {
		return nil, wrapRead(s.File, err)
	}
	if len(ws.w.Rows) == 0 {
		ws.c.add(t.file, 1, "", "回答の行が 1 行もありません")
	}
	if err := ws.c.err(); err != nil {
		return nil, err
	}
	return ws.w, nil
}

// refusedFile reports a response file that OpenFile refused at the wave's
// row of surveys.csv, where the file is named; other errors are returned
// as they are.
func (ds *Dataset) refusedFile(s Survey, err error) error {
	var fe *FileError
	if !errors.As(err, &fe) {
		return err
	}
	msg := fmt.Sprintf("回答ファイル %q は%s", s.File, strings.TrimPrefix(fe.Msg, "ファイルが"))
	if errors.Is(fe.Err, fs.ErrNotExist) {
		msg = fmt.Sprintf("回答ファイル %q がありません", s.File)
	}
	return &InputError{File: ds.file(SurveysFile), Line: s.Line, Column: "file", Msg: msg}
}

// waveSink turns the rows of a response file into Respondents.
type waveSink struct {
	wc      waveColumns
	w       *Wave
	c       collector
	seen    map[string]int
	answers []int32 // room for the answers of the next rows
}

func (ws *waveSink) start(*table) {
	ws.w.Rows, ws.c, ws.seen = nil, collector{}, map[string]int{}
}

// sizeAfter is the number of rows after which the number of rows of the
// file is estimated from its size.
const sizeAfter = 1024

func (ws *waveSink) row(t *table, r row) {
	if len(ws.w.Rows) == sizeAfter && r.end > 0 {
		// Room for all rows at once: growing the slice row by row would
		// hold the old and the new array together, again and again.
		est := float64(t.size) / float64(r.end) * sizeAfter * 1.05
		if more := int(min(est, 1e8)) - sizeAfter; more > 0 {
			ws.w.Rows = slices.Grow(ws.w.Rows, more)
		}
	}
	n := len(ws.wc.keys)
	if len(ws.answers) < n {
		// One allocation for the answers of many rows.
		ws.answers = make([]int32, n*1024)
	}
	a := ws.answers[:n:n]
	ws.answers = ws.answers[n:]
	ws.w.Rows = append(ws.w.Rows, respondent(&ws.c, t, r, ws.wc, ws.seen, a))
}

// respondent reads one row into answers (one per key) and a Respondent.
func respondent(c *collector, t *table, r row, wc waveColumns, seen map[string]int, answers []int32) Respondent {
	// Clone: the ID would otherwise keep the whole row's text alive.
	p := Respondent{Line: r.line, ID: strings.Clone(t.get(r, wc.id)), Weight: 1, Exact: One, Answers: answers}
	if p.ID == "" {
		c.add(t.file, r.line, wc.id, "回答者番号が空欄です")
	} else if first, dup := seen[foldWidth(p.ID)]; dup {
		// "１" and "1" are the same number typed in two widths.
		c.add(t.file, r.line, wc.id, "回答者番号が重複しています (%d 行目と同じ)", first)
	} else {
		seen[foldWidth(p.ID)] = r.line
	}
	if wc.weight != "" {
		p.Exact, p.Weight = weight(c, t, r, wc.weight)
	}
	for i, col := range wc.columns {
		p.Answers[i] = answer(c, t, r, col, wc.codes[i])
	}
	return p
}

// weight reads the weight of a row exactly (ParseWeight), or notes why it
// cannot be used.
func weight(c *collector, t *table, r row, col string) (Decimal, float64) {
	d, f, err := ParseWeight(t.get(r, col))
	if err != nil {
		c.add(t.file, r.line, col, "%s", weightMessage(err))
		return One, 1
	}
	return d, f
}

func answer(c *collector, t *table, r row, col string, codes map[int32]bool) int32 {
	s := t.get(r, col)
	if s == "" {
		return Blank
	}
	n, err := ParseCode(s)
	switch {
	case errors.Is(err, ErrNegativeCode):
		c.add(t.file, r.line, col, "回答コードが負の数です (コードは 0 以上の整数です。無回答は空欄にしてください)")
		return Blank
	case errors.Is(err, ErrCodeTooLarge):
		c.add(t.file, r.line, col, "回答コードが大きすぎます (%d まで)", MaxCode)
		return Blank
	case err != nil:
		c.add(t.file, r.line, col, "回答コードが整数ではありません (数字だけで書いてください)")
		return Blank
	}
	if !codes[int32(n)] {
		c.add(t.file, r.line, col, "choices.csv にない回答コード %d", n)
		return Blank
	}
	return int32(n)
}
