// Package series says which rows of indicators.csv are one indicator
// across the plans of a ward (docs/inputs.md「年度をまたぐ指標」): the rows
// that share a `series` name, or without one the rows with the same
// population, question_key, positive and excluded codes and filter. Each
// fiscal year is judged by the row of its own year's plan (Judge); the
// pages and the exports show each ward's current plan, its latest
// plan_year.
package series

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Name is the series of in: its `series` column, else Derived(in).
func Name(in model.Indicator) string {
	if s := strings.TrimSpace(in.Series); s != "" {
		return s
	}
	return Derived(in)
}

// Derived is the name of the series of a row without a `series` name: its
// definition written out canonically (codes sorted, filter clauses by
// key), population|question_key|positive|excluded|filter, e.g.
// 区民|kouhou|1;2|5|. Two rows with the same counting have the same name.
func Derived(in model.Indicator) string {
	clauses := slices.Clone(in.Filter)
	slices.SortFunc(clauses, func(a, b model.Clause) int { return strings.Compare(a.Key, b.Key) })
	filter := make([]string, len(clauses))
	for i, c := range clauses {
		filter[i] = c.Key + "=" + codes(c.Codes)
	}
	return strings.Join([]string{in.Population, in.QuestionKey, codes(in.PositiveCodes), codes(in.ExcludedCodes),
		strings.Join(filter, "&")}, "|")
}

func codes(list []int) string {
	s := slices.Clone(list)
	slices.Sort(s)
	s = slices.Compact(s)
	out := make([]string, len(s))
	for i, c := range s {
		out[i] = strconv.Itoa(c)
	}
	return strings.Join(out, ";")
}

// Resolve sets the Series of every row to its Name, so that the database
// and the exports carry the series of every row.
func Resolve(inds []model.Indicator) {
	for i := range inds {
		inds[i].Series = Name(inds[i])
	}
}

// Key names a series: series names are a ward's own.
type Key struct {
	Ward, Name string
}

// KeyOf is the series in belongs to.
func KeyOf(in model.Indicator) Key { return Key{Ward: in.Ward, Name: Name(in)} }

// Series is one indicator across plans: its rows (indices in the slice
// given to Group), oldest plan first.
type Series struct {
	Key  Key
	Rows []int
}

// Group gathers inds into series, in the order of their first rows. Rows
// of one plan year come in file order (validate refuses two).
func Group(inds []model.Indicator) []Series {
	at := map[Key]int{}
	var out []Series
	for i, in := range inds {
		k := KeyOf(in)
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, Series{Key: k})
		}
		out[j].Rows = append(out[j].Rows, i)
	}
	for _, s := range out {
		slices.SortStableFunc(s.Rows, func(a, b int) int { return cmp.Compare(inds[a].PlanYear, inds[b].PlanYear) })
	}
	return out
}

// Latest is the row of the series' latest plan.
func (s Series) Latest() int { return s.Rows[len(s.Rows)-1] }

// Judge is the row whose target judges the fiscal year: that of the
// year's own plan, else of the latest earlier plan that has the series;
// a year before the series' first plan is judged by that first plan.
func (s Series) Judge(inds []model.Indicator, year int) int {
	best := s.Rows[0]
	for _, r := range s.Rows {
		if inds[r].PlanYear <= year {
			best = r
		}
	}
	return best
}
