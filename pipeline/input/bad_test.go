package input_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/inputtest"
)

// TestBadCases validates every folder of pipeline/testdata/bad, without a
// database: each must give exactly the problems and warnings of its
// want.txt, in order, as FILE:LINE: message (docs/validation.md lists them
// for staff).
func TestBadCases(t *testing.T) {
	cases := inputtest.Cases(t)
	if len(cases) == 0 {
		t.Fatal("no case in testdata/bad")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			dir := inputtest.Overlay(t, c.Name)
			warnings, err := input.Validate(context.Background(), dir)
			inputtest.CheckProblems(t, dir, err, c.Problems)
			inputtest.CheckWarnings(t, dir, warnings, c.Warnings)
		})
	}
}

// TestEveryStageHasACase: the short refresh-level test runs one case per
// stage; every stage must have one.
func TestEveryStageHasACase(t *testing.T) {
	got := map[string]bool{}
	for _, c := range inputtest.Cases(t) {
		got[c.Stage] = true
	}
	for _, s := range inputtest.Stages {
		if !got[s] {
			t.Errorf("no case of stage %s in testdata/bad", s)
		}
	}
}

// TestValidationDocNamesEveryCase: docs/validation.md, the staff's list of
// every check, names each folder of testdata/bad by its key (`key`), so
// that a new check is never without its line for staff.
func TestValidationDocNamesEveryCase(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "validation.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range inputtest.Cases(t) {
		if !strings.Contains(string(doc), "`"+c.Name+"`") {
			t.Errorf("docs/validation.md does not name the case %s", c.Name)
		}
	}
}
