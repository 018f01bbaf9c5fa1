package compute

import (
	"database/sql"

	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Actual is the result of one indicator on one survey wave: a row of
// actuals.csv. Percentages are in points (0–100).
type Actual struct {
	Ward         string
	PlanYear     int
	IssueNo      int
	IndicatorNo  int
	Title        string
	Population   string
	QuestionKey  string
	QuestionText string
	SurveyID     string
	FiscalYear   int // 西暦
	Mailed       int // 0 when unknown
	Respondents  int // rows in the wave's response file
	NValid       int // the denominator: in the domain, answered, not excluded
	NPositive    int
	Weighted     bool

	// Percent is the published value: PercentExact rounded half-up to one
	// decimal. Status compares Percent, not PercentExact, with the target.
	Percent       float64
	PercentExact  float64
	TargetPercent float64
	TargetOp      string // "以上" or "以下"
	TargetYear    int
	Status        stats.Status // A (達成) or B (未達成): the target against Percent (stats.Target.Status)

	// Statistics (docs/statistics.md); NULL where they cannot be computed.
	CILow             sql.NullFloat64 // 95% interval of PercentExact (svyciprop logit)
	CIHigh            sql.NullFloat64
	PercentUnweighted sql.NullFloat64  // 100·NPositive/NValid
	NEffective        sql.NullFloat64  // Kish; only for weighted waves
	PreviousPercent   sql.NullFloat64  // Percent of the previous fiscal year's wave
	ChangePoints      sql.NullFloat64  // Percent − PreviousPercent, exact in tenths
	ChangeFlag        stats.ChangeFlag // 有意に上昇 / 有意に低下 / 変化は誤差の範囲, or ""
	Trajectory        stats.Trajectory // A / 順調 / 遅れ, or NotJudged for the baseline wave
	ProjectedPercent  sql.NullFloat64  // least-squares line through the waves so far, at TargetYear

	// Added with the statistics (see docs/statistics.md); NULL where they
	// cannot be computed.
	ChangePValue        sql.NullFloat64 // two-sided p-value of the change test
	PathPercent         sql.NullFloat64 // the straight path from the baseline wave to the target, at this year
	PointsPerYearNeeded sql.NullFloat64 // change per year still needed; negative for 以下 targets, 0 once met
	ProjectedLow        sql.NullFloat64 // 95% prediction interval of ProjectedPercent
	ProjectedHigh       sql.NullFloat64
}

// Key is the indicator the actual is of.
func (a Actual) Key() model.IndicatorKey {
	return model.IndicatorKey{Ward: a.Ward, PlanYear: a.PlanYear, IssueNo: a.IssueNo, IndicatorNo: a.IndicatorNo}
}

// target is the indicator's target, as the statistics take it.
func (a Actual) target() stats.Target {
	return stats.Target{Percent: a.TargetPercent, Op: a.TargetOp, Year: a.TargetYear}
}
