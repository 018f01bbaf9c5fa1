// Package smallcount hides the small counts of a group whose total is
// published (the 単純集計 of a question, the steps of an indicator's
// denominator): a count of 1 to 9 is hidden, with others of the group as
// complements — 無回答 first, then the smallest, the rule of the
// breakdowns — so that no hidden count is the total less the shown ones.
package smallcount

import (
	"cmp"
	"slices"
)

const (
	// Below is the smallest count shown: 1 to Below−1 respondents are not.
	Below = 10
	// Hidden stands for a count that is not published.
	Hidden = -1
)

// HideGroup hides counts of one group whose total is published, when one
// of them is 1 to 9, by the rule of Complementary (noAnswer: the index of
// the group's 無回答 count, or −1): each becomes Hidden.
func HideGroup(counts []*int, noAnswer int) {
	if !slices.ContainsFunc(counts, small) {
		return
	}
	n := make([]int64, len(counts))
	for i, c := range counts {
		n[i] = int64(*c)
	}
	for i, h := range Complementary(n, noAnswer) {
		if h {
			*counts[i] = Hidden
		}
	}
}

// HideEach hides the counts of 1 to 9 (each becomes Hidden) of a group
// whose counts overlap and add up to nothing published.
func HideEach(counts []*int) {
	for _, c := range counts {
		if small(c) {
			*c = Hidden
		}
	}
}

func small(c *int) bool { return *c > 0 && *c < Below }

// Complementary decides which counts of a group whose total is published
// are hidden, when one of them is 1 to 9 (else none): every count under
// Below, and then more — the 無回答 count first (index noAnswer; −1 for
// none), then from the smallest up (the earlier first among equals) —
// until two or more are hidden holding Below or more together, or all
// are. The 単純集計 and the flow hide by it.
func Complementary(counts []int64, noAnswer int) []bool {
	hidden := make([]bool, len(counts))
	if !slices.ContainsFunc(counts, func(n int64) bool { return n > 0 && n < Below }) {
		return hidden
	}
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		if (i == noAnswer) != (j == noAnswer) {
			if i == noAnswer {
				return -1
			}
			return 1
		}
		return cmp.Compare(counts[i], counts[j])
	})
	var held int64
	nHidden := 0
	for _, i := range order {
		if counts[i] < Below {
			hidden[i], held, nHidden = true, held+counts[i], nHidden+1
		}
	}
	for _, i := range order {
		if nHidden >= 2 && held >= Below {
			break
		}
		if !hidden[i] {
			hidden[i], held, nHidden = true, held+counts[i], nHidden+1
		}
	}
	return hidden
}
