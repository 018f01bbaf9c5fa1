package audit

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/audit/pubtable"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Tables are the published files the auditor reads: the actuals with
// their flow, the breakdowns and the 単純集計, in that order.
var Tables = []string{"actuals.csv", "breakdowns.csv", "frequencies.csv"}

// total is one row of actuals.csv as the auditor reads it: its n_valid
// and n_positive, and its flow (flow_* columns; hidden counts Hidden).
type total struct {
	key         model.IndicatorKey
	title       string
	survey      string
	ward        string
	n, p        int64
	respondents int64
	flow        []flowCount
}

// flowCount is one count of a published flow.
type flowCount struct {
	step  disclose.Step
	code  int32
	n     int64
	shown bool
}

// frequency is one row of frequencies.csv: its number when shown.
type frequency struct {
	survey, ward string
	respondents  int64
	key          string
	multi        bool
	code         int32 // disclose.Blank for 無回答
	n            int64
	shown        bool
}

// cell is one row of breakdowns.csv: its numbers when shown.
type cell struct {
	key       model.IndicatorKey
	survey    string
	attribute string
	code      int32 // disclose.Blank for 無回答
	label     string
	shown     bool
	n, p      int64
}

// readSite reads the published tables of the site in dir.
func readSite(ctx context.Context, dir string) ([]total, []cell, error) {
	var totals []total
	err := pubtable.Each(ctx, filepath.Join(dir, Tables[0]), func(r pubtable.Row) error {
		k, err := keyOf(r)
		if err != nil {
			return err
		}
		n, err1 := strconv.ParseInt(r.Get("n_valid"), 10, 64)
		p, err2 := strconv.ParseInt(r.Get("n_positive"), 10, 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("n_valid %q、n_positive %q が整数ではありません", r.Get("n_valid"), r.Get("n_positive"))
		}
		t := total{key: k, title: r.Get("title"), survey: r.Get("survey_id"), ward: r.Get("ward"), n: n, p: p}
		if err := t.readFlow(r); err != nil {
			return err
		}
		totals = append(totals, t)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	var cells []cell
	err = pubtable.Each(ctx, filepath.Join(dir, Tables[1]), func(r pubtable.Row) error {
		c, err := cellOf(r)
		if err != nil {
			return err
		}
		cells = append(cells, c)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return totals, cells, nil
}

// readFlow reads the flow_* columns of r, if actuals.csv has them.
func (t *total) readFlow(r pubtable.Row) error {
	resp, ok := r.Lookup("flow_respondents")
	if !ok || resp == "" {
		return nil
	}
	var err error
	if t.respondents, err = strconv.ParseInt(resp, 10, 64); err != nil {
		return fmt.Errorf("flow_respondents %q が整数ではありません", resp)
	}
	for _, c := range []struct {
		col  string
		step disclose.Step
	}{{"flow_filtered", disclose.StepFiltered}, {"flow_not_applicable", disclose.StepNotApplicable},
		{"flow_no_answer", disclose.StepNoAnswer}, {"flow_excluded", disclose.StepExcluded}} {
		f, err := countOf(c.step, 0, r.Get(c.col))
		if err != nil {
			return fmt.Errorf("%s の %w", c.col, err)
		}
		t.flow = append(t.flow, f)
	}
	for _, c := range []struct {
		col  string
		step disclose.Step
	}{{"flow_excluded_by", disclose.StepExcludedCode}, {"flow_positive_by", disclose.StepPositiveCode}} {
		by, err := codesOf(c.step, r.Get(c.col))
		if err != nil {
			return fmt.Errorf("%s の %w", c.col, err)
		}
		t.flow = append(t.flow, by...)
	}
	return nil
}

func countOf(step disclose.Step, code int32, s string) (flowCount, error) {
	f := flowCount{step: step, code: code}
	if s == "" {
		return f, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return f, fmt.Errorf("人数 %q が整数ではありません", s)
	}
	f.n, f.shown = n, true
	return f, nil
}

// codesOf reads a flow's counts by code: code:label=n separated by "; "
// (n empty when hidden).
func codesOf(step disclose.Step, s string) ([]flowCount, error) {
	if s == "" {
		return nil, nil
	}
	var out []flowCount
	for _, part := range strings.Split(s, "; ") {
		colon, eq := strings.Index(part, ":"), strings.LastIndex(part, "=")
		if colon < 0 || eq < colon {
			return nil, fmt.Errorf("%q が「コード:ラベル=人数」の形ではありません", part)
		}
		code, err := strconv.ParseInt(part[:colon], 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%q のコードが整数ではありません", part)
		}
		f, err := countOf(step, int32(code), part[eq+1:])
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// readFrequencies reads frequencies.csv of the site in dir; a site
// without one (an older version's) publishes no 単純集計.
func readFrequencies(ctx context.Context, dir string) ([]frequency, error) {
	path := filepath.Join(dir, Tables[2])
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var out []frequency
	err := pubtable.Each(ctx, path, func(r pubtable.Row) error {
		f := frequency{survey: r.Get("survey_id"), ward: r.Get("ward"), key: r.Get("key"), multi: r.Get("multi") == "true", code: disclose.Blank}
		resp, err1 := strconv.ParseInt(r.Get("respondents"), 10, 64)
		var err2 error
		if r.Get("code") != "" {
			var c int64
			c, err2 = strconv.ParseInt(r.Get("code"), 10, 32)
			f.code = int32(c)
		}
		if err1 != nil || err2 != nil {
			return fmt.Errorf("respondents %q、code %q が整数ではありません", r.Get("respondents"), r.Get("code"))
		}
		f.respondents = resp
		if r.Get("suppressed") != "true" && r.Get("n") != "" {
			var err error
			if f.n, err = strconv.ParseInt(r.Get("n"), 10, 64); err != nil {
				return fmt.Errorf("n %q が整数ではありません", r.Get("n"))
			}
			f.shown = true
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

func cellOf(r pubtable.Row) (cell, error) {
	k, err := keyOf(r)
	if err != nil {
		return cell{}, err
	}
	c := cell{key: k, survey: r.Get("survey_id"), attribute: r.Get("attribute_key"), code: model.Blank, label: r.Get("label")}
	if r.Get("code") != "" {
		v, err := strconv.ParseInt(r.Get("code"), 10, 32)
		if err != nil {
			return cell{}, fmt.Errorf("code %q が整数ではありません", r.Get("code"))
		}
		c.code = int32(v)
	}
	if r.Get("suppressed") == "true" || r.Get("n_valid") == "" {
		return c, nil
	}
	if c.n, err = strconv.ParseInt(r.Get("n_valid"), 10, 64); err != nil {
		return cell{}, fmt.Errorf("n_valid %q が整数ではありません", r.Get("n_valid"))
	}
	c.shown = true
	pe, err := strconv.ParseFloat(r.Get("percent_exact"), 64)
	switch {
	case err == nil:
		// In an unweighted wave percent_exact is 100·positives/n.
		c.p = int64(math.Round(pe * float64(c.n) / 100))
	case r.Get("weighted") != "true":
		// The auditor solves with its positives: 0 in their place would
		// find groups that are not there and miss those that are.
		return cell{}, fmt.Errorf("percent_exact %q が数ではありません (n_valid が公開されたセル)", r.Get("percent_exact"))
	}
	return c, nil
}

func keyOf(r pubtable.Row) (model.IndicatorKey, error) {
	var k model.IndicatorKey
	var errs [3]error
	k.Ward = r.Get("ward")
	k.PlanYear, errs[0] = strconv.Atoi(r.Get("plan_year"))
	k.IssueNo, errs[1] = strconv.Atoi(r.Get("issue_no"))
	k.IndicatorNo, errs[2] = strconv.Atoi(r.Get("indicator_no"))
	if errors.Join(errs[:]...) != nil {
		return k, fmt.Errorf("plan_year %q、issue_no %q、indicator_no %q が整数ではありません",
			r.Get("plan_year"), r.Get("issue_no"), r.Get("indicator_no"))
	}
	return k, nil
}
