package plandraft

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/plandoc"
)

// TestWriteCSV: the drafts are written as Excel saves "CSV UTF-8" (a BOM,
// CRLF), and a title from the plan that a spreadsheet would run as a
// formula is written as text.
func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, [][]string{{"ward", "title"}, {"鶴見区", "=HYPERLINK(\"x\")"}}); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffward,title\r\n鶴見区,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
	if b.String() != want {
		t.Errorf("WriteCSV wrote %q; want %q", b.String(), want)
	}
}

// TestWriteFilesKeepsStaffFiles: a plan file already in the folder is
// kept, and nothing written, unless force; with force all three are
// written.
func TestWriteFilesKeepsStaffFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	staff := filepath.Join(dir, model.PlanIssuesFile)
	if err := os.WriteFile(staff, []byte("staff's own\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plans := []plandoc.Plan{{Ward: "鶴見区", PlanYear: 2023, Goal: "だれもが住みやすいまち",
		Issues: []plandoc.Issue{{No: 1, Title: "安心して暮らせるまち"}}}}
	err := WriteFiles(ctx, dir, false, plans)
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("WriteFiles over %s: %v; want a refusal that names --force", staff, err)
	}
	for _, name := range []string{model.PlansFile, model.PlanActionsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written though the folder was refused", name)
		}
	}
	if b, _ := os.ReadFile(staff); string(b) != "staff's own\n" {
		t.Errorf("%s changed to %q", staff, b)
	}
	if err := WriteFiles(ctx, dir, true, plans); err != nil {
		t.Fatalf("WriteFiles with force: %v", err)
	}
	b, err := os.ReadFile(staff)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "\ufeffward,plan_year,issue_no,title\r\n鶴見区,令和5年度,1,安心して暮らせるまち\r\n"; got != want {
		t.Errorf("%s with force: %q; want %q", model.PlanIssuesFile, got, want)
	}
}
