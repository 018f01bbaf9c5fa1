package pipeline

import (
	"context"
	"crypto/sha256"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/gen"
)

func fileSum(t *testing.T, p string) ([32]byte, int64) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b), int64(len(b))
}

// TestCancelledLoadLeavesDatabaseByteIdentical: a refresh cancelled once
// it has loaded a large wave (more rows than DuckDB keeps in memory, so
// that they reach the file), before it commits the load or once it has
// (its transactions run in the side file: store.Decide commits the load
// while the waves are decided), leaves the database file byte for byte
// as it was, no larger, and no side file behind. The next refresh loads
// the wave.
func TestCancelledLoadLeavesDatabaseByteIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads 320,000 answers (skipped with -short)")
	}
	for _, step := range []string{StepLoaded, StepDecided} {
		t.Run(step, func(t *testing.T) { cancelledAt(t, step) })
	}
}

func cancelledAt(t *testing.T, step string) {
	ctx := context.Background()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	// One wave of 8,000 respondents × 20 questions: 160,000 answer rows,
	// more than one DuckDB row group (122,880).
	if err := gen.Generate(ctx, gen.Options{Out: data, Wards: 1, Years: 2, Respondents: 8000, Questions: 20}); err != nil {
		t.Fatal(err)
	}
	opts := Options{DataDir: data, DB: filepath.Join(dir, "db", "shihyo.duckdb"), Out: filepath.Join(dir, "out")}
	mustRefresh(t, opts)
	sum, size := fileSum(t, opts.DB)
	responses, err := filepath.Glob(filepath.Join(data, "responses", "*.csv"))
	if err != nil || len(responses) != 2 {
		t.Fatalf("responses: %v %v", responses, err)
	}
	for _, p := range responses {
		// Any change reloads the wave: here an empty line at the end,
		// which the reader accepts (Excel leaves them).
		b := []byte(readFile(t, p))
		if err := os.WriteFile(p, append(b, b[len(b)-1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts.Logger = slog.New(&onStep{step: step, do: cancel})
	_, err = Refresh(cctx, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Refresh = %v; want context.Canceled", err)
	}
	if got, gotSize := fileSum(t, opts.DB); got != sum {
		t.Errorf("the cancelled refresh changed the database file: %d bytes, was %d", gotSize, size)
	}
	if left := dbSideFiles(opts.DB); len(left) > 0 {
		t.Errorf("left beside the database: %v", left)
	}
	if got := outcomes(t, opts); !slices.Equal(got, []string{status.OK, status.Cancelled}) {
		t.Errorf("runs = %v", got)
	}
}

// dbSideFiles lists the side files of the database db beside it: the
// temporaries of fsatomic's scheme (.<db>.tmp-*, DuckDB's .wal with them)
// and those of earlier versions (<db>.next-*).
func dbSideFiles(db string) []string {
	cur, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "."+filepath.Base(db)+".tmp-*"))
	old, _ := filepath.Glob(db + ".next-*")
	return append(cur, old...)
}
