package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
)

// TestRefreshKeepsDefinitions: a refresh whose definition files are those
// of the last refresh that read them uses what that one kept (package
// defcache), and publishes what a refresh reading them anew publishes; an
// edit of a definition file reads them again, and keeps them for the next.
func TestRefreshKeepsDefinitions(t *testing.T) {
	opts := copySmall(t)
	if res := mustRefresh(t, opts); res.KeptDefinitions {
		t.Fatal("a first refresh used kept definitions")
	}
	steps := []struct {
		what       string
		file       string
		old, new   string
		keptWanted bool
	}{
		{"a response file edited", "responses/w2020.csv", "2,1,3", "2,1,1", true},
		{"indicators.csv edited", "indicators.csv", "住みやすいと感じる区民の割合", "住みよいと感じる区民の割合", false},
		{"a response file edited after that", "responses/w2020.csv", "3,1,3", "3,1,1", true},
		{"questions.csv edited", "questions.csv", "\n", "\r\n", false},
	}
	for _, st := range steps {
		edit(t, opts, st.file, st.old, st.new)
		res := mustRefresh(t, opts)
		if res.KeptDefinitions != st.keptWanted {
			t.Fatalf("%s: KeptDefinitions = %v, want %v", st.what, res.KeptDefinitions, st.keptWanted)
		}
		if got, want := readFile(t, filepath.Join(opts.Out, ActualsFile)), fresh(t, opts); got != want {
			t.Fatalf("%s: actuals.csv differs from a refresh that read every file:\n%s\nwant:\n%s", st.what, got, want)
		}
	}
}

// TestKeptDefinitionsMissingResponseFile: with the definitions unchanged,
// response files gone are reported as a refresh reading them anew reports
// them: all of them, each at its row of surveys.csv.
func TestKeptDefinitionsMissingResponseFile(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	for _, f := range []string{"w2021.csv", "w2022.csv"} {
		if err := os.Remove(filepath.Join(opts.DataDir, "responses", f)); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Refresh(context.Background(), opts)
	_, readErr := input.Read(context.Background(), opts.DataDir)
	if err == nil || readErr == nil {
		t.Fatalf("Refresh = %v, Read = %v; want both to refuse the folder", err, readErr)
	}
	if _, ok := input.AsProblems(err); !ok || err.Error() != readErr.Error() {
		t.Fatalf("Refresh:\n%v\nwant what Read reports:\n%v", err, readErr)
	}
	if !strings.Contains(err.Error(), "がありません") {
		t.Errorf("the missing file is not reported: %v", err)
	}
}

// TestUndecodableKeptDefinitionsReadAgain: kept definitions that do not
// decode are a warning, not a failure: the files are read again, and
// kept anew for the next refresh.
func TestUndecodableKeptDefinitionsReadAgain(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	db, err := sql.Open("duckdb", opts.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE definitions SET data = 'not gob'::BLOB"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if res := mustRefresh(t, edited(t, opts, "responses/w2020.csv", "2,1,3", "2,1,1")); res.KeptDefinitions {
		t.Fatal("undecodable definitions were used")
	}
	if res := mustRefresh(t, edited(t, opts, "responses/w2020.csv", "3,1,3", "3,1,1")); !res.KeptDefinitions {
		t.Fatal("the definitions read again were not kept")
	}
}
