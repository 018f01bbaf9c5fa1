// Package lock holds the advisory locks (flock) of a refresh: of the
// database, of the published folder, and of a schedule daemon. A lock
// file names its holder, so that a refused process can say who has it.
package lock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/shihyo/shihyo/internal/jst"
)

// ErrLocked is returned (wrapped in a *LockedError) when another process is
// refreshing the same database or the same published folder, or another
// daemon is scheduled on the database.
var ErrLocked = errors.New("database is locked by another process")

// Holder describes the process that holds a lock. PID is 0 when unknown.
type Holder struct {
	PID     int
	Command string    // e.g. "shihyo refresh", or the program DuckDB names
	Started time.Time // zero when unknown
	DB      string    // the database the holder refreshes; empty when unknown
}

// LockedError says which database or published folder is taken and by
// whom. It matches ErrLocked with errors.Is.
type LockedError struct {
	DB     string
	Out    string // set when the published folder is taken (by a refresh of another database)
	Holder Holder
	Daemon bool // the lock of a schedule daemon, not of one refresh
	Open   bool // DuckDB found the file open in another program (an export, the duckdb shell)
}

func (e *LockedError) Error() string {
	var who []string
	if e.Holder.PID > 0 {
		who = append(who, "PID "+strconv.Itoa(e.Holder.PID))
	}
	if e.Holder.Command != "" {
		who = append(who, e.Holder.Command)
	}
	if !e.Holder.Started.IsZero() {
		who = append(who, "開始 "+e.Holder.Started.In(jst.Location).Format("01/02 15:04:05"))
	}
	proc := "別のプロセス"
	if len(who) > 0 {
		proc += " (" + strings.Join(who, ", ") + ") "
	}
	if e.Out != "" {
		db := ""
		if e.Holder.DB != "" {
			db = "データベース " + e.Holder.DB + " で"
		}
		return fmt.Sprintf("公開フォルダ %s は%sが%s更新中です。同じ公開フォルダを更新できるのは一度に 1 つだけです。終わってからもう一度実行してください", e.Out, proc, db)
	}
	if e.Daemon {
		return fmt.Sprintf("データベース %s には%sが常駐しています。同じデータベースに常駐できるのは 1 つだけです", e.DB, proc)
	}
	if e.Open {
		return fmt.Sprintf("データベース %s は%sが開いています。終わってからもう一度実行してください", e.DB, proc)
	}
	return fmt.Sprintf("データベース %s は%sが更新中です。終わってからもう一度実行してください", e.DB, proc)
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// Lock is an advisory lock (flock) on a file beside the database. The kernel
// releases it when the process ends in any way, SIGKILL included, so a lock
// file left behind never blocks the next run.
type Lock struct {
	f    *os.File
	path string
}

// RefreshPath is the lock file held for the whole of one refresh.
func RefreshPath(db string) string { return db + ".lock" }

// OutPath is the lock file held beside the published folder out for
// the whole of one refresh, so that refreshes of two databases into one
// folder do not remove each other's staging folder. It is taken after the
// database's lock; both are taken without waiting, so two refreshes can
// never wait for each other.
func OutPath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// DaemonPath is the lock file held by a schedule daemon for its life.
func DaemonPath(db string) string { return db + ".schedule.lock" }

// Daemon takes the schedule daemon's lock of the database db, or returns
// a *LockedError naming the daemon that holds it.
func Daemon(db string) (*Lock, error) {
	return Acquire(DaemonPath(db), db, LockedError{DB: db, Daemon: true})
}

// Acquire takes the lock at path without waiting; refused is the error
// returned, with the holder filled in, when another process holds it. On
// success the holder's PID, command, start time and database db are
// written into the file, for the message another process shows when it is
// refused.
func Acquire(path, db string, refused LockedError) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create folder %s: %w", filepath.Dir(path), err)
	}
	for {
		l, err := acquireFile(path, refused)
		if err != nil || l != nil {
			if err == nil {
				err = writeHolder(l.f, currentHolder(db))
			}
			if err != nil && l != nil {
				l.f.Close()
				return nil, err
			}
			return l, err
		}
		// The file was removed (Remove) between the open and the lock:
		// the lock taken is of no file; take the path's again.
	}
}

// acquireFile locks the file at path, creating it; nil, nil when the file
// locked is no longer the one at path.
func acquireFile(path string, refused LockedError) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			refused.Holder = readHolder(path)
			return nil, &refused
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	held, err1 := f.Stat()
	now, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		f.Close()
		return nil, nil
	}
	return &Lock{f: f, path: path}, nil
}

// Probe returns refused, with the holder filled in, if the lock file at
// path exists and is held, without creating anything.
func Probe(path string, refused LockedError) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil // no lock file: nobody has ever held it
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		if errors.Is(err, unix.EWOULDBLOCK) {
			refused.Holder = readHolder(path)
			return &refused
		}
		return fmt.Errorf("lock %s: %w", path, err)
	}
	return unix.Flock(int(f.Fd()), unix.LOCK_UN)
}

// Remove removes the lock file, then gives the lock up: for a refresh
// that leaves nothing behind. A process that opened the file before it
// was removed and locks it afterwards finds that it is no longer the
// file at the path, and takes the path's anew (Acquire).
func (l *Lock) Remove() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	return errors.Join(err, l.Release())
}

// Release gives the lock up. The file stays: removing it would race with a
// process that has just opened it (Remove is for a lock file this process
// created).
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := errors.Join(l.f.Truncate(0), l.f.Close())
	l.f = nil
	return err
}

func currentHolder(db string) Holder {
	cmd := filepath.Base(os.Args[0])
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		cmd += " " + os.Args[1]
	}
	return Holder{PID: os.Getpid(), Command: cmd, Started: time.Now(), DB: db}
}

func writeHolder(f *os.File, h Holder) error {
	text := fmt.Sprintf("pid=%d\ncommand=%s\nstarted=%s\ndb=%s\n", h.PID, h.Command, h.Started.Format(time.RFC3339),
		strings.ReplaceAll(h.DB, "\n", " "))
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	if _, err := f.WriteAt([]byte(text), 0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	return nil
}

// readHolder reads what the holder wrote; fields it cannot read stay zero
// (the holder may not have written them yet).
func readHolder(path string) Holder {
	var h Holder
	b, err := os.ReadFile(path)
	if err != nil {
		return h
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "command":
			h.Command = v
		case "started":
			h.Started, _ = time.Parse(time.RFC3339, v)
		case "db":
			h.DB = v
		}
	}
	return h
}

// duckdbLock matches DuckDB's own message when another process has the
// database file open, e.g.
//
//	IO Error: Could not set lock on file "/srv/shihyo.duckdb": Conflicting
//	lock is held in /usr/bin/duckdb (PID 12345) by user app.
var duckdbLock = regexp.MustCompile(`Could not set lock on file "[^"]*": Conflicting lock is held in (.*?) \(PID (\d+)\)`)

// FromDuckDB turns DuckDB's lock error (another program, such as an export or
// the duckdb shell, has the file open) into a *LockedError.
func FromDuckDB(db string, err error) error {
	if err == nil {
		return nil
	}
	m := duckdbLock.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	pid, _ := strconv.Atoi(m[2])
	return &LockedError{DB: db, Holder: Holder{PID: pid, Command: filepath.Base(m[1])}, Open: true}
}
