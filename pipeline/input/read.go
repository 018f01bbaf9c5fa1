// Package input reads and checks a data folder (docs/inputs.md): Read
// returns the definition files as a model.Dataset, Validate checks every
// file, response files included (package responses reads those), and every
// defect of every file is returned together as Problems, each at its file
// and line (docs/validation.md).
package input

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/shihyo/shihyo/pipeline/input/across"
	"github.com/shihyo/shihyo/pipeline/input/codes"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/planactions"
	"github.com/shihyo/shihyo/pipeline/input/responses"
	"github.com/shihyo/shihyo/pipeline/input/series"
	"github.com/shihyo/shihyo/pipeline/input/wardnames"
)

// Read reads and checks the definition files of the data directory dir
// (everything but the response files, which ReadResponses reads). Every
// defect found is returned together as Problems; on any defect the Dataset
// is nil. Other errors (a file that cannot be read, a cancelled ctx) are
// returned as they are.
//
// Doubts that do not stop a refresh are returned as Dataset.Warnings; when
// there are defects too, WarningsOf(err) returns the warnings found so far.
//
// So that one run reports every defect, no stage hides the next: every
// file is read, every check across files runs over what could be read, and
// when there are defects the response files of every wave whose own
// definition is sound are read too and their defects added. What a defect
// already explains is skipped rather than reported again as a follow-on
// (package across): a check across files skips a file that gave no row, and
// the rows whose columns it would read have defects.
func Read(ctx context.Context, dir string) (*model.Dataset, error) {
	if err := CheckDataDir(dir); err != nil {
		return nil, err
	}
	ds := &model.Dataset{Dir: dir, Files: map[string]string{}}
	found, err := readSteps(ctx, ds, readSurveys, checkResponseFiles, readQuestions, readChoices,
		readIndicators, readPlans, readPlanIssues, planactions.Read)
	if err != nil {
		return nil, err
	}
	crossed, err := across.Check(ctx, ds, found)
	if err != nil {
		return nil, err
	}
	all := slices.Concat(found, crossed, wardnames.Check(ds))
	if len(all) == 0 {
		sortWarnings(ds.Warnings)
		codes.Share(ds)
		series.Resolve(ds.Indicators)
		return ds, nil
	}
	codes.Share(ds)
	// The waves are only checked here: Each holds none of them.
	err = responses.Each(ctx, ds, across.SoundWaves(ds, all), nil)
	if p, ok := AsProblems(err); ok {
		all = append(all, p...)
	} else if err != nil {
		return nil, err
	}
	sortProblems(all)
	return nil, reject(all, ds.Warnings)
}

// Validate reads and checks every file of the data directory dir, response
// files included, as shihyo validate does. It returns Problems listing
// every defect, or nil, and the warnings found (see model.Warning), which
// do not make the data folder invalid: they are returned with a nil error
// too, and beside the problems when there are some.
func Validate(ctx context.Context, dir string) ([]*model.Warning, error) {
	ds, err := Read(ctx, dir)
	if err != nil {
		return WarningsOf(err), err
	}
	// One wave at a time, none kept: checking is all that is asked.
	return ds.Warnings, responses.Each(ctx, ds, ds.Surveys, nil)
}

// CheckDataDir returns a problem when dir is not a folder: missing, or a
// file (a surveys.csv given as --data, say).
func CheckDataDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return &InputError{File: dir, Msg: "データフォルダがありません"}
	case !st.IsDir():
		return &InputError{File: dir, Msg: "フォルダではなくファイルです (--data には surveys.csv のあるデータフォルダを指定してください)"}
	}
	return nil
}

// ResponseFilesThere checks what Read checks of the response files
// before it reads them, for definitions Read returned earlier from the
// same definition files (package defcache): that each is there and may be
// opened (datafile.Check). It returns the first failure; Read reports
// them all, at their rows of surveys.csv.
func ResponseFilesThere(ctx context.Context, ds *model.Dataset) error {
	for _, s := range ds.Surveys {
		if err := datafile.Check(ctx, ds.Dir, filepath.FromSlash(s.File)); err != nil {
			return err
		}
	}
	return nil
}

// checkResponseFiles refuses, at their row of surveys.csv, the response
// files that must not be opened: a link that leads outside the data
// folder, a FIFO or a device (reading would wait forever), a file over
// MaxFileSize. A missing file is left to the checks across files.
func checkResponseFiles(ctx context.Context, ds *model.Dataset) error {
	var c csvfile.Collector
	for _, s := range ds.Surveys {
		if s.File == "" || !localPath(s.File) {
			continue // reported by readSurveys
		}
		err := datafile.Check(ctx, ds.Dir, filepath.FromSlash(s.File))
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if p, ok := AsProblems(responses.Refused(ds, s, err)); ok {
			c.Problems = append(c.Problems, p...)
		} else {
			return err
		}
	}
	return c.Err()
}

// readSteps runs each step and gathers their problems; any other error
// stops it.
func readSteps(ctx context.Context, ds *model.Dataset, steps ...func(context.Context, *model.Dataset) error) (Problems, error) {
	var all Problems
	for _, step := range steps {
		err := step(ctx, ds)
		if p, ok := AsProblems(err); ok {
			all = append(all, p...)
		} else if err != nil {
			return nil, err
		}
	}
	return all, nil
}

func sortProblems(p Problems) {
	sort.SliceStable(p, func(i, j int) bool {
		if p[i].File != p[j].File {
			return p[i].File < p[j].File
		}
		return p[i].Line < p[j].Line
	})
}
