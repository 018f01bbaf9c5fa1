// Package dashboards publishes the actuals as a static HTML site that works
// from file:// without a network: ECharts and the stylesheet are copied
// next to the pages, and every link is relative.
package dashboards

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/shihyo/shihyo/dashboards/charts"
	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/dashboards/pageset"
	"github.com/shihyo/shihyo/dashboards/wave"
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
	"chartHTML": func(c charts.Chart) template.HTML {
		return layout.Chart(c.ID, c.Class, c.Label, c.Height, c.Option)
	},
	"trendRows":  wave.TrendRows,  // the rows of a trend's data table
	"returnRows": wave.ReturnRows, // the rows of each wave's returns
}

// Site is everything a refresh publishes.
type Site struct {
	Dataset *model.Dataset
	Actuals []compute.Actual // sorted by ward, plan_year, issue_no, indicator_no, fiscal_year
	// Breakdowns are the cells of every indicator × wave by attribute, as
	// compute.Breakdowns returns them; the indicator pages show those of
	// the latest wave. Suppressed cells carry no values and are never shown.
	Breakdowns []compute.Breakdown
	// Frequencies are the 単純集計 of every wave (compute.Frequencies):
	// a page per wave.
	Frequencies []frequencies.Frequency
	GeneratedAt time.Time
}

// Render writes the whole site into dir, which must exist and be empty:
// index.html, one ward-*.html per ward, one indicator-*.html per indicator,
// method.html and assets/. Pages hold no absolute path and no respondent
// data. On error dir may hold part of the site; the caller, which renders
// into a temporary folder and swaps it in, discards it.
func Render(ctx context.Context, dir string, site Site) error {
	if err := pageset.CheckEmpty(dir); err != nil {
		return err
	}
	_, err := RenderSite(ctx, dir, site, nil)
	return err
}

// RenderSite is Render, with the pages written in parallel, and, when prev
// (the site published before) is given, every page whose content is the
// same as when prev was rendered linked from it instead: the page's key
// is the hash of its whole model, which is all its template reads (but the
// time of the footer, so an unchanged page keeps the time it last
// changed). It returns the keys, which the next refresh passes back. dir
// need not be empty: the refresh stages its tables there meanwhile.
func RenderSite(ctx context.Context, dir string, site Site, prev *pageset.Previous) (pageset.Result, error) {
	tmpls, err := parseTemplates()
	if err != nil {
		return pageset.Result{}, err
	}
	if err := writeAssets(dir); err != nil {
		return pageset.Result{}, err
	}
	m := newSiteModel(site)
	menus, err := layout.SiteMenus(tmpls["index.html"], m.namer, m.wards)
	if err != nil {
		return pageset.Result{}, err
	}
	return pageset.Write(ctx, dir, m.jobs(site.GeneratedAt, tmpls, menus), prev)
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
	// Fresh until a refresh says otherwise: the pipeline writes the real
	// one with status.html (package status).
	b, err := layout.StatusScript(layout.Freshness{})
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, filepath.FromSlash(layout.StatusScriptFile)), b, 0o644)
	}
	return err
}

// pageJob is the page file, its model data and its template t (named
// tmpl) as package pageset writes it: keyed by the template and the model
// without the footer's time, written by executing the template.
func pageJob(file, tmpl string, t *template.Template, data layout.Page) (pageset.Page, error) {
	if t == nil {
		return pageset.Page{}, fmt.Errorf("no template %s", tmpl)
	}
	timeless := data
	timeless.Generated = ""
	key, err := pageset.Key(tmpl, timeless)
	if err != nil {
		return pageset.Page{}, fmt.Errorf("key of %s: %w", file, err)
	}
	return pageset.Page{File: file, Key: key, Write: func(w io.Writer) error { return layout.Execute(t, w, data) }}, nil
}
