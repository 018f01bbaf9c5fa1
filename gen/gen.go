// Package gen writes survey data directories in the input format of
// docs/inputs.md: the built-in sample (鶴見区 令和5年度 with its published
// actuals, 東住吉区 令和2年度 with invented indicators) or a synthetic data
// set of any size for benchmarks.
//
// The respondents are generated, not real. In the sample, the 令和4・5年度
// waves of 鶴見区 are built so that each indicator publishes exactly the
// actual printed in the plan; other years lie near the 令和4年度 value.
package gen

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Options says what to generate. With Wards, Years, Respondents and
// Questions all zero, Generate writes the built-in sample (鶴見区 and
// 東住吉区); otherwise a synthetic data set of that size (for benchmarks).
type Options struct {
	Out         string // the data directory to write (created; existing files of the same names are overwritten)
	Wards       int
	Years       int
	Respondents int   // per wave
	Questions   int   // per wave; one indicator per question
	Seed        int64 // 0 means the default seed 1
	// AllCSV writes every response file as CSV, the sample's workbook too:
	// the same data in CSV only (UTF-8 with BOM), to compare with.
	AllCSV bool
}

// ErrInvalidOptions reports options Generate cannot honour.
var ErrInvalidOptions = errors.New("invalid options")

// Defaults of the synthetic data set, for the sizes left at zero.
const (
	defaultWards       = 2
	defaultYears       = 4
	defaultRespondents = 800
	defaultQuestions   = 10
)

// sample tells whether the options ask for the built-in sample.
func (o Options) sample() bool {
	return o.Wards == 0 && o.Years == 0 && o.Respondents == 0 && o.Questions == 0
}

// withDefaults checks the options and fills the zero ones.
func (o Options) withDefaults() (Options, error) {
	if o.Out == "" {
		return o, fmt.Errorf("%w: no output directory", ErrInvalidOptions)
	}
	if o.Wards < 0 || o.Years < 0 || o.Respondents < 0 || o.Questions < 0 {
		return o, fmt.Errorf("%w: negative size", ErrInvalidOptions)
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.sample() {
		return o, nil
	}
	o.Wards = cmp.Or(o.Wards, defaultWards)
	o.Years = cmp.Or(o.Years, defaultYears)
	o.Respondents = cmp.Or(o.Respondents, defaultRespondents)
	o.Questions = cmp.Or(o.Questions, defaultQuestions)
	return o, nil
}

// Generate writes the data directory opts.Out: surveys.csv, questions.csv,
// choices.csv, indicators.csv, plans.csv, plan_issues.csv, plan_actions.csv and one
// responses/<survey_id>.csv per wave. The same options always produce
// byte-identical files.
//
// Each file is written under a temporary name and renamed into place, so
// on failure or cancellation (checked between files) the files already
// written are complete and the others are untouched or absent; the
// directory as a whole may then mix old and new files.
func Generate(ctx context.Context, opts Options) error {
	o, err := opts.withDefaults()
	if err != nil {
		return err
	}
	seed := uint64(o.Seed)
	rng := streamRand(seed, "dataset")
	var d *dataset
	if o.sample() {
		d = sampleDataset(rng)
	} else {
		d = scaleDataset(o, rng)
	}
	if err := d.check(); err != nil {
		return err
	}
	if o.AllCSV {
		for _, w := range d.waves {
			if w.format == excelXLSX {
				w.format, w.sheet = excelUTF8, ""
			}
		}
	}
	if err := os.MkdirAll(filepath.Join(o.Out, "responses"), 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if err := writeMeta(ctx, o.Out, d); err != nil {
		return err
	}
	return writeWaves(ctx, o.Out, d, seed)
}

// writeMeta writes the files that describe the surveys and the plans.
func writeMeta(ctx context.Context, out string, d *dataset) error {
	files := []struct {
		name  string
		write func(string, *dataset) error
	}{
		{"surveys.csv", writeSurveys},
		{"questions.csv", writeQuestions},
		{"choices.csv", writeChoices},
		{"indicators.csv", writeIndicators},
		{"plans.csv", writePlans},
		{"plan_issues.csv", writePlanIssues},
		{"plan_actions.csv", writePlanActions},
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("generate %s: %w", f.name, err)
		}
		if err := f.write(filepath.Join(out, f.name), d); err != nil {
			return err
		}
	}
	return nil
}

// writeWaves draws and writes the response file of every wave.
func writeWaves(ctx context.Context, out string, d *dataset, seed uint64) error {
	for _, w := range d.waves {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("generate %s: %w", w.file(), err)
		}
		r, err := answerWave(w, seed)
		if err != nil {
			return fmt.Errorf("generate %s: %w", w.file(), err)
		}
		if err := writeResponses(filepath.Join(out, filepath.FromSlash(w.file())), w, r); err != nil {
			return err
		}
	}
	return nil
}
