package stage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shihyo/shihyo/internal/fsatomic"
	"github.com/shihyo/shihyo/pipeline/audit"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"github.com/shihyo/shihyo/pipeline/export/sitetables"
)

// Audit runs the auditor (audit.Staged) over the staged tables, or, when
// sp.Audit is not nil, over their rows of the waves it names only: the
// auditor's model is one wave's published numbers, so a wave whose rows
// and definitions are those of the site published before (which passed
// the audit) passes it again. A part of the tables is written into a
// folder of its own beside the published one, removed afterwards (or by
// the next refresh's cleaning, if the process is killed): never into the
// site.
func (st *Site) Audit(ctx context.Context, sp Spec) error {
	if sp.Audit == nil {
		return audit.Staged(ctx, st.Dir, sp.Dataset)
	}
	if len(sp.Audit) == 0 {
		return nil
	}
	tables, err := part(sp)
	if err != nil {
		return err
	}
	dir, err := fsatomic.Stage(sp.Out)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for name, t := range tables {
		if err := os.WriteFile(filepath.Join(dir, name), t, 0o644); err != nil {
			return fmt.Errorf("write %s for the audit: %w", name, err)
		}
	}
	return audit.Staged(ctx, dir, sp.Dataset)
}

// part is every table the auditor reads, with the rows of the waves
// sp.Audit names only.
func part(sp Spec) (map[string][]byte, error) {
	var a, b, f bytes.Buffer
	err := errors.Join(sitetables.WriteActualsCSV(&a, only(sp.Actuals, sp.Audit, func(x compute.Actual) string { return x.SurveyID })),
		sitetables.WriteBreakdownsCSV(&b, only(sp.Breakdowns, sp.Audit, func(x compute.Breakdown) string { return x.SurveyID })),
		sitetables.WriteFrequenciesCSV(&f, only(sp.Frequencies, sp.Audit, func(x frequencies.Frequency) string { return x.SurveyID })))
	if err != nil {
		return nil, err
	}
	return map[string][]byte{ActualsFile: a.Bytes(), BreakdownsFile: b.Bytes(), FrequenciesFile: f.Bytes()}, nil
}

// only are the rows of rows whose wave (survey of) is in waves.
func only[T any](rows []T, waves map[string]bool, survey func(T) string) []T {
	var out []T
	for _, r := range rows {
		if waves[survey(r)] {
			out = append(out, r)
		}
	}
	return out
}
