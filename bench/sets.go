package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Phases of the table, in order.
const (
	phaseReadCSV   = "read_csv (reference)"
	phaseValidate  = "validate alone"
	phaseFull      = "full refresh (new database)"
	phaseNoOp      = "no-op refresh"
	phaseWave      = "one changed wave"
	phaseIndicator = "one changed indicator"
	phaseRender    = "page render (in the full refresh)"
)

// setResult is what was measured on one data set.
type setResult struct {
	Set     set
	Answers string // size of the set, for the table's heading
	Phases  map[string]*phase
}

// paths of one set under the work folder; trash is where the folders of
// earlier runs wait to be removed (trashOf).
type setPaths struct{ root, data, db, out, ref, trash string }

func pathsOf(work string, s set) setPaths {
	root := filepath.Join(work, s.Name)
	return setPaths{root: root, data: filepath.Join(root, "data"), db: filepath.Join(root, "db", "shihyo.duckdb"),
		out: filepath.Join(root, "site", "out"), ref: filepath.Join(root, "ref.duckdb"), trash: trashOf(work)}
}

// trashOf is the folder of work that the folders of earlier runs are
// moved into, and removed from only once every set is measured: on ext4,
// creating files right after thousands were removed costs the kernel a
// scan past every recently freed inode (recently_deleted, about 0.2 s of
// a full refresh's 1,090 files here), which a refresh run as staff run it
// never meets, and the reference, which writes one file, does not pay.
func trashOf(work string) string { return filepath.Join(work, "trash") }

// measureSet generates the set (unless a previous run of -work left it)
// and measures every phase -runs times.
func measureSet(ctx context.Context, o options, self string, s set) (*setResult, error) {
	p := pathsOf(o.work, s)
	if err := generate(ctx, o, s, p); err != nil {
		return nil, err
	}
	r := &setResult{Set: s, Answers: describe(p.data), Phases: map[string]*phase{}}
	for _, name := range []string{phaseReadCSV, phaseValidate, phaseFull, phaseNoOp, phaseWave, phaseIndicator, phaseRender} {
		r.Phases[name] = &phase{Name: name}
	}
	ed, err := newEdits(p.data)
	if err != nil {
		return nil, err
	}
	defer ed.restore()
	// One read of everything first, so that every run finds the files in
	// the page cache.
	if _, err := measure(ctx, p.root, self, readCSVMode, p.data, p.ref); err != nil {
		return nil, err
	}
	for i := range o.runs {
		fmt.Fprintf(os.Stderr, "bench: %s, run %d of %d\n", s.Name, i+1, o.runs)
		if err := measureRound(ctx, o, self, p, ed, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// measureRound measures each phase once, after one run of the reference.
func measureRound(ctx context.Context, o options, self string, p setPaths, ed *edits, r *setResult) error {
	ref, err := measure(ctx, p.root, self, readCSVMode, p.data, p.ref)
	if err != nil {
		return err
	}
	r.add(phaseReadCSV, ref, ref.Wall)
	refresh := []string{"refresh", "--data", p.data, "--db", p.db, "--out", p.out}
	steps := []struct {
		name   string
		before func() error
		args   []string
	}{
		{phaseValidate, nil, []string{"validate", "--data", p.data}},
		{phaseFull, func() error { return fresh(p) }, refresh},
		{phaseNoOp, nil, refresh},
		{phaseWave, ed.toggleWave, refresh},
		{phaseIndicator, ed.toggleIndicator, refresh},
	}
	for _, st := range steps {
		if st.before != nil {
			if err := st.before(); err != nil {
				return err
			}
		}
		sm, err := measure(ctx, p.root, o.shihyo, st.args...)
		if err != nil {
			return err
		}
		r.add(st.name, sm, ref.Wall)
		if st.name == phaseFull {
			render := sample{Wall: phaseTimes(sm.Stderr)["render"]}
			r.add(phaseRender, render, ref.Wall)
		}
	}
	return nil
}

func (r *setResult) add(name string, s sample, ref time.Duration) {
	ph := r.Phases[name]
	ph.Samples = append(ph.Samples, s)
	ph.Ref = append(ph.Ref, ref)
}

// fresh moves the database and the site of the set into the trash (see
// trashOf): the next refresh is a first one.
func fresh(p setPaths) error {
	if err := os.MkdirAll(p.trash, 0o755); err != nil {
		return err
	}
	for _, d := range []string{filepath.Dir(p.db), filepath.Dir(p.out)} {
		if _, err := os.Stat(d); err == nil {
			to, err := os.MkdirTemp(p.trash, filepath.Base(d)+"-")
			if err == nil {
				err = os.Rename(d, filepath.Join(to, filepath.Base(d)))
			}
			if err != nil {
				return err
			}
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// generate writes the set with shihyo gen, unless the folder already holds
// it (a stamp file names the arguments).
func generate(ctx context.Context, o options, s set, p setPaths) error {
	args := []string{"gen", "--wards", "24", "--years", "4", "--respondents", strconv.Itoa(s.Respondents),
		"--questions", "40", "--out", p.data}
	stamp := filepath.Join(p.root, "generated")
	want := fmt.Sprint(args)
	if b, err := os.ReadFile(stamp); err == nil && string(b) == want {
		return nil
	}
	if err := os.RemoveAll(p.root); err != nil {
		return err
	}
	if err := os.MkdirAll(p.root, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: generating %s (%d respondents per wave)\n", s.Name, s.Respondents)
	if _, err := measure(ctx, p.root, o.shihyo, args...); err != nil {
		return err
	}
	return os.WriteFile(stamp, []byte(want), 0o644)
}

// describe sizes the set's response files: files and megabytes.
func describe(data string) string {
	files, _ := filepath.Glob(filepath.Join(data, "responses", "*.csv"))
	var size int64
	rows := 0
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			size += int64(len(b))
			rows += bytes.Count(b, []byte("\n")) - 1
		}
	}
	return fmt.Sprintf("%d response files, %.0f MB, %d respondents", len(files), float64(size)/1e6, rows)
}
