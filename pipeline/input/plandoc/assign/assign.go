// Package assign decides which 経営課題 each group of indicators belongs
// to. It cannot be read from the nearest heading alone: in a PDF with two
// columns the indicators of 経営課題2 come after the heading of 経営課題3,
// and those of 経営課題3 before the heading of 経営課題2. The evidence, in
// order of weight:
//
//   - the numbering ①②③, which restarts with each 経営課題: it makes
//     the groups (the caller's), so that a group is assigned whole;
//   - what the group's sentences, and the 課題認識 and 主な戦略 it sits
//     with, share with what the plan attributes to each 経営課題 by its
//     number: its title, its 1-1 strategies and 1-1-1 取組, and the
//     【経営課題１】 paragraphs of the 自己評価 (IDF-weighted bigrams);
//   - one group per 経営課題, each 経営課題 at most once;
//   - the heading before the group and, when there are as many groups as
//     経営課題, the order of both: these only break ties.
//
// A group whose content does not single out its 経営課題 is noted.
package assign

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxExhaustive bounds the groups and issues for which every assignment
// is tried (8! is 40320); beyond it each group takes its best 経営課題.
const maxExhaustive = 8

// Weights of the evidence, relative to a group's best content match (1).
const (
	contextWeight = 0.5  // the 課題認識/主な戦略 text beside a group
	headingWeight = 0.05 // the heading before the group
	orderWeight   = 0.04 // the group's place among groups, as many as 経営課題
	clearMargin   = 0.3  // a lead smaller than this is noted as uncertain
)

// A Group is indicators that belong to one 経営課題 together.
type Group struct {
	Text    string // the group's sentences: what each asks and of whom
	Context string // the 課題認識 and 主な戦略 text beside the group
	Before  int    // 経営課題 of the last heading before the group; 0 if none
}

// An Issue is a 経営課題 with the text the plan attributes to it.
type Issue struct {
	No      int
	Profile string // its title, strategies, 取組 and 自己評価 paragraphs
}

// A Choice is the 経営課題 given to a group: No is 0 when none could be,
// and Note says, in Japanese for staff, what was uncertain ("" if nothing).
type Choice struct {
	No   int
	Note string
}

// Groups gives every group its 経営課題 among issues (in number order).
func Groups(gs []Group, issues []Issue) []Choice {
	out := make([]Choice, len(gs))
	if len(gs) == 0 {
		return out
	}
	if len(issues) == 0 {
		for k := range out {
			out[k].Note = "経営課題の見出しがありません: issue_no を記入してください"
		}
		return out
	}
	score := scores(gs, issues)
	total := make([][]float64, len(score))
	for k, g := range gs {
		total[k] = slices.Clone(score[k])
		for i, is := range issues {
			if is.No == g.Before {
				total[k][i] += headingWeight
			}
			if len(gs) == len(issues) && i == k {
				total[k][i] += orderWeight
			}
		}
	}
	pick := bestAssignment(total, len(issues))
	for k, g := range gs {
		inOrder := len(gs) == len(issues) && pick[k] == k
		out[k] = choose(g, issues, score[k], pick[k], inOrder)
	}
	return out
}

// choose is the choice of issue index pick (-1: none) for group g, with a
// note unless its content made it clear. inOrder says the group has the
// issue's place in the order of both.
func choose(g Group, issues []Issue, score []float64, pick int, inOrder bool) Choice {
	if pick < 0 {
		return Choice{Note: "経営課題より指標のまとまりが多く、どの経営課題か決められません: issue_no を記入してください"}
	}
	no := issues[pick].No
	own, rival, rivalAt := score[pick], 0.0, -1
	for k, s := range score {
		if k != pick && s > rival {
			rival, rivalAt = s, k
		}
	}
	c := Choice{No: no}
	switch {
	case len(issues) == 1 && g.Before == no:
		// The only 経営課題, headed before the group: no choice to note.
	case own == 0:
		how := "ほかの経営課題の指標が決まった残り"
		switch {
		case g.Before == no:
			how = "直前の見出し"
		case inOrder:
			how = "経営課題と指標の並び順"
		}
		c.Note = fmt.Sprintf("文の内容からは経営課題を決められず、%sから経営課題%d としました: 確認してください", how, no)
	case rival > own:
		c.Note = fmt.Sprintf("文の内容は経営課題%d にも近いのですが、ほかの指標との組合せから経営課題%d としました: 確認してください", issues[rivalAt].No, no)
	case own-rival < clearMargin:
		c.Note = fmt.Sprintf("経営課題%d か%d か、文の内容からははっきりしません。経営課題%d としました: 確認してください", no, issues[rivalAt].No, no)
	}
	return c
}

// scores returns, for each group and each issue, how much the group's
// text shares with the issue's, relative to the group's best (1).
func scores(gs []Group, issues []Issue) [][]float64 {
	profiles := make([]map[bigram]bool, len(issues))
	for k, is := range issues {
		profiles[k] = bigrams(is.Profile, math.MaxInt)
	}
	weight := idf(profiles)
	out := make([][]float64, len(gs))
	for k, g := range gs {
		own, ctx := bigrams(g.Text, maxBigrams), bigrams(g.Context, maxBigrams)
		row := make([]float64, len(issues))
		best := 0.0
		for i, prof := range profiles {
			row[i] = overlap(own, prof, weight) + contextWeight*overlap(ctx, prof, weight)
			best = math.Max(best, row[i])
		}
		for i := range row {
			if best > 0 {
				row[i] /= best
			}
		}
		out[k] = row
	}
	return out
}

// A bigram is two neighbouring letters of folded text.
type bigram [2]rune

// maxBigrams bounds the bigrams taken from one text: a group's sentences
// have a few hundred, and every group is compared with every 経営課題.
const maxBigrams = 4096

// bigrams returns the bigrams of neighbouring letters of s but hiragana:
// particles and endings (して, ている) say nothing about the subject.
func bigrams(s string, limit int) map[bigram]bool {
	out := map[bigram]bool{}
	var prev rune
	for _, c := range strings.ToLower(s) {
		if len(out) >= limit {
			break
		}
		if !isWordRune(c) {
			prev = 0
			continue
		}
		if prev != 0 && !(unicode.Is(unicode.Hiragana, prev) || unicode.Is(unicode.Hiragana, c)) {
			out[bigram{prev, c}] = true
		}
		prev = c
	}
	return out
}

func isWordRune(c rune) bool {
	return unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) || c == 'ー' ||
		c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c))
}

// idf weighs a bigram by how few issues share it: one that every issue's
// text has (まちづくり) weighs nothing.
func idf(profiles []map[bigram]bool) map[bigram]float64 {
	df := map[bigram]int{}
	for _, p := range profiles {
		for b := range p {
			df[b]++
		}
	}
	w := make(map[bigram]float64, len(df))
	n := float64(len(profiles))
	for b, d := range df {
		w[b] = math.Log(n / float64(d))
	}
	return w
}

func overlap(text, profile map[bigram]bool, weight map[bigram]float64) float64 {
	s := 0.0
	for b := range text {
		if profile[b] {
			s += weight[b]
		}
	}
	return s
}

// bestAssignment returns for each group the index of its issue, or -1,
// maximising the total score with each issue used at most once. Beyond
// maxExhaustive groups or issues, each group takes its best issue.
func bestAssignment(score [][]float64, issues int) []int {
	choice := make([]int, len(score))
	if len(score) > maxExhaustive || issues > maxExhaustive {
		for k, row := range score {
			choice[k] = argmax(row)
		}
		return choice
	}
	best := math.Inf(-1)
	cur := make([]int, len(score))
	used := make([]bool, issues)
	var try func(k int, total float64)
	try = func(k int, total float64) {
		if k == len(score) {
			if total > best+1e-9 {
				best = total
				copy(choice, cur)
			}
			return
		}
		for i := 0; i < issues; i++ {
			if !used[i] {
				used[i], cur[k] = true, i
				try(k+1, total+score[k][i])
				used[i] = false
			}
		}
		if len(score)-k > countFree(used) {
			cur[k] = -1
			try(k+1, total)
		}
	}
	try(0, 0)
	return choice
}

func countFree(used []bool) int {
	n := 0
	for _, u := range used {
		if !u {
			n++
		}
	}
	return n
}

func argmax(row []float64) int {
	best := -1
	for i, v := range row {
		if best < 0 || v > row[best] {
			best = i
		}
	}
	return best
}
