package export

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/compress"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
	"github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/queries"
)

// PartFile is the name of the one file in each partition folder.
const PartFile = "part-0.parquet"

// exportParquet writes the actuals table, one row per indicator (series) × wave, to
// a Parquet file, or with opts.Partition to a folder of
// ward=…/fiscal_year=…/part-0.parquet files. It returns the rows written.
func exportParquet(ctx context.Context, conn *sql.Conn, opts Options) (int, error) {
	var year any // NULL: every fiscal year
	if opts.FiscalYear != 0 {
		year = opts.FiscalYear
	}
	if !opts.Partition {
		var n int
		err := writeFile(opts.Output, opts.Force, func(w io.Writer) (err error) {
			n, err = queryParquet(ctx, conn, w, "export_actuals_arrow", year)
			return err
		})
		return n, err
	}
	staged, err := fsatomic.Stage(opts.Output)
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(staged) // gone after a successful rename; cleans up otherwise
	n, err := writePartitions(ctx, conn, staged, year)
	if err != nil {
		return 0, err
	}
	return n, placeFolder(staged, opts.Output, opts.Force, opts.Logger)
}

type partition struct {
	ward       string
	fiscalYear int
}

// writePartitions writes one Parquet file per ward × fiscal year under dir,
// in folders named the Hive way (read_parquet(…, hive_partitioning = true)
// reads the ward and fiscal_year columns back from them).
func writePartitions(ctx context.Context, conn *sql.Conn, dir string, year any) (int, error) {
	var parts []partition
	err := queries.Each(ctx, conn, "export_partitions", []any{year}, func(rows *sql.Rows) error {
		var p partition
		if err := rows.Scan(&p.ward, &p.fiscalYear); err != nil {
			return err
		}
		parts = append(parts, p)
		return nil
	})
	if err != nil {
		return 0, err
	}
	total := 0
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		folder := filepath.Join(dir, "ward="+partitionValue(p.ward), "fiscal_year="+strconv.Itoa(p.fiscalYear))
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return 0, fmt.Errorf("create folder %s: %w", folder, err)
		}
		err := writeFile(filepath.Join(folder, PartFile), false, func(w io.Writer) error {
			n, err := queryParquet(ctx, conn, w, "export_partition_arrow", p.ward, p.fiscalYear)
			total += n
			return err
		})
		if err != nil {
			return 0, err
		}
	}
	return total, nil
}

// partitionValue escapes a ward name for a folder name as Hive does: %XX
// for the characters a path or a partition cannot hold. Ward names are
// Japanese text and normally pass unchanged.
func partitionValue(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x20 || c == 0x7f || strings.IndexByte(`"%*/:<=>?\^{|}[]#'`, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	v := b.String()
	switch {
	case v == "":
		return "__HIVE_DEFAULT_PARTITION__"
	case strings.Trim(v, ".") == "":
		return strings.Repeat("%2E", len(v)) // not a path to the parent
	}
	return v
}

// queryParquet runs the named query through DuckDB's Arrow interface and
// writes its records to w as one Parquet file. The writer does not close
// w. It returns the number of rows.
func queryParquet(ctx context.Context, conn *sql.Conn, w io.Writer, name string, args ...any) (int, error) {
	q, err := queries.Text(name)
	if err != nil {
		return 0, err
	}
	rows := 0
	err = queries.WithArrow(conn, func(ar *duckdb.Arrow) error {
		rr, err := ar.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("query %s: %w", name, err)
		}
		defer rr.Release()
		rows, err = writeRecords(w, rr)
		if err != nil {
			return fmt.Errorf("write parquet: %w", err)
		}
		return nil
	})
	return rows, err
}

// writeRecords writes every record of rr to w as a Snappy-compressed
// Parquet file that carries its Arrow schema.
func writeRecords(w io.Writer, rr array.RecordReader) (int, error) {
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy))
	fw, err := pqarrow.NewFileWriter(rr.Schema(), w, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return 0, err
	}
	rows := 0
	for rr.Next() {
		rec := rr.Record()
		if err := fw.WriteBuffered(rec); err != nil {
			fw.Close()
			return 0, err
		}
		rows += int(rec.NumRows())
	}
	if err := rr.Err(); err != nil {
		fw.Close()
		return 0, err
	}
	return rows, fw.Close()
}
