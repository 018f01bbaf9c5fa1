package compute_test

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/store"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// crosscheck is a data directory whose expected statistics were computed
// with R's survey package by testdata/crosscheck/crosscheck.R (committed in
// testdata/crosscheck/expected; `make check-r` re-derives them). It has a
// weighted and an unweighted wave, filters, excluded codes, blanks, domains
// under 30 and under 10, shares of 0% and 100%, and 31.25% publishing as
// 31.3.
const crosscheck = "testdata/crosscheck"

// Tolerances, in points. The issue asks for 1e-9 on point estimates and
// 0.01 on interval bounds. The bounds are checked tighter (R prints them to
// 1e-6) because the formulas are R's own, and 0.01 could miss a wrong
// n/(n−1) factor on a large domain.
const (
	pointTol = 1e-9
	boundTol = 1e-5
)

type results struct {
	actuals    map[string]compute.Actual    // "issue-no/survey_id"
	breakdowns map[string]compute.Breakdown // "issue-no/survey_id/attribute/code"
	flows      map[string]tally.Flow        // as counted, before any is hidden: "issue-no/survey_id"
	conn       *sql.Conn
}

// run counts dir as the engine does (package tally: one pass per wave),
// computes its actuals and breakdowns and stores them in a new DuckDB
// file, as a refresh does.
func run(t *testing.T, dir string) results {
	t.Helper()
	ctx := context.Background()
	ds, err := input.Read(ctx, dir)
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	actuals, cells, in := publish(t, ds)
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "crosscheck.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := store.Store(ctx, conn, actuals, cells, nil); err != nil {
		t.Fatalf("Store: %v", err)
	}
	r := results{actuals: map[string]compute.Actual{}, breakdowns: map[string]compute.Breakdown{}, flows: map[string]tally.Flow{}, conn: conn}
	for i, ind := range ds.Indicators {
		for survey, byDomain := range in.Tallies {
			if t, ok := byDomain[in.Plan.OfIndicator[i]]; ok {
				r.flows[fmt.Sprintf("%d-%d/%s", ind.IssueNo, ind.IndicatorNo, survey)] = t.Flow
			}
		}
	}
	for _, a := range actuals {
		r.actuals[fmt.Sprintf("%d-%d/%s", a.IssueNo, a.IndicatorNo, a.SurveyID)] = a
	}
	for _, b := range cells {
		code := ""
		if b.Code.Valid {
			code = strconv.FormatInt(b.Code.Int64, 10)
		}
		r.breakdowns[fmt.Sprintf("%d-%d/%s/%s/%s", b.IssueNo, b.IndicatorNo, b.SurveyID, b.AttributeKey, code)] = b
	}
	return r
}

// publish reads every wave of ds, runs the pass over it and publishes the
// sums.
func publish(t *testing.T, ds *model.Dataset) ([]compute.Actual, []compute.Breakdown, compute.Input) {
	t.Helper()
	in := compute.CountDataset(t, ds)
	actuals, cells := compute.Publish(in)
	return actuals, cells, in
}

// readExpected reads one of R's CSV files as rows keyed by column name.
func readExpected(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(crosscheck, "expected", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// deviation tracks the largest difference seen, for the test log.
type deviation struct {
	t    *testing.T
	max  map[string]float64
	what string
}

func newDeviation(t *testing.T) *deviation { return &deviation{t: t, max: map[string]float64{}} }

// check compares got with R's printed value want within tol.
func (d *deviation) check(key, name string, got sql.NullFloat64, want string, tol float64) {
	d.t.Helper()
	if want == "" {
		if got.Valid {
			d.t.Errorf("%s %s = %v; R has none", key, name, got.Float64)
		}
		return
	}
	w, err := strconv.ParseFloat(want, 64)
	if err != nil {
		d.t.Fatalf("%s %s: %v", key, name, err)
	}
	if !got.Valid {
		d.t.Errorf("%s %s is NULL; R has %s", key, name, want)
		return
	}
	diff := math.Abs(got.Float64 - w)
	d.max[name] = math.Max(d.max[name], diff)
	if diff > tol {
		d.t.Errorf("%s %s = %.10f; R has %s", key, name, got.Float64, want)
	}
}

func (d *deviation) log() {
	for name, v := range d.max {
		d.t.Logf("largest difference from R in %s: %.2g", name, v)
	}
}

func some(v float64) sql.NullFloat64 { return sql.NullFloat64{Float64: v, Valid: true} }

func TestCrossCheckR(t *testing.T) {
	r := run(t, crosscheck)
	t.Run("estimates", func(t *testing.T) { checkEstimates(t, r) })
	t.Run("changes", func(t *testing.T) { checkChanges(t, r) })
	t.Run("projections", func(t *testing.T) { checkProjections(t, r) })
	t.Run("breakdowns", func(t *testing.T) { checkBreakdowns(t, r) })
	t.Run("flows", func(t *testing.T) { checkFlows(t, r) })
}

// checkFlows compares the denominator's flow of every actual, as counted,
// with R's counts (the filter, 非該当, 無回答 with the vendor's 99, 除外, n,
// 肯定), and the published flow with the counted one: every count shown is
// the counted one (compute.FlowHidden is not shown).
func checkFlows(t *testing.T, r results) {
	rows := readExpected(t, "flows.csv")
	if len(rows) != len(r.actuals) {
		t.Errorf("%d actuals; R has %d flows", len(r.actuals), len(rows))
	}
	for _, w := range rows {
		key := w["indicator"] + "/" + w["survey_id"]
		a, f := r.actuals[key], r.flows[key]
		got := fmt.Sprint(a.Respondents, f.Filtered, f.NotApplicable, f.Missing, f.Excluded, a.NValid, a.NPositive)
		want := fmt.Sprint(w["respondents"], " ", w["filtered"], " ", w["not_applicable"], " ", w["no_answer"], " ",
			w["excluded"], " ", w["n_valid"], " ", w["n_positive"])
		if got != want {
			t.Errorf("%s: flow (回答者数 対象外 非該当 無回答 除外 n 肯定) %s; R has %s", key, got, want)
		}
		for _, c := range [][2]int64{{int64(a.FlowFiltered), f.Filtered}, {int64(a.FlowNotApplicable), f.NotApplicable},
			{int64(a.FlowNoAnswer), f.Missing}, {int64(a.FlowExcluded), f.Excluded}} {
			if c[0] != compute.FlowHidden && c[0] != c[1] {
				t.Errorf("%s: published flow %d; counted %d", key, c[0], c[1])
			}
		}
	}
}

func checkEstimates(t *testing.T, r results) {
	rows := readExpected(t, "estimates.csv")
	if len(rows) != len(r.actuals) {
		t.Errorf("%d actuals; R has %d", len(r.actuals), len(rows))
	}
	dev := newDeviation(t)
	defer dev.log()
	for _, w := range rows {
		key := w["indicator"] + "/" + w["survey_id"]
		a, ok := r.actuals[key]
		if !ok {
			t.Errorf("no actual %s", key)
			continue
		}
		if strconv.Itoa(a.NValid) != w["n_valid"] || strconv.FormatFloat(a.Percent, 'f', 1, 64) != w["percent"] {
			t.Errorf("%s: n %d percent %.1f; R has %s %s", key, a.NValid, a.Percent, w["n_valid"], w["percent"])
		}
		if string(a.Trajectory) != w["trajectory"] {
			t.Errorf("%s: trajectory %q; R has %q", key, a.Trajectory, w["trajectory"])
		}
		dev.check(key, "percent_exact", some(a.PercentExact), w["percent_exact"], pointTol)
		dev.check(key, "path_percent", a.PathPercent, w["path_percent"], pointTol)
		if a.Weighted {
			dev.check(key, "n_effective", a.NEffective, w["n_effective"], pointTol)
		}
		// At 0% and 100% R's logit interval has zero width; shihyo
		// publishes the exact interval R computes with qbeta.
		lo, hi := w["svyciprop_low"], w["svyciprop_high"]
		if w["exact_low"] != "" {
			lo, hi = w["exact_low"], w["exact_high"]
		}
		dev.check(key, "ci_low", a.CILow, lo, boundTol)
		dev.check(key, "ci_high", a.CIHigh, hi, boundTol)
	}
}

func checkChanges(t *testing.T, r results) {
	rows := readExpected(t, "changes.csv")
	dev := newDeviation(t)
	defer dev.log()
	seen := map[string]bool{}
	for _, w := range rows {
		key := w["indicator"] + "/" + w["survey_id"]
		seen[key] = true
		a := r.actuals[key]
		prev := r.actuals[w["indicator"]+"/"+w["previous_survey_id"]]
		if !a.PreviousPercent.Valid || a.PreviousPercent.Float64 != prev.Percent {
			t.Errorf("%s: previous %v; want %v", key, a.PreviousPercent, prev.Percent)
		}
		if !a.ChangePoints.Valid || strconv.FormatFloat(a.ChangePoints.Float64, 'f', 1, 64) != w["change_points"] {
			t.Errorf("%s: change %v; R has %s", key, a.ChangePoints, w["change_points"])
		}
		if string(a.ChangeFlag) != w["flag"] {
			t.Errorf("%s: flag %q; R has %q", key, a.ChangeFlag, w["flag"])
		}
		dev.check(key, "change_p_value", a.ChangePValue, w["p_value"], pointTol)
	}
	for key, a := range r.actuals {
		if !seen[key] && (a.PreviousPercent.Valid || a.ChangeFlag != "") {
			t.Errorf("%s: change from a previous wave R does not have", key)
		}
	}
}

func checkProjections(t *testing.T, r results) {
	rows := readExpected(t, "projections.csv")
	dev := newDeviation(t)
	defer dev.log()
	seen := map[string]bool{}
	for _, w := range rows {
		key := w["indicator"] + "/" + w["survey_id"]
		seen[key] = true
		a := r.actuals[key]
		dev.check(key, "projected_percent", a.ProjectedPercent, w["projected_percent"], pointTol)
		dev.check(key, "projected_low", a.ProjectedLow, w["projected_low"], boundTol)
		dev.check(key, "projected_high", a.ProjectedHigh, w["projected_high"], boundTol)
	}
	for key, a := range r.actuals {
		if !seen[key] && (a.ProjectedPercent.Valid || a.ProjectedLow.Valid) {
			t.Errorf("%s: a projection R does not make", key)
		}
	}
}

func checkBreakdowns(t *testing.T, r results) {
	rows := readExpected(t, "breakdowns.csv")
	if len(rows) != len(r.breakdowns) {
		t.Errorf("%d breakdown cells; R has %d", len(r.breakdowns), len(rows))
	}
	dev := newDeviation(t)
	defer dev.log()
	merged := 0 // shown cells that hold 無回答 with a code (kind with_blank)
	defer func() {
		if merged == 0 {
			t.Error("no shown cell of a with_blank code compared")
		}
	}()
	for _, w := range rows {
		key := w["indicator"] + "/" + w["survey_id"] + "/" + w["attribute_key"] + "/" + w["code"]
		b, ok := r.breakdowns[key]
		if !ok {
			t.Errorf("no breakdown cell %s", key)
			continue
		}
		if b.Suppressed {
			// Hidden by disclosure control (tested by the auditor): the row
			// is listed, its values are not (TestSuppressedNeverStored).
			continue
		}
		if strconv.FormatBool(b.Reference) != w["reference"] {
			t.Errorf("%s: reference %v; R has %s", key, b.Reference, w["reference"])
		}
		n, pct := "", ""
		if b.NValid.Valid {
			n = strconv.FormatInt(b.NValid.Int64, 10)
		}
		if b.Percent.Valid {
			pct = strconv.FormatFloat(b.Percent.Float64, 'f', 1, 64)
		}
		if n != w["n_valid"] || pct != w["percent"] {
			t.Errorf("%s: n %q percent %q; R has %q %q", key, n, pct, w["n_valid"], w["percent"])
		}
		dev.check(key, "percent_exact", b.PercentExact, w["percent_exact"], pointTol)
		dev.check(key, "ci_low", b.CILow, w["ci_low"], boundTol)
		dev.check(key, "ci_high", b.CIHigh, w["ci_high"], boundTol)
		if strings.HasSuffix(b.Label, compute.WithBlankSuffix) {
			merged++
		}
	}
}

// TestSuppressedNeverStored checks that no value of a suppressed cell
// reaches the breakdowns table, where exports and pages read it.
func TestSuppressedNeverStored(t *testing.T) {
	r := run(t, crosscheck)
	var suppressed, leaked int
	err := r.conn.QueryRowContext(context.Background(), `SELECT count(*) FILTER (WHERE suppressed),
		count(*) FILTER (WHERE suppressed AND (n_valid IS NOT NULL OR percent IS NOT NULL
			OR percent_exact IS NOT NULL OR ci_low IS NOT NULL OR ci_high IS NOT NULL OR reference))
		FROM breakdowns`).Scan(&suppressed, &leaked)
	if err != nil {
		t.Fatal(err)
	}
	if suppressed == 0 || leaked != 0 {
		t.Errorf("%d suppressed cells, %d with values; want some and none", suppressed, leaked)
	}
}
