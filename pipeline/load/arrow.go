package load

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
	"github.com/shihyo/shihyo/queries"
)

// A wave's rows reach DuckDB as one Arrow record batch registered as a
// view (duckdb Arrow.RegisterView) and inserted by one INSERT … SELECT:
// the arrays are built straight over the wave's own slices, with no call
// per value. The Appender, which sets a LIST value element by element
// through reflection, took about three times as long
// (BenchmarkIngestWave).

// respondentColumns are the columns of respondents, in the order
// insert_respondents gives them (TestTableColumns compares them).
var respondentColumns = []string{"wave_id", "respondent_no", "weight", "weight_units", "answers"}

// respondentsSchema is the record batch of a wave's rows, column by column
// as in the respondents table (queries/create_microdata.sql). HUGEINT has
// no Arrow type: the exact weights travel as DECIMAL(38,0).
var respondentsSchema = arrow.NewSchema([]arrow.Field{
	{Name: "respondent_no", Type: arrow.PrimitiveTypes.Int32},
	{Name: "weight", Type: arrow.PrimitiveTypes.Float64},
	{Name: "weight_units", Type: &arrow.Decimal128Type{Precision: 38, Scale: 0}},
	{Name: "answers", Type: arrow.ListOf(arrow.PrimitiveTypes.Int32)},
}, nil)

// waveRecord builds the record batch of w's rows: respondent_no 1…N in
// file order, the weights, and the answers with 無回答 as NULL.
func waveRecord(w *microdata.Wave) arrow.Record {
	n, k := w.N, len(w.Keys)
	nos := make([]int32, n)
	weights := make([]float64, n)
	units := make([]uint64, 2*n) // decimal128: low word, then high word
	for r := range n {
		nos[r] = int32(r + 1)
		if w.Weights == nil {
			weights[r], units[2*r] = 1, 1
		} else {
			weights[r], units[2*r], units[2*r+1] = w.Weights[r], w.Units[r].Lo, w.Units[r].Hi
		}
	}
	valid := make([]byte, bitutil.BytesForBits(int64(n*k)))
	blanks := 0
	for i, c := range w.Codes {
		if c == model.Blank {
			blanks++
		} else {
			bitutil.SetBit(valid, i)
		}
	}
	offsets := make([]int32, n+1)
	for r := range offsets {
		offsets[r] = int32(r * k)
	}
	child := array.NewData(arrow.PrimitiveTypes.Int32, n*k,
		[]*memory.Buffer{memory.NewBufferBytes(valid), memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(w.Codes))}, nil, blanks, 0)
	defer child.Release()
	cols := []arrow.Array{
		primitive(arrow.PrimitiveTypes.Int32, n, arrow.Int32Traits.CastToBytes(nos)),
		primitive(arrow.PrimitiveTypes.Float64, n, arrow.Float64Traits.CastToBytes(weights)),
		primitive(respondentsSchema.Field(2).Type, n, arrow.Uint64Traits.CastToBytes(units)),
		array.MakeFromData(array.NewData(respondentsSchema.Field(3).Type, n,
			[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offsets))}, []arrow.ArrayData{child}, 0, 0)),
	}
	rec := array.NewRecord(respondentsSchema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// primitive is an array of n values of type t without nulls over data.
func primitive(t arrow.DataType, n int, data []byte) arrow.Array {
	d := array.NewData(t, n, []*memory.Buffer{nil, memory.NewBufferBytes(data)}, nil, 0, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// Appender appends waves to the respondents table, each through a view of
// its record batch. The view is replaced by the next wave's rather than
// dropped (a DROP VIEW in the transaction costs more than the insert of a
// wave), and the stream it was registered from is freed once it has been
// replaced; Close drops the last. It is used by one goroutine.
type Appender struct {
	conn    *sql.Conn
	release func() // the stream of the current view
}

// NewAppender returns an Appender on conn, in the caller's transaction.
func NewAppender(conn *sql.Conn) *Appender { return &Appender{conn: conn} }

// appendRespondents inserts the rows of w as wave id.
func (a *Appender) appendRespondents(ctx context.Context, id int32, w *microdata.Wave) error {
	reader := queries.OneRecord(waveRecord(w))
	defer reader.Release()
	var release func()
	err := queries.WithArrow(a.conn, func(ar *duckdb.Arrow) (err error) {
		release, err = ar.RegisterView(reader, waveView)
		return err
	})
	if err != nil {
		return fmt.Errorf("append respondents: %w", err)
	}
	a.free()
	a.release = release
	return queries.Exec(ctx, a.conn, "insert_respondents", id)
}

func (a *Appender) free() {
	if a.release != nil {
		a.release()
		a.release = nil
	}
}

// Close drops the view of the last wave and frees its stream: nothing may
// scan it any more.
func (a *Appender) Close(ctx context.Context) error {
	if a.release == nil {
		return nil
	}
	err := queries.Exec(ctx, a.conn, "drop_wave_rows")
	a.free()
	return err
}

// waveView is the name of the temporary view of a wave's record batch
// (queries/insert_respondents.sql reads it); each wave replaces it.
const waveView = "wave_rows"

// appendRecord adds the rows of one record batch of select_wave_rows
// (respondent_no, weight, weight_units, answers) to w.
func appendRecord(w *microdata.Wave, rec arrow.Record) error {
	if rec.NumCols() != 4 {
		return fmt.Errorf("read wave: %d columns", rec.NumCols())
	}
	weights, ok1 := rec.Column(1).(*array.Float64)
	units, ok2 := rec.Column(2).(*array.Decimal128)
	answers, ok3 := rec.Column(3).(*array.List)
	if !ok1 || !ok2 || !ok3 {
		return fmt.Errorf("read wave: columns of types %v", rec.Schema())
	}
	values, ok := answers.ListValues().(*array.Int32)
	if !ok {
		return fmt.Errorf("read wave: answers of type %v", answers.ListValues().DataType())
	}
	k := len(w.Keys)
	for r := range int(rec.NumRows()) {
		lo, hi := answers.ValueOffsets(r)
		if int(hi-lo) != k {
			return fmt.Errorf("read wave: row %d has %d answers for %d keys", w.N+1, hi-lo, k)
		}
		for i := lo; i < hi; i++ {
			c := model.Blank
			if values.IsValid(int(i)) {
				c = values.Value(int(i))
			}
			w.Codes = append(w.Codes, c)
		}
		w.Weights = append(w.Weights, weights.Value(r))
		w.Units = append(w.Units, u128(units.Value(r)))
		w.N++
	}
	return nil
}
