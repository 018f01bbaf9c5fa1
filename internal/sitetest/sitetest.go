// Package sitetest reads a published site for the tests that compare
// one refresh's site with another's.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/shihyo/shihyo/dashboards/status"
)

// Files is every file of the site in out, by its slash-separated path
// within out, but status.html and its script (which every run rewrites),
// each with its content passed through clean when clean is not nil.
func Files(t testing.TB, out string, clean func(string) string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if status.Rewritten(filepath.ToSlash(rel)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if clean != nil {
			b = []byte(clean(string(b)))
		}
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
