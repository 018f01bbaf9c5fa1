package load

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"slices"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/decimal128"
	"github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
	"github.com/shihyo/shihyo/queries"
)

// domainRow is a row of domains.
type domainRow struct {
	ID   int32  `db:"domain_id"`
	Spec string `db:"spec"`
}

// SyncDomains gives each of specs (tally.Domain.Spec) its id: the stored
// one when the spec is already in the table, a new one otherwise. Domains
// no longer in specs are deleted with their sums.
func SyncDomains(ctx context.Context, conn *sql.Conn, specs []string) ([]int32, error) {
	rows, err := queries.All[domainRow](ctx, conn, "select_domains")
	if err != nil {
		return nil, fmt.Errorf("read domains: %w", err)
	}
	stored := make(map[string]int32, len(rows))
	var next int32 = 1
	for _, d := range rows {
		stored[d.Spec], next = d.ID, max(next, d.ID+1)
	}
	ids := make([]int32, len(specs))
	var added []domainRow
	for i, s := range specs {
		id, ok := stored[s]
		if !ok {
			id, next = next, next+1
			added = append(added, domainRow{ID: id, Spec: s})
		}
		ids[i] = id
		delete(stored, s)
	}
	for _, id := range stored { // no indicator has them any more
		for _, q := range []string{"delete_domain_cells", "delete_domain_flows", "delete_domain"} {
			if err := queries.Exec(ctx, conn, q, id); err != nil {
				return nil, err
			}
		}
	}
	return ids, queries.WithDriver(conn, func(c driver.Conn) error { return appendTable(c, "domains", added) })
}

// Pair names the sums of one domain in one wave.
type Pair struct {
	Wave   int32 `db:"wave_id"`
	Domain int32 `db:"domain_id"`
}

// StoredPairs returns the pairs whose sums are in the database.
func StoredPairs(ctx context.Context, conn *sql.Conn) (map[Pair]bool, error) {
	pairs, err := queries.All[Pair](ctx, conn, "select_cell_pairs")
	if err != nil {
		return nil, fmt.Errorf("read cells: %w", err)
	}
	out := make(map[Pair]bool, len(pairs))
	for _, p := range pairs {
		out[p] = true
	}
	return out, nil
}

// DeletePair deletes the sums of one domain in one wave.
func DeletePair(ctx context.Context, conn *sql.Conn, p Pair) error {
	if err := queries.Exec(ctx, conn, "delete_pair_cells", p.Wave, p.Domain); err != nil {
		return err
	}
	return queries.Exec(ctx, conn, "delete_pair_flows", p.Wave, p.Domain)
}

// cellColumns are the columns of cells, in the order appendTallies gives
// their values (TestTableColumns compares them with the table).
var cellColumns = []string{"wave_id", "domain_id", "key_no", "code", "n", "n_positive", "sw", "swy", "sw2", "sw2y", "swu_hi", "swu_lo", "swyu_hi", "swyu_lo"}

// cellRow is a row of cells.
type cellRow struct {
	Wave, Domain, KeyNo int32
	Code                any // int32, or nil for 無回答 and the total
	tally.Sums
}

// AppendCells stores the tallies of a wave (id, whose keys are keys) for
// the domains of ids, in the same order: their sums and their flows.
func AppendCells(ctx context.Context, conn *sql.Conn, id int32, keys []string, domains []int32, tallies []tally.Tally) error {
	keyNo := make(map[string]int32, len(keys))
	for i, k := range keys {
		keyNo[k] = int32(i + 1)
	}
	return queries.WithDriver(conn, func(c driver.Conn) error {
		app, err := duckdb.NewAppenderFromConn(c, "", "cells")
		if err != nil {
			return fmt.Errorf("append cells: %w", err)
		}
		err = appendTallies(app, id, keyNo, domains, tallies)
		if cerr := app.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("append cells: %w", cerr)
		}
		if err != nil {
			return err
		}
		return appendTable(c, "flows", flowRows(id, domains, tallies))
	})
}

func appendTallies(app *duckdb.Appender, id int32, keyNo map[string]int32, domains []int32, tallies []tally.Tally) error {
	put := func(r cellRow) error {
		err := app.AppendRow(r.Wave, r.Domain, r.KeyNo, r.Code, int32(r.N), int32(r.NPositive),
			r.SW, r.SWY, r.SW2, r.SW2Y, r.U.Hi, r.U.Lo, r.UY.Hi, r.UY.Lo)
		if err != nil {
			return fmt.Errorf("append cells: %w", err)
		}
		return nil
	}
	for i, t := range tallies {
		if err := put(cellRow{Wave: id, Domain: domains[i], Sums: t.Total}); err != nil {
			return err
		}
		for _, c := range t.Cells {
			var code any
			if c.Code != model.Blank {
				code = c.Code
			}
			if err := put(cellRow{Wave: id, Domain: domains[i], KeyNo: keyNo[c.Attribute], Code: code, Sums: c.Sums}); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReadCells reads back every stored sum and flow, by wave id and domain
// id: each Tally as the pass gave it, cells in key order, codes ascending,
// 無回答 last. It reads through Arrow (the rows are a hundred thousand at
// city scale) and in the order they are stored: DuckDB took longer to
// join them to their keys and sort them than to read them, and the cells
// of one tally are put in order here.
func ReadCells(ctx context.Context, conn *sql.Conn) (map[int32]map[int32]*tally.Tally, error) {
	names, err := keyNames(ctx, conn)
	if err != nil {
		return nil, err
	}
	r := cellReader{out: map[int32]map[int32]*tally.Tally{}, names: names, keyNo: map[*tally.Tally][]int32{}}
	if err := queries.EachRecord(ctx, conn, "select_cells", nil, r.add); err != nil {
		return nil, fmt.Errorf("read cells: %w", err)
	}
	r.order()
	return r.out, readFlows(ctx, conn, r.out)
}

// keyRef is a key of a wave by its number (wave_keys.key_no).
type keyRef struct{ wave, no int32 }

// keyNames reads every wave's keys by their numbers.
func keyNames(ctx context.Context, conn *sql.Conn) (map[keyRef]string, error) {
	type row struct {
		Wave int32  `db:"wave_id"`
		No   int32  `db:"key_no"`
		Key  string `db:"key"`
	}
	rows, err := queries.All[row](ctx, conn, "select_key_names")
	if err != nil {
		return nil, fmt.Errorf("read wave keys: %w", err)
	}
	names := make(map[keyRef]string, len(rows))
	for _, r := range rows {
		names[keyRef{r.Wave, r.No}] = r.Key
	}
	return names, nil
}

// cellReader gathers the rows of select_cells into tallies.
type cellReader struct {
	out   map[int32]map[int32]*tally.Tally
	names map[keyRef]string
	keyNo map[*tally.Tally][]int32 // of each tally's cells, until order
}

// add adds the rows of one record batch of select_cells.
func (r *cellReader) add(rec arrow.Record) error {
	cols := rec.Columns()
	if len(cols) != 14 {
		return fmt.Errorf("%d columns", len(cols))
	}
	i32 := func(i int) *array.Int32 { a, _ := cols[i].(*array.Int32); return a }
	f64 := func(i int) *array.Float64 { a, _ := cols[i].(*array.Float64); return a }
	u64 := func(i int) *array.Uint64 { a, _ := cols[i].(*array.Uint64); return a }
	wave, dom, keyNo, code, n, np := i32(0), i32(1), i32(2), i32(3), i32(4), i32(5)
	sw, swy, sw2, sw2y := f64(6), f64(7), f64(8), f64(9)
	uHi, uLo, uyHi, uyLo := u64(10), u64(11), u64(12), u64(13)
	if wave == nil || dom == nil || keyNo == nil || code == nil || n == nil || np == nil || sw == nil || swy == nil ||
		sw2 == nil || sw2y == nil || uHi == nil || uLo == nil || uyHi == nil || uyLo == nil {
		return fmt.Errorf("columns of types %v", rec.Schema())
	}
	for i := range int(rec.NumRows()) {
		t := r.tally(wave.Value(i), dom.Value(i))
		s := tally.Sums{N: int64(n.Value(i)), NPositive: int64(np.Value(i)), SW: sw.Value(i), SWY: swy.Value(i),
			SW2: sw2.Value(i), SW2Y: sw2y.Value(i), U: microdata.U128{Hi: uHi.Value(i), Lo: uLo.Value(i)}, UY: microdata.U128{Hi: uyHi.Value(i), Lo: uyLo.Value(i)}}
		key, ok := r.names[keyRef{wave.Value(i), keyNo.Value(i)}]
		if !ok { // key_no 0, which no key has: the domain's total
			t.Total = s
			continue
		}
		c := tally.Cell{Attribute: key, Code: model.Blank, Sums: s}
		if code.IsValid(i) {
			c.Code = code.Value(i)
		}
		t.Cells = append(t.Cells, c)
		r.keyNo[t] = append(r.keyNo[t], keyNo.Value(i))
	}
	return nil
}

// tally is the tally of domain dom in wave, made when first met.
func (r *cellReader) tally(wave, dom int32) *tally.Tally {
	byDomain := r.out[wave]
	if byDomain == nil {
		byDomain = map[int32]*tally.Tally{}
		r.out[wave] = byDomain
	}
	t := byDomain[dom]
	if t == nil {
		t = &tally.Tally{}
		byDomain[dom] = t
	}
	return t
}

// order puts each tally's cells in key order, codes ascending, 無回答
// last: as the pass gave them, and as they are stored unless rows were
// moved.
func (r *cellReader) order() {
	for t, nos := range r.keyNo {
		compare := func(i, j int) int {
			return cmp.Or(cmp.Compare(nos[i], nos[j]), cmp.Compare(codeRank(t.Cells[i].Code), codeRank(t.Cells[j].Code)))
		}
		sorted := true
		for i := 1; i < len(nos) && sorted; i++ {
			sorted = compare(i-1, i) < 0
		}
		if sorted {
			continue
		}
		idx := make([]int, len(nos))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, compare)
		cells := make([]tally.Cell, len(idx))
		for i, k := range idx {
			cells[i] = t.Cells[k]
		}
		t.Cells = cells
	}
}

// codeRank orders codes ascending, 無回答 last.
func codeRank(code int32) int64 {
	if code == model.Blank {
		return math.MaxInt64
	}
	return int64(code)
}

func u128(n decimal128.Num) microdata.U128 {
	return microdata.U128{Hi: uint64(n.HighBits()), Lo: n.LowBits()}
}
