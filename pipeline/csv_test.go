package pipeline

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

// readTable reads a published CSV file as its rows, each by the header's
// names (a BOM before the first one dropped).
func readTable(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[strings.TrimPrefix(h, "\uFEFF")] = r[i]
		}
		out = append(out, row)
	}
	return out
}
