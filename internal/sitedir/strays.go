package sitedir

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// listHead is the line of the marker after which it lists the files of
// the site it marks (slash paths, one a line): what the refresh that
// published the site wrote, so that a later refresh can tell a file put
// there by hand, which replacing the folder would delete, from its own.
const listHead = "# 公開したファイル"

// StrayError is the refusal to replace a published folder that holds
// files its site did not publish: a refresh replaces the folder whole, so
// they would be lost.
type StrayError struct {
	Dir   string
	Files []string // slash paths relative to Dir, sorted
}

func (e *StrayError) Error() string {
	names := e.Files
	more := ""
	if len(names) > 3 {
		names, more = names[:3], fmt.Sprintf(" ほか %d 件", len(e.Files)-3)
	}
	return fmt.Sprintf("公開フォルダ %s に shihyo が公開していないファイルがあります: %s%s。"+
		"公開フォルダは更新のたびにフォルダごと置き換わるため、このままでは消えてしまいます。"+
		"別の場所へ移してから、もう一度更新してください", e.Dir, strings.Join(names, "、"), more)
}

// CheckStrays returns a *StrayError when the marked site dir holds a file
// that its marker does not list and own does not claim (what the caller
// writes into the site after the marker: status.html and the like,
// rewritten in place, and their temporaries). A folder without the
// marker, or with the marker of a version that listed no files, is not
// checked: nil.
func CheckStrays(dir string, own func(rel string) bool) error {
	listed, ok, err := listedFiles(dir)
	if err != nil || !ok {
		return err
	}
	files, err := siteFiles(dir)
	if err != nil {
		return err
	}
	var strays []string
	for _, rel := range files {
		if !listed[rel] && !own(rel) {
			strays = append(strays, rel)
		}
	}
	if len(strays) > 0 {
		return &StrayError{Dir: dir, Files: strays}
	}
	return nil
}

// listedFiles reads the list of files of dir's marker; false when dir
// holds no marker or one without the list.
func listedFiles(dir string) (map[string]bool, bool, error) {
	if !hasMarker(dir) {
		return nil, false, nil
	}
	f, err := os.Open(filepath.Join(dir, MarkerFile))
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", MarkerFile, err)
	}
	defer f.Close()
	listed, inList := map[string]bool{}, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		switch line := sc.Text(); {
		case line == listHead:
			inList = true
		case inList && line != "":
			listed[line] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, false, fmt.Errorf("read %s: %w", MarkerFile, err)
	}
	return listed, inList, nil
}

// siteFiles lists the files under dir as slash paths, sorted, the marker
// aside.
func siteFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err == nil && rel != MarkerFile {
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	slices.Sort(files)
	return files, nil
}

// SiteAround returns the published site (a folder holding the marker) that
// the path p is, or is in, and false when it is in none: a file written
// there would be deleted by the next refresh, which replaces the folder
// whole. p is taken as it is given; the caller resolves its links
// (Resolve).
func SiteAround(p string) (string, bool) {
	for dir := filepath.Clean(p); ; dir = filepath.Dir(dir) {
		if hasMarker(dir) {
			return dir, true
		}
		if up := filepath.Dir(dir); up == dir {
			return "", false
		}
	}
}
