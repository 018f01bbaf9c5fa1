package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/load"
)

// TestAuditWavesAreThoseThatChanged: the audit before the swap checks the
// published tables of every wave on a full reload or when a definition
// file changed, and otherwise only those of the waves loaded again
// (plan.changedWaves).
func TestAuditWavesAreThoseThatChanged(t *testing.T) {
	ds, err := input.Read(context.Background(), small)
	if err != nil {
		t.Fatal(err)
	}
	wave := func(id string) model.Survey {
		i := slices.IndexFunc(ds.Surveys, func(s model.Survey) bool { return s.ID == id })
		if i < 0 {
			t.Fatalf("no survey %s", id)
		}
		return ds.Surveys[i]
	}
	for _, c := range []struct {
		name    string
		changed []string
		changes load.Changes
		want    []string // nil: every wave
	}{
		{"full", []string{"responses/w2020.csv"}, load.Changes{Full: true, Reload: ds.Surveys}, nil},
		{"one wave", []string{"responses/w2020.csv"}, load.Changes{Reload: []model.Survey{wave("w2020")}}, []string{"w2020"}},
		{"definition", []string{"indicators.csv"}, load.Changes{}, nil},
		{"wave and definition", []string{"questions.csv", "responses/w2020.csv"}, load.Changes{Reload: []model.Survey{wave("w2020")}}, nil},
		{"nothing", nil, load.Changes{}, []string{}},
	} {
		got := (&plan{dataset: ds, changed: c.changed, changes: c.changes}).changedWaves()
		if (got == nil) != (c.want == nil) || !slices.Equal(slices.Sorted(maps.Keys(got)), c.want) {
			t.Errorf("%s: audit waves %v; want %v (nil: every wave)", c.name, got, c.want)
		}
	}
}

// TestRefreshOfWavesStoresWhatAFullRefreshDoes: a refresh that replaces
// the stored breakdowns of the changed wave only leaves the actuals and
// breakdowns tables as a full refresh of the same data makes them.
func TestRefreshOfWavesStoresWhatAFullRefreshDoes(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	if res := mustRefresh(t, opts); res.FullReload || len(res.ReloadedWaves) != 1 {
		t.Fatalf("refresh: %+v; want one wave reloaded", res)
	}
	ref := reference(t, opts)
	for _, table := range []string{"actuals", "breakdowns"} {
		got, want := tableText(t, opts.DB, table), tableText(t, ref.DB, table)
		if got != want || !strings.Contains(want, "w2020") {
			t.Errorf("%s after the refreshes of one wave:\n%s\nwant, as a full refresh stores it:\n%s", table, got, want)
		}
	}
}

// tableText is every row of table, in order of all its columns, as text.
func tableText(t *testing.T, db, table string) string {
	t.Helper()
	conn := openReadOnly(t, db)
	defer conn.Close()
	return rowsText(t, conn, table)
}

// rowsText is tableText on an open database: every row of rows (a table,
// or a parenthesized query), in order of all its columns, as text.
func rowsText(t *testing.T, db *sql.DB, rows string) string {
	t.Helper()
	var b strings.Builder
	queryDB(t, db, "SELECT * FROM "+rows+" ORDER BY ALL", func(rows *sql.Rows) error {
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			return err
		}
		fmt.Fprintln(&b, v...)
		return nil
	})
	return b.String()
}
