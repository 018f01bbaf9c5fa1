package load

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/gen"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/responses"
	"github.com/shihyo/shihyo/queries"
)

// BenchmarkIngest compares the two ways of getting validated responses into
// DuckDB. Both start after the Go reader has checked every row (which is
// needed anyway to report FILE:LINE problems):
//
//   - appender: the parsed rows through go-duckdb's Appender (what Load does);
//   - read_csv: the transcoded UTF-8 text written to a temporary file and
//     read back by DuckDB's read_csv + UNPIVOT.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := gen.Generate(ctx, gen.Options{Out: dir, Wards: 2, Years: 2, Respondents: 2000, Questions: 30}); err != nil {
		b.Fatal(err)
	}
	ds, err := input.Read(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	waves, err := responses.ReadAll(ctx, ds)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("appender", func(b *testing.B) {
		for range b.N {
			conn := benchConn(b, ds, waves)
			if _, err := appendWaves(ctx, conn, waves); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read_csv", func(b *testing.B) {
		q, err := queries.Text("bench_read_csv_answers")
		if err != nil {
			b.Fatal(err)
		}
		for range b.N {
			conn := benchConn(b, ds, waves)
			for _, w := range waves {
				utf8 := transcode(b, ds, w)
				if _, err := conn.ExecContext(ctx, q, utf8, w.Survey.ID); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// benchConn opens a fresh database with the definitions loaded.
func benchConn(b *testing.B, ds *model.Dataset, waves []*model.Wave) *sql.Conn {
	b.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", filepath.Join(b.TempDir(), "bench.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close() })
	if err := queries.Exec(ctx, conn, "schema"); err != nil {
		b.Fatal(err)
	}
	if err := queries.Exec(ctx, conn, "create_microdata"); err != nil {
		b.Fatal(err)
	}
	if err := insertQuestions(ctx, conn, ds); err != nil {
		b.Fatal(err)
	}
	return conn
}

// transcode writes the wave's file as UTF-8 (the generated scale set is
// already UTF-8, so this is the copy the read_csv path always pays for).
func transcode(b *testing.B, ds *model.Dataset, w *model.Wave) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(ds.Dir, w.Survey.File))
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "utf8.csv")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return out
}
