package compute

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Actual is the result of one indicator on one survey wave: a row of the
// actuals table (queries/create_actuals.sql) and of actuals.csv. The `db`
// tags are the table's columns in the order of its CREATE (queries.Columns;
// TestActualColumns compares them), the `csv` tags those of actuals.csv,
// with how each is written (package export). Percentages are in points
// (0–100).
type Actual struct {
	IndicatorID  int    `db:"indicator_id"` // this refresh's number of the indicator (not published)
	Ward         string `db:"ward" csv:"ward"`
	PlanYear     int    `db:"plan_year" csv:"plan_year"`
	IssueNo      int    `db:"issue_no" csv:"issue_no"`
	IndicatorNo  int    `db:"indicator_no" csv:"indicator_no"`
	Title        string `db:"title" csv:"title"`
	Population   string `db:"population" csv:"population"`
	QuestionKey  string `db:"question_key" csv:"question_key"`
	QuestionText string `db:"question_text"`
	SurveyID     string `db:"survey_id" csv:"survey_id"`
	FiscalYear   int    `db:"fiscal_year" csv:"fiscal_year"` // 西暦
	Mailed       int    `db:"mailed"`                        // 0 when unknown
	Respondents  int    `db:"respondents"`                   // rows in the wave's response file
	Weighted     bool   `db:"weighted" csv:"weighted"`
	NValid       int    `db:"n_valid" csv:"n_valid"` // the denominator: in the domain, answered, not excluded
	NPositive    int    `db:"n_positive" csv:"n_positive"`

	// Percent is the published value: PercentExact rounded half-up to one
	// decimal. Status compares Percent, not PercentExact, with the target.
	Percent      float64 `db:"percent" csv:"percent,decimal"`
	PercentExact float64 `db:"percent_exact" csv:"percent_exact,exact"`

	// Statistics (docs/statistics.md); NULL where they cannot be computed.
	CILow             sql.NullFloat64  `db:"ci_low" csv:"ci_low,exact"` // 95% interval of PercentExact (svyciprop logit)
	CIHigh            sql.NullFloat64  `db:"ci_high" csv:"ci_high,exact"`
	PercentUnweighted sql.NullFloat64  `db:"percent_unweighted" csv:"percent_unweighted,exact"` // 100·NPositive/NValid
	NEffective        sql.NullFloat64  `db:"n_effective" csv:"n_effective,exact"`               // Kish; only for weighted waves
	PreviousPercent   sql.NullFloat64  `db:"previous_percent" csv:"previous_percent,decimal"`   // Percent of the previous fiscal year's wave
	ChangePoints      sql.NullFloat64  `db:"change_points" csv:"change_points,decimal"`         // Percent − PreviousPercent, exact in tenths
	ChangeFlag        stats.ChangeFlag `db:"change_flag" csv:"change_flag"`                     // 有意に上昇 / 有意に低下 / 変化は誤差の範囲, or ""
	Trajectory        stats.Trajectory `db:"trajectory" csv:"trajectory"`                       // A / 順調 / 遅れ, or NotJudged for the baseline wave
	ProjectedPercent  sql.NullFloat64  `db:"projected_percent" csv:"projected_percent,exact"`   // least-squares line through the waves so far, at TargetYear

	TargetPercent float64      `db:"target_percent" csv:"target_percent"`
	TargetOp      string       `db:"target_op" csv:"target_op"` // "以上" or "以下"
	TargetYear    int          `db:"target_year" csv:"target_year"`
	Status        stats.Status `db:"status" csv:"status"` // A (達成) or B (未達成): the target against Percent (stats.Target.Status)

	// Added with the statistics (see docs/statistics.md); NULL where they
	// cannot be computed.
	ChangePValue        sql.NullFloat64 `db:"change_p_value" csv:"change_p_value,exact"`                 // two-sided p-value of the change test
	PathPercent         sql.NullFloat64 `db:"path_percent" csv:"path_percent,exact"`                     // the straight path from the baseline wave to the target, at this year
	PointsPerYearNeeded sql.NullFloat64 `db:"points_per_year_needed" csv:"points_per_year_needed,exact"` // change per year still needed; negative for 以下 targets, 0 once met
	ProjectedLow        sql.NullFloat64 `db:"projected_low" csv:"projected_low,exact"`                   // 95% prediction interval of ProjectedPercent
	ProjectedHigh       sql.NullFloat64 `db:"projected_high" csv:"projected_high,exact"`

	// Series names the indicator across plans (package series): indicators.csv's
	// series, else the row's counting written out. The waves of a series are
	// one history; each is judged by the row (PlanYear, IssueNo, IndicatorNo,
	// Target…) of its own year's plan, else of the latest earlier plan.
	Series string `db:"series" csv:"series"`

	// The denominator's flow (docs/statistics.md §1, tally.Flow), in
	// respondents, unweighted: Respondents = FlowFiltered +
	// FlowNotApplicable + FlowNoAnswer + FlowExcluded + NValid, and
	// NPositive of the NValid are positive. actuals.csv writes them after
	// its 年度 column (package export).
	FlowFiltered      int `db:"flow_filtered"`       // 対象外: outside the filter
	FlowNotApplicable int `db:"flow_not_applicable"` // 対象外: 非該当 to the question
	FlowNoAnswer      int `db:"flow_no_answer"`      // 無回答
	FlowExcluded      int `db:"flow_excluded"`       // 除外: an excluded code
	// ExcludedBy and PositiveBy are the 除外 and 肯定 by code, every code of
	// the indicator's definition (0 when nobody gave it); FlowExcludedBy
	// and FlowPositiveBy write them as text (FlowText).
	ExcludedBy     []FlowCode
	PositiveBy     []FlowCode
	FlowExcludedBy string `db:"flow_excluded_by"`
	FlowPositiveBy string `db:"flow_positive_by"`
	// Multi says the question is a 複数回答 one in this wave: positive is
	// any positive option chosen, excluded only excluded options chosen.
	Multi bool `db:"multi"`
}

// FlowCode is the respondents of one step of the flow who gave one code.
// For a 複数回答 question a respondent who chose two of the codes is
// counted under both, so the codes can add up to more than the step.
type FlowCode struct {
	Code  int
	Label string
	N     int
}

// FlowText writes codes as actuals.csv does: code:label=n, separated by
// "; " (9:わからない=12); a hidden count has no n (9:わからない=).
func FlowText(codes []FlowCode) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%d:%s=%s", c.Code, c.Label, FlowCount(c.N))
	}
	return strings.Join(parts, "; ")
}

// FlowCount writes a count of the flow, "" when hidden (FlowHidden).
func FlowCount(n int) string {
	if n < 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// Key is the indicator the actual is of.
func (a Actual) Key() model.IndicatorKey {
	return model.IndicatorKey{Ward: a.Ward, PlanYear: a.PlanYear, IssueNo: a.IssueNo, IndicatorNo: a.IndicatorNo}
}

// target is the indicator's target, as the statistics take it.
func (a Actual) target() stats.Target {
	return stats.Target{Percent: a.TargetPercent, Op: a.TargetOp, Year: a.TargetYear}
}
