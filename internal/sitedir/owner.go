// Package sitedir decides whether a folder is shihyo's to replace, write
// into or serve: the marker every published site carries, Inspect and
// Claim of a published folder, the path checks between the data folder,
// the database and the published folder (Resolve, Within, CheckDBOutside),
// and whether a site can be replaced whole (CheckWritable). The refresh,
// serve, export and the command all ask it.
package sitedir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MarkerFile is written into every site shihyo publishes, so that a later
// refresh can tell a folder of its own, which it may replace whole, from
// anything else. It is a hidden file: serve never hands it out.
const MarkerFile = ".shihyo-site"

// markerHead is the first line of the marker; the rest tells a person who
// opens the folder what it is.
const markerHead = "shihyo published site"

const markerText = markerHead + "\n" +
	"このフォルダは shihyo refresh が公開したサイトです。更新のたびにフォルダごと置き換わります。\n" +
	"ここにほかのファイルを置かないでください。\n"

// SiteTables are the CSV files a published site holds, at its top level.
// Any other CSV file in a folder marks it as a data folder.
var SiteTables = []string{"actuals.csv", "breakdowns.csv", "frequencies.csv"}

// maxEntries bounds the look into a folder: a published site holds a few
// hundred files, and a folder with more is no site of ours.
const maxEntries = 20000

// ErrNotSite is returned (wrapped in a *NotSiteError) for a folder that
// shihyo must not replace, write into or serve.
var ErrNotSite = errors.New("shihyo の公開フォルダではありません")

// NotSiteError names the folder refused and why.
type NotSiteError struct {
	Dir    string
	Reason string // e.g. "データベース (a.duckdb) があります"
	// Unmarked is true when the only reason is the missing marker: the
	// folder may still be a site published by an earlier version.
	Unmarked bool
}

func (e *NotSiteError) Error() string {
	return fmt.Sprintf("公開フォルダ %s は shihyo が公開したフォルダではないので、置き換えも書き込みもしません (%s)。"+
		"公開先にできるのは、shihyo が公開したフォルダ (印のファイル %s があるもの)、空のフォルダ、まだないフォルダだけです。"+
		"--out を確かめてください", e.Dir, e.Reason, MarkerFile)
}

func (e *NotSiteError) Unwrap() error { return ErrNotSite }

// State is what Inspect found at a published folder's path.
type State int

// States of a published folder's path.
const (
	Absent   State = iota // nothing there yet
	Empty                 // an empty folder
	Marked                // a folder holding shihyo's marker
	Unmarked              // a folder of site files without the marker
)

// WriteMarker writes the marker into the site folder dir, once every file
// of the site is in it: the marker lists them (CheckStrays). Files
// written afterwards must be those the caller of CheckStrays owns.
func WriteMarker(dir string) error {
	files, err := siteFiles(dir)
	if err != nil {
		return err
	}
	text := markerText + "\n" + listHead + "\n" + strings.Join(files, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, MarkerFile), []byte(text), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", MarkerFile, err)
	}
	return nil
}

// Inspect looks at the folder dir before anything is written into it or
// replaces it. It returns a *NotSiteError for a path that is not a folder,
// and for a folder that holds a database (a name with .duckdb), input data
// (surveys.csv, or any CSV file but SiteTables at the top) or more files
// than a site has, marker or not. Otherwise it returns the folder's State;
// an Unmarked folder is shihyo's only if it matches what the database says
// it published (see Claim).
func Inspect(dir string) (State, error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return Absent, nil
	} else if err != nil {
		return Absent, fmt.Errorf("stat %s: %w", dir, err)
	}
	if !st.IsDir() {
		return Absent, &NotSiteError{Dir: dir, Reason: "フォルダではなくファイルです"}
	}
	n, err := scan(dir)
	if err != nil {
		return Absent, err
	}
	switch {
	case n == 0:
		return Empty, nil
	case hasMarker(dir):
		return Marked, nil
	}
	return Unmarked, nil
}

// scan walks dir and returns how many entries it holds, or a
// *NotSiteError at the first entry no site of shihyo's holds.
func scan(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		if n++; n > maxEntries {
			return &NotSiteError{Dir: dir, Reason: fmt.Sprintf("ファイルが多すぎます (%d 以上)", maxEntries)}
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if reason := foreign(rel, d); reason != "" {
			return &NotSiteError{Dir: dir, Reason: reason}
		}
		return nil
	})
	if err != nil {
		var nse *NotSiteError
		if errors.As(err, &nse) {
			return n, err
		}
		return n, fmt.Errorf("read %s: %w", dir, err)
	}
	return n, nil
}

// foreign says why the entry rel of a folder marks the folder as not a
// site of shihyo's, or "" if it does not.
func foreign(rel string, d fs.DirEntry) string {
	name := strings.ToLower(d.Name())
	switch {
	case strings.Contains(name, ".duckdb"):
		return fmt.Sprintf("データベース (%s) があります", filepath.ToSlash(rel))
	case d.IsDir():
		return ""
	case name == "surveys.csv":
		return fmt.Sprintf("入力データ (%s) があります", filepath.ToSlash(rel))
	case strings.HasSuffix(name, ".csv") && !(rel == d.Name() && isSiteTable(name)):
		return fmt.Sprintf("公開する表ではない CSV ファイル (%s) があります", filepath.ToSlash(rel))
	}
	return ""
}

func isSiteTable(name string) bool {
	for _, t := range SiteTables {
		if name == t {
			return true
		}
	}
	return false
}

// hasMarker reports whether dir holds shihyo's marker: a regular file
// (not a link) starting with markerHead.
func hasMarker(dir string) bool {
	p := filepath.Join(dir, MarkerFile)
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(markerHead)+1)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return string(head) == markerHead+"\n"
}

// Folder is a published folder found to be shihyo's own by Claim. Only a
// Folder is written into (status.Replace); the zero Folder is none.
type Folder struct {
	Path string
}

// Claim returns the folder dir as shihyo's own when it does not exist yet,
// is empty, holds the marker, or, failing that, when published (if not
// nil) reports that its files are those of the site the database says it
// published last (a site of a version before the marker). Anything else is
// a *NotSiteError; nothing is written either way.
func Claim(dir string, published func(dir string) bool) (Folder, error) {
	state, err := Inspect(dir)
	if err != nil {
		return Folder{}, err
	}
	if state == Unmarked && (published == nil || !published(dir)) {
		return Folder{}, UnmarkedError(dir)
	}
	return Folder{Path: dir}, nil
}

// UnmarkedError is the refusal of a folder that holds files but no
// marker, and does not match the site a previous version published.
func UnmarkedError(dir string) error {
	return &NotSiteError{Dir: dir, Unmarked: true,
		Reason: fmt.Sprintf("shihyo の印 (%s) がなく、前回公開した内容とも一致しません", MarkerFile)}
}
