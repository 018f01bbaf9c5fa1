package load

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/queries"
)

// TestTableColumns: every table the load writes has the columns, in the
// order, that the `db` tags of its Go row name (or, for the respondents
// and the cells, that insert_respondents and appendTallies give): the INSERTs name their columns from the tags,
// and the Appender takes values in column order. A column added to a
// CREATE and not to its struct, or the reverse, fails here.
func TestTableColumns(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	for _, q := range []string{"schema", "create_surveys", "create_microdata"} {
		if err := queries.Exec(ctx, db, q); err != nil {
			t.Fatal(err)
		}
	}
	for table, want := range map[string][]string{
		"surveys":           queries.Columns[surveyRow](),
		"questions":         queries.Columns[model.Question](),
		"choices":           queries.Columns[model.Choice](),
		"indicators":        queries.Columns[indicatorRow](),
		"indicator_codes":   queries.Columns[indicatorCode](),
		"indicator_filters": queries.Columns[indicatorFilter](),
		"plans":             queries.Columns[model.Plan](),
		"plan_issues":       queries.Columns[model.PlanIssue](),
		"plan_actions":      queries.Columns[model.PlanAction](),
		"respondents":       respondentColumns,
		"waves":             queries.Columns[StoredWave](),
		"wave_keys":         queries.Columns[waveKey](),
		"domains":           queries.Columns[domainRow](),
		"cells":             cellColumns,
		"flows":             queries.Columns[flowRow](),
	} {
		got, err := queries.TableColumns(ctx, db, table)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("table %s has columns\n%v\nbut its Go row lists\n%v", table, got, want)
		}
	}
}
