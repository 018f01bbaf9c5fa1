package queries

import (
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
