// Package plan reads, from the database of a refresh, what the plan tables
// of the exports show (the CSV that writes back into indicators.csv and the
// XLSX 様式): the indicators as loaded, the titles of the 経営課題 and the
// published actuals, with the plan and the fiscal year shown for each
// ward. An indicator's actuals are those of its series (package series):
// its 前年度実績 and 自己評価 (案) come from the same indicator in earlier
// plans, whatever its number there.
package plan

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/series"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/queries"
)

// The rows are those of the refresh's own types, scanned by column name
// (queries.ScanByName): an indicator as model.Indicator (the columns that
// export_indicators.sql selects), an actual as compute.Actual (those of
// export_actuals.sql: what the plan tables show of one indicator in one
// wave).

// IssueKey identifies a 経営課題.
type IssueKey struct {
	Ward     string
	PlanYear int
	IssueNo  int
}

// Data is everything the CSV and XLSX formats read from the database.
// Actions are the budget lines with an amount (plan_actions.csv), by
// 経営課題, in the order of export_plan_actions.sql.
type Data struct {
	Indicators []model.Indicator // with their positive and excluded codes
	Issues     map[IssueKey]string
	Actions    map[IssueKey][]model.PlanAction
	bySeries   map[series.Key][]compute.Actual // sorted by fiscal year
	plans      map[string]int                  // the plan year shown, by ward (0: none)
	years      map[string]int                  // the fiscal year shown, by ward
	labels     map[labelKey]string             // choices.csv as loaded
}

type labelKey struct {
	survey, key string
	code        int
}

// ErrNoActuals is returned when the chosen fiscal year has no actual.
var ErrNoActuals = errors.New("その年度の実績がデータベースにありません")

// Choice is what the plan tables show: the plan year (0: each ward's
// current plan, its latest plan_year) and the fiscal year (0: the latest
// fiscal year with an actual before the ward's next plan after the shown
// one, which is that plan's own year once its survey is in).
type Choice struct {
	PlanYear, FiscalYear int
}

// Read reads the indicators, 経営課題 titles, actuals and answer labels,
// and picks the plan and the fiscal year to show for each ward (Choice).
func Read(ctx context.Context, conn *sql.Conn, c Choice) (*Data, error) {
	p := &Data{Issues: map[IssueKey]string{}, Actions: map[IssueKey][]model.PlanAction{},
		bySeries: map[series.Key][]compute.Actual{}, plans: map[string]int{},
		years: map[string]int{}, labels: map[labelKey]string{}}
	for _, step := range []func(context.Context, *sql.Conn) error{p.readIndicators, p.readCodes, p.readIssues, p.readActions, p.readLabels} {
		if err := step(ctx, conn); err != nil {
			return nil, err
		}
	}
	if err := p.choosePlans(c.PlanYear); err != nil {
		return nil, err
	}
	allYears, err := p.readActuals(ctx, conn)
	if err != nil {
		return nil, err
	}
	if c.FiscalYear != 0 && !allYears[c.FiscalYear] {
		return nil, fmt.Errorf("%s: %w (ある年度: %s)", wareki.Label(c.FiscalYear), ErrNoActuals, yearList(allYears))
	}
	for ward := range p.plans {
		p.years[ward] = c.FiscalYear
		if c.FiscalYear == 0 {
			p.years[ward] = p.defaultYear(ward)
		}
	}
	return p, nil
}

// ErrNoPlan is returned when no ward has a plan of the chosen plan year.
var ErrNoPlan = errors.New("その年度の運営方針の指標がデータベースにありません")

// choosePlans sets the plan shown for each ward: year, or each ward's
// latest plan when 0. A ward without a plan of year shows none.
func (p *Data) choosePlans(year int) error {
	all := map[int]bool{}
	for _, in := range p.Indicators {
		all[in.PlanYear] = true
		if year == 0 {
			p.plans[in.Ward] = max(p.plans[in.Ward], in.PlanYear)
		} else if in.PlanYear == year {
			p.plans[in.Ward] = year
		}
	}
	if year != 0 && !all[year] {
		return fmt.Errorf("%s: %w (ある運営方針: %s)", wareki.Label(year), ErrNoPlan, yearList(all))
	}
	return nil
}

// defaultYear is the fiscal year shown for ward: the latest with an actual
// before the ward's next plan after the one shown (any, for the current
// plan); 0 when there is none.
func (p *Data) defaultYear(ward string) int {
	shown, next := p.plans[ward], 0
	for _, in := range p.Indicators {
		if in.Ward == ward && in.PlanYear > shown && (next == 0 || in.PlanYear < next) {
			next = in.PlanYear
		}
	}
	year := 0
	for k, waves := range p.bySeries {
		for _, a := range waves {
			if k.Ward == ward && (next == 0 || a.FiscalYear < next) {
				year = max(year, a.FiscalYear)
			}
		}
	}
	return year
}

// Shown reports whether in is a row of the plan shown for its ward: the
// tables list those rows only (the CSV keeps the others, without actuals).
func (p *Data) Shown(in model.Indicator) bool { return p.plans[in.Ward] == in.PlanYear }

// ShownIndicators are the rows of the plans shown, in database order.
func (p *Data) ShownIndicators() []model.Indicator {
	var out []model.Indicator
	for _, in := range p.Indicators {
		if p.Shown(in) {
			out = append(out, in)
		}
	}
	return out
}

// PlanOf is the plan year shown for ward, 0 when it has none.
func (p *Data) PlanOf(ward string) int { return p.plans[ward] }

// readActions reads the budget lines, when the database has them: one
// made by a version before plan_actions.csv has no such table.
func (p *Data) readActions(ctx context.Context, conn *sql.Conn) error {
	if cols, err := queries.TableColumns(ctx, conn, "plan_actions"); err != nil || len(cols) == 0 {
		return err
	}
	return queries.Each(ctx, conn, "export_plan_actions", nil, func(rows *sql.Rows) error {
		var a model.PlanAction
		if err := queries.ScanByName(rows, &a); err != nil {
			return err
		}
		k := IssueKey{Ward: a.Ward, PlanYear: a.PlanYear, IssueNo: a.IssueNo}
		p.Actions[k] = append(p.Actions[k], a)
		return nil
	})
}

func (p *Data) readIndicators(ctx context.Context, conn *sql.Conn) error {
	return queries.Each(ctx, conn, "export_indicators", nil, func(rows *sql.Rows) error {
		var in model.Indicator
		if err := queries.ScanByName(rows, &in); err != nil {
			return err
		}
		p.Indicators = append(p.Indicators, in)
		return nil
	})
}

// readCodes fills the positive and excluded codes of the indicators.
func (p *Data) readCodes(ctx context.Context, conn *sql.Conn) error {
	at := make(map[model.IndicatorKey]int, len(p.Indicators))
	for i, in := range p.Indicators {
		at[in.Key()] = i
	}
	return queries.Each(ctx, conn, "export_indicator_codes", nil, func(rows *sql.Rows) error {
		var k model.IndicatorKey
		var kind string
		var code int
		if err := rows.Scan(&k.Ward, &k.PlanYear, &k.IssueNo, &k.IndicatorNo, &kind, &code); err != nil {
			return err
		}
		i, ok := at[k]
		switch {
		case !ok:
		case kind == "positive":
			p.Indicators[i].PositiveCodes = append(p.Indicators[i].PositiveCodes, code)
		case kind == "excluded":
			p.Indicators[i].ExcludedCodes = append(p.Indicators[i].ExcludedCodes, code)
		}
		return nil
	})
}

func (p *Data) readIssues(ctx context.Context, conn *sql.Conn) error {
	return queries.Each(ctx, conn, "export_plan_issues", nil, func(rows *sql.Rows) error {
		var k IssueKey
		var title string
		if err := rows.Scan(&k.Ward, &k.PlanYear, &k.IssueNo, &title); err != nil {
			return err
		}
		p.Issues[k] = title
		return nil
	})
}

func (p *Data) readLabels(ctx context.Context, conn *sql.Conn) error {
	return queries.Each(ctx, conn, "export_choice_labels", nil, func(rows *sql.Rows) error {
		var k labelKey
		var label string
		if err := rows.Scan(&k.survey, &k.key, &k.code, &label); err != nil {
			return err
		}
		p.labels[k] = label
		return nil
	})
}

// readActuals reads the actuals, by series, and returns every fiscal
// year found.
func (p *Data) readActuals(ctx context.Context, conn *sql.Conn) (map[int]bool, error) {
	allYears := map[int]bool{}
	err := queries.Each(ctx, conn, "export_actuals", nil, func(rows *sql.Rows) error {
		var a compute.Actual
		if err := queries.ScanByName(rows, &a); err != nil {
			return err
		}
		k := series.Key{Ward: a.Ward, Name: a.Series}
		p.bySeries[k] = append(p.bySeries[k], a)
		allYears[a.FiscalYear] = true
		return nil
	})
	return allYears, err
}

// wavesOf are the actuals of in's series, oldest first.
func (p *Data) wavesOf(in model.Indicator) []compute.Actual {
	return p.bySeries[series.Key{Ward: in.Ward, Name: in.Series}]
}

// YearOf is the fiscal year shown for ward, 0 when the ward has no Actual.
func (p *Data) YearOf(ward string) int { return p.years[ward] }

// ActualOf returns the Actual of in's series in the fiscal year shown for
// its ward; nil when it was not measured that year, or in is not a row of
// the plan shown. Two waves of the same population in one fiscal year
// cannot both be written into one cell: that is an error.
func (p *Data) ActualOf(in model.Indicator) (*compute.Actual, error) {
	if !p.Shown(in) {
		return nil, nil
	}
	year := p.years[in.Ward]
	waves := p.wavesOf(in)
	var found *compute.Actual
	for i, a := range waves {
		if a.FiscalYear != year {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("%s %s 経営課題%d 指標%d: %s に同じ対象の調査が 2 つあり (%s, %s)、表の 1 つの欄に書けません。actuals.csv か parquet を使ってください",
				in.Ward, wareki.Label(in.PlanYear), in.IssueNo, in.IndicatorNo, wareki.Label(year), found.SurveyID, a.SurveyID)
		}
		found = &waves[i]
	}
	return found, nil
}

func yearList(years map[int]bool) string {
	list := make([]int, 0, len(years))
	for y := range years {
		list = append(list, y)
	}
	sort.Ints(list)
	labels := make([]string, len(list))
	for i, y := range list {
		labels[i] = wareki.Label(y)
	}
	if len(labels) == 0 {
		return "なし"
	}
	return strings.Join(labels, ", ")
}
