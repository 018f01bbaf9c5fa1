// Package plandoc reads a ward's whole plan text (運営方針, or a
// 将来ビジョン's 成果目標) into drafts of the data folder's plan files: its
// 目標 and 使命, its 経営課題, strategies and 具体的取組 with their amounts,
// and every indicator sentence with the target plantext.Extract reads from
// it (docs/plan-extract.md). Its parts: paragraph (decoding, paragraphs),
// header (the title: which ward's plan of which year, or vision), sentence
// (one indicator sentence), budget (amounts and the 共通様式's rows),
// assign (which 経営課題 each group of indicators belongs to).
package plandoc

import (
	"errors"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/budget"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/header"
	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
)

// ErrNoPlan is returned by ReadPlan for a text in which no part of a plan
// was found: no 目標 or 使命, no 経営課題, no indicator and no 取組.
var ErrNoPlan = errors.New("no plan found in the text")

// Kinds of document ReadPlan recognises.
const (
	DocPlan   = "運営方針"
	DocVision = "将来ビジョン"
)

// Kinds of indicator.
const (
	KindOutcome = "アウトカム指標"
	KindProcess = "プロセス指標"
	KindVision  = "成果目標" // a 将来ビジョン's outcome target
)

// Budget kinds, as the plan writes them.
const (
	Settled  = budget.Settled
	Budgeted = budget.Budgeted
)

// Options tell ReadPlan what the text may not say itself.
type Options struct {
	Ward     string // the ward, e.g. 鶴見区; "" to take it from the title
	PlanYear int    // 西暦 年度 of the plan; 0 to take it from the title
}

// A Plan is what ReadPlan read from one plan text. Review holds notes
// about the plan as a whole, in Japanese for staff; each indicator and
// action carries its own.
type Plan struct {
	Ward       string
	PlanYear   int
	Doc        string // DocPlan or DocVision
	VisionFrom int    // a vision's period (2023年度～2027年度); 0 for a plan
	VisionTo   int
	Goal       string // 目標, as printed
	Mission    string // 使命, as printed
	Issues     []Issue
	Strategies []Strategy
	Indicators []Indicator
	Actions    []Action
	Review     []string
}

// An Issue is a 経営課題.
type Issue struct {
	No    int
	Title string
	Line  int // line of its heading in the text
}

// A Strategy is a 主な戦略 numbered like 1-1.
type Strategy struct {
	IssueNo int
	No      string // "1-1"
	Title   string
	Line    int
}

// An Indicator is one indicator sentence with what it states, as the
// columns of indicators.csv. What the plan cannot tell (question_key,
// positive_codes, excluded_codes, the filter's key) is never filled in:
// Review says what to fill in and what was uncertain.
//
// TargetPercent, TargetOp and TargetYear are what Extract reads from
// SourceText with the plan's year, so validation's cross-check of the
// same source_text agrees with them. Two cases add what Extract leaves
// empty, each noted in Review: a percentage without 以上/以下 (TargetOp
// "") and, for a vision's 成果目標 without a deadline, the last year of
// the vision's period.
type Indicator struct {
	Ward          string
	PlanYear      int
	IssueNo       int // 0 when no 経営課題 could be assigned
	IndicatorNo   int // its ①②③ number, or its place in its 経営課題
	Kind          string
	Title         string
	Population    string // 区民, 校長・教頭, 地域活動協議会運営委員; "" if unknown
	FilterHint    string // 子育て世帯 when only a subgroup counts; the key is not in the plan
	TargetPercent float64
	TargetOp      string // AtLeast, AtMost, or "" when the sentence states neither
	TargetYear    int    // 西暦; 0 when none could be read
	SourceText    string // the sentence as printed, its line breaks removed
	Line          int
	Review        []string
}

// An Action is one budget line of the plan: a 具体的取組 with its
// amount, or, with ActionNo "", a 経営課題's own 決算額/予算額 row of the
// 共通様式 (one Action per year).
type Action struct {
	Ward        string
	PlanYear    int
	IssueNo     int
	StrategyNo  string // "1-1"; "" for a 経営課題's own line
	ActionNo    string // "1-1-1"; "" for a 経営課題's own line
	Title       string
	ThousandYen int64  // the amount in 千円 (４６百万円 is 46000)
	BudgetKind  string // Settled or Budgeted; "" when no amount is printed
	FiscalYear  int    // 西暦 年度 of the amount; 0 when unknown
	Line        int
	Review      []string
}

// ReadPlan reads a whole plan text: a 運営方針 as saved from a PDF viewer
// (two columns may be interleaved), copied from the city's web page, or
// copied from its HTML tables; or a 将来ビジョン's 成果目標. It never
// invents what the text does not say: what it could not decide is in the
// Review notes. The text is UTF-8 (see paragraph.Decode). ReadPlan fails only with
// ErrNoPlan, and its time is linear in the length of the text.
func ReadPlan(text string, opts Options) (Plan, error) {
	ps := paragraph.Split(text)
	h := header.Read(ps, opts.Ward, opts.PlanYear)
	p := Plan{Ward: h.Ward, PlanYear: h.Year, Doc: DocPlan, VisionFrom: h.From, VisionTo: h.To, Review: h.Notes}
	if h.Vision {
		p.Doc = DocVision
	}
	r := newReader(&p)
	for _, para := range ps {
		r.read(para)
	}
	r.finish()
	if p.Goal == "" && p.Mission == "" && len(p.Issues) == 0 && len(p.Indicators) == 0 && len(p.Actions) == 0 {
		return Plan{}, ErrNoPlan
	}
	return p, nil
}
