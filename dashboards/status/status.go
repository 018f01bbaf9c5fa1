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
	"github.com/shihyo/shihyo/pipeline/input/wards"
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
	Removed     []string  // survey ids whose rows were dropped (gone from surveys.csv)
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
	// of the site has (package layout), their pages named by Namer as the
	// site's are.
	Wards       []string
	Namer       wards.Namer
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
	lp := layout.Page{Title: "更新状況", File: File, Wards: layout.Nav(p.Namer, p.Wards, File), Content: view(p)}
	if !p.Generated.IsZero() {
		lp.Generated = when(p.Generated) + "（日本時間）"
	}
	if err := layout.Execute(pageTmpl, w, lp); err != nil {
		return fmt.Errorf("render %s: %w", File, err)
	}
	return nil
}

// ScriptFile is the status script every page of the site loads
// (layout.StatusScriptFile): it tells them whether the last refresh failed.
const ScriptFile = layout.StatusScriptFile

// Rewritten reports whether the published file rel (a slash path) is one a
// refresh that publishes nothing rewrites: status.html and its script.
func Rewritten(rel string) bool { return rel == File || rel == ScriptFile }

// script is the status script of p.
func script(p Page) ([]byte, error) {
	v := view(p)
	f := layout.Freshness{Stale: v.Stale}
	if v.Stale {
		f.Failed = when(p.LastFailure.Started)
		if p.LastOK != nil {
			f.Shown = when(p.LastOK.Started)
		}
	}
	return layout.StatusScript(f)
}

// WriteFile renders the page into dir/status.html and its script into
// dir/assets/status.js (dir/assets exists: the site's pages are there).
func WriteFile(dir string, p Page) error {
	js, err := script(p)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(ScriptFile)), js, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", ScriptFile, err)
	}
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, File), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", File, err)
	}
	return nil
}

// Replace puts a new status.html, and the script that makes every page
// show or drop the banner of a failed refresh, into the published folder
// out without touching any other file: it writes each as a temporary file
// beside out (same file system) and renames it in, so a reader or a crash
// sees the old file or the new one whole. out is a folder sitedir.Claim
// found to be shihyo's own: nothing is ever written into a folder that is
// not (the zero Folder writes nothing). It does nothing when out does not
// exist yet, and writes no script into a site without assets/ (one of a
// version before the banner, whose pages do not load it).
func Replace(out sitedir.Folder, p Page) error {
	if out.Path == "" {
		return nil
	}
	if _, err := os.Stat(out.Path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	js, err := script(p)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		return err
	}
	// The page first: a banner must never point to a status.html that
	// does not say why (a folder whose page cannot be replaced keeps both).
	if err := replaceFile(out.Path, File, b.Bytes()); err != nil {
		return err
	}
	if st, err := os.Stat(filepath.Join(out.Path, "assets")); err != nil || !st.IsDir() {
		return nil
	}
	return replaceFile(out.Path, ScriptFile, js)
}

// replaceFile renames content, written beside out, over out/rel.
func replaceFile(out, rel string, content []byte) error {
	// The temporary file is written beside out (.<out>.tmp-*), not in it,
	// so that out holds nothing but the published files at any moment; it
	// is a temporary of out, which fsatomic.CleanStale of out removes.
	tmp, err := fsatomic.Temp(out, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if err := os.Rename(tmp, filepath.Join(out, filepath.FromSlash(rel))); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("replace %s: %w", rel, err)
	}
	return nil
}
