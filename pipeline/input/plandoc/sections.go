package plandoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/budget"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/header"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// The reader goes once through the paragraphs of a plan, in order, and
// keeps only what it needs from the paragraphs before: the label it is
// under, the indicator group being read, the latest 課題認識 and 主な戦略
// text. What needs the whole plan (which 経営課題 an indicator group and a
// budget row belong to) is decided in finish.
type reader struct {
	p *Plan

	issueAt    map[int]int              // 経営課題 number -> index in p.Issues
	strategyAt map[string]bool          // strategies recorded
	headings   []budget.Heading         // every heading, in text order
	profile    map[int]*strings.Builder // text the plan attributes to a 経営課題 by its number

	want     string // "goal" or "mission": the next paragraph is it
	kind     string // the indicator label the text is under
	block    string // "課題認識" or "主な戦略": the next paragraph is its text
	recog    string // text of the latest 課題認識
	strategy string // text of the latest 主な戦略
	groups   []*indGroup
	cur      *indGroup // the group being read; nil after a break

	actionYear int    // 年度 of the 具体的取組 amounts, from their header
	actionKind string // Settled or Budgeted, from the same header
	budget     budget.Stream
	periodTo   int    // end of the latest vision period seen
	goalNo     string // a vision's 基本目標 being read: its number
	goalTitle  string // and its title
}

func newReader(p *Plan) *reader {
	return &reader{p: p, issueAt: map[int]int{}, strategyAt: map[string]bool{}, profile: map[int]*strings.Builder{}, periodTo: p.VisionTo}
}

// read takes in paragraph p. A label on the first line of a longer
// paragraph (アウトカム指標 with the first sentence under it, no blank line
// between) is taken in first, then the rest of the paragraph. Only the
// first line is split off, so that a paragraph is rebuilt at most once.
func (r *reader) read(p paragraph.Para) {
	if len(p.Lines) > 1 && !isLabel(p) {
		if first := paragraph.New(p.Line, p.Lines[:1]); isLabel(first) {
			r.readOne(first)
			p = paragraph.New(p.Line+1, p.Lines[1:])
		}
	}
	r.readOne(p)
}

func (r *reader) readOne(p paragraph.Para) {
	if to, ok := header.PeriodEnd(p.Fold); ok {
		r.periodTo = to
	}
	r.readBrackets(p)
	if r.want != "" && !isLabel(p) {
		r.takeGoalMission(p)
		return
	}
	r.want = ""
	if r.readGoalMission(p) || r.readLabel(p) || r.readIssueLine(p) {
		return
	}
	if r.budget.Read(p.Fold, p.Line) {
		return
	}
	r.readIndicators(p)
	if r.block != "" {
		r.takeBlock(p)
	}
}

// labelText is p's text without spaces or the brackets a label is put in
// (【区の目標(何をめざすのか)】, 《主な戦略》), when it is short enough to
// be a label; "" otherwise.
func labelText(p paragraph.Para) string {
	s := paragraph.Squeeze(p.Fold)
	if utf8.RuneCountInString(s) > 40 {
		return ""
	}
	return strings.Trim(s, "【】《》[]")
}

var labelPrefixes = []string{"区の目標", "区の使命", "目標", "使命", "アウトカム指標", "プロセス指標", "成果目標",
	"課題認識", "主な戦略", "基本目標", "(経営課題の進捗度", "自己評価"}

func isLabel(p paragraph.Para) bool {
	s := labelText(p)
	for _, pre := range labelPrefixes {
		if strings.HasPrefix(s, pre) {
			return true
		}
	}
	return false
}

// readGoalMission reads the 目標 and 使命: a label and the paragraph after
// it (区の目標（何をめざすのか）), or the label on the first line with the
// text beside or below it (目標 つながり…, 使命 / 一人ひとり…).
func (r *reader) readGoalMission(p paragraph.Para) bool {
	first := paragraph.Squeeze(strings.Trim(strings.TrimSpace(p.Lines[0]), "【】"))
	for _, f := range []struct{ label, want string }{{"目標", "goal"}, {"使命", "mission"}} {
		head := strings.HasPrefix(first, "区の"+f.label+"(") || strings.HasPrefix(first, "区の"+f.label+"（") || first == "区の"+f.label
		if head || first == f.label {
			if len(p.Lines) > 1 {
				r.setGoalMission(f.want, strings.Join(p.Lines[1:], ""))
			} else {
				r.want = f.want
			}
			return true
		}
		if rest, ok := strings.CutPrefix(p.Text, f.label); ok && startsWithSpace(rest) {
			r.setGoalMission(f.want, strings.TrimSpace(rest))
			return true
		}
	}
	return false
}

func startsWithSpace(s string) bool {
	return strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\u3000")
}

func (r *reader) takeGoalMission(p paragraph.Para) {
	r.setGoalMission(r.want, p.Text)
	r.want = ""
}

func (r *reader) setGoalMission(which, text string) {
	switch {
	case which == "goal" && r.p.Goal == "":
		r.p.Goal = text
	case which == "mission" && r.p.Mission == "":
		r.p.Mission = text
	}
}

// readLabel follows the labels that say what the next paragraphs are.
// The label of the results (アウトカム指標の達成状況) changes nothing: in a
// PDF it may fall between the indicators of one 経営課題.
func (r *reader) readLabel(p paragraph.Para) bool {
	s := labelText(p)
	switch {
	case s == "":
		return false
	case strings.Contains(s, "達成状況"), strings.HasPrefix(s, "(経営課題の進捗度"):
	case strings.HasPrefix(s, "アウトカム指標"):
		r.startGroup(KindOutcome)
	case strings.HasPrefix(s, "プロセス指標"):
		r.startGroup(KindProcess)
	case strings.HasPrefix(s, "成果目標"):
		r.startGroup(KindVision)
	case strings.HasPrefix(s, "課題認識"):
		r.cur, r.block = nil, "課題認識"
	case strings.HasPrefix(s, "主な戦略"):
		r.cur, r.block = nil, "主な戦略"
	case strings.HasPrefix(s, "基本目標"):
		r.cur, r.block = nil, "基本目標"
		r.goalNo, r.goalTitle = strings.TrimPrefix(s, "基本目標"), ""
	default:
		return r.readActionHeader(p)
	}
	return true
}

// takeBlock keeps the paragraph after a 課題認識 or 主な戦略 label, the
// block an indicator group may sit with.
func (r *reader) takeBlock(p paragraph.Para) {
	switch r.block {
	case "課題認識":
		r.recog = p.Fold
	case "主な戦略":
		r.strategy = p.Fold
	case "基本目標":
		// 基本目標 / 1 / 気にかける・つながる・支え合う地域づくり
		if r.goalNo == "" && strings.Trim(p.Fold, "0123456789") == "" {
			r.goalNo = p.Fold
			return
		}
		r.goalTitle = p.Text
	}
	r.block = ""
}

// actionHeaderRe is the header of the 具体的取組 with the year of their
// amounts: 主な具体的取組（31年度予算額）.
var actionHeaderRe = regexp.MustCompile(`具体的取組\s*\(\s*(元|\d{1,2})\s*年度\s*(予算額|決算額)\s*\)`)

func (r *reader) readActionHeader(p paragraph.Para) bool {
	m := actionHeaderRe.FindStringSubmatch(p.Fold)
	if m == nil {
		return false
	}
	r.actionYear, _ = wareki.Nearest(m[1], r.p.PlanYear)
	r.actionKind = strings.TrimSuffix(m[2], "額")
	return true
}

// issueLineRe is a 経営課題 heading on a line of its own:
// 経営課題１　だれもが地域で安心して暮らせるまちづくり.
var issueLineRe = regexp.MustCompile(`^経営課題\s*(\d{1,2})\s*[:.]?\s+(\S.*)$`)

func (r *reader) readIssueLine(p paragraph.Para) bool {
	m := issueLineRe.FindStringSubmatch(strings.TrimSpace(paragraph.Fold(p.Lines[0])))
	if m == nil {
		return false
	}
	no, _ := strconv.Atoi(m[1])
	r.addIssue(no, strings.TrimSpace(m[2]), p.Line, true)
	return true
}

// addIssue records a heading of 経営課題 no. A second heading of the same
// number is noted when it titles the issue otherwise; explicit says the
// title was delimited by the plan itself rather than cut at a space.
func (r *reader) addIssue(no int, title string, line int, explicit bool) {
	if no < 1 {
		return
	}
	r.cur = nil
	r.headings = append(r.headings, budget.Heading{No: no, Line: line})
	r.addProfile(no, title)
	if k, ok := r.issueAt[no]; ok {
		if old := r.p.Issues[k]; explicit && old.Title != title {
			r.p.Review = append(r.p.Review, fmt.Sprintf("経営課題%d の見出しが2通りあります: 「%s」(%d行目) と「%s」(%d行目)。先のほうとしました",
				no, old.Title, old.Line, title, line))
		}
		return
	}
	r.issueAt[no] = len(r.p.Issues)
	r.p.Issues = append(r.p.Issues, Issue{No: no, Title: title, Line: line})
}

func (r *reader) addProfile(no int, text string) {
	b := r.profile[no]
	if b == nil {
		b = &strings.Builder{}
		r.profile[no] = b
	}
	b.WriteString(text)
	b.WriteByte('\n')
}
