package responses

import (
	"strings"
	"testing"
)

// TestMissingWithBackslashes: a Windows path in surveys.csv's file column
// is told with the slash path to write instead.
func TestMissingWithBackslashes(t *testing.T) {
	got := Missing(`responses\w2020.csv`)
	if !strings.Contains(got, "「/」で書いてください (responses/w2020.csv)") {
		t.Errorf("Missing = %q; want the slash path to write", got)
	}
	if got := Missing("responses/w2099.csv"); strings.Contains(got, "区切り") {
		t.Errorf("Missing = %q; want no word on separators for a slash path", got)
	}
}
