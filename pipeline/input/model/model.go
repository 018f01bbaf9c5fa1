// Package model is what reading a data folder gives (package input reads
// and checks it): the rows of its definition files as a Dataset, the
// response files as Waves, and the warnings found. It holds no reading
// code, so that the stages after input (load, compute, the dashboards and
// the exports) depend on the data, not on how it is read.
package model

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
)

// Survey is one wave of a survey: a row of surveys.csv.
//
// The `db` tags, here and on the other rows, are the columns of the
// database table the row is loaded into (queries/schema.sql), in the order
// of its CREATE (package load's TestTableColumns compares them).
type Survey struct {
	ID         string `db:"survey_id"`
	Ward       string `db:"ward"`
	FiscalYear int    `db:"fiscal_year"` // 西暦 year in which the 年度 starts
	Population string `db:"population"`
	File       string `db:"file"`     // relative to the data directory
	Encoding   string `db:"encoding"` // "auto", "utf-8" or "shift_jis"
	Slug       string `db:"slug"`     // the ward's page name chosen by staff (optional column; "" when not given)
	Sheet      string // the sheet of an .xlsx response file; "" for the first visible one
	Mailed     int    // 0 when unknown
	Line       int    // line in surveys.csv
}

// Role is what a column of a response file holds.
type Role string

const (
	RoleID        Role = "id"
	RoleWeight    Role = "weight"
	RoleAttribute Role = "attribute"
	RoleQuestion  Role = "question"
	// RoleMulti is a 複数回答 question (「あてはまるものすべてに○」): all the
	// chosen codes in one cell (1;3), or one 0/1 column per option, each
	// row of questions.csv naming its option's code (Question.Option).
	RoleMulti Role = "multi"
)

// Question maps a column of one wave to a stable key: a row of questions.csv.
type Question struct {
	SurveyID string `db:"survey_id"`
	Column   string `db:"col"`
	Key      string `db:"key"`
	Role     Role   `db:"role"`
	Text     string `db:"text"`
	// PerOption is a multi question's column that holds one option, 1
	// when it was chosen: the option whose code is Option.
	PerOption bool
	Option    int
	Line      int
}

// Choice is an answer code of a question or attribute: a row of choices.csv.
// A row without a survey_id is shared: it is a choice of every wave that
// has the key and no row of its own for it (Dataset.ChoicesOf); Read gives
// each such wave its copy.
type Choice struct {
	SurveyID string `db:"survey_id"`
	Key      string `db:"key"`
	Code     int    `db:"code"`
	Label    string `db:"label"`
	Kind     ChoiceKind
	// WithBlank (kind with_blank, 無回答と合算): the breakdowns by this
	// attribute count those who left it blank in this code's row
	// (「子育て中ではない・無回答」), so that no 無回答 cell is small; a
	// filter on the key still means the code alone.
	WithBlank bool
	Line      int
}

// ChoiceKind is what a code of choices.csv stands for: its kind column.
type ChoiceKind string

const (
	KindAnswer ChoiceKind = "answer" // an answer: the default
	// KindMissing is 無回答 coded as a number (a vendor's 99 or 0): read
	// exactly as a blank cell.
	KindMissing ChoiceKind = "missing"
	// KindNotApplicable is 非該当 (a vendor's 88): the respondent was not
	// asked, and is outside the question's domain, as if filtered out.
	KindNotApplicable ChoiceKind = "not_applicable"
)

// Clause is one `key=code;code` part of an indicator filter: a respondent
// passes it when their answer to Key is one of Codes.
type Clause struct {
	Key   string
	Codes []int
}

// IndicatorKey names an indicator as indicators.csv does: its ward, the
// year of its plan, its 経営課題 and its number there. Every stage keys an
// indicator's rows (actuals, breakdowns, pages, plan tables) by it.
type IndicatorKey struct {
	Ward        string
	PlanYear    int
	IssueNo     int
	IndicatorNo int
}

// Key is the indicator's IndicatorKey.
func (in Indicator) Key() IndicatorKey {
	return IndicatorKey{Ward: in.Ward, PlanYear: in.PlanYear, IssueNo: in.IssueNo, IndicatorNo: in.IndicatorNo}
}

// Indicator is an アウトカム指標 of a plan: a row of indicators.csv.
type Indicator struct {
	Ward          string `db:"ward"`
	PlanYear      int    `db:"plan_year"`
	IssueNo       int    `db:"issue_no"`
	IndicatorNo   int    `db:"indicator_no"`
	Title         string `db:"title"`
	Population    string `db:"population"`
	QuestionKey   string `db:"question_key"`
	PositiveCodes []int
	ExcludedCodes []int
	Filter        []Clause // all clauses must hold
	FilterText    string   `db:"filter_text"` // the filter as written
	TargetPercent float64  `db:"target_percent"`
	TargetOp      string   `db:"target_op"` // "以上" or "以下"
	TargetYear    int      `db:"target_year"`
	SourceText    string   `db:"source_text"`
	Series        string   `db:"series"` // the indicator's name across plans (optional; "" when not given)
	Line          int
}

// Plan holds the 目標 and 使命 of a ward's plan: a row of plans.csv.
type Plan struct {
	Ward     string `db:"ward"`
	PlanYear int    `db:"plan_year"`
	Goal     string `db:"goal"`
	Mission  string `db:"mission"`
	Slug     string `db:"slug"` // the ward's page name chosen by staff (optional column; "" when not given)
	Line     int    // line in plans.csv
}

// PlanIssue names a 経営課題: a row of plan_issues.csv.
type PlanIssue struct {
	Ward     string `db:"ward"`
	PlanYear int    `db:"plan_year"`
	IssueNo  int    `db:"issue_no"`
	Title    string `db:"title"`
	Line     int    // line in plan_issues.csv
}

// Budget kinds of a PlanAction, as the plan writes them.
const (
	BudgetSettled = "決算"
	BudgetPlanned = "予算"
)

// PlanAction is one budget line of a plan: a 具体的取組 with its amount,
// or, with ActionNo "", a 経営課題's own 決算額 or 予算額 of one year (the
// 共通様式 prints three years): a row of plan_actions.csv. A 取組 printed
// without an amount has BudgetKind "" and ThousandYen and FiscalYear 0.
type PlanAction struct {
	Ward        string `db:"ward"`
	PlanYear    int    `db:"plan_year"`
	IssueNo     int    `db:"issue_no"`
	StrategyNo  string `db:"strategy_no"` // "1-1"; "" for a 経営課題's own line
	ActionNo    string `db:"action_no"`   // "1-1-1"; "" for a 経営課題's own line
	Title       string `db:"title"`
	ThousandYen int64  `db:"budget_thousand_yen"` // in 千円
	BudgetKind  string `db:"budget_kind"`         // BudgetSettled, BudgetPlanned or ""
	FiscalYear  int    `db:"fiscal_year"`         // the 年度 of the amount
	Line        int    // line in plan_actions.csv
}

// Dataset is a whole data directory, read and checked.
type Dataset struct {
	Dir string
	// Files are the definition files read from a workbook, by the name of
	// the CSV file they stand for (SurveysFile, …): the workbook as
	// messages name it, relative to Dir, with its sheet (surveys.xlsx[Sheet1]).
	Files       map[string]string
	Surveys     []Survey
	Questions   []Question
	Choices     []Choice
	Indicators  []Indicator
	Plans       []Plan
	PlanIssues  []PlanIssue
	PlanActions []PlanAction

	// Warnings are the doubts Read found that do not stop a refresh, in
	// file and line order; nil when there are none.
	Warnings []*Warning

	lookup *lookupIndex // of Questions and Choices (lookup.go)
}

// The files of a data directory. Each definition file may be a workbook
// instead, of the same name but .xlsx (WorkbookName).
const (
	SurveysFile     = "surveys.csv"
	QuestionsFile   = "questions.csv"
	ChoicesFile     = "choices.csv"
	IndicatorsFile  = "indicators.csv"
	PlansFile       = "plans.csv"
	PlanIssuesFile  = "plan_issues.csv"
	PlanActionsFile = "plan_actions.csv"
)

// WorkbookName is the name of the workbook that may stand for the
// definition file name: surveys.xlsx for surveys.csv.
func WorkbookName(name string) string {
	return strings.TrimSuffix(name, ".csv") + ".xlsx"
}

// The codes stored in Respondent.Answers for what is not an answer, below
// every answer code (those are from 0): Blank for a blank cell or a
// missing code (無回答), NotApplicable for a not_applicable code (非該当).
// Both leave every domain; the two are kept apart so that the number of
// 非該当 can be told from that of 無回答.
const (
	Blank         int32 = -1
	NotApplicable int32 = -2
)

// Wave is one survey wave's responses, read and checked. Only the columns
// listed in questions.csv are kept; free text and other columns are dropped
// as the file is read.
type Wave struct {
	Survey  Survey
	Keys    []string // the attribute and question keys, in questions.csv order
	Multi   []MultiQuestion
	Weights bool // whether the wave has a weight column
	Rows    []Respondent
}

// Respondent is one row of a response file.
type Respondent struct {
	Line    int
	ID      string
	Weight  float64       // 1 when the wave has no weight column
	Exact   cell.Decimal  // Weight exactly as written (ParseWeight); One without a weight column
	Answers []int32       // one per Wave.Keys; Blank for 無回答, NotApplicable for 非該当
	Multi   []MultiAnswer // one per Wave.Multi
}

// WeightScale is the most decimal places of any weight of the wave: its
// weights are stored as integers in units of 10^−WeightScale (Units). It
// is 0 for a wave without weights.
func (w *Wave) WeightScale() int {
	s := 0
	for i := range w.Rows {
		s = max(s, w.Rows[i].Exact.Places)
	}
	return s
}

// A Warning is a doubt about an input that does not stop a refresh: the
// data can be read and every number computed, but staff should look at the
// line (an answer scale whose labels changed between waves, say). It is at
// a line of File (1-based; 0 for the whole file), and Column names the CSV
// column, if any, as for InputError.
type Warning struct {
	File   string
	Line   int
	Column string
	Msg    string
}

// Warn adds to ds a warning at line of file (and column, if any).
func (ds *Dataset) Warn(file string, line int, column, format string, args ...any) {
	ds.Warnings = append(ds.Warnings, &Warning{File: file, Line: line, Column: column, Msg: fmt.Sprintf(format, args...)})
}

// String writes the warning as validate prints it, FILE:LINE: 注意: message,
// so that it reads like a problem but cannot be taken for one.
func (w *Warning) String() string {
	return Locate(w.File, w.Line, "注意: ", w.Column, w.Msg)
}

// Locate writes msg at a line of file as validate prints problems and
// warnings: FILE:LINE: then note, 列「column」: and msg; without :LINE for
// the whole file (line 0) and without 列 for no column.
func Locate(file string, line int, note, column, msg string) string {
	var b strings.Builder
	b.WriteString(file)
	if line > 0 {
		fmt.Fprintf(&b, ":%d", line)
	}
	b.WriteString(": " + note)
	if column != "" {
		fmt.Fprintf(&b, "列「%s」: ", column)
	}
	b.WriteString(msg)
	return b.String()
}
