package plantext

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Which 経営課題 an indicator belongs to cannot be read from the nearest
// heading alone: in a PDF with two columns the indicators of 経営課題2
// come after the heading of 経営課題3, and those of 経営課題3 before the
// heading of 経営課題2. The evidence, in order of weight:
//
//   - the numbering ①②③, which restarts with each 経営課題: it makes
//     the groups (see addIndicator), so that a group is assigned whole;
//   - what the group's sentences, and the 課題認識 and 主な戦略 it sits
//     with, share with what the plan attributes to each 経営課題 by its
//     number: its title, its 1-1 strategies and 1-1-1 取組, and the
//     【経営課題１】 paragraphs of the 自己評価;
//   - one group per 経営課題, each 経営課題 at most once;
//   - the heading before the group and, when there are as many groups as
//     経営課題, the order of both: these only break ties.
//
// A group whose content does not single out its 経営課題 is noted.

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

func (r *reader) finish() {
	r.numberGroups()
	r.assignGroups()
	r.budgetActions()
	r.checkActions()
	slices.SortStableFunc(r.p.Indicators, func(a, b Indicator) int {
		return cmpKeys(a.IssueNo, b.IssueNo, a.IndicatorNo, b.IndicatorNo)
	})
	slices.SortStableFunc(r.p.Actions, func(a, b Action) int {
		if c := cmpKeys(a.IssueNo, b.IssueNo, 0, 0); c != 0 {
			return c
		}
		return strings.Compare(a.ActionNo, b.ActionNo)
	})
	sort.SliceStable(r.p.Issues, func(i, j int) bool { return r.p.Issues[i].No < r.p.Issues[j].No })
}

// cmpKeys orders by issue then number, issue 0 (unassigned) last.
func cmpKeys(ia, ib, na, nb int) int {
	if ia != ib {
		switch {
		case ia == 0:
			return 1
		case ib == 0:
			return -1
		}
		return ia - ib
	}
	return na - nb
}

// numberGroups gives each indicator its number: its ①②, or else its place
// among the group's unnumbered ones after the numbers used. A vision's
// 成果目標 have no 経営課題 and are numbered through the document.
func (r *reader) numberGroups() {
	vision := 0
	for _, g := range r.groups {
		used := map[int]bool{}
		for _, n := range g.nums {
			used[n] = n != 0
		}
		next := 1
		for k, m := range g.members {
			ind := &r.p.Indicators[m]
			switch {
			case ind.Kind == KindVision:
				vision++
				ind.IndicatorNo = vision
			case g.nums[k] != 0:
				ind.IndicatorNo = g.nums[k]
			default:
				for used[next] {
					next++
				}
				ind.IndicatorNo, used[next] = next, true
				if len(g.members) > 1 {
					ind.Review = append(ind.Review, fmt.Sprintf("番号 (①②…) のない指標です: indicator_no を並び順の%d としました", next))
				}
			}
		}
		r.checkNumbers(g)
	}
}

// checkNumbers notes a group whose numbers skip one (①③ without ②).
func (r *reader) checkNumbers(g *indGroup) {
	nums := slices.Clone(g.nums)
	slices.Sort(nums)
	for k, n := range nums {
		if n != 0 && n != k+1 && nums[0] != 0 {
			for _, m := range g.members {
				r.p.Indicators[m].Review = append(r.p.Indicators[m].Review,
					fmt.Sprintf("同じ経営課題の指標の番号が1から続いていません (%v): 番号と経営課題を確認してください", nums))
			}
			return
		}
	}
}

// assignGroups gives every group its 経営課題 (see the package comment
// above) and notes what could not be decided.
func (r *reader) assignGroups() {
	issues := sortedIssues(r.p.Issues)
	var outcome []*indGroup
	for _, g := range r.groups {
		if g.kind == KindVision {
			r.noteVision(g)
			continue
		}
		outcome = append(outcome, g)
	}
	if len(outcome) == 0 {
		return
	}
	if len(issues) == 0 {
		r.noteGroups(outcome, "経営課題の見出しがありません: issue_no を記入してください")
		return
	}
	score := r.scores(outcome, issues)
	total := make([][]float64, len(score))
	for k, g := range outcome {
		total[k] = slices.Clone(score[k])
		for i, is := range issues {
			if is.No == g.before {
				total[k][i] += headingWeight
			}
			if len(outcome) == len(issues) && i == k {
				total[k][i] += orderWeight
			}
		}
	}
	choice := bestAssignment(total, len(issues))
	for k, g := range outcome {
		inOrder := len(outcome) == len(issues) && choice[k] == k
		r.setIssue(g, issues, score[k], choice[k], inOrder)
	}
}

func (r *reader) noteVision(g *indGroup) {
	what := "将来ビジョンの成果目標"
	if g.basicGoal != "" {
		what += " (基本目標" + g.basicGoal + ")"
	}
	note := what + "で、経営課題はありません: 運営方針の経営課題に合わせて issue_no と indicator_no を記入してください"
	r.noteGroups([]*indGroup{g}, note)
}

func (r *reader) noteGroups(gs []*indGroup, note string) {
	for _, g := range gs {
		for _, m := range g.members {
			r.p.Indicators[m].Review = append(r.p.Indicators[m].Review, note)
		}
	}
}

// setIssue assigns group g the issue at index pick (-1: none), with a
// note unless its content made the choice clear. inOrder says the group
// has the issue's place in the order of both.
func (r *reader) setIssue(g *indGroup, issues []Issue, score []float64, pick int, inOrder bool) {
	if pick < 0 {
		r.noteGroups([]*indGroup{g}, "経営課題より指標のまとまりが多く、どの経営課題か決められません: issue_no を記入してください")
		return
	}
	no := issues[pick].No
	for _, m := range g.members {
		r.p.Indicators[m].IssueNo = no
	}
	own, rival, rivalAt := score[pick], 0.0, -1
	for k, s := range score {
		if k != pick && s > rival {
			rival, rivalAt = s, k
		}
	}
	switch {
	case len(issues) == 1 && g.before == no:
		// The only 経営課題, headed before the group: no choice to note.
	case own == 0:
		how := "ほかの経営課題の指標が決まった残り"
		switch {
		case g.before == no:
			how = "直前の見出し"
		case inOrder:
			how = "経営課題と指標の並び順"
		}
		r.noteGroups([]*indGroup{g}, fmt.Sprintf("文の内容からは経営課題を決められず、%sから経営課題%d としました: 確認してください", how, no))
	case rival > own:
		r.noteGroups([]*indGroup{g}, fmt.Sprintf("文の内容は経営課題%d にも近いのですが、ほかの指標との組合せから経営課題%d としました: 確認してください", issues[rivalAt].No, no))
	case own-rival < clearMargin:
		r.noteGroups([]*indGroup{g}, fmt.Sprintf("経営課題%d か%d か、文の内容からははっきりしません。経営課題%d としました: 確認してください", no, issues[rivalAt].No, no))
	}
}

// scores returns, for each group and each issue, how much the group's
// text shares with the issue's, relative to the group's best (1).
func (r *reader) scores(gs []*indGroup, issues []Issue) [][]float64 {
	profiles := make([]map[bigram]bool, len(issues))
	for k, is := range issues {
		text := is.Title
		if b := r.profile[is.No]; b != nil {
			text += "\n" + b.String()
		}
		profiles[k] = bigrams(text, math.MaxInt)
	}
	weight := idf(profiles)
	out := make([][]float64, len(gs))
	for k, g := range gs {
		own, ctx := r.groupText(g), bigrams(g.context, maxBigrams)
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

// groupText is the bigrams of the group's sentences, the part before the
// target: the question and who answered.
func (r *reader) groupText(g *indGroup) map[bigram]bool {
	var b strings.Builder
	for _, m := range g.members {
		src := r.p.Indicators[m].SourceText
		if q := Extract(src, 0).Question; q != "" {
			src = q
		} else {
			src = titleOf(src)
		}
		b.WriteString(fold(src))
		b.WriteByte('\n')
	}
	return bigrams(b.String(), maxBigrams)
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

func sortedIssues(is []Issue) []Issue {
	out := slices.Clone(is)
	sort.SliceStable(out, func(i, j int) bool { return out[i].No < out[j].No })
	return out
}

// checkActions notes a 取組 whose 経営課題 has no heading in the text.
func (r *reader) checkActions() {
	for k := range r.p.Actions {
		a := &r.p.Actions[k]
		if _, ok := r.issueAt[a.IssueNo]; !ok && a.IssueNo != 0 && len(r.p.Issues) > 0 {
			a.Review = append(a.Review, fmt.Sprintf("経営課題%d の見出しが本文にありません: 番号を確認してください", a.IssueNo))
		}
	}
}
