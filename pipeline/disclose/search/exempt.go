package search

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/solve"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// exempt reports whether the group of vector v, determined with 1 to
// Threshold−1 respondents, is one that is not protected
// (docs/statistics.md §6.2): the positives or the negatives of a cell
// shown with Threshold or more (its percentage publishes them); a group
// the never-hidden numbers alone determine (Fixed: nothing could protect
// it); or everyone a domain whose total is shown leaves out inside its
// filter (passing the filter less n: those who left the question blank,
// 非該当 or 除外 — the respondents of a level of the filter key whom the
// indicator does not count, as the 単純集計 of an attribute less a
// breakdown cell gives them for any attribute level). A withdrawn total
// publishes no n, so nothing it leaves out is exempt.
func (m *qmodel) exempt(v []int64) (bool, error) {
	if m.shownShares == nil {
		m.shownShares = map[string]bool{}
		for _, c := range m.shown {
			m.shownShares[space.Key(c[1])] = true
			m.shownShares[space.Key(space.Sub(c[0], c[1]))] = true
		}
	}
	if m.shownShares[space.Key(v)] {
		return true, nil
	}
	for k, g := range m.idx {
		if !m.w.Domains[g].Total.Shown {
			continue // no n, so no "filter's count less n": nothing to exempt
		}
		out := m.class.All()
		for l, c := range m.class.Mask(k, false) {
			out[l] = !c
		}
		if slices.Equal(v, m.vector(m.boxOf(k, out))) {
			return true, nil
		}
	}
	if m.fixed == nil {
		var rows [][]int64
		for i, uses := range m.uses {
			if !slices.ContainsFunc(uses, func(r disclose.Ref) bool { return !m.w.Fixed(r) }) {
				rows = append(rows, m.rows[i])
			}
		}
		b, err := solve.NewIn(&m.sc.arena, rows, make([]int64, len(rows)))
		if err != nil {
			return false, err
		}
		m.fixed = b
	}
	_, ok, err := m.fixed.Value(v)
	return ok, err
}
