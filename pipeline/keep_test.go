package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/gen"
	"github.com/shihyo/shihyo/internal/sitetest"
)

// publishedFiles is every file of the site in out but status.html and its
// script, with its content less the time in the pages' footers.
func publishedFiles(t *testing.T, out string) map[string]string {
	return sitetest.Files(t, out, func(s string) string { return timeless.ReplaceAllString(s, "") })
}

// wantAsFull checks that the site and the database of opts are what a
// full refresh of the same data publishes and stores (every table but the
// manifest), and returns the site.
func wantAsFull(t *testing.T, opts Options) map[string]string {
	t.Helper()
	ref := reference(t, opts)
	got, want := publishedFiles(t, opts.Out), publishedFiles(t, ref.Out)
	for f := range want {
		if g, ok := got[f]; !ok || g != want[f] {
			t.Errorf("%s differs from what a full refresh publishes (published: %v)", f, ok)
		}
	}
	for f := range got {
		if _, ok := want[f]; !ok {
			t.Errorf("%s is published; a full refresh does not publish it", f)
		}
	}
	sameTables(t, opts.DB, ref.DB)
	return got
}

// sameTables checks that the database got holds the tables of want, each
// with the same rows: what export and audit read (the actuals, the
// breakdowns, the definitions) and what the next refresh reuses (the
// decisions, the microdata and its sums). The manifest is left out: it
// names the published files by their content and the pages by their keys,
// which the comparison of the sites covers.
func sameTables(t *testing.T, got, want string) {
	t.Helper()
	// Each database is opened once for all its tables: an open takes
	// longer than reading a table of the small fixture.
	gdb, wdb := openReadOnly(t, got), openReadOnly(t, want)
	defer gdb.Close()
	defer wdb.Close()
	names := openTables(t, wdb)
	if g := openTables(t, gdb); !slices.Equal(g, names) {
		t.Errorf("tables %v; a full refresh stores %v", g, names)
	}
	for _, name := range names {
		if name == "manifest" {
			continue
		}
		rows := name
		if q, ok := byNaturalKeys[name]; ok {
			rows = "(" + q + ")"
		}
		if g, w := rowsText(t, gdb, rows), rowsText(t, wdb, rows); g != w {
			t.Errorf("table %s differs from that of a full refresh:\n%s\nwant\n%s", name, g, w)
		}
	}
}

// byNaturalKeys are the tables keyed by wave_id or domain_id, with the
// survey_id and the domain's spec in place of those: an incremental load
// numbers a new wave or domain after those it keeps, a full one in order.
var byNaturalKeys = map[string]string{
	"waves":       "SELECT * EXCLUDE (wave_id) FROM waves",
	"domains":     "SELECT spec FROM domains",
	"wave_keys":   "SELECT w.survey_id, k.* EXCLUDE (wave_id) FROM wave_keys k LEFT JOIN waves w USING (wave_id)",
	"respondents": "SELECT w.survey_id, r.* EXCLUDE (wave_id) FROM respondents r LEFT JOIN waves w USING (wave_id)",
	"cells": "SELECT w.survey_id, d.spec, c.* EXCLUDE (wave_id, domain_id) FROM cells c " +
		"LEFT JOIN waves w USING (wave_id) LEFT JOIN domains d USING (domain_id)",
	"flows": "SELECT w.survey_id, d.spec, f.* EXCLUDE (wave_id, domain_id) FROM flows f " +
		"LEFT JOIN waves w USING (wave_id) LEFT JOIN domains d USING (domain_id)",
}

// openTables are the tables of an open database (tableNames).
func openTables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	names, err := tableNames(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestRefreshReusesTheDecisionsOfUnchangedWaves: a first refresh decides
// every wave; a refresh after one response file changed decides that
// wave alone and takes the other three waves' stored decisions, and
// publishes (and stores) what a full refresh of the same data does; so
// does one after a wave was removed, which decides nothing.
func TestRefreshReusesTheDecisionsOfUnchangedWaves(t *testing.T) {
	opts := copySmall(t)
	if res := mustRefresh(t, opts); res.DecidedWaves != 4 || res.ReusedWaves != 0 {
		t.Fatalf("first refresh decided %d waves and reused %d; want 4 and 0", res.DecidedWaves, res.ReusedWaves)
	}
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	res := mustRefresh(t, opts)
	if !slices.Equal(res.ReloadedWaves, []string{"w2020"}) || res.DecidedWaves != 1 || res.ReusedWaves != 3 {
		t.Fatalf("refresh of w2020: reloaded %v, decided %d, reused %d; want w2020, 1, 3",
			res.ReloadedWaves, res.DecidedWaves, res.ReusedWaves)
	}
	wantAsFull(t, opts)
	// A wave removed: the others' decisions stay, its row goes.
	for _, name := range []string{"surveys.csv", "questions.csv", "choices.csv"} {
		dropLines(t, opts, name, "w2022,")
	}
	if res := mustRefresh(t, opts); res.DecidedWaves != 0 || res.ReusedWaves != 3 {
		t.Fatalf("refresh without w2022: decided %d, reused %d; want 0 and 3", res.DecidedWaves, res.ReusedWaves)
	}
	wantAsFull(t, opts)
}

// TestRefreshDecidesAgainWhatADefinitionChanges: a change of definition
// decides again the waves whose decision it can change, and only those,
// and the site is then what a full refresh publishes. 子育て中ではない
// made with_blank changes no sums at all (only the cells the breakdown
// merges), in w2020 only; a changed filter clause or excluded code
// changes the indicator's domain in the three 区民 waves (not in wx, the
// 校長・教頭 survey); indicators listed in another order move the
// domains' indices in the plan.
func TestRefreshDecidesAgainWhatADefinitionChanges(t *testing.T) {
	replace := func(file, old, new string) func(*testing.T, Options) {
		return func(t *testing.T, opts Options) { edit(t, opts, file, old, new) }
	}
	for _, c := range []struct {
		name    string
		change  func(*testing.T, Options)
		decided int
	}{
		{"with_blank", replace("choices.csv", "w2020,kosodate,2,子育て中ではない,", "w2020,kosodate,2,子育て中ではない,with_blank"), 1},
		{"filter clause", replace("indicators.csv", ",kosodate=1,", ",kosodate=2,"), 3},
		{"excluded code", replace("indicators.csv", ",q,1;2,9,,60,", ",q,1;2,,,60,"), 3},
		// 1-1 last: its domain's index moves from first to fourth, after
		// those of 1-2 and 2-1 (which the 区民 waves link in another
		// order now) and of wx's 3-1, whose own order is the same.
		{"order", func(t *testing.T, opts Options) {
			moveLast(t, opts, "indicators.csv", "テスト区,令和4年度,1,1,")
		}, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := copySmall(t)
			withKindColumn(t, opts)
			mustRefresh(t, opts)
			before := publishedFiles(t, opts.Out)
			c.change(t, opts)
			res := mustRefresh(t, opts)
			if res.FullReload || res.DecidedWaves != c.decided || res.ReusedWaves != 4-c.decided {
				t.Fatalf("decided %d waves and reused %d (full %v); want %d decided of 4", res.DecidedWaves, res.ReusedWaves, res.FullReload, c.decided)
			}
			after := wantAsFull(t, opts)
			if c.name != "order" && after[BreakdownsFile] == before[BreakdownsFile] {
				t.Errorf("%s did not change the breakdowns: the case shows nothing", c.name)
			}
		})
	}
}

// withKindColumn gives choices.csv the optional kind column, blank.
func withKindColumn(t *testing.T, opts Options) {
	t.Helper()
	p := filepath.Join(opts.DataDir, "choices.csv")
	var out []byte
	for _, l := range splitLines(readFile(t, p)) {
		switch {
		case l == "":
		case len(out) == 0:
			out = append(out, l+",kind\n"...)
		default:
			out = append(out, l+",\n"...)
		}
	}
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// moveLast moves the line of the file name that starts with prefix to its
// end.
func moveLast(t *testing.T, opts Options, name, prefix string) {
	t.Helper()
	p := filepath.Join(opts.DataDir, name)
	var keep []string
	var moved string
	for _, l := range splitLines(readFile(t, p)) {
		if moved == "" && len(l) >= len(prefix) && l[:len(prefix)] == prefix {
			moved = l
		} else if l != "" {
			keep = append(keep, l)
		}
	}
	if moved == "" {
		t.Fatalf("%s has no line %q…", name, prefix)
	}
	out := ""
	for _, l := range append(keep, moved) {
		out += l + "\n"
	}
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// TestFailedRefreshKeepsTheStoredDecisions: a refresh that fails once
// the waves are decided and their decisions stored (cancelled there)
// leaves the stored decisions as they were; the next refresh decides the
// changed wave again and reuses the others'.
func TestFailedRefreshKeepsTheStoredDecisions(t *testing.T) {
	opts := copySmall(t)
	mustRefresh(t, opts)
	before := tableText(t, opts.DB, "decisions")
	edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts.Logger = slog.New(&onStep{step: StepDecided, do: cancel})
	if _, err := Refresh(ctx, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("Refresh = %v; want context.Canceled", err)
	}
	if after := tableText(t, opts.DB, "decisions"); after != before || before == "" {
		t.Errorf("stored decisions after a failed refresh:\n%s\nwant, as before it:\n%s", after, before)
	}
	opts.Logger = nil
	if res := mustRefresh(t, opts); res.DecidedWaves != 1 || res.ReusedWaves != 3 {
		t.Errorf("after the failed run: decided %d, reused %d; want 1 and 3", res.DecidedWaves, res.ReusedWaves)
	}
	wantAsFull(t, opts)
}

// TestRefreshOfOneGeneratedWaveIsAFullRefresh: on generated surveys (3
// wards × 2 years, 400 respondents, 12 questions: filtered indicators,
// breakdowns the auditor searches), a refresh after one response file
// changed decides that wave alone, reuses the other five, and publishes
// and stores what a full refresh of the same data does.
func TestRefreshOfOneGeneratedWaveIsAFullRefresh(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and refreshes 6 waves twice (skipped with -short)")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := gen.Generate(context.Background(), gen.Options{Out: data, Wards: 3, Years: 2, Respondents: 400, Questions: 12}); err != nil {
		t.Fatal(err)
	}
	opts := Options{DataDir: data, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	if res := mustRefresh(t, opts); res.DecidedWaves != 6 {
		t.Fatalf("first refresh decided %d waves; want 6", res.DecidedWaves)
	}
	files, err := filepath.Glob(filepath.Join(data, "responses", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("responses: %v %v", files, err)
	}
	// The first respondent's first answer of 1 to 3 raised by one.
	b := []byte(readFile(t, files[0]))
	lines := splitLines(string(b))
	fields := strings.Split(lines[1], ",")
	k := slices.IndexFunc(fields[1:], func(f string) bool { return f == "1" || f == "2" || f == "3" }) + 1
	if k == 0 {
		t.Fatalf("%s: no answer 1–3 in %q", files[0], lines[1])
	}
	fields[k] = string(rune(fields[k][0] + 1))
	lines[1] = strings.Join(fields, ",")
	if err := os.WriteFile(files[0], []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustRefresh(t, opts)
	if len(res.ReloadedWaves) != 1 || res.DecidedWaves != 1 || res.ReusedWaves != 5 {
		t.Fatalf("refresh of one wave: reloaded %v, decided %d, reused %d; want one, 1, 5",
			res.ReloadedWaves, res.DecidedWaves, res.ReusedWaves)
	}
	wantAsFull(t, opts)
}
