// Package plan reads, from the database of a refresh, what the plan tables
// of the exports show (the CSV that writes back into indicators.csv and the
// XLSX 様式): the indicators as loaded, the titles of the 経営課題 and the
// published actuals, with the fiscal year shown for each ward.
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
	byKey      map[model.IndicatorKey][]compute.Actual // sorted by fiscal year
	years      map[string]int                          // the fiscal year shown, by ward
	labels     map[labelKey]string                     // choices.csv as loaded
}

type labelKey struct {
	survey, key string
	code        int
}

// ErrNoActuals is returned when the chosen fiscal year has no actual.
var ErrNoActuals = errors.New("その年度の実績がデータベースにありません")

// Read reads the indicators, 経営課題 titles, actuals and answer labels,
// and picks the fiscal year to show for each ward: fiscalYear, or when 0
// the ward's latest fiscal year with an Actual.
func Read(ctx context.Context, conn *sql.Conn, fiscalYear int) (*Data, error) {
	p := &Data{Issues: map[IssueKey]string{}, Actions: map[IssueKey][]model.PlanAction{},
		byKey: map[model.IndicatorKey][]compute.Actual{},
		years: map[string]int{}, labels: map[labelKey]string{}}
	for _, step := range []func(context.Context, *sql.Conn) error{p.readIndicators, p.readCodes, p.readIssues, p.readActions, p.readLabels} {
		if err := step(ctx, conn); err != nil {
			return nil, err
		}
	}
	allYears, err := p.readActuals(ctx, conn, fiscalYear)
	if err != nil {
		return nil, err
	}
	if fiscalYear != 0 {
		if !allYears[fiscalYear] {
			return nil, fmt.Errorf("%s: %w (ある年度: %s)", wareki.Label(fiscalYear), ErrNoActuals, yearList(allYears))
		}
		for _, in := range p.Indicators {
			p.years[in.Ward] = fiscalYear
		}
	}
	return p, nil
}

// readActions reads the budget lines, when the database has them: one
// made by a version before plan_actions.csv has no such table.
func (p *Data) readActions(ctx context.Context, conn *sql.Conn) error {
	if cols, err := queries.TableColumns(ctx, conn, "plan_actions"); err != nil || len(cols) == 0 {
		return err
	}
	return Query(ctx, conn, "export_plan_actions", nil, func(rows *sql.Rows) error {
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
	return Query(ctx, conn, "export_indicators", nil, func(rows *sql.Rows) error {
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
	return Query(ctx, conn, "export_indicator_codes", nil, func(rows *sql.Rows) error {
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
	return Query(ctx, conn, "export_plan_issues", nil, func(rows *sql.Rows) error {
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
	return Query(ctx, conn, "export_choice_labels", nil, func(rows *sql.Rows) error {
		var k labelKey
		var label string
		if err := rows.Scan(&k.survey, &k.key, &k.code, &label); err != nil {
			return err
		}
		p.labels[k] = label
		return nil
	})
}

// readActuals reads the actuals and, when fiscalYear is 0, picks each
// ward's latest fiscal year; it returns every fiscal year found.
func (p *Data) readActuals(ctx context.Context, conn *sql.Conn, fiscalYear int) (map[int]bool, error) {
	allYears := map[int]bool{}
	err := Query(ctx, conn, "export_actuals", nil, func(rows *sql.Rows) error {
		var a compute.Actual
		if err := queries.ScanByName(rows, &a); err != nil {
			return err
		}
		p.byKey[a.Key()] = append(p.byKey[a.Key()], a)
		allYears[a.FiscalYear] = true
		if fiscalYear == 0 && a.FiscalYear > p.years[a.Ward] {
			p.years[a.Ward] = a.FiscalYear
		}
		return nil
	})
	return allYears, err
}

// YearOf is the fiscal year shown for ward, 0 when the ward has no Actual.
func (p *Data) YearOf(ward string) int { return p.years[ward] }

// ActualOf returns the Actual of indicator k in the fiscal year shown for
// its ward; nil when the indicator was not measured that year. Two waves of
// the same population in one fiscal year cannot both be written into one
// cell: that is an error.
func (p *Data) ActualOf(k model.IndicatorKey) (*compute.Actual, error) {
	year := p.years[k.Ward]
	var found *compute.Actual
	for i, a := range p.byKey[k] {
		if a.FiscalYear != year {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("%s %s 経営課題%d 指標%d: %s に同じ対象の調査が 2 つあり (%s, %s)、表の 1 つの欄に書けません。actuals.csv か parquet を使ってください",
				k.Ward, wareki.Label(k.PlanYear), k.IssueNo, k.IndicatorNo, wareki.Label(year), found.SurveyID, a.SurveyID)
		}
		found = &p.byKey[k][i]
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

// Query runs the named query with args and calls scan for each row.
func Query(ctx context.Context, conn *sql.Conn, name string, args []any, scan func(*sql.Rows) error) error {
	q, err := queries.Text(name)
	if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("query %s: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("scan %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}
