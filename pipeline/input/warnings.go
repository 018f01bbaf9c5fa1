package input

import (
	"errors"
	"sort"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

func sortWarnings(ws []*model.Warning) {
	sort.SliceStable(ws, func(i, j int) bool {
		if ws[i].File != ws[j].File {
			return ws[i].File < ws[j].File
		}
		return ws[i].Line < ws[j].Line
	})
}

// WarningsOf returns the warnings that Read found in the same run as the
// problems err carries, in file and line order; nil when there are none or
// err did not come from Read. On success Read returns them as
// Dataset.Warnings instead.
func WarningsOf(err error) []*model.Warning {
	var r *rejected
	if errors.As(err, &r) {
		return r.warnings
	}
	return nil
}

// rejected is what Read returns when it finds both problems and warnings:
// it is the Problems (AsProblems finds them, Error prints them) and keeps
// the warnings for WarningsOf, so that one validate run shows both.
type rejected struct {
	problems Problems
	warnings []*model.Warning
}

func (r *rejected) Error() string { return r.problems.Error() }
func (r *rejected) Unwrap() error { return r.problems }

// reject returns the error Read returns for problems p found together with
// the warnings ws: p itself when there is no warning.
func reject(p Problems, ws []*model.Warning) error {
	if len(ws) == 0 {
		return p
	}
	sortWarnings(ws)
	return &rejected{problems: p, warnings: ws}
}
