// Package responses reads and checks the response files of a data folder:
// one wave per file (a CSV file or a sheet of a workbook), read row by row,
// of which only the columns named in questions.csv are kept. A code that
// choices.csv declares missing reads as a blank cell (model.Blank), one
// declared not_applicable as model.NotApplicable; a 複数回答 question
// (role multi) is read, in either layout, into a model.MultiAnswer.
package responses

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/tables"
	"github.com/shihyo/shihyo/pipeline/input/workbook"
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
// order, with the same guarantee as ReadAll. It holds every wave at once:
// Each reads them one at a time.
func ReadWaves(ctx context.Context, ds *model.Dataset, surveys []model.Survey) ([]*model.Wave, error) {
	waves := make([]*model.Wave, 0, len(surveys))
	err := Each(ctx, ds, surveys, func(w *model.Wave) error {
		waves = append(waves, w)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return waves, nil
}

// Each reads the response files of the given waves of ds one at a time,
// in their order, and hands each wave to fn as soon as it is read and
// checked, so that no more than one wave is held for fn at a time (fn
// must not keep it, or what it holds, to keep it so). Every defect of
// every file is returned together as Problems once all are read; fn is
// not called for a wave with defects, nor for any wave after the first
// defect, since a refresh with defects loads nothing. An error from fn (or
// a cancelled ctx) stops the reading and is returned as it is.
func Each(ctx context.Context, ds *model.Dataset, surveys []model.Survey, fn func(*model.Wave) error) error {
	var all csvfile.Problems
	for _, s := range surveys {
		w, err := ReadWave(ctx, ds, s)
		if p, ok := csvfile.AsProblems(err); ok {
			all = append(all, p...)
			continue
		} else if err != nil {
			return err
		}
		if len(all) == 0 && fn != nil {
			if err := fn(w); err != nil {
				return err
			}
		}
	}
	if len(all) > 0 {
		return all
	}
	return nil
}

// waveColumns is where each role of questions.csv stands in a response file.
type waveColumns struct {
	id, weight string
	keys       []string
	columns    []string
	codes      []codeSet
	multi      []multiColumns
	// at are the positions of id, weight and columns in the file's
	// header (−1: absent), found once the header is read (locate).
	idAt, weightAt int
	at             []int
}

// locate finds the columns of wc in the header of t, as t.Get finds them
// (the first column of each name, csvfile.ColumnKey), so that a row's fields are read by
// position rather than looked up by name, cell after cell.
func (wc *waveColumns) locate(t *csvfile.Table) {
	find := func(name string) int {
		if i, ok := t.Column(name); ok {
			return i
		}
		return -1
	}
	wc.idAt, wc.weightAt = find(wc.id), find(wc.weight)
	wc.at = make([]int, len(wc.columns))
	for i, c := range wc.columns {
		wc.at[i] = find(c)
	}
}

// field is the trimmed field at position i of r, as t.Get gives it.
func field(r csvfile.Row, i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	f := r.Fields[i]
	if f != "" && untrimmed(f[0]) && untrimmed(f[len(f)-1]) {
		return f // what TrimSpace returns, without the call a cell
	}
	return strings.TrimSpace(f)
}

// untrimmed reports whether a field that starts or ends with byte b is
// certainly not trimmed there by strings.TrimSpace: ASCII above the space
// (every other space TrimSpace knows starts with a byte of 0x80 or more).
func untrimmed(b byte) bool { return b > ' ' && b < utf8.RuneSelf }

// multiColumns is where a 複数回答 question stands in a response file: one
// column holding the chosen codes, or one 0/1 column per option.
type multiColumns struct {
	key     string
	columns []string
	options []int // the option of each column; nil for the codes in one cell
	kinds   map[int32]model.ChoiceKind
	answers []int // the codes of kind answer, sorted: MultiQuestion.Options
}

func columnsOf(ds *model.Dataset, s model.Survey) waveColumns {
	var wc waveColumns
	multi := map[string]int{} // index in wc.multi by key
	for _, q := range ds.QuestionsOf(s.ID) {
		switch q.Role {
		case model.RoleID:
			wc.id = q.Column
		case model.RoleWeight:
			wc.weight = q.Column
		case model.RoleMulti:
			i, ok := multi[q.Key]
			if !ok {
				i, multi[q.Key] = len(wc.multi), len(wc.multi)
				kinds, answers := kindsOf(ds, s, q.Key)
				wc.multi = append(wc.multi, multiColumns{key: q.Key, kinds: kinds, answers: answers})
			}
			m := &wc.multi[i]
			m.columns = append(m.columns, q.Column)
			if q.PerOption {
				m.options = append(m.options, q.Option)
			}
		default:
			kinds, _ := kindsOf(ds, s, q.Key)
			wc.keys, wc.columns, wc.codes = append(wc.keys, q.Key), append(wc.columns, q.Column), append(wc.codes, setOf(kinds))
		}
	}
	return wc
}

// kindsOf returns the kind of each code of key in wave s, and its codes of
// kind answer, sorted.
func kindsOf(ds *model.Dataset, s model.Survey, key string) (map[int32]model.ChoiceKind, []int) {
	kinds := map[int32]model.ChoiceKind{}
	var answers []int
	for _, ch := range ds.ChoicesOf(s.ID, key) {
		kinds[int32(ch.Code)] = ch.Kind
		if ch.Kind == model.KindAnswer {
			answers = append(answers, ch.Code)
		}
	}
	slices.Sort(answers)
	return kinds, slices.Compact(answers)
}

// required are the columns of the response file that are read.
func (wc waveColumns) required() []string {
	out := append([]string{wc.id}, wc.columns...)
	if wc.weight != "" {
		out = append(out, wc.weight)
	}
	for _, m := range wc.multi {
		out = append(out, m.columns...)
	}
	return out
}

// ReadWave reads and checks the response file of one wave, a CSV file or
// a sheet of a workbook (package tables). The file is read row by row, and
// only what a Respondent holds is kept of each.
func ReadWave(ctx context.Context, ds *model.Dataset, s model.Survey) (*model.Wave, error) {
	wc := columnsOf(ds, s)
	ws := &waveSink{wc: wc, w: &model.Wave{Survey: s, Keys: wc.keys, Weights: wc.weight != ""}}
	for _, m := range wc.multi {
		ws.w.Multi = append(ws.w.Multi, model.MultiQuestion{Key: m.key, Options: m.answers})
	}
	sp := tables.Spec{Sheet: s.Sheet, Encoding: s.Encoding, Required: wc.required()}
	t, err := tables.Stream(ctx, ds.Dir, filepath.FromSlash(s.File), sp, ws)
	var me *workbook.MissingSheetError
	if errors.As(err, &me) {
		return nil, &csvfile.InputError{File: ds.FileOf(model.SurveysFile), Line: s.Line, Column: "sheet",
			Msg: fmt.Sprintf("回答ファイル %q に%s", s.File, me.Message())}
	}
	found, ok := csvfile.AsProblems(err)
	if err != nil && !ok {
		return nil, csvfile.WrapRead(s.File, Refused(ds, s, err))
	}
	// The rows read before a problem of the file are checked too: a
	// workbook's cell that cannot be read stops no other row.
	all := slices.Concat(found, ws.c.Problems)
	if len(all) == 0 && len(ws.w.Rows) == 0 {
		return nil, &csvfile.InputError{File: t.File, Line: max(t.HeaderLine, 1), Msg: "回答の行が 1 行もありません"}
	}
	if len(all) > 0 {
		slices.SortStableFunc(all, func(a, b *csvfile.InputError) int { return a.Line - b.Line })
		return nil, all
	}
	if s.Mailed > 0 && len(ws.w.Rows) > s.Mailed {
		// A response rate above 100% would be published: the count mailed
		// is mistyped (2.000 for 2,000), or the file is another wave's.
		return nil, &csvfile.InputError{File: ds.FileOf(model.SurveysFile), Line: s.Line, Column: "mailed",
			Msg: fmt.Sprintf("配布数が %d ですが、回答ファイル %q には %d 人の回答があります (回収率が 100%% を超えます。配布数と回答ファイルを確かめてください)", s.Mailed, s.File, len(ws.w.Rows))}
	}
	return ws.w, nil
}

// Refused reports a response file that datafile refused at the wave's
// row of surveys.csv, where the file is named; other errors are returned
// as they are.
func Refused(ds *model.Dataset, s model.Survey, err error) error {
	var fe *datafile.FileError
	if !errors.As(err, &fe) {
		return err
	}
	msg := fmt.Sprintf("回答ファイル %q は%s", s.File, strings.TrimPrefix(fe.Msg, "ファイルが"))
	if errors.Is(fe.Err, fs.ErrNotExist) {
		msg = Missing(s.File)
	}
	return &csvfile.InputError{File: ds.FileOf(model.SurveysFile), Line: s.Line, Column: "file", Msg: msg}
}

// Missing is the problem of surveys.csv's file column naming a response
// file that is not there. A Windows path (responses\w.csv) is the likely
// cause where the name holds a backslash: shihyo reads the column as a
// slash path on every system.
func Missing(file string) string {
	msg := fmt.Sprintf("回答ファイル %q がありません", file)
	if strings.Contains(file, `\`) {
		msg += fmt.Sprintf("。フォルダの区切りは「\\」ではなく「/」で書いてください (%s)", strings.ReplaceAll(file, `\`, "/"))
	}
	return msg
}

// waveSink turns the rows of a response file into Respondents.
type waveSink struct {
	wc      waveColumns
	w       *model.Wave
	c       csvfile.Collector
	seen    map[string]int
	answers []int32 // room for the answers of the next rows
}

func (ws *waveSink) Start(t *csvfile.Table) {
	ws.w.Rows, ws.c, ws.seen = nil, csvfile.Collector{}, map[string]int{}
	ws.wc.locate(t)
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
	p := model.Respondent{Line: r.Line, ID: strings.Clone(field(r, wc.idAt)), Weight: 1, Exact: cell.One, Answers: answers}
	if p.ID == "" {
		c.Add(t.File, r.Line, wc.id, "回答者番号が空欄です")
	} else if first, dup := seen[cell.FoldWidth(p.ID)]; dup {
		// "１" and "1" are the same number typed in two widths.
		c.Add(t.File, r.Line, wc.id, "回答者番号が重複しています (%d 行目と同じ)", first)
	} else {
		seen[cell.FoldWidth(p.ID)] = r.Line
	}
	if wc.weight != "" {
		p.Exact, p.Weight = weight(c, t, r, wc.weight, wc.weightAt)
	}
	for i, col := range wc.columns {
		p.Answers[i] = answer(c, t, r, col, field(r, wc.at[i]), wc.codes[i])
	}
	if len(wc.multi) > 0 {
		p.Multi = make([]model.MultiAnswer, len(wc.multi))
		for i, m := range wc.multi {
			p.Multi[i] = multiAnswer(c, t, r, m)
		}
	}
	return p
}

// weight reads the weight of a row exactly (ParseWeight), or notes why it
// cannot be used.
func weight(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string, at int) (cell.Decimal, float64) {
	d, f, err := cell.ParseWeight(field(r, at))
	if err != nil {
		c.Add(t.File, r.Line, col, "%s", cell.WeightMessage(err))
		return cell.One, 1
	}
	return d, f
}

// answer reads the code s of column col.
func answer(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col, s string, codes codeSet) int32 {
	if s == "" {
		return model.Blank
	}
	n, ok := shortCode(s)
	if ok {
		return known(c, t, r, col, n, codes)
	}
	n, err := cell.ParseCode(s)
	switch {
	case err != nil && cell.IsNA(s):
		return model.Blank
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
	return known(c, t, r, col, n, codes)
}

// shortCode parses s when it is 1 to 6 ASCII digits, the form of nearly
// every cell: a code below 10^6 ≤ cell.MaxCode, as cell.ParseCode would
// give it, without its folding, trimming and errors.
func shortCode(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + int(d)
	}
	return n, true
}

// known is the code of n in column col: model.Blank for a code of kind
// missing (and a problem for one choices.csv lacks), model.NotApplicable
// for one of kind not_applicable.
func known(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string, n int, codes codeSet) int32 {
	kind, ok := codes.kind(int32(n))
	switch {
	case !ok:
		c.Add(t.File, r.Line, col, "choices.csv にない回答コード %d", n)
		return model.Blank
	case kind == model.KindMissing:
		return model.Blank
	case kind == model.KindNotApplicable:
		return model.NotApplicable
	}
	return int32(n)
}

// codeSet is the kinds of the codes of one key: a table for the small
// codes that choices.csv mostly has (looked up for every cell of a file),
// a map for the others.
type codeSet struct {
	small []model.ChoiceKind // by code, up to smallCodes; "" is no choice
	large map[int32]model.ChoiceKind
}

const smallCodes = 1024

func setOf(kinds map[int32]model.ChoiceKind) codeSet {
	var s codeSet
	for c, k := range kinds {
		if c >= 0 && c < smallCodes {
			if int(c) >= len(s.small) {
				s.small = append(s.small, make([]model.ChoiceKind, int(c)+1-len(s.small))...)
			}
			s.small[c] = k
			continue
		}
		if s.large == nil {
			s.large = map[int32]model.ChoiceKind{}
		}
		s.large[c] = k
	}
	return s
}

// kind is the kind of code c, and whether it is a choice at all.
func (s codeSet) kind(c int32) (model.ChoiceKind, bool) {
	if c >= 0 && int(c) < len(s.small) {
		return s.small[c], s.small[c] != ""
	}
	k, ok := s.large[c]
	return k, ok
}
