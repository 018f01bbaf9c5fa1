// Package layout is what every page of the published site shares: the
// head, the site header with its menu (概要, one link per ward, 算出方法,
// 更新状況) and the footer, in one template (layout.html). The dashboards
// and the status page are both rendered through it, so that every page has
// the same menu, written once per site (Menus). What Go writes into the
// pages instead of a template (rows of data tables, charts' containers) is
// escaped here as html/template escapes it (WriteText).
package layout

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shihyo/shihyo/internal/jst"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// StatusFile is the status page's name in the published folder; the menu
// of every page links to it.
const StatusFile = "status.html"

//go:embed layout.html
var layoutText string

// Page is what a page gives the layout. The layout executes the template
// "content" with Content.
type Page struct {
	Title string
	File  string // the page's own file, marked in the menu
	Wards []Link
	// Menu is Wards as the menu writes them (the template menu-wards,
	// Menu); Execute writes it when it is empty. A site gives its pages
	// the few menus they share, written once.
	Menu      template.HTML
	Generated string
	HasCharts bool
	Content   any
	// StatusFile is status.html, which the pipeline writes beside the
	// pages; the header links to it. Every other page loads StatusScript
	// and BannerScript, which show a banner when the last refresh failed.
	StatusFile, StatusScript, BannerScript string
}

// Link is one ward in the menu.
type Link struct {
	Name, File string
	Current    bool
}

// New returns a template set holding "layout"; the caller parses its page
// (which defines "content") into it. funcs are added before the layout is
// parsed.
func New(name string, funcs template.FuncMap) (*template.Template, error) {
	t, err := template.New(name).Funcs(funcs).Parse(layoutText)
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	return t, nil
}

// WardFile is the page of a ward, named by n (the site's wards.Namer).
func WardFile(n wards.Namer, ward string) string {
	return "ward-" + n.Slug(ward) + ".html"
}

// Nav is the menu's ward links, in the city's order, the page current
// marked, each page named by n: the same list on every page of a site.
func Nav(n wards.Namer, wardNames []string, current string) []Link {
	names := slices.Clone(wardNames)
	slices.SortStableFunc(names, func(a, b string) int {
		switch {
		case wards.Less(a, b):
			return -1
		case wards.Less(b, a):
			return 1
		}
		return 0
	})
	links := make([]Link, 0, len(names))
	for _, w := range slices.Compact(names) {
		links = append(links, Link{Name: w, File: WardFile(n, w), Current: WardFile(n, w) == current})
	}
	return links
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
	links := Nav(ds.WardNamer(), names, "")
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.Name
	}
	return out
}

// Generated is the footer's time of a page, in Japan time, to the minute:
// 2026年11月21日 02:00（日本時間）; "" for the zero time.
func Generated(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(jst.Location).Format("2006年1月2日 15:04") + "（日本時間）"
}

// Execute runs the layout of t with p.
func Execute(t *template.Template, w io.Writer, p Page) error {
	p.StatusFile, p.StatusScript, p.BannerScript = StatusFile, StatusScriptFile, BannerScriptFile
	if p.Menu == "" && len(p.Wards) > 0 {
		var err error
		if p.Menu, err = Menu(t, p.Wards); err != nil {
			return err
		}
	}
	return t.ExecuteTemplate(w, "layout", p)
}

// Menus are the menus of a site's pages, each written once (Menu): by the
// file of each ward's page, marking that page, and under "" the menu of
// every other page, which marks none.
type Menus map[string]template.HTML

// Of is the menu of the page file.
func (ms Menus) Of(file string) template.HTML {
	if m, ok := ms[file]; ok {
		return m
	}
	return ms[""]
}

// SiteMenus are the Menus of a site of the wards wardNames, its pages
// named by n, written by t.
func SiteMenus(t *template.Template, n wards.Namer, wardNames []string) (Menus, error) {
	if t == nil {
		return nil, fmt.Errorf("write menu: no template")
	}
	files := []string{""}
	for _, l := range Nav(n, wardNames, "") {
		files = append(files, l.File)
	}
	out := Menus{}
	for _, f := range files {
		menu, err := Menu(t, Nav(n, wardNames, f))
		if err != nil {
			return nil, err
		}
		out[f] = menu
	}
	return out, nil
}

// Menu is the ward links of the menu as the layout of t writes them
// (html/template escaping them): the same on every page but the ward's
// own, so a site writes each once.
func Menu(t *template.Template, links []Link) (template.HTML, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "menu-wards", links); err != nil {
		return "", fmt.Errorf("write menu: %w", err)
	}
	return template.HTML(b.String()), nil // the template escaped it
}
