package pipeline

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/load"
)

// TestAuditWavesAreThoseThatChanged: the audit before the swap checks the
// published tables of every wave on a full reload or when a definition
// file changed, and otherwise only those of the waves loaded again.
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
		got := auditWaves(&plan{dataset: ds, changed: c.changed, changes: c.changes})
		if (got == nil) != (c.want == nil) || !slices.Equal(slices.Sorted(maps.Keys(got)), c.want) {
			t.Errorf("%s: audit waves %v; want %v (nil: every wave)", c.name, got, c.want)
		}
	}
}
