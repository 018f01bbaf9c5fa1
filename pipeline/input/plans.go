package input

// PlanColumns and PlanIssueColumns are the columns of plans.csv and
// plan_issues.csv, in the documented order (docs/inputs.md);
// planactions.Columns are plan_actions.csv's.
var (
	PlanColumns      = []string{"ward", "plan_year", "goal", "mission"}
	PlanIssueColumns = []string{"ward", "plan_year", "issue_no", "title"}
)
