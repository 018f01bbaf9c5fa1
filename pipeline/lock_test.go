package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/lock"
)

// TestRefreshRefusedWhileOutLocked: a refresh of another database into the
// same published folder holds the folder's lock; this refresh is refused
// at once, naming the folder, the holder and its database, and touches
// neither its database nor the folder. It is refused the same on a first
// refresh (no database yet: the lock is only probed) and on a later one.
func TestRefreshRefusedWhileOutLocked(t *testing.T) {
	opts := copySmall(t)
	other := filepath.Join(t.TempDir(), "other.duckdb")
	held, err := lock.Acquire(lock.OutPath(opts.Out), other, lock.LockedError{DB: other, Out: opts.Out})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	for _, first := range []bool{true, false} {
		t.Run("first="+strconv.FormatBool(first), func(t *testing.T) {
			if !first {
				held.Release()
				mustRefresh(t, opts)
				if held, err = lock.Acquire(lock.OutPath(opts.Out), other, lock.LockedError{DB: other, Out: opts.Out}); err != nil {
					t.Fatal(err)
				}
				edit(t, opts, "responses/w2020.csv", "\n2,1,3", "\n2,1,1")
			}
			before := tree(t, filepath.Dir(opts.Out))
			_, err := Refresh(context.Background(), opts)
			var le *lock.LockedError
			if !errors.Is(err, lock.ErrLocked) || !errors.As(err, &le) {
				t.Fatalf("Refresh = %v; want lock.ErrLocked", err)
			}
			msg := err.Error()
			for _, want := range []string{"公開フォルダ " + opts.Out, "PID " + strconv.Itoa(os.Getpid()), other, "更新中"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			if _, err := os.Stat(opts.DB); first && !errors.Is(err, os.ErrNotExist) {
				t.Error("a refused first refresh created the database")
			}
			if !first && tree(t, filepath.Dir(opts.Out)) != before {
				t.Error("a refused refresh changed the published folder or what is beside it")
			}
		})
	}
}
