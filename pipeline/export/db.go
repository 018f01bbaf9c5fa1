package export

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	_ "github.com/marcboeker/go-duckdb" // registers the "duckdb" driver

	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/queries"
)

// openReadOnly opens the database file at path read-only, and one
// connection to it, so that an export can run beside other readers. DuckDB
// refuses while a refresh holds the file for writing.
func openReadOnly(ctx context.Context, path string) (*sql.DB, *sql.Conn, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	} else if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("%w: --db %s はフォルダです", ErrOptions, path)
	}
	// The DSN is parsed as a URL: characters that would end the path
	// would silently drop the read-only option.
	if strings.ContainsAny(path, "?#%") {
		return nil, nil, fmt.Errorf("%w: --db のパスに ? # %% は使えません: %s", ErrOptions, path)
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		return nil, nil, fmt.Errorf("データベース %s を読み取り専用で開けません (shihyo refresh の実行中なら、終わってから実行してください): %w", path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("データベース %s を読み取り専用で開けません (shihyo refresh の実行中なら、終わってから実行してください): %w", path, err)
	}
	return db, conn, nil
}

// indicatorKey identifies an indicator as indicators.csv does.
type indicatorKey struct {
	Ward        string
	PlanYear    int
	IssueNo     int
	IndicatorNo int
}

// actual is what the plan tables show of one indicator in one wave.
type actual struct {
	indicatorKey
	FiscalYear int
	SurveyID   string
	NValid     int
	Percent    float64 // published, one decimal
	Previous   sql.NullFloat64
	CILow      sql.NullFloat64
	CIHigh     sql.NullFloat64
	Trajectory string
	Status     string
}

// indicator is a row of the database's indicators table.
type indicator struct {
	indicatorKey
	Title         string
	Population    string
	QuestionKey   string
	FilterText    string
	TargetPercent float64
	TargetOp      string
	TargetYear    int
	SourceText    string
}

// issueKey identifies a 経営課題.
type issueKey struct {
	Ward     string
	PlanYear int
	IssueNo  int
}

// planData is everything the CSV and XLSX formats read from the database.
type planData struct {
	Indicators []indicator
	Issues     map[issueKey]string
	byKey      map[indicatorKey][]actual // sorted by fiscal year
	years      map[string]int            // the fiscal year shown, by ward
}

// readPlanData reads the indicators, 経営課題 titles and actuals, and picks
// the fiscal year to show for each ward: fiscalYear, or when 0 the ward's
// latest fiscal year with an actual.
func readPlanData(ctx context.Context, conn *sql.Conn, fiscalYear int) (*planData, error) {
	p := &planData{Issues: map[issueKey]string{}, byKey: map[indicatorKey][]actual{}, years: map[string]int{}}
	err := query(ctx, conn, "export_indicators", nil, func(rows *sql.Rows) error {
		var in indicator
		if err := rows.Scan(&in.Ward, &in.PlanYear, &in.IssueNo, &in.IndicatorNo, &in.Title, &in.Population,
			&in.QuestionKey, &in.FilterText, &in.TargetPercent, &in.TargetOp, &in.TargetYear, &in.SourceText); err != nil {
			return err
		}
		p.Indicators = append(p.Indicators, in)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = query(ctx, conn, "export_plan_issues", nil, func(rows *sql.Rows) error {
		var k issueKey
		var title string
		if err := rows.Scan(&k.Ward, &k.PlanYear, &k.IssueNo, &title); err != nil {
			return err
		}
		p.Issues[k] = title
		return nil
	})
	if err != nil {
		return nil, err
	}
	allYears := map[int]bool{}
	err = query(ctx, conn, "export_actuals", nil, func(rows *sql.Rows) error {
		var a actual
		if err := rows.Scan(&a.Ward, &a.PlanYear, &a.IssueNo, &a.IndicatorNo, &a.FiscalYear, &a.SurveyID,
			&a.NValid, &a.Percent, &a.Previous, &a.CILow, &a.CIHigh, &a.Trajectory, &a.Status); err != nil {
			return err
		}
		p.byKey[a.indicatorKey] = append(p.byKey[a.indicatorKey], a)
		allYears[a.FiscalYear] = true
		if fiscalYear == 0 && a.FiscalYear > p.years[a.Ward] {
			p.years[a.Ward] = a.FiscalYear
		}
		return nil
	})
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

// yearOf is the fiscal year shown for ward, 0 when the ward has no actual.
func (p *planData) yearOf(ward string) int { return p.years[ward] }

// actualOf returns the actual of indicator k in the fiscal year shown for
// its ward; nil when the indicator was not measured that year. Two waves of
// the same population in one fiscal year cannot both be written into one
// cell: that is an error.
func (p *planData) actualOf(k indicatorKey) (*actual, error) {
	year := p.years[k.Ward]
	var found *actual
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

// query runs the named query with args and calls scan for each row.
func query(ctx context.Context, conn *sql.Conn, name string, args []any, scan func(*sql.Rows) error) error {
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
