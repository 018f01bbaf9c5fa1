// Package load writes a checked data directory into DuckDB and reads the
// microdata back: the definition tables, replaced whole by every refresh
// (Definitions); the waves, one row per respondent with the answers as an
// INTEGER[] list beside a per-wave key list, appended and deleted one wave
// at a time (AppendWave, DeleteWave, ReadWave); and the sums of each
// domain in each wave (package tally), kept so that an unchanged wave is
// never read again (AppendCells, ReadCells). Nothing here begins or
// commits a transaction: the caller runs it all in one.
package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"math"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/queries"
)

// Stats counts what a refresh loaded.
type Stats struct {
	Waves       int // waves whose rows were (re)loaded
	Respondents int
	Answers     int // non-blank answers
	// Recounted are the kept waves read back from the database to count
	// the domains of new or changed indicators in them.
	Recounted int
}

// Changes says which waves' microdata a refresh rewrites.
type Changes struct {
	// Full recreates the microdata tables; Reload must then hold every wave.
	Full bool
	// Reload are the waves whose rows are replaced (or added): their
	// response files are read as they are loaded.
	Reload []model.Survey
	// Remove are survey ids no longer in surveys.csv, whose rows are deleted.
	Remove []string
	// Definitions is set when the definition files may differ from those
	// the stored definition tables were written from (always on Full):
	// they are then replaced, and kept as they are otherwise.
	Definitions bool
}

// CreateMicrodata creates the microdata and sums tables anew, empty: a
// full reload starts from them.
func CreateMicrodata(ctx context.Context, conn *sql.Conn) error {
	return queries.Exec(ctx, conn, "create_microdata")
}

// Definitions replaces the surveys table with ds's surveys and the rows
// each has (respondents, by survey id) and, when all is set, the other
// definition tables with ds. Kept, they are those of the last load, from
// the same definition files: rewriting them cost a tenth of a one-wave
// refresh at city scale, most of it in the checkpoint (BENCHMARKS.md).
func Definitions(ctx context.Context, conn *sql.Conn, ds *model.Dataset, respondents map[string]int, all bool) error {
	if err := queries.Exec(ctx, conn, "create_surveys"); err != nil {
		return err
	}
	surveys := make([]surveyRow, len(ds.Surveys))
	for i, s := range ds.Surveys {
		surveys[i] = surveyRow{Survey: s, Respondents: respondents[s.ID], Weighted: ds.Weighted(s.ID)}
		if s.Mailed > 0 {
			surveys[i].Mailed = sql.NullInt64{Int64: int64(s.Mailed), Valid: true}
		}
	}
	if err := queries.InsertArrow(ctx, conn, "surveys", surveys, nil); err != nil || !all {
		return err
	}
	if err := queries.Exec(ctx, conn, "schema"); err != nil {
		return err
	}
	defs, codes, filters := indicatorRows(ds)
	return firstError(
		func() error { return queries.InsertArrow(ctx, conn, "questions", ds.Questions, nil) },
		func() error { return queries.InsertArrow(ctx, conn, "choices", ds.Choices, nil) },
		func() error { return queries.InsertArrow(ctx, conn, "indicators", defs, indicatorDecimals) },
		func() error { return queries.InsertArrow(ctx, conn, "indicator_codes", codes, nil) },
		func() error { return queries.InsertArrow(ctx, conn, "indicator_filters", filters, nil) },
		func() error { return queries.InsertArrow(ctx, conn, "plans", ds.Plans, nil) },
		func() error { return queries.InsertArrow(ctx, conn, "plan_issues", ds.PlanIssues, nil) },
		func() error { return queries.InsertArrow(ctx, conn, "plan_actions", ds.PlanActions, nil) },
	)
}

func firstError(steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// surveyRow is a row of the surveys table: a row of surveys.csv with what
// the load adds. The `db` tags are the table's columns in order (see
// model.Survey).
type surveyRow struct {
	model.Survey
	Mailed      sql.NullInt64 `db:"mailed"` // NULL when unknown
	Respondents int           `db:"respondents"`
	Weighted    bool          `db:"weighted"`
}

// Rows of the tables of an indicator's definition, with the indicator's
// number; the `db` tags are their columns in order (see model.Indicator).
type (
	indicatorRow struct {
		ID int `db:"indicator_id"`
		model.Indicator
	}
	indicatorCode struct {
		ID   int    `db:"indicator_id"`
		Kind string `db:"kind"` // positive or excluded
		Code int    `db:"code"`
	}
	indicatorFilter struct {
		ID       int    `db:"indicator_id"`
		ClauseNo int    `db:"clause_no"`
		Key      string `db:"key"`
		Code     int    `db:"code"`
	}
)

// indicatorRows numbers the indicators in file order from 1.
func indicatorRows(ds *model.Dataset) ([]indicatorRow, []indicatorCode, []indicatorFilter) {
	var defs []indicatorRow
	var codes []indicatorCode
	var filters []indicatorFilter
	for i, in := range ds.Indicators {
		id := i + 1
		defs = append(defs, indicatorRow{ID: id, Indicator: in})
		for _, c := range in.PositiveCodes {
			codes = append(codes, indicatorCode{ID: id, Kind: "positive", Code: c})
		}
		for _, c := range in.ExcludedCodes {
			codes = append(codes, indicatorCode{ID: id, Kind: "excluded", Code: c})
		}
		for n, cl := range in.Filter {
			for _, c := range cl.Codes {
				filters = append(filters, indicatorFilter{ID: id, ClauseNo: n + 1, Key: cl.Key, Code: c})
			}
		}
	}
	return defs, codes, filters
}

// indicatorDecimals are the DECIMAL columns of indicators: a target has
// at most three decimals.
var indicatorDecimals = map[string]queries.Decimal{
	"target_percent": {Precision: 7, Scale: 3, Of: func(v float64) int64 { return int64(math.Round(v * 1000)) }},
}

func appendTable[T any](c driver.Conn, table string, rows []T) error {
	return queries.AppendAll(c, table, rows, nil)
}
