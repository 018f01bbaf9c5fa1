// Package load writes a checked data directory into DuckDB.
package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"math/big"

	"github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/queries"
)

// Stats counts what Load or Update wrote.
type Stats struct {
	Waves       int // waves whose rows were (re)loaded
	Respondents int
	Answers     int
}

// Changes says which waves' microdata Update rewrites.
type Changes struct {
	// Full recreates the microdata tables; Reload must then hold every wave.
	Full bool
	// Reload are the waves whose rows are replaced (or added).
	Reload []*model.Wave
	// Remove are survey ids no longer in surveys.csv, whose rows are deleted.
	Remove []string
}

// Load replaces every input table of the database reached through conn with
// ds and waves. It does not begin or commit a transaction: the caller runs it
// inside one, so that a failure leaves the previous tables as they were.
func Load(ctx context.Context, conn *sql.Conn, ds *model.Dataset, waves []*model.Wave) (Stats, error) {
	return Update(ctx, conn, ds, Changes{Full: true, Reload: waves})
}

// Update replaces the definition tables with ds and, of the microdata, only
// the rows of the waves named by ch; the rows of every other wave of ds
// must already be in the database and are kept. Like Load it runs inside the
// caller's transaction.
func Update(ctx context.Context, conn *sql.Conn, ds *model.Dataset, ch Changes) (Stats, error) {
	if err := queries.Exec(ctx, conn, "schema"); err != nil {
		return Stats{}, err
	}
	if err := dropRows(ctx, conn, ch); err != nil {
		return Stats{}, err
	}
	st, err := appendWaves(ctx, conn, ch.Reload)
	if err != nil {
		return Stats{}, err
	}
	steps := []func(context.Context, *sql.Conn, *model.Dataset) error{
		insertSurveys, insertQuestions, insertChoices, insertIndicators, insertPlans,
	}
	for _, step := range steps {
		if err := step(ctx, conn, ds); err != nil {
			return Stats{}, err
		}
	}
	return st, nil
}

// dropRows makes room for the waves of ch: new tables for a full load, else
// the rows of each reloaded or removed wave deleted.
func dropRows(ctx context.Context, conn *sql.Conn, ch Changes) error {
	if ch.Full {
		return queries.Exec(ctx, conn, "create_microdata")
	}
	ids := append([]string(nil), ch.Remove...)
	for _, w := range ch.Reload {
		ids = append(ids, w.Survey.ID)
	}
	for _, id := range ids {
		if err := queries.Exec(ctx, conn, "delete_wave_answers", id); err != nil {
			return err
		}
		if err := queries.Exec(ctx, conn, "delete_wave_respondents", id); err != nil {
			return err
		}
	}
	return nil
}

// insertSurveys writes surveys.csv with each wave's respondent count, read
// back from the microdata: a kept wave is not read again.
func insertSurveys(ctx context.Context, conn *sql.Conn, ds *model.Dataset) error {
	counts, err := respondentCounts(ctx, conn)
	if err != nil {
		return err
	}
	rows := make([]surveyRow, len(ds.Surveys))
	for i, s := range ds.Surveys {
		rows[i] = surveyRow{Survey: s, Respondents: counts[s.ID], Weighted: weighted(ds, s.ID)}
		if s.Mailed > 0 {
			rows[i].Mailed = sql.NullInt64{Int64: int64(s.Mailed), Valid: true}
		}
	}
	return queries.InsertAll(ctx, conn, "surveys", rows)
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

func respondentCounts(ctx context.Context, conn *sql.Conn) (map[string]int, error) {
	q, err := queries.Text("count_respondents")
	if err != nil {
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("count respondents: %w", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count respondents: %w", err)
		}
		counts[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count respondents: %w", err)
	}
	return counts, nil
}

// weighted is whether the wave has a weight column (model.Wave.Weights).
func weighted(ds *model.Dataset, surveyID string) bool {
	for _, q := range ds.QuestionsOf(surveyID) {
		if q.Role == model.RoleWeight {
			return true
		}
	}
	return false
}

func insertQuestions(ctx context.Context, conn *sql.Conn, ds *model.Dataset) error {
	return appendTable(conn, "questions", ds.Questions)
}

func insertChoices(ctx context.Context, conn *sql.Conn, ds *model.Dataset) error {
	return appendTable(conn, "choices", ds.Choices)
}

// appendTable appends rows to one of our own tables (a constant name, never
// input) with the Appender, each row's columns in the order of its `db`
// tags (queries.Values): one-row INSERTs cost about 0.4 ms each, which a
// city-sized set of questions and choices turns into a second.
func appendTable[T any](conn *sql.Conn, table string, rows []T) error {
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		app, err := duckdb.NewAppenderFromConn(c, "", table)
		if err != nil {
			return err
		}
		for i := range rows {
			if err := app.AppendRow(appenderValues(queries.Values(&rows[i]))...); err != nil {
				app.Close()
				return err
			}
		}
		return app.Close()
	})
	if err != nil {
		return fmt.Errorf("append %s: %w", table, err)
	}
	return nil
}

// appenderValues are column values as the Appender takes them: it wants
// the Go type of each column exactly, and every integer column of the
// tables appended this way is an INTEGER (int32).
func appenderValues(r []any) []driver.Value {
	out := make([]driver.Value, len(r))
	for i, v := range r {
		if n, ok := v.(int64); ok {
			v = int32(n)
		}
		out[i] = v
	}
	return out
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

// insertIndicators numbers the indicators in file order from 1.
func insertIndicators(ctx context.Context, conn *sql.Conn, ds *model.Dataset) error {
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
	if err := queries.InsertAll(ctx, conn, "indicators", defs); err != nil {
		return err
	}
	if err := queries.InsertAll(ctx, conn, "indicator_codes", codes); err != nil {
		return err
	}
	return queries.InsertAll(ctx, conn, "indicator_filters", filters)
}

func insertPlans(ctx context.Context, conn *sql.Conn, ds *model.Dataset) error {
	if err := queries.InsertAll(ctx, conn, "plans", ds.Plans); err != nil {
		return err
	}
	if err := queries.InsertAll(ctx, conn, "plan_issues", ds.PlanIssues); err != nil {
		return err
	}
	return queries.InsertAll(ctx, conn, "plan_actions", ds.PlanActions)
}

// appendWaves writes the microdata with DuckDB's Appender, the fastest of
// the ingest paths measured in BenchmarkIngest.
func appendWaves(ctx context.Context, conn *sql.Conn, waves []*model.Wave) (Stats, error) {
	st := Stats{Waves: len(waves)}
	if len(waves) == 0 {
		return st, nil
	}
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("append waves: unexpected driver connection %T", dc)
		}
		for _, w := range waves {
			if err := ctx.Err(); err != nil {
				return err
			}
			n, err := appendWave(c, w)
			if err != nil {
				return fmt.Errorf("append wave %s: %w", w.Survey.ID, err)
			}
			st.Respondents += len(w.Rows)
			st.Answers += n
		}
		return nil
	})
	return st, err
}

func appendWave(c driver.Conn, w *model.Wave) (int, error) {
	resp, err := duckdb.NewAppenderFromConn(c, "", "respondents")
	if err != nil {
		return 0, err
	}
	ans, err := duckdb.NewAppenderFromConn(c, "", "answers")
	if err != nil {
		resp.Close()
		return 0, err
	}
	n, err := appendRows(resp, ans, w)
	if cerr := resp.Close(); err == nil {
		err = cerr
	}
	if cerr := ans.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// The columns of the microdata tables (queries/create_microdata.sql), in
// the order appendRows gives their values: the rows are millions, and are
// appended without reflection (TestTableColumns compares the lists).
var (
	respondentColumns = []string{"survey_id", "respondent_no", "weight", "weight_units"}
	answerColumns     = []string{"survey_id", "respondent_no", "key", "code"}
)

// appendRows appends the respondents and answers of w. Each weight goes in
// twice: as the DOUBLE the standard errors use and exactly, as an integer
// in units of 10^−WeightScale (create_microdata.sql).
func appendRows(resp, ans *duckdb.Appender, w *model.Wave) (int, error) {
	n := 0
	if len(w.Rows) > math.MaxInt32 { // respondent_no is an INTEGER; ParseWeight's bounds assume it
		return 0, fmt.Errorf("append wave %s: %d rows, more than %d", w.Survey.ID, len(w.Rows), math.MaxInt32)
	}
	scale := w.WeightScale()
	units := new(big.Int) // the Appender copies the value: one will do
	for i, r := range w.Rows {
		no := int32(i + 1)
		if _, ok := r.Exact.Units(units, scale); !ok {
			return n, fmt.Errorf("weight of row %d: %d places beyond the wave's scale %d", i+1, r.Exact.Places, scale)
		}
		if err := resp.AppendRow(w.Survey.ID, no, r.Weight, units); err != nil {
			return n, err
		}
		for k, code := range r.Answers {
			if code == model.Blank || code == model.NotApplicable {
				continue // no answers row: out of every domain
			}
			if err := ans.AppendRow(w.Survey.ID, no, w.Keys[k], code); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
