// Package dims is the dimensions of one question's product space
// (package space) in the disclosure model: the classes of its answers
// and the keys its domains filter on.
package dims

import (
	"slices"
	"sort"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// Classes are the levels of a question's answer dimension: each code a
// domain on it names or its 単純集計 lists, Other for every answer code
// neither names (left out when the 単純集計 lists every code given),
// NotApplicable and Blank. No domain counts the last two.
type Classes struct {
	Codes []int32
	// Counted[k][l] is whether domain k (of ds) counts level l, Positive
	// whether it counts it as positive.
	Counted, Positive [][]bool
}

// ClassesOf are the classes of the question of domains ds, whose
// 単純集計 is simple (nil when none is in the model).
func ClassesOf(ds []disclose.Domain, simple *disclose.Simple) Classes {
	var c Classes
	for _, d := range ds {
		for _, x := range slices.Concat(d.Positive, d.Excluded) {
			c.Codes = append(c.Codes, int32(x))
		}
	}
	if simple != nil {
		for _, x := range simple.Codes {
			if x >= 0 {
				c.Codes = append(c.Codes, x)
			}
		}
	}
	slices.Sort(c.Codes)
	c.Codes = slices.Compact(c.Codes)
	if simple == nil {
		c.Codes = append(c.Codes, disclose.Other)
	}
	c.Codes = append(c.Codes, disclose.NotApplicable, disclose.Blank)
	for _, d := range ds {
		n, p := make([]bool, len(c.Codes)), make([]bool, len(c.Codes))
		for l, x := range c.Codes {
			answer := x >= 0 || x == disclose.Other
			n[l] = answer && !slices.Contains(d.Excluded, int(x))
			p[l] = x >= 0 && slices.Contains(d.Positive, int(x))
		}
		c.Counted, c.Positive = append(c.Counted, n), append(c.Positive, p)
	}
	return c
}

// Mask is the levels counted (positive: counted as positive) by local
// domain k.
func (c Classes) Mask(k int, positive bool) []bool {
	if positive {
		return c.Positive[k]
	}
	return c.Counted[k]
}

// Of is the levels of the given codes; Blank stands for Blank and
// NotApplicable when blankHolds (the 単純集計's 無回答 row).
func (c Classes) Of(blankHolds bool, codes ...int32) []bool {
	b := make([]bool, len(c.Codes))
	for l, x := range c.Codes {
		b[l] = slices.Contains(codes, x) || blankHolds && x == disclose.NotApplicable && slices.Contains(codes, disclose.Blank)
	}
	return b
}

// All is every level.
func (c Classes) All() []bool {
	b := make([]bool, len(c.Codes))
	for l := range b {
		b[l] = true
	}
	return b
}

// FilterKeys are the keys the filters of ds name, sorted.
func FilterKeys(ds []disclose.Domain) []string {
	var keys []string
	for _, d := range ds {
		for _, c := range d.Filter {
			keys = append(keys, c.Key)
		}
	}
	sort.Strings(keys)
	return slices.Compact(keys)
}

// OfKey is the dimension of filter key key: an attribute's levels, or
// the codes the clauses name and Other for the rest.
func OfKey(w *disclose.Wave, key string, ds []disclose.Domain) space.Dim {
	if lv, ok := w.Levels[key]; ok {
		return space.Dim{Key: key, Levels: lv}
	}
	var codes []int32
	for _, d := range ds {
		for _, c := range d.Filter {
			if c.Key == key {
				for _, x := range c.Codes {
					codes = append(codes, int32(x))
				}
			}
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	return space.Dim{Key: key, Levels: append(codes, disclose.Other)}
}

// LevelSet is the set of levels ls of a dimension of n levels.
func LevelSet(n int, ls ...int) []bool {
	b := make([]bool, n)
	for _, l := range ls {
		b[l] = true
	}
	return b
}

// FilterLevels is the set of levels of d that a filter on its key with
// codes keeps: its codes, never 無回答 or another negative level.
func FilterLevels(d space.Dim, codes []int) []bool {
	set := make([]bool, len(d.Levels))
	for l, code := range d.Levels {
		set[l] = code >= 0 && slices.Contains(codes, int(code))
	}
	return set
}

// LevelSets are the sets of levels of dimension d to cut a region by
// (package search): each level, and the levels that each table by d's key
// of the domains idx hides: each merged cell's, each pair's and, of more
// than two, all of them. cells are the levels of each cell (Wave.Cells).
func LevelSets(w *disclose.Wave, idx []int, d space.Dim, cells [][]int) [][]bool {
	n := len(d.Levels)
	one := func(ls ...int) []bool { return LevelSet(n, ls...) }
	var sets [][]bool
	for l := range n {
		sets = append(sets, one(l))
	}
	for _, k := range idx {
		for _, t := range w.Domains[k].Tables {
			if t.Attribute != d.Key {
				continue
			}
			var hidden [][]int // the levels of each hidden cell
			for l, c := range t.Cells {
				if !c.Shown {
					hidden = append(hidden, cells[l])
				}
			}
			for _, ls := range hidden {
				if len(ls) > 1 { // a merged cell: its levels together
					sets = append(sets, one(ls...))
				}
			}
			for a := range hidden {
				for _, b := range hidden[a+1:] {
					sets = append(sets, one(slices.Concat(hidden[a], b)...))
				}
			}
			if len(hidden) > 2 {
				sets = append(sets, one(slices.Concat(hidden...)...))
			}
		}
	}
	return sets
}

// Points are the product sets of sp that take one level of each
// dimension in [from, to) and the others whole, the last varying
// fastest, each with its conditions (none if from is to). They are
// allocated together: there are many.
func Points(sp space.Space, from, to int) ([]space.Mask, [][]disclose.Condition) {
	dims, n := sp.Dims[from:to], 1
	for _, d := range dims {
		n *= len(d.Levels)
	}
	if from == to {
		return nil, nil
	}
	parts, where, w := sp.All().Clones(n), make([][]disclose.Condition, n), len(dims)
	conds, codes := make([]disclose.Condition, n*w), make([]int32, n*w)
	for j := range parts {
		for k, r := w-1, j; k >= 0; k-- {
			l, c := r%len(dims[k].Levels), j*w+k
			r /= len(dims[k].Levels)
			for x := range parts[j][from+k] {
				parts[j][from+k][x] = x == l
			}
			codes[c] = dims[k].Levels[l]
			conds[c] = disclose.Condition{Key: dims[k].Key, Codes: codes[c : c+1 : c+1]}
		}
		where[j] = conds[j*w : (j+1)*w : (j+1)*w]
	}
	return parts, where
}

// Regions are the parts of the space of the filter keys (dimensions 1 to
// filterDims−1 of sp, the others whole) that the filters of the domains
// of boxes cut out: its points (Points) grouped by the boxes they lie in,
// in the order of their first point, each named by the codes of each key
// its points take.
func Regions(sp space.Space, filterDims int, boxes []space.Mask) ([][]space.Mask, [][]disclose.Condition) {
	points, where := Points(sp, 1, filterDims)
	var parts [][]space.Mask
	var names [][]disclose.Condition
	at := map[string]int{} // by the boxes a point lies in
	for j, p := range points {
		in := make([]byte, len(boxes))
		for k, b := range boxes {
			if p.Within(b, 1) {
				in[k] = 1
			}
		}
		g, ok := at[string(in)]
		if !ok {
			g, at[string(in)] = len(parts), len(parts)
			parts, names = append(parts, nil), append(names, nil)
		}
		parts[g] = append(parts[g], p)
		for i, c := range where[j] {
			if i == len(names[g]) {
				names[g] = append(names[g], disclose.Condition{Key: c.Key})
			}
			if !slices.Contains(names[g][i].Codes, c.Codes[0]) {
				names[g][i].Codes = append(names[g][i].Codes, c.Codes[0])
			}
		}
	}
	return parts, names
}
