package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/queries"
)

// A refresh that loads anything does so in a side file: the database is
// copied beside itself (.<db>.tmp-*, a temporary of package fsatomic's
// scheme; DuckDB puts its .wal and .tmp beside it), the whole transaction
// runs in the copy, which is committed, checkpointed and closed, and the
// copy is then renamed over the database. The database file is never written in
// place, so a refresh that fails, is cancelled or killed, or fills the
// disk leaves it byte for byte as it was (DuckDB does not shrink a file
// that a rolled-back load made larger), and what it left is removed by the
// next refresh under the lock. A no-op refresh copies nothing. The cost is
// one copy of the database per loading refresh, and room on its file
// system for a second copy.

// Temporary names of earlier versions, removed with the current ones
// (fsatomic.CleanStale): staging folders and status pages beside the
// published folder, side files of the database beside it.
var (
	legacyOutTemps = []string{".%s.new-*", ".%s.status-*"}
	legacyDBTemps  = []string{"%s.next-*"}
)

// openNext copies the database, if there is one, to a new side file and
// opens that as s.next. The database's WAL, if an earlier version left
// one, is checkpointed into the file first; on a clean database this
// writes nothing. The database stays open (and so locked against other
// programs) until commitNext.
func (s *session) openNext(ctx context.Context) error {
	f, err := fsatomic.CreateTemp(s.opts.DB)
	if err != nil {
		return fmt.Errorf("create side file of the database: %w", err)
	}
	s.nextPath = f.Name()
	if s.data == nil {
		// A first refresh: DuckDB makes the file (it refuses an empty one).
		err = errors.Join(f.Close(), os.Remove(f.Name()))
	} else {
		err = errors.Join(s.copyData(ctx, f), f.Close())
	}
	if err != nil {
		return err
	}
	s.nextDB, s.next, err = openDB(ctx, s.nextPath)
	return err
}

// copyData copies the database file into f, keeping its mode.
func (s *session) copyData(ctx context.Context, f *os.File) error {
	if err := queries.Exec(ctx, s.data, "checkpoint"); err != nil {
		return err
	}
	src, err := os.Open(s.opts.DB)
	if err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	if _, err := io.Copy(f, src); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	if err := f.Chmod(st.Mode().Perm()); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	return nil
}

// commitNext makes the committed side file the database: it checkpoints
// and closes it (so that nothing of it is left in a WAL), syncs it, closes
// the database and renames the side file over it. From the rename on, the
// new database is in place.
func (s *session) commitNext(ctx context.Context) error {
	if err := queries.Exec(ctx, s.next, "checkpoint"); err != nil {
		return err
	}
	err := errors.Join(s.next.Close(), s.nextDB.Close())
	s.next, s.nextDB = nil, nil
	if err != nil {
		return fmt.Errorf("close side file of the database: %w", err)
	}
	if _, err := os.Lstat(s.nextPath + ".wal"); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("close side file of the database: %s.wal remains", filepath.Base(s.nextPath))
	}
	if err := syncFile(s.nextPath); err != nil {
		return err
	}
	s.closeData()
	if err := os.Rename(s.nextPath, s.opts.DB); err != nil {
		return fmt.Errorf("replace database: %w", err)
	}
	s.nextPath = ""
	return syncFile(filepath.Dir(s.opts.DB)) // the rename itself, against a power cut
}

func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("sync %s: %w", p, err)
	}
	return errors.Join(f.Sync(), f.Close())
}

// dropNext closes and removes the side file of a refresh that did not
// complete; after commitNext there is none.
func (s *session) dropNext() {
	if s.next != nil {
		s.next.Close()
		s.nextDB.Close()
		s.next, s.nextDB = nil, nil
	}
	if s.nextPath != "" {
		for _, p := range []string{s.nextPath, s.nextPath + ".wal", s.nextPath + ".tmp"} {
			os.RemoveAll(p)
		}
		s.nextPath = ""
	}
}

// removeSideFiles removes the side files a killed refresh left beside the
// database db. The caller holds the refresh lock, so none is in use. One
// that cannot be removed is a warning: the database is whole without it.
func removeSideFiles(db string, log *slog.Logger) error {
	return fsatomic.CleanStale(db, log, legacyDBTemps...)
}

// closeData closes the database opened to read the manifest.
func (s *session) closeData() {
	if s.data != nil {
		s.data.Close()
		s.dataDB.Close()
		s.data, s.dataDB = nil, nil
	}
}
