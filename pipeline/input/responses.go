package input

import (
	"context"
	"path/filepath"
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

// ReadWave reads and checks the response file of one wave.
func ReadWave(ctx context.Context, ds *Dataset, s Survey) (*Wave, error) {
	wc := ds.columnsOf(s)
	required := append([]string{wc.id}, wc.columns...)
	if wc.weight != "" {
		required = append(required, wc.weight)
	}
	t, err := readTable(ctx, ds.Dir, filepath.FromSlash(s.File), s.Encoding, required)
	if err != nil {
		return nil, wrapRead(s.File, err)
	}
	w := &Wave{Survey: s, Keys: wc.keys, Weights: wc.weight != "", Rows: make([]Respondent, 0, len(t.rows))}
	var c collector
	seen := map[string]int{}
	for _, r := range t.rows {
		if len(w.Rows)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		w.Rows = append(w.Rows, respondent(&c, t, r, wc, seen))
	}
	if len(t.rows) == 0 {
		c.add(t.file, 1, "", "回答の行が 1 行もありません")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return w, nil
}

func respondent(c *collector, t *table, r row, wc waveColumns, seen map[string]int) Respondent {
	p := Respondent{Line: r.line, ID: t.get(r, wc.id), Weight: 1, Exact: One, Answers: make([]int32, len(wc.keys))}
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
	if err != nil {
		c.add(t.file, r.line, col, "回答コードが整数ではありません")
		return Blank
	}
	if !codes[int32(n)] {
		c.add(t.file, r.line, col, "choices.csv にない回答コード %d", n)
		return Blank
	}
	return int32(n)
}
