package input

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// The files of a data directory.
const (
	SurveysFile    = "surveys.csv"
	QuestionsFile  = "questions.csv"
	ChoicesFile    = "choices.csv"
	IndicatorsFile = "indicators.csv"
	PlansFile      = "plans.csv"
	PlanIssuesFile = "plan_issues.csv"
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
// So that one run reports every defect, Read also reads the response files
// when it finds defects that leave the waves' own definitions intact (a
// wrong target in indicators.csv, say) and adds their defects too. Checks
// that depend on a file with defects are skipped rather than reported as
// follow-on errors.
func Read(ctx context.Context, dir string) (*Dataset, error) {
	if err := CheckDataDir(dir); err != nil {
		return nil, err
	}
	ds := &Dataset{Dir: dir}
	waveFiles, err := readSteps(ctx, ds, readSurveys, checkResponseFiles, readQuestions, readChoices)
	if err != nil {
		return nil, err
	}
	indicators, err := readSteps(ctx, ds, readIndicators)
	if err != nil {
		return nil, err
	}
	plans, err := readSteps(ctx, ds, readPlans, readPlanIssues)
	if err != nil {
		return nil, err
	}
	var waveChecks Problems
	if len(waveFiles) == 0 {
		waveChecks = checkWaves(ds)
		if len(indicators) == 0 {
			indicators = checkIndicatorRefs(ds)
		}
	}
	all := slices.Concat(waveFiles, waveChecks, indicators, plans, checkWardNames(ds))
	if len(all) == 0 {
		sortWarnings(ds.Warnings)
		return ds, nil
	}
	if len(waveFiles) == 0 && len(waveChecks) == 0 {
		_, err := ReadResponses(ctx, ds)
		if p, ok := AsProblems(err); ok {
			all = append(all, p...)
		} else if err != nil {
			return nil, err
		}
	}
	sortProblems(all)
	return nil, reject(all, ds.Warnings)
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

// checkResponseFiles refuses, at their row of surveys.csv, the response
// files that must not be opened: a link that leads outside the data
// folder, a FIFO or a device (reading would wait forever), a file over
// MaxFileSize. A missing file is left to checkWaves.
func checkResponseFiles(ctx context.Context, ds *Dataset) error {
	var c collector
	for _, s := range ds.Surveys {
		if s.File == "" || !localPath(s.File) {
			continue // reported by readSurveys
		}
		err := CheckFile(ctx, ds.Dir, filepath.FromSlash(s.File))
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if p, ok := AsProblems(ds.refusedFile(s, err)); ok {
			c.problems = append(c.problems, p...)
		} else {
			return err
		}
	}
	return c.err()
}

// readSteps runs each step and gathers their problems; any other error
// stops it.
func readSteps(ctx context.Context, ds *Dataset, steps ...func(context.Context, *Dataset) error) (Problems, error) {
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

// readOptional reads a file that may be absent: absent gives a nil table.
func readOptional(ctx context.Context, dir, name string, required []string) (*table, error) {
	// Lstat: a link that leads nowhere is reported, not taken for absent.
	if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return readTable(ctx, dir, name, EncodingAuto, required)
}

// yearField parses a fiscal year column of r, adding a problem if it is not one.
func yearField(c *collector, t *table, r row, col string) int {
	y, err := parseYear(t.get(r, col))
	if err != nil {
		c.add(t.file, r.line, col, "年度として読めません: %q (例: 2023, 令和5年度, R5)", t.get(r, col))
	}
	return y
}

// maxCount bounds counts and numbers (mailed, issue_no, indicator_no).
const maxCount = math.MaxInt32

// intField parses a positive whole number, adding a problem if it is not one.
func intField(c *collector, t *table, r row, col string) int {
	n, err := parseWhole(t.get(r, col), maxCount)
	switch {
	case errors.Is(err, ErrNegativeCode):
		c.add(t.file, r.line, col, "負の数です: %q (1 以上の整数を書いてください)", t.get(r, col))
	case errors.Is(err, ErrCodeTooLarge):
		c.add(t.file, r.line, col, "大きすぎます: %q (%d まで)", t.get(r, col), maxCount)
	case err != nil || n == 0:
		c.add(t.file, r.line, col, "正の整数ではありません: %q (数字だけで書いてください)", t.get(r, col))
	default:
		return n
	}
	return 0
}

func wrapRead(name string, err error) error {
	if _, ok := AsProblems(err); ok || err == nil {
		return err
	}
	return fmt.Errorf("read %s: %w", name, err)
}
