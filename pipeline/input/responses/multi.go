package responses

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/multi"
)

// multiAnswer reads a respondent's answer to the 複数回答 question m from
// row r: the codes of its one cell, or the options whose 0/1 columns hold
// 1. A cell that cannot be read counts as nothing chosen, and is a
// problem at its column.
func multiAnswer(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, m multiColumns) model.MultiAnswer {
	var chosen []int
	if m.options == nil {
		codes, err := multi.Parse(t.Get(r, m.columns[0]))
		var ce *multi.CellError
		if errors.As(err, &ce) {
			c.Add(t.File, r.Line, m.columns[0], "%s", ce.Message())
			return model.MultiAnswer{}
		}
		chosen = codes
	} else {
		cells := make([]string, len(m.columns))
		for i, col := range m.columns {
			cells[i] = t.Get(r, col)
		}
		var bad []int
		chosen, bad = multi.FromFlags(cells, m.options)
		for _, i := range bad {
			c.Add(t.File, r.Line, m.columns[i], "%s", (&multi.CellError{Err: multi.ErrNotFlag}).Message())
		}
	}
	return classify(c, t, r, m, chosen)
}

// classify makes the codes chosen (sorted, each once) an answer by their
// kinds: answer codes are the answer; a missing code alone is 無回答 and a
// not_applicable code alone 非該当, exactly as a blank cell or a single
// answer of that code. A code that is no choice, or a missing or
// not_applicable code chosen with any other, is a problem.
func classify(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, m multiColumns, chosen []int) model.MultiAnswer {
	col := strings.Join(m.columns, "・")
	var a model.MultiAnswer
	var unknown []string
	special := map[model.ChoiceKind]bool{}
	for _, code := range chosen {
		kind, ok := m.kinds[int32(code)]
		switch {
		case !ok:
			unknown = append(unknown, strconv.Itoa(code))
		case kind == model.KindAnswer:
			a.Chosen = append(a.Chosen, int32(code))
		default:
			special[kind] = true
		}
	}
	switch {
	case len(unknown) > 0:
		c.Add(t.File, r.Line, col, "choices.csv にない回答コード %s (複数回答)", strings.Join(unknown, "、"))
		return model.MultiAnswer{}
	case len(special) > 0 && (len(a.Chosen) > 0 || len(special) > 1):
		c.Add(t.File, r.Line, col, "%s", mixedMessage(special))
		return model.MultiAnswer{}
	}
	a.NotApplicable = special[model.KindNotApplicable]
	return a
}

func mixedMessage(special map[model.ChoiceKind]bool) string {
	what := "無回答 (kind=missing)"
	if special[model.KindNotApplicable] && !special[model.KindMissing] {
		what = "非該当 (kind=not_applicable)"
	}
	return fmt.Sprintf("複数回答で、%s のコードがほかのコードと一緒に選ばれています (無回答・非該当のコードは、それだけを選んだときに使います)", what)
}
