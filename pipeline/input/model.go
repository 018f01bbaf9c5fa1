package input

// Survey is one wave of a survey: a row of surveys.csv.
type Survey struct {
	ID         string
	Ward       string
	FiscalYear int // 西暦 year in which the 年度 starts
	Population string
	File       string // relative to the data directory
	Encoding   string // "auto", "utf-8" or "shift_jis"
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
)

// Question maps a column of one wave to a stable key: a row of questions.csv.
type Question struct {
	SurveyID string
	Column   string
	Key      string
	Role     Role
	Text     string
	Line     int
}

// Choice is an answer code of a question or attribute: a row of choices.csv.
type Choice struct {
	SurveyID string
	Key      string
	Code     int
	Label    string
	Line     int
}

// Clause is one `key=code;code` part of an indicator filter: a respondent
// passes it when their answer to Key is one of Codes.
type Clause struct {
	Key   string
	Codes []int
}

// Indicator is an アウトカム指標 of a plan: a row of indicators.csv.
type Indicator struct {
	Ward          string
	PlanYear      int
	IssueNo       int
	IndicatorNo   int
	Title         string
	Population    string
	QuestionKey   string
	PositiveCodes []int
	ExcludedCodes []int
	Filter        []Clause // all clauses must hold
	FilterText    string   // the filter as written
	TargetPercent float64
	TargetOp      string // "以上" or "以下"
	TargetYear    int
	SourceText    string
	Line          int
}

// Plan holds the 目標 and 使命 of a ward's plan: a row of plans.csv.
type Plan struct {
	Ward     string
	PlanYear int
	Goal     string
	Mission  string
	Line     int // line in plans.csv
}

// PlanIssue names a 経営課題: a row of plan_issues.csv.
type PlanIssue struct {
	Ward     string
	PlanYear int
	IssueNo  int
	Title    string
	Line     int // line in plan_issues.csv
}

// Dataset is a whole data directory, read and checked.
type Dataset struct {
	Dir        string
	Surveys    []Survey
	Questions  []Question
	Choices    []Choice
	Indicators []Indicator
	Plans      []Plan
	PlanIssues []PlanIssue

	// Warnings are the doubts Read found that do not stop a refresh, in
	// file and line order; nil when there are none.
	Warnings []*Warning
}
