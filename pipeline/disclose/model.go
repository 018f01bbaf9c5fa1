package disclose

// Threshold: a group of fewer respondents (and more than none) must be
// neither shown nor recoverable.
const Threshold = 10

// Blank is the level of the respondents who left an attribute blank
// (model.Blank).
const Blank int32 = -1

// Clause is one condition of an indicator's filter: Key has one of Codes
// (a blank never passes).
type Clause struct {
	Key   string
	Codes []int
}

// Cell is one published number pair: n and, where HasP, the positives
// among them. A cell that is not Shown publishes neither.
type Cell struct {
	N, P  int64
	Shown bool
	HasP  bool
}

// Table is an indicator's breakdown by one attribute: one cell per level
// of the attribute (Wave.Levels), in that order.
type Table struct {
	Attribute string
	Cells     []Cell
}

// Domain is an indicator's rule of who is counted, its total and its
// published breakdown tables (none when it publishes no breakdown).
type Domain struct {
	Question           string
	Positive, Excluded []int
	Filter             []Clause
	Total              Cell
	Tables             []Table
}

// Wave is what is published about one wave: its attributes, the levels of
// each (the codes of choices.csv, then Blank) and its domains.
type Wave struct {
	Attributes []string
	Levels     map[string][]int32
	Domains    []Domain
}

// Ref names one published number pair: a domain's total (Attribute "")
// or the cell of level Level of its table by Attribute.
type Ref struct {
	Domain    int
	Attribute string
	Level     int
}

// Condition is one dimension of a recovered group: Key has one of Codes.
// The answer class is not a condition: a group is always the respondents
// an indicator counts.
type Condition struct {
	Key   string
	Codes []int32
}

// Leak is a group of fewer than Threshold respondents that the published
// numbers determine: the respondents counted by domain Domain who meet
// every Where. N is its size; when Positives, N is the number of
// positives of a group whose size the numbers do not give. Uses are the
// published numbers the derivation combines.
type Leak struct {
	Domain    int
	Where     []Condition
	N         int64
	Positives bool
	Uses      []Ref
}
