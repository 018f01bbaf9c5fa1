package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"sync/atomic"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/decimal128"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/marcboeker/go-duckdb"
)

// Decimal is how a float64 column goes into a DECIMAL(Precision, Scale)
// column: Of gives its integer (tenths for a scale of 1).
type Decimal struct {
	Precision, Scale int32
	Of               func(float64) int64
}

// arrowView is the name of the temporary view InsertArrow inserts from.
const arrowView = "insert_rows"

// InsertArrow inserts rows into one of our own tables (a constant name,
// never input) in one INSERT … SELECT from an Arrow record batch of them,
// registered as a view: no call per value crosses into DuckDB, where the
// Appender makes one per text value (tens of thousands of breakdown cells
// with six texts each). Each column comes from the field tagged with its
// name, in the order of the `db` tags, which is the table's (as for
// AppendAll); text, integer, boolean, float and sql.Null* fields are
// taken, a float named in decimals as that DECIMAL. It runs in the
// caller's transaction.
func InsertArrow[T any](ctx context.Context, conn *sql.Conn, table string, rows []T, decimals map[string]Decimal) error {
	if !identRe.MatchString(table) {
		return fmt.Errorf("insert into %s: not an identifier", table)
	}
	if len(rows) == 0 {
		return nil
	}
	rec, err := record(rows, decimals)
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	reader := OneRecord(rec)
	defer reader.Release()
	var release func()
	err = WithArrow(conn, func(ar *duckdb.Arrow) (err error) {
		release, err = ar.RegisterView(reader, arrowView)
		return err
	})
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	defer release()
	// Every column, in order: DuckDB 1.1 misreads a registered stream
	// when a query projects some of its columns only.
	if _, err := conn.ExecContext(ctx, "INSERT INTO "+table+" SELECT * FROM "+arrowView); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	if _, err := conn.ExecContext(ctx, "DROP VIEW "+arrowView); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	return nil
}

// column builds one Arrow column from one field of every row.
type column struct {
	field   arrow.Field
	builder array.Builder
	add     func(v reflect.Value)
}

// record is rows as one record batch, a column per `db` field.
func record[T any](rows []T, decimals map[string]Decimal) (arrow.Record, error) {
	fs := fieldsOf(reflect.TypeFor[T]())
	cols := make([]column, len(fs))
	for i, f := range fs {
		c, err := newColumn(f.name, reflect.TypeFor[T]().FieldByIndex(f.index).Type, decimals[f.name])
		if err != nil {
			return nil, err
		}
		c.builder.Reserve(len(rows))
		cols[i] = c
	}
	for r := range rows {
		rv := reflect.ValueOf(&rows[r]).Elem()
		for i, f := range fs {
			cols[i].add(rv.FieldByIndex(f.index))
		}
	}
	fields := make([]arrow.Field, len(cols))
	arrays := make([]arrow.Array, len(cols))
	for i, c := range cols {
		fields[i], arrays[i] = c.field, c.builder.NewArray()
		c.builder.Release()
	}
	rec := array.NewRecord(arrow.NewSchema(fields, nil), arrays, int64(len(rows)))
	for _, a := range arrays {
		a.Release()
	}
	return rec, nil
}

var (
	nullFloat = reflect.TypeFor[sql.NullFloat64]()
	nullInt   = reflect.TypeFor[sql.NullInt64]()

	nullFloatValue, nullFloatValid = fieldIndex(nullFloat, "Float64"), fieldIndex(nullFloat, "Valid")
	nullIntValue, nullIntValid     = fieldIndex(nullInt, "Int64"), fieldIndex(nullInt, "Valid")
)

func fieldIndex(t reflect.Type, name string) int {
	f, _ := t.FieldByName(name)
	return f.Index[0]
}

// newColumn is the column of a field named name of type t.
func newColumn(name string, t reflect.Type, dec Decimal) (column, error) {
	mem := memory.DefaultAllocator
	c := column{field: arrow.Field{Name: name, Nullable: true}}
	switch {
	case dec.Of != nil && (t.Kind() == reflect.Float64 || t == nullFloat):
		typ := &arrow.Decimal128Type{Precision: dec.Precision, Scale: dec.Scale}
		b := array.NewDecimal128Builder(mem, typ)
		c.field.Type, c.builder = typ, b
		c.add = nullable(t, b, func(v float64) { b.Append(decimal128.FromI64(dec.Of(v))) })
	case t.Kind() == reflect.Float64 || t == nullFloat:
		b := array.NewFloat64Builder(mem)
		c.field.Type, c.builder = arrow.PrimitiveTypes.Float64, b
		c.add = nullable(t, b, b.Append)
	case t == nullInt:
		b := array.NewInt64Builder(mem)
		c.field.Type, c.builder = arrow.PrimitiveTypes.Int64, b
		c.add = func(v reflect.Value) {
			// The fields of sql.NullInt64 (Int64, Valid) are read in
			// place: v.Interface would box every value.
			if v.Field(nullIntValid).Bool() {
				b.Append(v.Field(nullIntValue).Int())
			} else {
				b.AppendNull()
			}
		}
	case t.Kind() == reflect.String:
		b := array.NewStringBuilder(mem)
		c.field.Type, c.builder, c.add = arrow.BinaryTypes.String, b, func(v reflect.Value) { b.Append(v.String()) }
	case t.Kind() == reflect.Bool:
		b := array.NewBooleanBuilder(mem)
		c.field.Type, c.builder, c.add = arrow.FixedWidthTypes.Boolean, b, func(v reflect.Value) { b.Append(v.Bool()) }
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		b := array.NewInt64Builder(mem)
		c.field.Type, c.builder, c.add = arrow.PrimitiveTypes.Int64, b, func(v reflect.Value) { b.Append(v.Int()) }
	default:
		return c, fmt.Errorf("column %s: no Arrow type for %v", name, t)
	}
	return c, nil
}

// nullable adds a float64 field, or a sql.NullFloat64 one (NULL when not
// Valid), through add.
func nullable(t reflect.Type, b array.Builder, add func(float64)) func(reflect.Value) {
	if t != nullFloat {
		return func(v reflect.Value) { add(v.Float()) }
	}
	return func(v reflect.Value) {
		if v.Field(nullFloatValid).Bool() { // read in place, as for a sql.NullInt64
			add(v.Field(nullFloatValue).Float())
		} else {
			b.AppendNull()
		}
	}
}

// oneRecord is a record reader of one record that lets go of it as soon as
// it has been read. go-duckdb's RegisterView frees the stream it exports
// without releasing it, and so never releases the reader (package cdata
// retains it for the stream): a reader that kept its record would keep
// every record ever inserted alive, the microdata of every wave of a
// refresh included.
type oneRecord struct {
	refs     atomic.Int64
	schema   *arrow.Schema
	rec, cur arrow.Record
}

// OneRecord reads rec once; it takes over the caller's reference to rec.
func OneRecord(rec arrow.Record) array.RecordReader {
	r := &oneRecord{schema: rec.Schema(), rec: rec}
	r.refs.Store(1)
	return r
}

func (r *oneRecord) Schema() *arrow.Schema { return r.schema }
func (r *oneRecord) Record() arrow.Record  { return r.cur }
func (r *oneRecord) Err() error            { return nil }
func (r *oneRecord) Retain()               { r.refs.Add(1) }

func (r *oneRecord) Next() bool {
	r.drop()
	if r.rec == nil {
		return false
	}
	r.cur, r.rec = r.rec, nil
	return true
}

// drop releases the record last read.
func (r *oneRecord) drop() {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
}

func (r *oneRecord) Release() {
	if r.refs.Add(-1) == 0 {
		r.drop()
		if r.rec != nil {
			r.rec.Release()
			r.rec = nil
		}
	}
}

// WithDriver runs fn with conn's DuckDB driver connection, which go-duckdb's
// appenders and Arrow interface take and database/sql does not expose.
func WithDriver(conn *sql.Conn, fn func(driver.Conn) error) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		return fn(c)
	})
}

// WithArrow runs fn with go-duckdb's Arrow interface on conn: record
// batches in (RegisterView) and out (QueryContext).
func WithArrow(conn *sql.Conn, fn func(*duckdb.Arrow) error) error {
	return WithDriver(conn, func(c driver.Conn) error {
		ar, err := duckdb.NewArrowFromConn(c)
		if err != nil {
			return err
		}
		return fn(ar)
	})
}
