// Package responses reads and checks the response files of a data folder:
// one wave per file, read row by row, of which only the columns named in
// questions.csv are kept.
package responses

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Messages about a response file name the line and the column but never
// quote the cell: the file is microdata, and problems are also shown on the
// published status page and kept in logs. A code that is an integer but not
// a choice is shown, as it is not anyone's answer.

// ReadAll reads the response files of every wave of ds. Every defect
// of every file is returned together as Problems; then no wave is returned.
func ReadAll(ctx context.Context, ds *model.Dataset) ([]*model.Wave, error) {
	return ReadWaves(ctx, ds, ds.Surveys)
}

// ReadWaves reads the response files of the given waves of ds, in their
// order, with the same guarantee as ReadAll.
func ReadWaves(ctx context.Context, ds *model.Dataset, surveys []model.Survey) ([]*model.Wave, error) {
	var all csvfile.Problems
	waves := make([]*model.Wave, 0, len(surveys))
	for _, s := range surveys {
		w, err := ReadWave(ctx, ds, s)
		if p, ok := csvfile.AsProblems(err); ok {
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

func columnsOf(ds *model.Dataset, s model.Survey) waveColumns {
	var wc waveColumns
	for _, q := range ds.QuestionsOf(s.ID) {
		switch q.Role {
		case model.RoleID:
			wc.id = q.Column
		case model.RoleWeight:
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
func ReadWave(ctx context.Context, ds *model.Dataset, s model.Survey) (*model.Wave, error) {
	wc := columnsOf(ds, s)
	required := append([]string{wc.id}, wc.columns...)
	if wc.weight != "" {
		required = append(required, wc.weight)
	}
	name := filepath.FromSlash(s.File)
	f, err := datafile.Open(ctx, ds.Dir, name)
	if err != nil {
		return nil, csvfile.WrapRead(s.File, Refused(ds, s, err))
	}
	defer f.Close()
	ws := &waveSink{wc: wc, w: &model.Wave{Survey: s, Keys: wc.keys, Weights: wc.weight != ""}}
	t, err := csvfile.ReadFrom(ctx, filepath.Join(ds.Dir, name), f, s.Encoding, required, ws)
	if err != nil {
		return nil, csvfile.WrapRead(s.File, err)
	}
	if len(ws.w.Rows) == 0 {
		ws.c.Add(t.File, 1, "", "回答の行が 1 行もありません")
	}
	if err := ws.c.Err(); err != nil {
		return nil, err
	}
	return ws.w, nil
}

// Refused reports a response file that OpenFile refused at the wave's
// row of surveys.csv, where the file is named; other errors are returned
// as they are.
func Refused(ds *model.Dataset, s model.Survey, err error) error {
	var fe *datafile.FileError
	if !errors.As(err, &fe) {
		return err
	}
	msg := fmt.Sprintf("回答ファイル %q は%s", s.File, strings.TrimPrefix(fe.Msg, "ファイルが"))
	if errors.Is(fe.Err, fs.ErrNotExist) {
		msg = fmt.Sprintf("回答ファイル %q がありません", s.File)
	}
	return &csvfile.InputError{File: filepath.Join(ds.Dir, model.SurveysFile), Line: s.Line, Column: "file", Msg: msg}
}

// waveSink turns the rows of a response file into Respondents.
type waveSink struct {
	wc      waveColumns
	w       *model.Wave
	c       csvfile.Collector
	seen    map[string]int
	answers []int32 // room for the answers of the next rows
}

func (ws *waveSink) Start(*csvfile.Table) {
	ws.w.Rows, ws.c, ws.seen = nil, csvfile.Collector{}, map[string]int{}
}

// sizeAfter is the number of rows after which the number of rows of the
// file is estimated from its size.
const sizeAfter = 1024

func (ws *waveSink) Row(t *csvfile.Table, r csvfile.Row) {
	if len(ws.w.Rows) == sizeAfter && r.End > 0 {
		// Room for all rows at once: growing the slice row by row would
		// hold the old and the new array together, again and again.
		est := float64(t.Size) / float64(r.End) * sizeAfter * 1.05
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
func respondent(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, wc waveColumns, seen map[string]int, answers []int32) model.Respondent {
	// Clone: the ID would otherwise keep the whole row's text alive.
	p := model.Respondent{Line: r.Line, ID: strings.Clone(t.Get(r, wc.id)), Weight: 1, Exact: cell.One, Answers: answers}
	if p.ID == "" {
		c.Add(t.File, r.Line, wc.id, "回答者番号が空欄です")
	} else if first, dup := seen[cell.FoldWidth(p.ID)]; dup {
		// "１" and "1" are the same number typed in two widths.
		c.Add(t.File, r.Line, wc.id, "回答者番号が重複しています (%d 行目と同じ)", first)
	} else {
		seen[cell.FoldWidth(p.ID)] = r.Line
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
func weight(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) (cell.Decimal, float64) {
	d, f, err := cell.ParseWeight(t.Get(r, col))
	if err != nil {
		c.Add(t.File, r.Line, col, "%s", cell.WeightMessage(err))
		return cell.One, 1
	}
	return d, f
}

func answer(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string, codes map[int32]bool) int32 {
	s := t.Get(r, col)
	if s == "" {
		return model.Blank
	}
	n, err := cell.ParseCode(s)
	switch {
	case errors.Is(err, cell.ErrNegativeCode):
		c.Add(t.File, r.Line, col, "回答コードが負の数です (コードは 0 以上の整数です。無回答は空欄にしてください)")
		return model.Blank
	case errors.Is(err, cell.ErrCodeTooLarge):
		c.Add(t.File, r.Line, col, "回答コードが大きすぎます (%d まで)", cell.MaxCode)
		return model.Blank
	case err != nil:
		c.Add(t.File, r.Line, col, "回答コードが整数ではありません (数字だけで書いてください)")
		return model.Blank
	}
	if !codes[int32(n)] {
		c.Add(t.File, r.Line, col, "choices.csv にない回答コード %d", n)
		return model.Blank
	}
	return int32(n)
}
