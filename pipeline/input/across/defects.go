package across

import (
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// defects indexes the problems found so far by file, line and column, so
// that every later check still runs on what could be read, but skips what a
// defect already explains: one run reports every defect, and none twice
// (a bad code in choices.csv is not reported again for every answer that
// uses it).
type defects struct {
	ds     *model.Dataset
	cells  map[string]map[int]map[string]bool // file → line → column ("" for the row or the file)
	unread map[string]bool                    // files of which no row could be read

	// The waves with a doubtful row of choices.csv or questions.csv,
	// found once (choicesInDoubt, questionsInDoubt).
	choiceDoubt, questionDoubt map[string]bool
}

func newDefects(ds *model.Dataset, found csvfile.Problems) *defects {
	d := &defects{ds: ds, cells: map[string]map[int]map[string]bool{}, unread: map[string]bool{}}
	for _, p := range found {
		if d.cells[p.File] == nil {
			d.cells[p.File] = map[int]map[string]bool{}
		}
		if d.cells[p.File][p.Line] == nil {
			d.cells[p.File][p.Line] = map[string]bool{}
		}
		d.cells[p.File][p.Line][p.Column] = true
	}
	rows := map[string]int{
		model.SurveysFile: len(ds.Surveys), model.QuestionsFile: len(ds.Questions), model.ChoicesFile: len(ds.Choices),
		model.IndicatorsFile: len(ds.Indicators),
	}
	for name, n := range rows {
		if n == 0 && d.cells[d.path(name)] != nil {
			d.unread[name] = true
		}
	}
	return d
}

func (d *defects) path(name string) string { return d.ds.FileOf(name) }

// readable reports whether every named definition file gave rows: a check
// across files runs only over files that were read, so that an unreadable
// questions.csv does not make every indicator's question "unknown".
func (d *defects) readable(names ...string) bool {
	for _, n := range names {
		if d.unread[n] {
			return false
		}
	}
	return true
}

// row reports whether the row line of the file name has a defect in any of
// columns, or in none in particular; with no columns, in any column.
func (d *defects) row(name string, line int, columns ...string) bool {
	if len(d.cells) == 0 {
		return false // the common case, asked for every row: no path joined
	}
	cols := d.cells[d.path(name)][line]
	if len(cols) == 0 {
		return false
	}
	if len(columns) == 0 || cols[""] {
		return true
	}
	for _, c := range columns {
		if cols[c] {
			return true
		}
	}
	return false
}

// column reports whether any row of the file name has a defect in one of
// columns.
func (d *defects) column(name string, columns ...string) bool {
	for line := range d.cells[d.path(name)] {
		if line > 1 && d.row(name, line, columns...) {
			return true
		}
	}
	return false
}

// nearest returns the one known name closest to s, when it is close enough
// to be a slip of the keyboard (bosai for bousai): at most two edits, and
// no more than a third of s; compared in lower case. It returns false when
// none is that close, or two are equally close.
func nearest(s string, known []string) (string, bool) {
	best, bestD, tie := "", 3, false
	for _, k := range known {
		if k == s {
			continue
		}
		d := levenshtein.ComputeDistance(strings.ToLower(s), strings.ToLower(k))
		switch {
		case d < bestD:
			best, bestD, tie = k, d, false
		case d == bestD && k != best:
			tie = true
		}
	}
	if best == "" || tie || bestD*3 > len([]rune(s)) {
		return "", false
	}
	return best, true
}

// suggestion is the hint added to a message about an unknown name: ` ("bousai" の
// 書き間違いではありませんか)`, or "" when no known name is close.
func suggestion(s string, known []string) string {
	if k, ok := nearest(s, known); ok {
		return " (" + quote(k) + " の書き間違いではありませんか)"
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
