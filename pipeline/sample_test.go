package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// refreshSample refreshes data/sample into a new database and folder.
func refreshSample(t *testing.T) (*model.Dataset, Options) {
	t.Helper()
	sample := filepath.Join("..", "data", "sample")
	ds, err := input.Read(context.Background(), sample)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opts := Options{DataDir: sample, DB: filepath.Join(dir, "s.duckdb"), Out: filepath.Join(dir, "out")}
	if _, err := Refresh(context.Background(), opts); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	return ds, opts
}

// TestSampleHasEveryActual refreshes data/sample and checks that actuals.csv
// has one row for every indicator × wave that measures it, and so a row for
// every indicator that has a wave.
func TestSampleHasEveryActual(t *testing.T) {
	ds, opts := refreshSample(t)
	got := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	want := 0
	for _, in := range ds.Indicators {
		waves := ds.Waves(in)
		if len(waves) == 0 {
			t.Errorf("indicator %s %d-%d has no wave in the sample", in.Ward, in.IssueNo, in.IndicatorNo)
		}
		for _, w := range waves {
			want++
			key := fmt.Sprintf("%s %d-%d/%d", in.Ward, in.IssueNo, in.IndicatorNo, w.FiscalYear)
			if row, ok := got[key]; !ok || row["percent"] == "" || row["status"] == "" {
				t.Errorf("no published actual for %s", key)
			}
		}
	}
	if len(got) != want || want != 68 {
		t.Errorf("actuals.csv has %d rows; want %d (17 indicators × 4 waves = 68)", len(got), want)
	}
}

// TestSampleFlowAddsUp: the denominator's flow of every indicator × wave
// of data/sample adds up, as counted (the database's flows and sums:
// 回答者数 = 対象外 + 非該当 + 無回答 + 除外 + n, the excluded and positive
// codes add up to their steps) and as published in actuals.csv, where a
// count of 1 to 9 is hidden (compute.FlowHidden): the shown counts add up
// wherever nothing is hidden; a hidden count is one of two or more hidden
// in its group, or its group is hidden whole, so that none is worked out
// from the others; no shown count is 1 to 9.
func TestSampleFlowAddsUp(t *testing.T) {
	_, opts := refreshSample(t)
	checkCountedFlows(t, opts.DB)
	query(t, opts.DB, `SELECT count(*) FILTER (WHERE -1 IN (flow_filtered, flow_not_applicable, flow_no_answer, flow_excluded)),
			count(*) FILTER (WHERE flow_no_answer IS NULL) FROM actuals`, func(rows *sql.Rows) error {
		var minus, null int
		if err := rows.Scan(&minus, &null); err != nil {
			return err
		}
		if minus != 0 || null == 0 {
			t.Errorf("actuals table: %d rows with a hidden count as −1, %d as NULL; want none and some", minus, null)
		}
		return nil
	})
	rows := readActuals(t, filepath.Join(opts.Out, ActualsFile))
	if len(rows) != 68 {
		t.Fatalf("%d rows; want 68", len(rows))
	}
	hidden := 0
	for key, r := range rows {
		hidden += checkPublishedFlow(t, key, r)
	}
	if hidden == 0 {
		t.Error("no flow count hidden; the sample has small ones")
	}
	m := rows["東住吉区 4-2/2020"]
	if m == nil || m["flow_no_answer"] == "0" || !strings.Contains(m["flow_excluded_by"], "9:わからない=") ||
		!strings.Contains(m["flow_positive_by"], "3:区のSNS") {
		t.Errorf("the 複数回答 indicator's flow: %v", m)
	}
}

// checkCountedFlows checks the flows as counted, in the database.
func checkCountedFlows(t *testing.T, db string) {
	t.Helper()
	checked := 0
	query(t, db, `SELECT f.wave_id, f.domain_id, any_value(w.respondents),
			sum(f.n) FILTER (WHERE step IN ('filtered', 'not_applicable', 'missing', 'excluded')),
			any_value(c.n), any_value(c.n_positive),
			sum(f.n) FILTER (WHERE step = 'excluded'), sum(f.n) FILTER (WHERE step = 'excluded_code'),
			sum(f.n) FILTER (WHERE step = 'positive_code'), bool_or(k.multi)
		FROM flows f JOIN waves w USING (wave_id)
		JOIN cells c ON c.wave_id = f.wave_id AND c.domain_id = f.domain_id AND c.key_no = 0
		JOIN domains d ON d.domain_id = f.domain_id
		LEFT JOIN wave_keys k ON k.wave_id = f.wave_id AND k.key = regexp_extract(d.spec, 'question=(\S+)', 1)
		GROUP BY ALL`, func(rows *sql.Rows) error {
		var wave, domain, resp, out, n, pos int
		var excluded, byExcluded, byPositive sql.NullInt64
		var multi sql.NullBool
		if err := rows.Scan(&wave, &domain, &resp, &out, &n, &pos, &excluded, &byExcluded, &byPositive, &multi); err != nil {
			return err
		}
		if resp != out+n {
			t.Errorf("wave %d domain %d: 回答者数 %d ≠ %d + n %d", wave, domain, resp, out, n)
		}
		if !multi.Bool && (byExcluded.Int64 != excluded.Int64 || byPositive.Int64 != int64(pos)) {
			t.Errorf("wave %d domain %d: codes add up to %d and %d; want %d and %d", wave, domain,
				byExcluded.Int64, byPositive.Int64, excluded.Int64, pos)
		}
		checked++
		return nil
	})
	if checked < 40 {
		t.Errorf("%d counted flows checked", checked)
	}
}

// checkPublishedFlow checks the flow of one row of actuals.csv and
// returns how many of its counts are hidden.
func checkPublishedFlow(t *testing.T, key string, r map[string]string) int {
	t.Helper()
	num := func(s string) (int, bool) { n, err := strconv.Atoi(s); return n, err == nil }
	n, _ := num(r["n_valid"])
	pos, _ := num(r["n_positive"])
	resp, _ := num(r["flow_respondents"])
	filtered, _ := num(r["flow_filtered"])
	multi := r["question_key"] == "joho_shudan"
	group := []string{r["flow_not_applicable"], r["flow_no_answer"]}
	if multi {
		group = append(group, r["flow_excluded"])
	} else {
		group = append(group, byCode(r["flow_excluded_by"])...)
	}
	hidden := checkGroup(t, key, "対象外・無回答・除外", group, resp-filtered-n, !multi)
	hidden += checkGroup(t, key, "肯定", byCode(r["flow_positive_by"]), pos, !multi)
	if multi {
		hidden += checkGroup(t, key, "除外", byCode(r["flow_excluded_by"]), -1, false)
	}
	return hidden
}

// checkGroup checks the counts of one group of the flow, whose total is
// published (total < 0: the counts overlap, a 複数回答 question's).
func checkGroup(t *testing.T, key, name string, counts []string, total int, sums bool) int {
	t.Helper()
	hidden, shown := 0, 0
	for _, c := range counts {
		if c == "" {
			hidden++
			continue
		}
		v, err := strconv.Atoi(c)
		if err != nil || (v > 0 && v < 10) {
			t.Errorf("%s: %s count %q shown", key, name, c)
		}
		shown += v
	}
	switch {
	case !sums:
	case hidden == 0 && shown != total:
		t.Errorf("%s: %s %v add up to %d; want %d", key, name, counts, shown, total)
	case hidden == 1 && len(counts) > 1:
		t.Errorf("%s: %s %v: one hidden count is the total %d less the others", key, name, counts, total)
	case hidden > 0 && hidden < len(counts) && total-shown < 10:
		t.Errorf("%s: %s %v: the hidden counts hold %d together", key, name, counts, total-shown)
	}
	return hidden
}

// byCode are the counts of a flow_…_by cell (1:そう思う=3; 2:…=), "" for
// a hidden one.
func byCode(cell string) []string {
	var out []string
	for _, part := range strings.Split(cell, "; ") {
		if part != "" {
			out = append(out, part[strings.LastIndex(part, "=")+1:])
		}
	}
	return out
}
