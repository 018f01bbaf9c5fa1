// Package dashboards publishes the actuals as a static HTML site that works
// from file:// without a network: ECharts and the stylesheet are copied
// next to the pages, and every link is relative.
package dashboards

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/present"
)

// assets holds echarts.min.js (copied from web/node_modules by the
// Makefile, git-ignored), style.css and dashboard.js.
//
//go:embed assets/*
var assets embed.FS

//go:embed templates/*.html
var templates embed.FS

// ErrNoECharts means the binary was built without assets/echarts.min.js:
// the Makefile's assets step was skipped.
var ErrNoECharts = errors.New("dashboards/assets/echarts.min.js is missing or empty: " +
	"run `make build`, which copies it from web/node_modules, and rebuild")

// echartsFile is where pages load ECharts from, relative to each page.
const echartsFile = charts.EChartsFile

// templateFuncs give the templates the words of package present, so that
// a page spells 達成状況 and 進捗 as the exports do.
var templateFuncs = template.FuncMap{
	"statusText":     present.StatusText,
	"trajectoryText": present.TrajectoryText,
}

// Site is everything a refresh publishes.
type Site struct {
	Dataset *model.Dataset
	Actuals []compute.Actual // sorted by ward, plan_year, issue_no, indicator_no, fiscal_year
	// Breakdowns are the cells of every indicator × wave by attribute, as
	// compute.Breakdowns returns them; the indicator pages show those of
	// the latest wave. Suppressed cells carry no values and are never shown.
	Breakdowns  []compute.Breakdown
	GeneratedAt time.Time
}

// Wards are the wards a site of ds has pages for, in the order of its
// menu: those of its indicators and of its plans.
func Wards(ds *model.Dataset) []string {
	var names []string
	for _, in := range ds.Indicators {
		names = append(names, in.Ward)
	}
	for _, p := range ds.Plans {
		names = append(names, p.Ward)
	}
	links := layout.Nav(names, "")
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Name
	}
	return out
}

// Render writes the whole site into dir, which must exist and be empty:
// index.html, one ward-*.html per ward, one indicator-*.html per indicator,
// method.html and assets/. Pages hold no absolute path and no respondent
// data. On error dir may hold part of the site; the caller, which renders
// into a temporary folder and swaps it in, discards it.
func Render(ctx context.Context, dir string, site Site) error {
	if err := checkEmpty(dir); err != nil {
		return err
	}
	tmpls, err := parseTemplates()
	if err != nil {
		return err
	}
	pages, err := newSiteModel(site).pages(site.GeneratedAt)
	if err != nil {
		return fmt.Errorf("build pages: %w", err)
	}
	if err := writeAssets(dir); err != nil {
		return err
	}
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writePage(dir, tmpls[p.Template], p); err != nil {
			return err
		}
	}
	return nil
}

func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read output folder: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s is not empty", dir)
	}
	return nil
}

// parseTemplates gives each page its own set (layout + partials + page), so
// that every page file can define "content".
func parseTemplates() (map[string]*template.Template, error) {
	names, err := fs.Glob(templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, name := range names {
		base := path.Base(name)
		if base == "partials.html" {
			continue
		}
		t, err := layout.New(base, templateFuncs)
		if err == nil {
			t, err = t.ParseFS(templates, "templates/partials.html", name)
		}
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", base, err)
		}
		out[base] = t
	}
	return out, nil
}

func writeAssets(dir string) error {
	if info, err := fs.Stat(assets, echartsFile); err != nil || info.Size() == 0 {
		return ErrNoECharts
	}
	if err := os.Mkdir(filepath.Join(dir, "assets"), 0o755); err != nil {
		return fmt.Errorf("create assets folder: %w", err)
	}
	files, err := fs.ReadDir(assets, "assets")
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := assets.ReadFile("assets/" + f.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "assets", f.Name()), b, 0o644); err != nil {
			return fmt.Errorf("write asset %s: %w", f.Name(), err)
		}
	}
	return nil
}

// writePage executes into memory first so a template error never leaves a
// half-written page.
func writePage(dir string, t *template.Template, p page) error {
	if t == nil {
		return fmt.Errorf("no template %s", p.Template)
	}
	var buf bytes.Buffer
	if err := layout.Execute(t, &buf, p.Data); err != nil {
		return fmt.Errorf("render %s: %w", p.File, err)
	}
	if err := os.WriteFile(filepath.Join(dir, p.File), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", p.File, err)
	}
	return nil
}
