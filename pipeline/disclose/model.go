package disclose

import "slices"

// Threshold: a group of fewer respondents (and more than none) must be
// neither shown nor recoverable.
const Threshold = 10

// Blank is the level of the respondents who left an attribute (or the
// question) blank (model.Blank). Other is the level of a filter key that
// is not an attribute standing for every code its clauses do not name,
// and of the question's answer for every answer code nothing published
// names. NotApplicable is the answer of those to whom the question was
// not put (非該当, a not_applicable code).
const (
	Blank         int32 = -1
	Other         int32 = -2
	NotApplicable int32 = -3
)

// Clause is one condition of an indicator's filter: Key has one of Codes
// (a blank never passes).
type Clause struct {
	Key   string
	Codes []int
}

// Admits reports whether a respondent with code of key can pass filter
// (a blank, or any pseudo-code below 0, never passes a clause on key).
func Admits(filter []Clause, key string, code int32) bool {
	for _, c := range filter {
		if c.Key == key && (code < 0 || !slices.Contains(c.Codes, int(code))) {
			return false
		}
	}
	return true
}

// Cell is one published number pair: n and, where HasP, the positives
// among them. A cell that is not Shown publishes neither.
type Cell struct {
	N, P  int64
	Shown bool
	HasP  bool
}

// Table is an indicator's breakdown by one attribute: one cell per cell
// of the attribute (Wave.Cells: a level of Wave.Levels each, but where 無回答
// is merged into a code's cell), in that order.
type Table struct {
	Attribute string
	Cells     []Cell
}

// Domain is an indicator's rule of who is counted, its total, its
// published breakdown tables (none when it publishes no breakdown) and
// its published flow (nil when none is: actuals.csv's flow_* columns).
type Domain struct {
	Question           string
	Positive, Excluded []int
	Filter             []Clause
	Total              Cell
	Tables             []Table
	Flow               []FlowCount
}

// Count is one published count of respondents, unless not Shown.
type Count struct {
	N     int64
	Shown bool
}

// Simple is the 単純集計 of one question over every respondent of the
// wave: a count per level — each answer code, then Blank, which holds
// the blank, missing and 非該当 answers together.
type Simple struct {
	Codes  []int32
	Counts []Count
}

// Step is a step of a domain's flow (docs/statistics.md §1).
type Step uint8

const (
	// StepFiltered is 対象外: every respondent outside the filter.
	StepFiltered Step = iota
	// StepNotApplicable, StepNoAnswer, StepExcluded: those inside the
	// filter who are 非該当, left the question blank (無回答), or gave an
	// excluded code (除外).
	StepNotApplicable
	StepNoAnswer
	StepExcluded
	// StepExcludedCode and StepPositiveCode: those inside the filter who
	// gave excluded (positive) code Code.
	StepExcludedCode
	StepPositiveCode
)

// Table is the table of a flow that a count of step s is in: 対象外
// (0); those the filter lets through whom n leaves out, adding up to the
// filter's count less n (1); the positives by code, adding up to
// n_positive (2).
func (s Step) Table() int {
	switch s {
	case StepFiltered:
		return 0
	case StepPositiveCode:
		return 2
	}
	return 1
}

// FlowCount is one published count of a domain's flow.
type FlowCount struct {
	Step Step
	Code int32
	Count
}

// Wave is what is published about one wave: its attributes, the levels of
// each (the codes of choices.csv, then Blank), its domains, its 回答者数
// (0 when not published) and the 単純集計 of the domains' questions (by
// key; a 複数回答 question's rows overlap and are left out).
type Wave struct {
	Attributes []string
	Levels     map[string][]int32
	// Merged are the attributes whose breakdown tables count 無回答 in
	// the cell of one code (choices.csv kind with_blank): that code, by
	// attribute. The attribute's dimension keeps the two levels apart
	// (a filter on the key, its 単純集計); only its tables' cells join them.
	Merged      map[string]int32
	Domains     []Domain
	Respondents int64
	Simple      map[string]*Simple
	// Overlapping is the 単純集計 of the 複数回答 questions, whose rows
	// overlap (a respondent is under every option chosen) and add up to
	// nothing published: only a shown row of 1 to Threshold−1 is a leak.
	Overlapping map[string]*Simple
}

// Ref names one published number: a domain's total (Attribute "", Level
// −1), cell Level of its table by Attribute (Wave.Cells), the count
// Flow−1 of its flow; or, Domain −1, the wave's 回答者数 (Simple "") or
// row Level of the 単純集計 of question Simple.
type Ref struct {
	Domain    int
	Attribute string
	Level     int
	Flow      int
	Simple    string
}

// Condition is one dimension of a recovered group: Key has one of Codes.
// The answer class is not a condition: a group is always the respondents
// an indicator counts.
type Condition struct {
	Key   string
	Codes []int32
}

// Narrow is where with key narrowed to codes.
func Narrow(where []Condition, key string, codes []int32) []Condition {
	out := make([]Condition, 0, len(where)+1)
	for _, c := range where {
		if c.Key != key {
			out = append(out, c)
		}
	}
	return append(out, Condition{Key: key, Codes: codes})
}

// Leak is a group of fewer than Threshold respondents that the published
// numbers determine: the respondents counted by domain Domain who meet
// every Where. A Where on the question's own key (Question) names the
// answers of a group of the 単純集計 or the flow, which then need not be
// counted by the domain; with Domain −1 the group is of the 単純集計 or,
// Everyone, a region the filters cut out counted over every respondent.
// N is its size; when Positives, N is the number of positives of a group
// whose size the numbers do not give. Uses are the published numbers the
// derivation combines.
type Leak struct {
	Domain    int
	Question  string
	Where     []Condition
	Everyone  bool
	N         int64
	Positives bool
	Uses      []Ref
}
