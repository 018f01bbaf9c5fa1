// Package history keeps the run history of a database: one row per
// refresh in the runs table of a database file of its own beside the data
// (Path), read back for status.html.
package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/shihyo/shihyo/dashboards/status"
	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/queries"
)

// recentRuns is how many runs the status page lists.
const recentRuns = 30

// interruptedText is stored for a run found still 'running' by the next one.
const interruptedText = "途中で強制終了されました (SIGKILL、停電など)。公開中の内容とデータベースは前回のままです。"

// Path is the run history database kept beside the database db:
// shihyo.duckdb → shihyo.runs.duckdb. It holds the runs table, apart from
// the data so that a failed or no-op refresh leaves the data file as it was.
func Path(db string) string {
	return strings.TrimSuffix(db, filepath.Ext(db)) + ".runs.duckdb"
}

// Start creates the runs table if needed, marks runs left running by a
// killed process as interrupted, and records the new run, started by
// trigger, in the history database reached through conn. The caller holds
// the refresh lock.
func Start(ctx context.Context, conn *sql.Conn, trigger string, started time.Time) (status.Run, error) {
	r := status.Run{Started: started, Trigger: trigger, Outcome: status.Running}
	if err := queries.Exec(ctx, conn, "create_runs"); err != nil {
		return r, err
	}
	if err := queries.Exec(ctx, conn, "interrupt_runs", interruptedText); err != nil {
		return r, err
	}
	err := queries.One(ctx, conn, "insert_run", []any{started.UTC(), trigger, os.Getpid()}, &r.ID)
	if err != nil {
		return r, fmt.Errorf("record run: %w", err)
	}
	return r, nil
}

// Finish stores the outcome of r in its own statement, outside any data
// transaction: a failure is kept after the rollback. The context may be
// cancelled; the record is written anyway.
func Finish(ctx context.Context, conn *sql.Conn, r status.Run) error {
	err := queries.Exec(context.WithoutCancel(ctx), conn, "finish_run", r.Ended.UTC(), strings.Join(r.Changed, "\n"),
		strings.Join(r.Reloaded, "\n"), strings.Join(r.Removed, "\n"), r.Respondents, r.Answers, r.Actuals, r.Outcome, r.Error, r.ID)
	if err != nil {
		return fmt.Errorf("record run outcome: %w", err)
	}
	return nil
}

// Page reads the runs table for status.html. current, if not nil,
// replaces its own row: the page of a new site is rendered before the run
// has ended.
func Page(ctx context.Context, conn *sql.Conn, now time.Time, current *status.Run) (status.Page, error) {
	p := status.Page{Generated: now}
	var err error
	if p.Recent, err = queryRuns(ctx, conn, "recent_runs", recentRuns); err != nil {
		return p, err
	}
	last := map[string]*status.Run{}
	for _, o := range []string{status.OK, status.Failed, status.Interrupted} {
		runs, err := queryRuns(ctx, conn, "last_run", o)
		if err != nil {
			return p, err
		}
		if len(runs) > 0 {
			last[o] = &runs[0]
		}
	}
	p.LastOK, p.LastFailure = last[status.OK], last[status.Failed]
	if i := last[status.Interrupted]; i != nil && (p.LastFailure == nil || i.ID > p.LastFailure.ID) {
		p.LastFailure = i
	}
	if current != nil {
		replaceRun(&p, *current)
	}
	return p, nil
}

// Read reads the run history beside the database db (Path), read-only,
// as Page does; an empty page when there is none yet. A refresh holds the
// history open while it runs: Read then fails.
func Read(ctx context.Context, db string, now time.Time) (status.Page, error) {
	if _, err := os.Stat(Path(db)); errors.Is(err, fs.ErrNotExist) {
		return status.Page{Generated: now}, nil
	}
	hdb, conn, err := queries.OpenReadOnly(ctx, Path(db))
	if err != nil {
		return status.Page{}, err
	}
	defer hdb.Close()
	defer conn.Close()
	if ok, err := queries.TableExists(ctx, conn, "runs"); err != nil || !ok {
		return status.Page{Generated: now}, err
	}
	return Page(ctx, conn, now, nil)
}

func replaceRun(p *status.Page, r status.Run) {
	for i := range p.Recent {
		if p.Recent[i].ID == r.ID {
			p.Recent[i] = r
		}
	}
	if r.Outcome == status.OK {
		p.LastOK = &r
	}
}

func queryRuns(ctx context.Context, conn *sql.Conn, name string, args ...any) ([]status.Run, error) {
	rows, err := queries.All[row](ctx, conn, name, args...)
	if err != nil {
		return nil, fmt.Errorf("read runs: %w", err)
	}
	out := make([]status.Run, len(rows))
	for i, r := range rows {
		out[i] = r.run()
	}
	return out, nil
}

// row is a row of the runs table; the `db` tags are its columns in order
// (queries/create_runs.sql). The queries select some of them, by name.
type row struct {
	ID          int64        `db:"run_id"`
	Started     time.Time    `db:"started_at"`
	Ended       sql.NullTime `db:"ended_at"`
	Trigger     string       `db:"triggered_by"`
	PID         int          `db:"pid"`
	Changed     string       `db:"changed"`  // one name per line
	Reloaded    string       `db:"reloaded"` // one name per line
	Respondents int          `db:"respondents"`
	Answers     int          `db:"answers"`
	Actuals     int          `db:"actuals"`
	Outcome     string       `db:"outcome"`
	Error       string       `db:"error"`
	Removed     string       `db:"removed"` // one name per line; the queries read a history's runs from before the column as ''
}

func (r row) run() status.Run {
	return status.Run{ID: r.ID, Started: r.Started, Ended: r.Ended.Time, Trigger: r.Trigger,
		Changed: splitLines(r.Changed), Reloaded: splitLines(r.Reloaded), Removed: splitLines(r.Removed), Respondents: r.Respondents,
		Answers: r.Answers, Actuals: r.Actuals, Outcome: r.Outcome, Error: r.Error}
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// maxProblems is how many input problems a run's record keeps.
const maxProblems = 10

// Folders are the folders a refresh works in, as it was given them: the
// data folder, the database file and the published folder.
type Folders struct {
	Data, DB, Out string
}

// ErrorText is what the runs table and the status page say about err:
// input problems one per line as FILE:LINE: message (the first ten), any
// other error once. Absolute paths are shortened (see Folders.Shorten): the
// page is published, and must not show where the server keeps its files.
func ErrorText(f Folders, err error) string {
	var text string
	if p, ok := input.AsProblems(err); ok {
		lines := make([]string, 0, maxProblems+1)
		for i, one := range p {
			if i == maxProblems {
				lines = append(lines, fmt.Sprintf("ほか %d 件", len(p)-maxProblems))
				break
			}
			lines = append(lines, one.Error())
		}
		text = strings.Join(lines, "\n")
	} else {
		text = Explained(err.Error())
	}
	return f.Shorten(text)
}

// Explained returns an error's text for staff: as it is when it says
// something in Japanese (every message about their input does), else —
// the English of the system or a library: a full disk, a permission —
// after a sentence that says what it is and what to do.
func Explained(text string) string {
	for _, r := range text {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return text
		}
	}
	return "エラーが起きました (入力データの問題ではありません。ディスクの空きとファイルの権限を確かめ、" +
		"解決しないときは次の内容をシステムの担当者に伝えてください): " + text
}

// Shorten makes relative every absolute path under the folders a
// refresh works in: the data folder, the folder of the database (the
// database, its history, WAL and lock files) and the folder of the output
// folder (the site, and the staging folder written beside it, which an
// error may name). A path under one of them becomes relative to it; the
// folder itself becomes its base name. The longest folder is tried first,
// so that one inside another (data inside the database's folder) is
// matched whole. A folder that is the root of the file system is skipped:
// every path would be under it.
func (f Folders) Shorten(text string) string {
	var roots []string
	add := func(p string, parent bool) {
		if p == "" {
			return
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return
		}
		if raw := strings.TrimRight(p, string(filepath.Separator)); filepath.IsAbs(p) && raw != abs && raw != "" {
			// As given ("/srv//shihyo.duckdb"): DuckDB names the file by
			// the path it was opened with.
			roots = append(roots, raw)
		}
		if parent {
			abs = filepath.Dir(abs)
		}
		if abs != filepath.Dir(abs) {
			roots = append(roots, abs)
		}
	}
	add(f.Data, false)
	add(f.DB, true)
	add(f.Out, true)
	sort.SliceStable(roots, func(i, j int) bool { return len(roots[i]) > len(roots[j]) })
	for _, root := range roots {
		text = relativeTo(text, root)
	}
	return text
}

// relativeTo replaces, in text, root followed by a separator with nothing
// and root alone with its base name. A match must stand at the start of a
// path (not inside a longer one, as /srv/db in /mnt/srv/db) and end at a
// separator or outside a path name (not /srv/db in /srv/db2).
func relativeTo(text, root string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, root)
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		end := i + len(root)
		before, after := rune(0), rune(0)
		if i > 0 {
			before = rune(text[i-1])
		}
		if end < len(text) {
			after = rune(text[end])
		}
		switch {
		case inName(before):
			b.WriteString(text[:end])
		case after == filepath.Separator || after == '/':
			b.WriteString(text[:i])
			end++ // the separator
		case inName(after):
			b.WriteString(text[:end])
		default:
			b.WriteString(text[:i])
			b.WriteString(filepath.Base(root))
		}
		text = text[end:]
	}
}

// inName reports whether c may be part of a path name next to a match,
// which then is not a whole path: ASCII letters, digits and the
// punctuation of file names. Anything else ends a path in a message:
// spaces, quotes, colons, and the Japanese text and brackets (「」) of
// shihyo's own messages, which are not ASCII.
func inName(c rune) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.ContainsRune("._-~+@/\\", c)
}
