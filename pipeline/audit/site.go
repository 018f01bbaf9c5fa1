package audit

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// total is one row of actuals.csv as the auditor reads it.
type total struct {
	key    model.IndicatorKey
	title  string
	survey string
	n, p   int64
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
	arows, err := readTable(ctx, filepath.Join(dir, "actuals.csv"))
	if err != nil {
		return nil, nil, err
	}
	var totals []total
	for _, r := range arows {
		k, err := keyOf(r)
		if err != nil {
			return nil, nil, err
		}
		n, err1 := strconv.ParseInt(r["n_valid"], 10, 64)
		p, err2 := strconv.ParseInt(r["n_positive"], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, nil, fmt.Errorf("read actuals.csv: n_valid %q, n_positive %q", r["n_valid"], r["n_positive"])
		}
		totals = append(totals, total{key: k, title: r["title"], survey: r["survey_id"], n: n, p: p})
	}
	brows, err := readTable(ctx, filepath.Join(dir, "breakdowns.csv"))
	if err != nil {
		return nil, nil, err
	}
	cells := make([]cell, 0, len(brows))
	for _, r := range brows {
		c, err := cellOf(r)
		if err != nil {
			return nil, nil, err
		}
		cells = append(cells, c)
	}
	return totals, cells, nil
}

func cellOf(r map[string]string) (cell, error) {
	k, err := keyOf(r)
	if err != nil {
		return cell{}, err
	}
	c := cell{key: k, survey: r["survey_id"], attribute: r["attribute_key"], code: model.Blank, label: r["label"]}
	if r["code"] != "" {
		v, err := strconv.ParseInt(r["code"], 10, 32)
		if err != nil {
			return cell{}, fmt.Errorf("read breakdowns.csv: code %q", r["code"])
		}
		c.code = int32(v)
	}
	if r["suppressed"] == "true" || r["n_valid"] == "" {
		return c, nil
	}
	if c.n, err = strconv.ParseInt(r["n_valid"], 10, 64); err != nil {
		return cell{}, fmt.Errorf("read breakdowns.csv: n_valid %q", r["n_valid"])
	}
	c.shown = true
	if pe, err := strconv.ParseFloat(r["percent_exact"], 64); err == nil {
		// In an unweighted wave percent_exact is 100·positives/n.
		c.p = int64(math.Round(pe * float64(c.n) / 100))
	}
	return c, nil
}

func keyOf(r map[string]string) (model.IndicatorKey, error) {
	var k model.IndicatorKey
	var errs [3]error
	k.Ward = r["ward"]
	k.PlanYear, errs[0] = strconv.Atoi(r["plan_year"])
	k.IssueNo, errs[1] = strconv.Atoi(r["issue_no"])
	k.IndicatorNo, errs[2] = strconv.Atoi(r["indicator_no"])
	for _, err := range errs {
		if err != nil {
			return k, fmt.Errorf("read published table: %w", err)
		}
	}
	return k, nil
}

// readTable reads a published CSV file (UTF-8, with or without BOM) into
// rows by column name.
func readTable(ctx context.Context, path string) ([]map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read published table: %w", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read %s: no header", filepath.Base(path))
	}
	rows := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(rec))
		for i, h := range recs[0] {
			if i < len(rec) {
				m[h] = rec[i]
			}
		}
		rows = append(rows, m)
	}
	return rows, nil
}
