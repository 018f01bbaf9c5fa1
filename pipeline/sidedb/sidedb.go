// Package sidedb is the side file a loading refresh runs its transactions
// in: the database is copied beside itself (.<db>.tmp-*, a temporary of
// package fsatomic's scheme; DuckDB puts its .wal and .tmp beside it),
// every transaction of the refresh runs in the copy (CommitPart commits
// one part while the next is computed: a committed part of a refresh
// that then fails goes with the copy), which is committed, checkpointed
// and closed, and the copy is then renamed over the database. The database
// file is never written in place, so a refresh that fails, is cancelled or
// killed, or fills the disk leaves it byte for byte as it was (DuckDB does
// not shrink a file that a rolled-back load made larger), and what it left
// is removed by the next refresh under the lock (CleanStale). A no-op
// refresh copies nothing. The cost is one copy of the database per loading
// refresh, and room on its file system for a second copy; a full reload,
// which replaces every table, starts from an empty file instead.
package sidedb

import (
	"context"
	"database/sql"
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

// legacyTemps are the names of side files of earlier versions, removed
// with the current ones.
var legacyTemps = []string{"%s.next-*"}

// File is an open side file of the database Target.
type File struct {
	Conn   *sql.Conn // one connection, which the refresh's transactions run on
	db     *sql.DB
	path   string
	target string
	mode   fs.FileMode // set before the rename when the file is new; 0 for a copy
}

// Open makes a side file of the database target and opens it. data is
// the database, open, or nil when there is none yet: then, or when fresh,
// the side file starts empty (taking the database's permissions when it
// replaces it); otherwise it is a copy, made after the database's WAL (if
// an earlier version left one) is checkpointed into it. The database
// stays open (and so locked against other programs) until Replace.
func Open(ctx context.Context, target string, data *sql.Conn, fresh bool) (*File, error) {
	tmp, err := fsatomic.CreateTemp(target)
	if err != nil {
		return nil, fmt.Errorf("create side file of the database: %w", err)
	}
	f := &File{path: tmp.Name(), target: target}
	if data == nil || fresh {
		// DuckDB makes the file (it refuses an empty one).
		err = errors.Join(tmp.Close(), os.Remove(tmp.Name()))
		if err == nil && data != nil {
			f.mode, err = modeOf(target)
		}
	} else {
		err = errors.Join(copyData(ctx, data, target, tmp), tmp.Close())
	}
	if err == nil {
		f.db, f.Conn, err = OpenFile(ctx, f.path)
	}

	if err != nil {
		f.Drop()
		return nil, err
	}
	return f, nil
}

// OpenFile opens the DuckDB file at path and one connection to it, with
// DuckDB on one thread (queries/one_thread.sql). Every statement a refresh
// runs has Go work beside it that fills the other cores (the waves read
// while one is stored, the pages rendered while the tables are stored, the
// decisions made while the load is committed), and while DuckDB's workers
// run a statement, the thread that called it spins on the connection's
// lock (about 5% of a refresh's samples in pthread_mutex_lock and unlock).
// On one thread the caller does the work itself: a full refresh at osaka
// scale took about 6% less time, at 10× about 18% less (BENCHMARKS.md,
// finding 33).
func OpenFile(ctx context.Context, path string) (*sql.DB, *sql.Conn, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", path, err)
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		// A statement, not the DSN's ?threads=1: a path with a # would
		// have dropped that silently.
		err = queries.Exec(ctx, conn, "one_thread")
	}
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		db.Close()
		return nil, nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, conn, nil
}

// copyData copies the database file into f, keeping its mode.
func copyData(ctx context.Context, data *sql.Conn, target string, f *os.File) error {
	if err := queries.Exec(ctx, data, "checkpoint"); err != nil {
		return err
	}
	src, err := os.Open(target)
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

// modeOf is the permissions of the database, which a new side file takes
// before it replaces it, as a copy keeps them.
func modeOf(db string) (fs.FileMode, error) {
	st, err := os.Stat(db)
	if err != nil {
		return 0, fmt.Errorf("create side file of the database: %w", err)
	}
	return st.Mode().Perm(), nil
}

// CommitPart commits the transaction in progress on Conn, writes it into
// the file (CHECKPOINT) and begins the next: a part of the refresh done
// while the rest goes on, which goes with the side file if the refresh
// then fails.
func (f *File) CommitPart(ctx context.Context) error {
	return f.exec(ctx, "commit", "checkpoint", "begin")
}

// Commit commits the transaction in progress on Conn and begins the next,
// leaving what it wrote in the WAL (which DuckDB checkpoints on its own
// once it outgrows checkpoint_threshold): for a small part, whose
// checkpoint the next CommitPart or Close does with the rest. Each
// checkpoint rewrites every row group a part appended to, so two small
// parts cost nearly twice what one does.
func (f *File) Commit(ctx context.Context) error {
	return f.exec(ctx, "commit", "begin")
}

func (f *File) exec(ctx context.Context, names ...string) error {
	for _, q := range names {
		if err := queries.Exec(ctx, f.Conn, q); err != nil {
			return err
		}
	}
	return nil
}

// Close checkpoints and closes the committed side file (so that nothing
// of it is left in a WAL) and syncs it; it is not the database yet, and
// Drop still removes it.
func (f *File) Close(ctx context.Context) error {
	if err := queries.Exec(ctx, f.Conn, "checkpoint"); err != nil {
		return err
	}
	err := errors.Join(f.Conn.Close(), f.db.Close())
	f.Conn, f.db = nil, nil
	if err != nil {
		return fmt.Errorf("close side file of the database: %w", err)
	}
	if _, err := os.Lstat(f.path + ".wal"); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("close side file of the database: %s.wal remains", filepath.Base(f.path))
	}
	if f.mode != 0 {
		if err := os.Chmod(f.path, f.mode); err != nil {
			return fmt.Errorf("replace database: %w", err)
		}
	}
	return syncFile(f.path)
}

// Replace calls closeData (which must close the database) and renames the
// closed side file over it. From the rename on, the new database is in
// place.
func (f *File) Replace(closeData func()) error {
	closeData()
	if err := os.Rename(f.path, f.target); err != nil {
		return fmt.Errorf("replace database: %w", err)
	}
	f.path = ""
	return syncFile(filepath.Dir(f.target)) // the rename itself, against a power cut
}

func syncFile(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("sync %s: %w", p, err)
	}
	return errors.Join(f.Sync(), f.Close())
}

// Drop closes and removes a side file that did not replace the database;
// after Replace, and on a nil *File, it does nothing.
func (f *File) Drop() {
	if f == nil {
		return
	}
	if f.Conn != nil {
		f.Conn.Close()
		f.db.Close()
		f.Conn, f.db = nil, nil
	}
	if f.path != "" {
		for _, p := range []string{f.path, f.path + ".wal", f.path + ".tmp"} {
			os.RemoveAll(p)
		}
		f.path = ""
	}
}

// CleanStale removes the side files a killed refresh left beside the
// database db. The caller holds the refresh lock, so none is in use. One
// that cannot be removed is a warning: the database is whole without it.
func CleanStale(db string, log *slog.Logger) error {
	return fsatomic.CleanStale(db, log, legacyTemps...)
}
