// Package status renders status.html, the page that tells staff how fresh
// the published numbers are: the last successful refresh, the last failure
// and why, and the recent runs. It reads nothing itself; the pipeline passes
// the runs table in.
package status

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/internal/sitedir"
)

// File is the page's name in the published folder.
const File = layout.StatusFile

// The outcomes of a run, as stored in the runs table.
const (
	Running     = "running"
	OK          = "ok"
	NoOp        = "noop"
	Failed      = "failed"
	Cancelled   = "cancelled"
	Interrupted = "interrupted"
)

// Run is one row of the runs table.
type Run struct {
	ID          int64
	Started     time.Time
	Ended       time.Time // zero while running
	Trigger     string    // "cli" or "schedule"
	Changed     []string  // input files added, changed or removed
	Reloaded    []string  // survey ids whose rows were loaded again
	Respondents int
	Answers     int
	Actuals     int
	Outcome     string
	Error       string
}

// Page is what status.html shows.
type Page struct {
	Generated time.Time
	// Wards are the wards of the published site, for the menu every page
	// of the site has (package layout).
	Wards       []string
	Recent      []Run // newest first
	LastOK      *Run  // the last run that published, nil if none
	LastFailure *Run  // the last failed run, nil if none
}

//go:embed status.html.tmpl
var pageText string

var pageTmpl = template.Must(template.Must(layout.New("status", template.FuncMap{
	"when":     when,
	"duration": duration,
	"outcome":  outcomeLabel,
	"badge":    badge,
	"trigger":  triggerLabel,
	"brief":    brief,
})).Parse(pageText))

// Render writes the page as HTML, with the header, menu and footer of
// every page of the site; every value is escaped.
func Render(w io.Writer, p Page) error {
	lp := layout.Page{Title: "更新状況", File: File, Wards: layout.Nav(p.Wards, File), Content: view(p)}
	if !p.Generated.IsZero() {
		lp.Generated = when(p.Generated) + "（日本時間）"
	}
	if err := layout.Execute(pageTmpl, w, lp); err != nil {
		return fmt.Errorf("render %s: %w", File, err)
	}
	return nil
}

// WriteFile renders the page into dir/status.html.
func WriteFile(dir string, p Page) error {
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, File), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", File, err)
	}
	return nil
}

// Replace puts a new status.html into the published folder out without
// touching any other file: it writes a temporary file beside out (same file
// system) and renames it in, so a reader or a crash sees the old page or the
// new one whole. out is a folder sitedir.Claim found to be shihyo's own:
// nothing is ever written into a folder that is not (the zero Folder
// writes nothing). It does nothing when out does not exist yet.
func Replace(out sitedir.Folder, p Page) error {
	if out.Path == "" {
		return nil
	}
	if _, err := os.Stat(out.Path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		return err
	}
	// The temporary page is written beside out (.<out>.tmp-*), not in it,
	// so that out holds nothing but the published files at any moment; it
	// is a temporary of out, which fsatomic.CleanStale of out removes.
	tmp, err := fsatomic.Temp(out.Path, func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", File, err)
	}
	if err := os.Rename(tmp, filepath.Join(out.Path, File)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replace %s: %w", File, err)
	}
	return nil
}
