package gen

// format is how a response file is stored on disk.
type format int

const (
	plainUTF8  format = iota // UTF-8 without BOM, LF
	excelUTF8                // UTF-8 with BOM, CRLF: Excel's "CSV UTF-8"
	excelCP932               // Windows-31J, CRLF: Excel's "CSV (コンマ区切り)"
	excelXLSX                // an Excel workbook (.xlsx) of one sheet, as vendors deliver
)

// choice is an answer code and its label: a row of choices.csv.
type choice struct {
	code  int
	label string
}

// attribute is a face-sheet item (年代, 性別, 地域, …) with its codes.
// Weights, when set, give the share of each choice among respondents.
type attribute struct {
	key     string
	text    string
	choices []choice
	weights []float64
	// withBlank is the code whose breakdown row also counts 無回答
	// (choices.csv kind with_blank), 0 for none.
	withBlank int
}

// scale is the wording of answers 1–4; code 9 is always わからない.
type scale [4]string

// indicator is the plan side of a topic: a row of indicators.csv.
type indicator struct {
	ward       string
	planYear   string
	issueNo    int
	no         int
	title      string
	population string
	filterKey  string // "" for no filter
	filterCode int
	excludeDK  bool // わからない (9) leaves the denominator
	target     int
	targetYear string
	source     string
}

// topic is a question tracked across waves, with the indicator measured on it.
type topic struct {
	key   string
	text  string
	scale scale
	ind   indicator
	// options make the question a 複数回答 one (role multi), the chosen
	// codes in one cell; positive is then its positive_codes, and missing
	// the vendor's code for 無回答 among the options (kind missing).
	options  []choice
	positive string
	missing  int

	// anchors maps a fiscal year to the published percent ×10 that the
	// indicator must show on that year's wave.
	anchors map[int]int
	// Where no anchor is set, the percent is level + trend×(year−2020) ± 3.
	level float64
	trend float64
	// tilt > 0 makes older respondents answer more favourably.
	tilt float64
}

// role is what a column holds, as written in questions.csv.
type role string

const (
	roleID        role = "id"
	roleWeight    role = "weight"
	roleAttribute role = "attribute"
	roleQuestion  role = "question"
	roleMulti     role = "multi"
)

// column is one column of a response file that questions.csv lists.
type column struct {
	header string
	key    string
	role   role
	text   string
	attr   *attribute // role attribute
	topic  *topic     // role question
}

// profile says who the respondents of a wave are.
type profile int

const (
	residents  profile = iota // 区民: 年代, 性別, 地域, 子育て
	committee                 // 地域活動協議会運営委員: 地域
	principals                // 校長・教頭: 校種, 職名
)

// wave is one survey wave: a row of surveys.csv and its response file.
type wave struct {
	id          string
	ward        string
	year        int    // 西暦
	yearText    string // fiscal_year as written in surveys.csv
	population  string
	encoding    string // the encoding column of surveys.csv
	format      format
	sheet       string // the sheet of an excelXLSX file, written in surveys.csv
	mailed      int
	minReturned int
	maxReturned int
	profile     profile
	serialIDs   bool     // ids are questionnaire serial numbers with gaps
	columns     []column // in file order
	freeText    string   // header of a free-text column not in questions.csv
}

// file is the response file of the wave, relative to the data directory.
func (w *wave) file() string {
	if w.format == excelXLSX {
		return "responses/" + w.id + ".xlsx"
	}
	return "responses/" + w.id + ".csv"
}

// shares returns the weights of the attribute's choices, equal ones when
// none are set.
func (a *attribute) shares() []float64 {
	if a.weights != nil {
		return a.weights
	}
	w := make([]float64, len(a.choices))
	for i := range w {
		w[i] = 1
	}
	return w
}

// attribute returns the wave's attribute of that key, or nil.
func (w *wave) attribute(key string) *attribute {
	for _, c := range w.columns {
		if c.role == roleAttribute && c.key == key {
			return c.attr
		}
	}
	return nil
}

// plan is the 目標, 使命 and 経営課題 of a ward's plan.
type plan struct {
	ward     string
	planYear string
	goal     string
	mission  string
	issues   []string // 経営課題 titles, issue_no = index+1
	budgets  []budget // the 経営課題's own 決算額・予算額, for plan_actions.csv
}

// budget is a 経営課題's own amount of one year, in 千円.
type budget struct {
	issueNo    int
	thousand   int
	kind       string // 決算 or 予算
	fiscalYear string
}

// dataset is everything Generate writes.
type dataset struct {
	waves  []*wave
	topics []*topic // in indicators.csv order
	plans  []plan
}
