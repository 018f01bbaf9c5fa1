// Package fsatomic replaces files and folders so that no reader, and no
// crash, ever sees one half written under its final name: what is written
// goes to a temporary name beside its target, on the same file system, and
// is renamed over it once complete.
//
// Every temporary name has one form, so that one glob finds what a killed
// process left:
//
//	.<target>.tmp-<random>   a file or folder being written for <target>
//	.<target>.old-<random>   the previous folder, moved aside by Swap on a
//	                         system without an atomic exchange
//
// beside <target> (its base name): the published folder out has its
// staging folders and the temporary status.html as .out.tmp-*, the
// database its side copy as .shihyo.duckdb.tmp-* (and DuckDB its WAL
// beside that, .shihyo.duckdb.tmp-*.wal), an export its file as
// .plan.csv.tmp-*. CleanStale removes them, and the names of earlier
// versions its caller gives.
package fsatomic

import (
	"path/filepath"
	"strings"
)

// The kinds of temporary name.
const (
	tmpKind    = ".tmp-"
	parkedKind = ".old-"
)

// tempPattern is the os.CreateTemp / os.MkdirTemp pattern of temporaries
// of target: ".<base>.tmp-*".
func tempPattern(target string) string { return hidden(target, tmpKind) + "*" }

// IsTemporary reports whether name (a base name) is that of a temporary of
// this scheme, for any target: what a writer in progress, or one killed,
// has beside its target.
func IsTemporary(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tmpKind)
}

// hidden is ".<base of target><kind>".
func hidden(target, kind string) string { return "." + filepath.Base(filepath.Clean(target)) + kind }

// beside is the folder target is in, where its temporaries are made.
func beside(target string) string { return filepath.Dir(filepath.Clean(target)) }

// globs are the patterns of every temporary of target but the parked
// previous folder: the current scheme's and legacy, globs beside target in
// which %s stands for its base name.
func globs(target string, legacy []string) []string {
	base := filepath.Base(filepath.Clean(target))
	out := []string{filepath.Join(beside(target), escape(hidden(target, tmpKind))+"*")}
	for _, p := range legacy {
		out = append(out, filepath.Join(beside(target), strings.ReplaceAll(p, "%s", escape(base))))
	}
	return out
}

// escape quotes the characters of a name that filepath.Glob would read as
// a pattern.
func escape(name string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(name)
}
