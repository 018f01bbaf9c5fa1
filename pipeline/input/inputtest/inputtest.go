// Package inputtest holds the defect cases of the input contract for the
// tests of every package that reads a data folder: pipeline/testdata/small
// (a valid data folder) and pipeline/testdata/bad/<case>/, each holding
// only the files that differ from small and want.txt, what reading it must
// give. The input package checks every case without a database; the
// pipeline refreshes over them; the command validates them as a process.
//
// want.txt holds, one per line, the expected problems as validate prints
// them but with the file relative to the data folder and only a piece of
// the message,
//
//	responses/w2020.csv:8: choices.csv にない回答コード 5
//
// the expected warnings likewise with 注意: after the line, the stage at
// which the defect is found (stage: files, fields, references, responses,
// or accepted for a folder without problems), the files of small the case
// does without (remove: indicators.csv, for a case that keeps it as a
// workbook), and # comments.
package inputtest

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// WantFile is the name of a case's expectations in its folder.
const WantFile = "want.txt"

// Stages of reading a data folder, in order: a file that cannot be read as
// a CSV table, a value of a definition file, a check across files, a row of
// a response file; accepted for a folder that must give no problem.
var Stages = []string{"files", "fields", "references", "responses", "accepted"}

// Want is one expected problem or warning: the file relative to the data
// folder, the line, and a piece of the message.
type Want struct {
	File string
	Line int
	Msg  string
}

// Case is one folder of testdata/bad with its expectations.
type Case struct {
	Name     string
	Stage    string
	Problems []Want
	Warnings []Want
	Remove   []string // files of small, relative, that Overlay leaves out
}

// testdata is pipeline/testdata, found from this file's own place so that
// the tests of any package reach it.
func testdata() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Small is the valid data folder every case is laid over.
func Small() string { return filepath.Join(testdata(), "small") }

// Bad is the folder of the case name.
func Bad(name string) string { return filepath.Join(testdata(), "bad", name) }

// Cases reads every case of testdata/bad, in name order.
func Cases(tb testing.TB) []Case {
	tb.Helper()
	entries, err := os.ReadDir(filepath.Join(testdata(), "bad"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []Case
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c, err := readCase(e.Name())
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

var wantRe = regexp.MustCompile(`^(.+?):([1-9][0-9]*): (注意: )?(.+)$`)

func readCase(name string) (Case, error) {
	c := Case{Name: name}
	f, err := os.Open(filepath.Join(Bad(name), WantFile))
	if err != nil {
		return c, fmt.Errorf("case %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "stage: "):
			c.Stage = strings.TrimPrefix(line, "stage: ")
		case strings.HasPrefix(line, "remove: "):
			c.Remove = append(c.Remove, strings.TrimPrefix(line, "remove: "))
		default:
			m := wantRe.FindStringSubmatch(line)
			if m == nil {
				return c, fmt.Errorf("%s/%s:%d: not FILE:LINE: message: %q", name, WantFile, n, line)
			}
			l, _ := strconv.Atoi(m[2])
			w := Want{File: m[1], Line: l, Msg: m[4]}
			if m[3] != "" {
				c.Warnings = append(c.Warnings, w)
			} else {
				c.Problems = append(c.Problems, w)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return c, fmt.Errorf("case %s: %w", name, err)
	}
	if !slices.Contains(Stages, c.Stage) || (c.Stage == "accepted") != (len(c.Problems) == 0) {
		return c, fmt.Errorf("case %s: stage %q with %d problems", name, c.Stage, len(c.Problems))
	}
	return c, nil
}

// Overlay copies small into a temporary folder, without the files the
// case removes, and the files of the case name over it (want.txt aside; a
// link as a link), and returns the folder.
func Overlay(tb testing.TB, name string) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.CopyFS(dir, os.DirFS(Small())); err != nil {
		tb.Fatal(err)
	}
	c, err := readCase(name)
	if err != nil {
		tb.Fatal(err)
	}
	for _, rel := range c.Remove {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			tb.Fatalf("overlay %s: remove: %v", name, err)
		}
	}
	bad := Bad(name)
	err = filepath.WalkDir(bad, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(bad, p)
		if err != nil || rel == WantFile {
			return err
		}
		dst := filepath.Join(dir, rel)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			return os.Symlink(target, dst)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		tb.Fatalf("overlay %s: %v", name, err)
	}
	return dir
}

// CheckProblems asserts that err carries exactly the wanted problems of
// the data folder dir, in order, each printed as FILE:LINE: message.
func CheckProblems(tb testing.TB, dir string, err error, want []Want) {
	tb.Helper()
	if len(want) == 0 {
		if err != nil {
			tb.Fatalf("want no problem; got %v", err)
		}
		return
	}
	got, ok := input.AsProblems(err)
	if !ok {
		tb.Fatalf("want %d problems; got error %v", len(want), err)
	}
	if len(got) != len(want) {
		tb.Errorf("got %d problems; want %d:", len(got), len(want))
		for _, p := range got {
			tb.Errorf("  %v", p)
		}
		return
	}
	for i, w := range want {
		p := got[i]
		file := filepath.Join(dir, filepath.FromSlash(w.File))
		if p.File != file || p.Line != w.Line || !strings.Contains(p.Msg, w.Msg) {
			tb.Errorf("problem %d = %s:%d %q; want %s:%d containing %q", i+1, p.File, p.Line, p.Msg, file, w.Line, w.Msg)
		}
		if prefix := fmt.Sprintf("%s:%d: ", file, w.Line); !strings.HasPrefix(p.Error(), prefix) {
			tb.Errorf("printed as %q; want it to start %q", p.Error(), prefix)
		}
	}
}

// CheckWarnings asserts that got are exactly the wanted warnings, in order,
// each printed as FILE:LINE: 注意: message.
func CheckWarnings(tb testing.TB, dir string, got []*model.Warning, want []Want) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Errorf("got %d warnings; want %d:", len(got), len(want))
		for _, w := range got {
			tb.Errorf("  %v", w)
		}
		return
	}
	for i, w := range want {
		g := got[i]
		file := filepath.Join(dir, filepath.FromSlash(w.File))
		if g.File != file || g.Line != w.Line || !strings.Contains(g.Msg, w.Msg) {
			tb.Errorf("warning %d = %s:%d %q; want %s:%d containing %q", i+1, g.File, g.Line, g.Msg, file, w.Line, w.Msg)
		}
		if prefix := fmt.Sprintf("%s:%d: 注意: ", file, w.Line); !strings.HasPrefix(g.String(), prefix) {
			tb.Errorf("printed as %q; want it to start %q", g.String(), prefix)
		}
	}
}

// OnePerStage is the first case with problems of each stage: the cases a
// short test run refreshes over.
func OnePerStage(cases []Case) []Case {
	var out []Case
	seen := map[string]bool{}
	for _, c := range cases {
		if len(c.Problems) > 0 && !seen[c.Stage] {
			seen[c.Stage] = true
			out = append(out, c)
		}
	}
	return out
}
