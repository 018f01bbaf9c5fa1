package stage

import (
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/audit"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
)

// TestAuditPartHoldsEveryTable: the audit of the changed waves alone
// gives the auditor each table it reads (audit.Tables: actuals.csv with
// its flow, breakdowns.csv, and frequencies.csv, whose 単純集計 rows are
// linked to the flow), with the rows of those waves and no others.
func TestAuditPartHoldsEveryTable(t *testing.T) {
	sp := Spec{
		Actuals:     []compute.Actual{{SurveyID: "w-changed"}, {SurveyID: "w-same"}},
		Breakdowns:  []compute.Breakdown{{SurveyID: "w-changed"}, {SurveyID: "w-same"}},
		Frequencies: []frequencies.Frequency{{SurveyID: "w-changed"}, {SurveyID: "w-same"}},
		Audit:       map[string]bool{"w-changed": true},
	}
	tables, err := part(sp)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != len(audit.Tables) {
		t.Errorf("the audit of changed waves writes %d tables; the auditor reads %v", len(tables), audit.Tables)
	}
	for _, name := range audit.Tables {
		text := string(tables[name])
		if !strings.Contains(text, "w-changed") || strings.Contains(text, "w-same") {
			t.Errorf("%s for the audit of w-changed:\n%s\nwant its rows and none of w-same", name, text)
		}
	}
}
