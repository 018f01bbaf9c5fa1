package tally

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// Domain is the rule that an indicator counts respondents by (docs/statistics.md
// §1): those who pass every filter clause (clauses ANDed, the codes of a
// clause ORed; a blank never passes), answered Question (a blank, 無回答,
// is never counted) and did not give an Excluded code; y is 1 for a
// Positive code. Indicators of several plans that ask the same question the
// same way share one Domain, and so one set of sums per wave.
type Domain struct {
	Question string
	Positive []int
	Excluded []int
	Filter   []model.Clause
	everyone bool // the 単純集計's domain (Everyone)
}

// DomainOf is the domain of an indicator.
func DomainOf(in model.Indicator) Domain {
	d := Domain{Question: in.QuestionKey, Positive: sortedCodes(in.PositiveCodes), Excluded: sortedCodes(in.ExcludedCodes)}
	for _, c := range in.Filter {
		d.Filter = append(d.Filter, model.Clause{Key: c.Key, Codes: sortedCodes(c.Codes)})
	}
	slices.SortFunc(d.Filter, func(a, b model.Clause) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), slices.Compare(a.Codes, b.Codes))
	})
	return d
}

func sortedCodes(c []int) []int {
	s := slices.Clone(c)
	slices.Sort(s)
	return slices.Compact(s)
}

// Filtered reports whether the domain has a filter: such a domain is a
// small group like a breakdown cell, and is not published under the bound
// (compute.SuppressBelow).
func (d Domain) Filtered() bool { return len(d.Filter) > 0 }

// Spec is the domain written out in a canonical form: equal domains have
// equal specs. The database keys stored sums by it (table domains), so
// that a domain keeps its sums across refreshes while its indicators are
// renumbered, and a changed indicator gets a new one.
func (d Domain) Spec() string {
	if d.everyone {
		return everyoneSpec
	}
	var b strings.Builder
	fmt.Fprintf(&b, "question=%s positive=%s excluded=%s", d.Question, codesText(d.Positive), codesText(d.Excluded))
	for _, c := range d.Filter {
		fmt.Fprintf(&b, " filter=%s:%s", c.Key, codesText(c.Codes))
	}
	return b.String()
}

func codesText(c []int) string {
	s := make([]string, len(c))
	for i, v := range c {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ",")
}

// codeSet is a set of answer codes: a bit per code below 64, a list above.
type codeSet struct {
	low  uint64
	more []int32
}

func newCodeSet(codes []int) codeSet {
	var s codeSet
	for _, c := range codes {
		if c >= 0 && c < 64 {
			s.low |= 1 << c
		} else {
			s.more = append(s.more, int32(c))
		}
	}
	return s
}

func (s codeSet) has(c int32) bool {
	if c >= 0 && c < 64 {
		return s.low>>c&1 == 1
	}
	return slices.Contains(s.more, c)
}

// compiled is a domain bound to the columns of one wave.
type compiled struct {
	col                int  // of the question; −1 when the wave lacks it
	multi              bool // the question is a 複数回答 one (microdata.Wave.IsMulti)
	positive, excluded codeSet
	clauses            []clause
}

type clause struct {
	col   int  // −1 when the wave lacks the key: nobody passes
	multi bool // a 複数回答 key: passes when any of codes was chosen
	codes codeSet
}

func compile(w *microdata.Wave, d Domain) compiled {
	col := w.Column(d.Question)
	c := compiled{col: col, multi: w.IsMulti(col), positive: newCodeSet(d.Positive), excluded: newCodeSet(d.Excluded)}
	for _, f := range d.Filter {
		col := w.Column(f.Key)
		c.clauses = append(c.clauses, clause{col: col, multi: w.IsMulti(col), codes: newCodeSet(f.Codes)})
	}
	return c
}

// passes reports whether a respondent's row passes every clause.
func (c *compiled) passes(row []int32) bool {
	for _, cl := range c.clauses {
		if cl.col < 0 {
			return false
		}
		v := row[cl.col]
		if cl.multi {
			if microdata.MultiMask(v)&cl.codes.low == 0 {
				return false
			}
		} else if unanswered(v) || !cl.codes.has(v) {
			return false
		}
	}
	return true
}
