package queries

import (
	"database/sql"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// TestOneRecordLetsGo: a reader that an exported stream retains and never
// releases (go-duckdb's RegisterView) must still let go of its record once
// the record has been read, or every inserted batch stays in memory.
func TestOneRecordLetsGo(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	b := array.NewInt64Builder(mem)
	b.AppendValues([]int64{1, 2, 3}, nil)
	col := b.NewArray()
	b.Release()
	rec := array.NewRecord(arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil),
		[]arrow.Array{col}, 3)
	col.Release()
	r := OneRecord(rec)
	r.Retain() // as package cdata does for the stream, which is never released
	if !r.Next() || r.Record().NumRows() != 3 {
		t.Fatal("no record")
	}
	if r.Next() {
		t.Fatal("a second record")
	}
	r.Release() // the caller's reference; the stream's remains
	if n := mem.CurrentAlloc(); n != 0 {
		t.Errorf("%d bytes still held after the record was read", n)
	}
}

// benchRow has the column types of a breakdown cell (compute.Breakdown).
type benchRow struct {
	ID      int             `db:"id"`
	Ward    string          `db:"ward"`
	Year    int             `db:"year"`
	Title   string          `db:"title"`
	Flag    bool            `db:"flag"`
	Code    sql.NullInt64   `db:"code"`
	Label   string          `db:"label"`
	N       sql.NullInt64   `db:"n"`
	Percent sql.NullFloat64 `db:"percent"`
	Exact   sql.NullFloat64 `db:"exact"`
	Low     sql.NullFloat64 `db:"low"`
	High    sql.NullFloat64 `db:"high"`
}

// BenchmarkRecord builds the record batch of 90,000 rows of the shape of
// a city-wide site's breakdown cells, as InsertArrow does.
func BenchmarkRecord(b *testing.B) {
	rows := make([]benchRow, 90_000)
	for i := range rows {
		rows[i] = benchRow{ID: i, Ward: "鶴見区", Year: 2023, Title: "地域で支え合いが行われていると感じる区民の割合", Flag: i%2 == 0,
			Code: sql.NullInt64{Int64: int64(i % 7), Valid: i%9 != 0}, Label: "どちらかといえばそう思う",
			N: sql.NullInt64{Int64: 120, Valid: true}, Percent: sql.NullFloat64{Float64: 61.3, Valid: true},
			Exact: sql.NullFloat64{Float64: 61.25, Valid: true}, Low: sql.NullFloat64{Float64: 52.1, Valid: true}, High: sql.NullFloat64{Float64: 70.2, Valid: true}}
	}
	dec := map[string]Decimal{"percent": {Precision: 4, Scale: 1, Of: func(f float64) int64 { return int64(f * 10) }}}
	for b.Loop() {
		rec, err := record(rows, dec)
		if err != nil {
			b.Fatal(err)
		}
		rec.Release()
	}
}

// TestRecordValues: each field reaches its column with its value, a
// sql.Null* that is not Valid as NULL, a float named in decimals as that
// DECIMAL.
func TestRecordValues(t *testing.T) {
	rows := []benchRow{
		{ID: 1, Ward: "鶴見区", Year: 2023, Title: "t", Flag: true, Code: sql.NullInt64{Int64: 3, Valid: true}, Label: "l",
			N: sql.NullInt64{Int64: 120, Valid: true}, Percent: sql.NullFloat64{Float64: 61.3, Valid: true},
			Exact: sql.NullFloat64{Float64: 61.25, Valid: true}},
		{ID: 2, Code: sql.NullInt64{Int64: 7}, Percent: sql.NullFloat64{Float64: 5}},
	}
	rec, err := record(rows, map[string]Decimal{"percent": {Precision: 4, Scale: 1, Of: func(f float64) int64 { return int64(f*10 + 0.5) }}})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	col := func(name string) arrow.Array {
		i := rec.Schema().FieldIndices(name)
		if len(i) != 1 {
			t.Fatalf("no column %s in %v", name, rec.Schema())
		}
		return rec.Column(i[0])
	}
	code, n, exact := col("code").(*array.Int64), col("n").(*array.Int64), col("exact").(*array.Float64)
	percent, ward, flag := col("percent").(*array.Decimal128), col("ward").(*array.String), col("flag").(*array.Boolean)
	if code.Value(0) != 3 || !code.IsNull(1) || n.Value(0) != 120 || !n.IsNull(1) {
		t.Errorf("code %v, n %v", code, n)
	}
	if percent.Value(0).LowBits() != 613 || !percent.IsNull(1) || exact.Value(0) != 61.25 || !exact.IsNull(1) {
		t.Errorf("percent %v, exact %v", percent, exact)
	}
	if ward.Value(0) != "鶴見区" || ward.Value(1) != "" || !flag.Value(0) || flag.Value(1) {
		t.Errorf("ward %v, flag %v", ward, flag)
	}
}
