package queries

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"sync"
)

// A table's columns are declared once, as the `db` tags of the Go struct
// its rows are (compute.Actual for actuals, model.Indicator for
// indicators …), in the order of the table's CREATE in its .sql file. From
// them come the INSERT statement (columns by name, never by position), the
// arguments of each row, and the scan of a query's result by column name.
// A test beside each struct compares its columns with DESCRIBE of the
// table its CREATE makes, so that the two cannot drift apart.
//
// Only our own constants reach the text of a statement: the table name is
// a literal of the caller and the column names are struct tags, both
// checked against identRe; values are always bound with ?.
//
// A tag is `db:"name"`; a field without one is not a column; an embedded
// struct without a tag contributes its own columns in place.

var identRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// field is one column of a struct type: its name and where it is.
type field struct {
	name  string
	index []int
}

var fieldCache sync.Map // reflect.Type → []field

func fieldsOf(t reflect.Type) []field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]field)
	}
	var out []field
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			index := append(append([]int(nil), prefix...), i)
			name, ok := sf.Tag.Lookup("db")
			switch {
			case ok && name != "-":
				out = append(out, field{name: name, index: index})
			case !ok && sf.Anonymous && sf.Type.Kind() == reflect.Struct:
				walk(sf.Type, index)
			}
		}
	}
	walk(t, nil)
	fieldCache.Store(t, out)
	return out
}

// Columns lists the columns of the struct type T, in order.
func Columns[T any]() []string {
	fs := fieldsOf(reflect.TypeFor[T]())
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

// Insert returns the statement that inserts one row of T into table,
// naming every column: INSERT INTO table (a, b, …) VALUES (?, ?, …). It
// refuses a table or column name that is not a plain identifier.
func Insert[T any](table string) (string, error) {
	cols := Columns[T]()
	for _, name := range append([]string{table}, cols...) {
		if !identRe.MatchString(name) {
			return "", fmt.Errorf("insert into %s: %q is not an identifier", table, name)
		}
	}
	if len(cols) == 0 {
		return "", fmt.Errorf("insert into %s: %s has no columns", table, reflect.TypeFor[T]())
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "), marks), nil
}

// InsertAll inserts each of rows into table on conn, through one prepared
// Insert statement.
func InsertAll[T any](ctx context.Context, conn Preparer, table string, rows []T) error {
	q, err := Insert[T](table)
	if err != nil {
		return err
	}
	stmt, err := conn.PrepareContext(ctx, q)
	if err != nil {
		return fmt.Errorf("prepare insert into %s: %w", table, err)
	}
	defer stmt.Close()
	for i := range rows {
		if _, err := stmt.ExecContext(ctx, Values(&rows[i])...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// Preparer prepares a statement; *sql.DB, *sql.Conn and *sql.Tx all do.
type Preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Values returns the column values of v in Columns order, as the driver
// takes them: a driver.Valuer (sql.NullFloat64 …) as it is, a value of a
// named string, integer, float or bool type (stats.Status …) as its
// underlying Go type.
func Values[T any](v *T) []any {
	rv := reflect.ValueOf(v).Elem()
	fs := fieldsOf(rv.Type())
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = plain(rv.FieldByIndex(f.index))
	}
	return out
}

func plain(v reflect.Value) any {
	if vr, ok := v.Interface().(driver.Valuer); ok {
		return vr
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.Bool:
		return v.Bool()
	}
	return v.Interface()
}

// ScanByName scans the current row of rows into v, each result column
// into the field tagged with its name. A result column that is no column
// of T is an error: the query and the struct disagree.
func ScanByName[T any](rows *sql.Rows, v *T) error {
	names, err := rows.Columns()
	if err != nil {
		return err
	}
	rv := reflect.ValueOf(v).Elem()
	byName := map[string][]int{}
	for _, f := range fieldsOf(rv.Type()) {
		byName[f.name] = f.index
	}
	dest := make([]any, len(names))
	for i, n := range names {
		index, ok := byName[n]
		if !ok {
			return fmt.Errorf("scan column %q: no such column in %s", n, rv.Type())
		}
		dest[i] = rv.FieldByIndex(index).Addr().Interface()
	}
	return rows.Scan(dest...)
}

// TableColumns returns the columns of table as the database has them, in
// order; the tests compare them with Columns of the table's struct.
func TableColumns(ctx context.Context, db Querier, table string) ([]string, error) {
	var out []string
	err := Each(ctx, db, "table_columns", []any{table}, func(rows *sql.Rows) error {
		var c string
		err := rows.Scan(&c)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("describe %s: %w", table, err)
	}
	return out, nil
}
