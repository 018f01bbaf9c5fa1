package load

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
	"github.com/shihyo/shihyo/queries"
)

// testConn opens a new database file with the microdata tables, in a
// transaction as a refresh runs them.
func testConn(t *testing.T) *sql.Conn {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", t.TempDir()+"/t.duckdb")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := queries.Exec(ctx, conn, "begin"); err != nil {
		t.Fatal(err)
	}
	if err := CreateMicrodata(ctx, conn); err != nil {
		t.Fatal(err)
	}
	return conn
}

// wideWave is a weighted wave with blanks and weights whose units need
// more than 64 bits (a weight of 9,999,999.5 at scale 18 is about 10^25).
func wideWave() *microdata.Wave {
	big := microdata.U128{Hi: 542101, Lo: 1<<63 + 12345} // ≈ 10^25
	return &microdata.Wave{
		Keys: []string{"nendai", "q1", "q2"}, N: 3, Scale: 18,
		Codes:   []int32{1, 2, model.Blank, model.Blank, 1000000, 3, 6, model.Blank, model.Blank},
		Weights: []float64{9999999.5, 0.000000000000000001, 1.25},
		Units:   []microdata.U128{big, {Lo: 1}, {Lo: 1_250_000_000_000_000_000}},
	}
}

// TestWaveRoundTrip: a wave appended through Arrow reads back as it was,
// row order, blanks (NULL in the list), codes up to cell.MaxCode and
// exact weights beyond 64 bits included; the answers view shows its
// non-blank answers in long form, as the table of earlier versions did.
func TestWaveRoundTrip(t *testing.T) {
	ctx := context.Background()
	conn := testConn(t)
	w := wideWave()
	app := NewAppender(conn)
	answers, err := app.AppendWave(ctx, 7, "w2023", w)
	if err == nil {
		err = app.Close(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	if answers != 5 {
		t.Errorf("AppendWave counted %d answers; want 5", answers)
	}
	stored, err := StoredWaves(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	sw, ok := stored["w2023"]
	if !ok || sw.ID != 7 || sw.Respondents != 3 || sw.Scale != 18 {
		t.Fatalf("stored waves %+v", stored)
	}
	got, err := ReadWave(ctx, conn, sw)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, w)
	}
	var n, blanks int
	err = conn.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE code IS NULL) FROM answers WHERE survey_id = 'w2023'`).Scan(&n, &blanks)
	if err != nil || n != 5 || blanks != 0 {
		t.Errorf("answers view: %d rows, %d blank (%v); want 5 and 0", n, blanks, err)
	}
	if err := DeleteWave(ctx, conn, 7); err != nil {
		t.Fatal(err)
	}
	if stored, _ := StoredWaves(ctx, conn); len(stored) != 0 {
		t.Errorf("after DeleteWave: %+v", stored)
	}
}

// TestCellsRoundTrip: the sums of a wave stored and read back are the
// sums the pass gave, exact sums beyond 64 bits included, with the cells
// in the pass's order.
func TestCellsRoundTrip(t *testing.T) {
	ctx := context.Background()
	conn := testConn(t)
	w := wideWave()
	if _, err := NewAppender(conn).AppendWave(ctx, 3, "w2023", w); err != nil {
		t.Fatal(err)
	}
	domains := []tally.Domain{{Question: "q1", Positive: []int{1}}, {Question: "q2", Positive: []int{3}, Excluded: []int{6}},
		{Question: "q1", Positive: []int{2, 1000000}}}
	tallies := tally.Count(w, []string{"nendai"}, domains)
	ids, err := SyncDomains(ctx, conn, []string{domains[0].Spec(), domains[1].Spec(), domains[2].Spec()})
	if err != nil {
		t.Fatal(err)
	}
	if err := AppendCells(ctx, conn, 3, w.Keys, ids, tallies); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		got, err := ReadCells(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			if g := got[3][id]; g == nil || !reflect.DeepEqual(*g, tallies[i]) {
				t.Errorf("%s: domain %d read back\n%+v\nwant\n%+v", when, i, g, tallies[i])
			}
		}
	}
	check("as stored")
	if len(tallies[0].Cells) < 2 || len(tallies[2].Flow.PositiveBy) != 2 {
		t.Fatalf("cells %+v, flow %+v; want two cells of one domain and two codes of a flow to order", tallies[0].Cells, tallies[2].Flow)
	}
	// Stored in the reverse order (as rows may be after deletes and
	// appends), the cells and codes still read back in the pass's order.
	for _, q := range []string{
		`CREATE TEMP TABLE moved_cells AS SELECT * FROM cells ORDER BY domain_id DESC, key_no DESC, code DESC NULLS FIRST`,
		`DELETE FROM cells`, `INSERT INTO cells SELECT * FROM moved_cells`,
		`CREATE TEMP TABLE moved_flows AS SELECT * FROM flows ORDER BY domain_id DESC, step DESC, code DESC NULLS FIRST`,
		`DELETE FROM flows`, `INSERT INTO flows SELECT * FROM moved_flows`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	check("stored in reverse")
	if tallies[0].Total.U.Hi == 0 {
		t.Error("the test's sums fit in 64 bits; want one that does not")
	}
	// A second sync keeps the ids of known specs and drops the others'
	// sums.
	again, err := SyncDomains(ctx, conn, []string{domains[1].Spec()})
	if err != nil || again[0] != ids[1] {
		t.Fatalf("SyncDomains again = %v, %v; want [%d]", again, err, ids[1])
	}
	pairs, err := StoredPairs(ctx, conn)
	if err != nil || len(pairs) != 1 || !pairs[Pair{Wave: 3, Domain: ids[1]}] {
		t.Errorf("stored pairs %v (%v); want only wave 3 × domain %d", pairs, err, ids[1])
	}
}

// TestMultiWaveRoundTrip: a wave with a 複数回答 column reads back with
// its option sets and which key holds them, and its flows with its sums;
// the answers view shows one row per option chosen.
func TestMultiWaveRoundTrip(t *testing.T) {
	ctx := context.Background()
	conn := testConn(t)
	set := func(c ...int32) int32 { return microdata.MultiCode(model.MultiAnswer{Chosen: c}) }
	w := &microdata.Wave{Keys: []string{"q", "m"}, Multi: []bool{false, true}, N: 3,
		Codes: []int32{1, set(1, 3, 30), 2, model.Blank, model.Blank, model.NotApplicable}}
	if _, err := NewAppender(conn).AppendWave(ctx, 2, "w", w); err != nil {
		t.Fatal(err)
	}
	got, err := ReadWave(ctx, conn, StoredWave{ID: 2, SurveyID: "w", Respondents: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Keys, w.Keys) || !reflect.DeepEqual(got.Multi, w.Multi) || !reflect.DeepEqual(got.Codes, w.Codes) {
		t.Errorf("read back keys %v multi %v codes %v; want %v %v %v", got.Keys, got.Multi, got.Codes, w.Keys, w.Multi, w.Codes)
	}
	var options string
	err = conn.QueryRowContext(ctx, `SELECT string_agg(code::VARCHAR, ',' ORDER BY code) FROM answers WHERE key = 'm'`).Scan(&options)
	if err != nil || options != "1,3,30" {
		t.Errorf("answers view of m: %q (%v); want 1,3,30", options, err)
	}
	d := tally.Domain{Question: "m", Positive: []int{3}, Excluded: []int{30}}
	tallies := tally.Count(got, nil, []tally.Domain{d})
	ids, err := SyncDomains(ctx, conn, []string{d.Spec()})
	if err == nil {
		err = AppendCells(ctx, conn, 2, got.Keys, ids, tallies)
	}
	if err != nil {
		t.Fatal(err)
	}
	cells, err := ReadCells(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if g := cells[2][ids[0]]; g == nil || !reflect.DeepEqual(g.Flow, tallies[0].Flow) || tallies[0].Flow.NotApplicable != 1 {
		t.Errorf("flow read back %+v; want %+v", g, tallies[0].Flow)
	}
}
