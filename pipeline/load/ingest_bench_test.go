package load

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"math/big"
	"path/filepath"
	"testing"

	"github.com/marcboeker/go-duckdb"

	"github.com/shihyo/shihyo/gen"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/responses"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
	"github.com/shihyo/shihyo/queries"
)

// BenchmarkIngestWave compares two ways of getting checked waves (16 waves
// of 1,500 respondents × 44 keys) into the respondents table, one row per
// respondent with the answers as a LIST:
//
//   - arrow: one record batch per wave over the wave's own slices,
//     registered as a view and inserted by INSERT … SELECT (what the load
//     does);
//   - appender: go-duckdb's Appender, row by row, the answers as []any.
//     It crashes on a NULL element of a list (go-duckdb v1.8.2, in
//     setNull), so blanks go in as −1 here: its best case.
//
// On the 2-core machine of BENCHMARKS.md: arrow ≈ 55 ms, appender ≈ 3×;
// a table of 44 INTEGER columns instead of the list (arrow) ≈ 2×.
func BenchmarkIngestWave(b *testing.B) {
	waves := benchWaves(b)
	b.Run("arrow", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			conn := benchConn(b)
			b.StartTimer()
			app := NewAppender(conn)
			for i, w := range waves {
				if err := app.appendRespondents(context.Background(), int32(i+1), w); err != nil {
					b.Fatal(err)
				}
			}
			if err := app.Close(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appender", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			conn := benchConn(b)
			b.StartTimer()
			for i, w := range waves {
				if err := appendWithAppender(conn, int32(i+1), w); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func benchWaves(b *testing.B) []*microdata.Wave {
	b.Helper()
	ctx := context.Background()
	dir := b.TempDir()
	if err := gen.Generate(ctx, gen.Options{Out: dir, Wards: 4, Years: 4, Respondents: 1500, Questions: 40}); err != nil {
		b.Fatal(err)
	}
	ds, err := input.Read(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	read, err := responses.ReadAll(ctx, ds)
	if err != nil {
		b.Fatal(err)
	}
	var out []*microdata.Wave
	for _, m := range read {
		w, err := microdata.FromModel(m)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, w)
	}
	return out
}

func appendWithAppender(conn *sql.Conn, id int32, w *microdata.Wave) error {
	return conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "respondents")
		if err != nil {
			return err
		}
		units := new(big.Int)
		for r := range w.N {
			row := w.Row(r)
			list := make([]any, len(row))
			for i, c := range row {
				list[i] = c
			}
			wt, u := 1.0, microdata.U128{Lo: 1}
			if w.Weights != nil {
				wt, u = w.Weights[r], w.Units[r]
			}
			units.Set(u.Big())
			if err := app.AppendRow(id, int32(r+1), wt, units, list); err != nil {
				app.Close()
				return err
			}
		}
		return app.Close()
	})
}

// benchConn opens a fresh database file with the microdata tables.
func benchConn(b *testing.B) *sql.Conn {
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
	if err := queries.Exec(ctx, conn, "create_microdata"); err != nil {
		b.Fatal(err)
	}
	return conn
}
