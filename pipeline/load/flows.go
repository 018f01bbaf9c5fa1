package load

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/shihyo/shihyo/pipeline/tally"
	"github.com/shihyo/shihyo/queries"
)

// The steps of a flow as the flows table names them (tally.Flow).
const (
	stepFiltered      = "filtered"
	stepNotApplicable = "not_applicable"
	stepMissing       = "missing"
	stepExcluded      = "excluded"
	stepExcludedCode  = "excluded_code"
	stepPositiveCode  = "positive_code"
)

// flowRow is a row of flows.
type flowRow struct {
	Wave   int32         `db:"wave_id"`
	Domain int32         `db:"domain_id"`
	Step   string        `db:"step"`
	Code   sql.NullInt32 `db:"code"`
	N      int32         `db:"n"`
}

// flowRows are the rows of the flows of tallies, of the domains of ids in
// wave id.
func flowRows(id int32, domains []int32, tallies []tally.Tally) []flowRow {
	var out []flowRow
	for i, t := range tallies {
		f := t.Flow
		row := func(step string, code sql.NullInt32, n int64) {
			out = append(out, flowRow{Wave: id, Domain: domains[i], Step: step, Code: code, N: int32(n)})
		}
		row(stepFiltered, sql.NullInt32{}, f.Filtered)
		row(stepNotApplicable, sql.NullInt32{}, f.NotApplicable)
		row(stepMissing, sql.NullInt32{}, f.Missing)
		row(stepExcluded, sql.NullInt32{}, f.Excluded)
		for _, c := range f.ExcludedBy {
			row(stepExcludedCode, sql.NullInt32{Int32: c.Code, Valid: true}, c.N)
		}
		for _, c := range f.PositiveBy {
			row(stepPositiveCode, sql.NullInt32{Int32: c.Code, Valid: true}, c.N)
		}
	}
	return out
}

// readFlows reads every stored flow into the tallies of out (ReadCells),
// by wave id and domain id, through Arrow and in the order stored; the
// codes of each step are put in order here. A flow whose sums are not in
// out is ignored: the two are stored and deleted together.
func readFlows(ctx context.Context, conn *sql.Conn, out map[int32]map[int32]*tally.Tally) error {
	err := queries.EachRecord(ctx, conn, "select_flows", nil, func(rec arrow.Record) error {
		return addFlows(out, rec)
	})
	if err != nil {
		return fmt.Errorf("read flows: %w", err)
	}
	byCode := func(a, b tally.CodeCount) int { return cmp.Compare(a.Code, b.Code) }
	for _, byDomain := range out {
		for _, t := range byDomain {
			for _, codes := range [][]tally.CodeCount{t.Flow.ExcludedBy, t.Flow.PositiveBy} {
				if !slices.IsSortedFunc(codes, byCode) {
					slices.SortFunc(codes, byCode)
				}
			}
		}
	}
	return nil
}

// addFlows adds the rows of one record batch of select_flows to out.
func addFlows(out map[int32]map[int32]*tally.Tally, rec arrow.Record) error {
	cols := rec.Columns()
	if len(cols) != 5 {
		return fmt.Errorf("%d columns", len(cols))
	}
	wave, _ := cols[0].(*array.Int32)
	dom, _ := cols[1].(*array.Int32)
	step, _ := cols[2].(*array.String)
	code, _ := cols[3].(*array.Int32)
	n, _ := cols[4].(*array.Int32)
	if wave == nil || dom == nil || step == nil || code == nil || n == nil {
		return fmt.Errorf("columns of types %v", rec.Schema())
	}
	for i := range int(rec.NumRows()) {
		t := out[wave.Value(i)][dom.Value(i)]
		if t == nil {
			continue
		}
		r := flowRow{Step: step.Value(i), N: n.Value(i)} // Step only compared: not kept
		if code.IsValid(i) {
			r.Code = sql.NullInt32{Int32: code.Value(i), Valid: true}
		}
		addFlow(&t.Flow, r)
	}
	return nil
}

// addFlow sets the step of f that row r holds.
func addFlow(f *tally.Flow, r flowRow) {
	n := int64(r.N)
	switch r.Step {
	case stepFiltered:
		f.Filtered = n
	case stepNotApplicable:
		f.NotApplicable = n
	case stepMissing:
		f.Missing = n
	case stepExcluded:
		f.Excluded = n
	case stepExcludedCode:
		f.ExcludedBy = append(f.ExcludedBy, tally.CodeCount{Code: r.Code.Int32, N: n})
	case stepPositiveCode:
		f.PositiveBy = append(f.PositiveBy, tally.CodeCount{Code: r.Code.Int32, N: n})
	}
}
