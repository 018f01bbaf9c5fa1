// Package sitetables writes the tables of a published site: actuals.csv,
// breakdowns.csv and frequencies.csv.
package sitetables

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/internal/csvsafe"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// The published tables (actuals.csv, breakdowns.csv, frequencies.csv)
// have the columns of the `csv` tags of their rows' types, in order.
// A tag is `csv:"name"` or `csv:"name,format"`: a text field is
// neutralised (csvsafe), a number written as Go writes it, and a float
// with the format
//
//	decimal  one decimal, as published (present.Decimal): 59.8
//	exact    ten decimals, to check against other software: 59.8165137615
//
// A NULL (sql.NullFloat64, sql.NullInt64) is an empty cell.

// ActualsHeader is the machine columns of actuals.csv (and of the
// Parquet export), in an order programs may rely on.
var ActualsHeader = csvHeader[compute.Actual]()

// FiscalYearLabel is the column of actuals.csv after ActualsHeader that
// writes fiscal_year as staff read it, in 和暦 (令和5年度): the machine
// columns keep 西暦 and their order, and this one is appended for people.
const FiscalYearLabel = "年度"

// BreakdownsHeader is the header of breakdowns.csv.
var BreakdownsHeader = csvHeader[compute.Breakdown]()

// WriteActualsCSV writes actuals as UTF-8 CSV (no BOM: the file is for
// programs; the export command writes Excel-ready files). serve hands the
// file out and staff open it in Excel all the same, so every text column
// (they come from the input files) is neutralised as the exports are: a
// title such as =HYPERLINK(…) is written as '=HYPERLINK(…). The numeric
// columns are our own numbers and are written as they are (-1.5 stays a
// number).
func WriteActualsCSV(w io.Writer, actuals []compute.Actual) error {
	year := labelColumn[compute.Actual]{FiscalYearLabel, func(a *compute.Actual) string {
		return wareki.Label(a.FiscalYear)
	}}
	return writeCSV(w, "actuals", actuals, append([]labelColumn[compute.Actual]{year}, flowColumns...)...)
}

// flowColumns are the columns of actuals.csv after 年度 (FlowHeader): the
// denominator's flow (compute.Actual, docs/statistics.md §7), after every
// earlier column so that none moves. flow_respondents is the wave's
// respondents, from which the four steps and n_valid add up.
var flowColumns = []labelColumn[compute.Actual]{
	{FlowHeader[0], func(a *compute.Actual) string { return strconv.Itoa(a.Respondents) }},
	{FlowHeader[1], func(a *compute.Actual) string { return compute.FlowCount(a.FlowFiltered) }},
	{FlowHeader[2], func(a *compute.Actual) string { return compute.FlowCount(a.FlowNotApplicable) }},
	{FlowHeader[3], func(a *compute.Actual) string { return compute.FlowCount(a.FlowNoAnswer) }},
	{FlowHeader[4], func(a *compute.Actual) string { return compute.FlowCount(a.FlowExcluded) }},
	{FlowHeader[5], func(a *compute.Actual) string { return a.FlowExcludedBy }},
	{FlowHeader[6], func(a *compute.Actual) string { return a.FlowPositiveBy }},
}

// FlowHeader is the header of the flow columns of actuals.csv.
var FlowHeader = []string{"flow_respondents", "flow_filtered", "flow_not_applicable", "flow_no_answer",
	"flow_excluded", "flow_excluded_by", "flow_positive_by"}

// labelColumn is a column written after the machine columns of a table:
// its header and how a row gives its cell.
type labelColumn[T any] struct {
	name string
	cell func(*T) string
}

// WriteBreakdownsCSV writes the breakdown cells as UTF-8 CSV. A suppressed
// cell keeps its row, so that readers see the category exists, with every
// value empty. Text columns are neutralised as in WriteActualsCSV.
func WriteBreakdownsCSV(w io.Writer, cells []compute.Breakdown) error {
	return writeCSV(w, "breakdowns", cells)
}

// WriteFrequenciesCSV writes the 単純集計 as UTF-8 CSV, like breakdowns.csv.
func WriteFrequenciesCSV(w io.Writer, rows []frequencies.Frequency) error {
	return writeCSV(w, "frequencies", rows)
}

// writeCSV writes the header of T and one record per row, each followed
// by the labels; what names the file in errors.
func writeCSV[T any](w io.Writer, what string, rows []T, labels ...labelColumn[T]) error {
	r := newRows(w, what, labels...)
	if err := r.Header(); err != nil {
		return err
	}
	return r.Write(rows)
}

// Rows writes the rows of a published table a few at a time: a refresh
// that reloaded one wave writes that wave's rows, and copies the others
// from the published file (package stage).
type Rows[T any] struct {
	what   string
	cw     *csv.Writer
	cols   []csvColumn
	labels []labelColumn[T]
	rec    []string // reused: the writer does not keep it
}

// BreakdownRows writes rows of breakdowns.csv (WriteBreakdownsCSV) to w.
func BreakdownRows(w io.Writer) *Rows[compute.Breakdown] {
	return newRows[compute.Breakdown](w, "breakdowns")
}

// FrequencyRows writes rows of frequencies.csv (WriteFrequenciesCSV) to w.
func FrequencyRows(w io.Writer) *Rows[frequencies.Frequency] {
	return newRows[frequencies.Frequency](w, "frequencies")
}

func newRows[T any](w io.Writer, what string, labels ...labelColumn[T]) *Rows[T] {
	return &Rows[T]{what: what, cw: csv.NewWriter(w), cols: csvColumns(reflect.TypeFor[T]()), labels: labels}
}

// Header writes the table's header line.
func (r *Rows[T]) Header() error {
	header := csvHeader[T]()
	for _, l := range r.labels {
		header = append(header, l.name)
	}
	if err := r.cw.Write(header); err != nil {
		return fmt.Errorf("write %s header: %w", r.what, err)
	}
	return r.flush()
}

// Write writes one record per row, each followed by the labels, and has
// them all in the writer when it returns.
func (r *Rows[T]) Write(rows []T) error {
	for i := range rows {
		r.rec = csvRecord(r.rec[:0], r.cols, reflect.ValueOf(&rows[i]).Elem())
		for _, l := range r.labels {
			r.rec = append(r.rec, csvsafe.Neutralise(l.cell(&rows[i])))
		}
		if err := r.cw.Write(r.rec); err != nil {
			return fmt.Errorf("write %s: %w", r.what, err)
		}
	}
	return r.flush()
}

func (r *Rows[T]) flush() error {
	r.cw.Flush()
	if err := r.cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", r.what, err)
	}
	return nil
}

// csvColumn is a column of a published table: its header, how its field
// is written and where the field is. A text column remembers the last
// text it neutralised: a table repeats its ward, title and survey down
// many rows.
type csvColumn struct {
	name, format string
	field        int
	kind         cellKind
	last, safe   string
}

// cellKind is how a field is written, found once per column rather than
// per cell: a look through an interface at every cell was most of the
// time of breakdowns.csv.
type cellKind int

const (
	otherCell cellKind = iota // as fmt writes it
	nullFloatCell
	nullIntCell
	floatCell
	boolCell
	intCell
	textCell
)

var (
	nullFloat = reflect.TypeFor[sql.NullFloat64]()
	nullInt   = reflect.TypeFor[sql.NullInt64]()
)

func kindOf(t reflect.Type) cellKind {
	switch {
	case t == nullFloat:
		return nullFloatCell
	case t == nullInt:
		return nullIntCell
	case t == reflect.TypeFor[float64]():
		return floatCell
	case t == reflect.TypeFor[bool]():
		return boolCell
	case t.Kind() == reflect.Int:
		return intCell
	case t.Kind() == reflect.String:
		return textCell
	}
	return otherCell
}

func csvColumns(t reflect.Type) []csvColumn {
	var out []csvColumn
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag, ok := f.Tag.Lookup("csv"); ok {
			name, format, _ := strings.Cut(tag, ",")
			out = append(out, csvColumn{name: name, format: format, field: i, kind: kindOf(f.Type)})
		}
	}
	return out
}

func csvHeader[T any]() []string {
	cols := csvColumns(reflect.TypeFor[T]())
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// csvRecord appends to out the cells of the row v.
func csvRecord(out []string, cols []csvColumn, v reflect.Value) []string {
	for i := range cols {
		out = append(out, cols[i].cell(v.Field(cols[i].field)))
	}
	return out
}

// cell writes one field as its column's format says.
func (c *csvColumn) cell(v reflect.Value) string {
	switch c.kind {
	case nullFloatCell:
		if !v.Field(1).Bool() { // Valid
			return ""
		}
		return number(v.Field(0).Float(), c.format)
	case nullIntCell:
		if !v.Field(1).Bool() {
			return ""
		}
		return strconv.FormatInt(v.Field(0).Int(), 10)
	case floatCell:
		return number(v.Float(), c.format)
	case boolCell:
		return strconv.FormatBool(v.Bool())
	case intCell:
		return strconv.FormatInt(v.Int(), 10)
	case textCell:
		// A cell a spreadsheet would run as a formula gets a leading '.
		if s := v.String(); s != c.last {
			c.last, c.safe = s, csvsafe.Neutralise(s)
		}
		return c.safe
	}
	return fmt.Sprint(v.Interface())
}

// number writes a float in format: decimal, exact, or as Go writes it.
func number(v float64, format string) string {
	switch format {
	case "decimal":
		return present.Decimal(v)
	case "exact":
		// Enough digits to check against other software (R agrees to 1e-9).
		return strconv.FormatFloat(v, 'f', 10, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
