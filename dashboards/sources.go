package dashboards

import (
	"sync"

	"github.com/shihyo/shihyo/dashboards/breakdown"
	"github.com/shihyo/shihyo/dashboards/pageset"
	"github.com/shihyo/shihyo/dashboards/simple"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// The source key of a page (pageset.Job.Source) hashes what its model is
// built from, so that a refresh in which one wave changed links the pages
// that read nothing of it without building them: building the models was
// most of a one-wave refresh's work (BENCHMARKS.md, findings 40–43).
//
// Every page reads the definitions, everywhere (labels, plans, budgets,
// the menu), so each source holds the whole Dataset and what the site
// derives from it (siteBase); beyond that, a page reads only indicator
// views: its own, those of its ward, or all of them. A view's source is
// the whole indicator.View (its plans, definition and waves). Equal
// sources must build equal models: TestSourcesCoverModels changes the
// site's inputs one by one and checks that no page's model changed while
// its source stayed. The templates are the binary's: a new binary reloads
// everything, and the refresh then gives no previous site.

// sources are the source keys of a site's pages, each computed once.
type sources struct {
	base func() (string, error)
}

// siteBase is what every page reads beyond its views.
type siteBase struct {
	Dataset *model.Dataset
	Wards   []string
	Current map[string]int
}

func (m *siteModel) newSources() *sources {
	return &sources{base: sync.OnceValues(func() (string, error) {
		return pageset.Key("site", siteBase{Dataset: m.ds, Wards: m.wards, Current: m.current})
	})}
}

// pageSource is the source of a page: the base, what names the page, and
// the sources of the views it reads, with what else it reads (extra).
type pageSource struct {
	Base, Page string
	Views      []string
	Extra      any
}

// source is the source of page, reading views and extra, both given when
// the source is asked for (on a worker of the render).
func (m *siteModel) source(page string, of func() ([]*indicatorView, any)) func() (string, error) {
	return func() (string, error) {
		base, err := m.sources.base()
		if err != nil {
			return "", err
		}
		views, extra := of()
		s := pageSource{Base: base, Page: page, Views: make([]string, len(views)), Extra: extra}
		for i, v := range views {
			if s.Views[i], err = v.source(); err != nil {
				return "", err
			}
		}
		return pageset.Key("source", s)
	}
}

// indicatorSource is an indicator page's: its view, the breakdown cells
// it shows (those of its latest wave), and the views of the other wards'
// indicators on the same question (compare-row).
func (m *siteModel) indicatorSource(v *indicatorView) func() (string, error) {
	return m.source(m.indicatorFile(v.Key), func() ([]*indicatorView, any) {
		return append([]*indicatorView{v}, m.sameQuestion(v)...), struct{ Breakdowns []compute.Breakdown }{breakdown.Shown(v.Chart(), m.breakdowns[v.Key])}
	})
}

// wardSource is a ward page's: the ward's views, of every plan, and the
// links to its 単純集計 pages.
func (m *siteModel) wardSource(ward string) func() (string, error) {
	return m.source(m.wardFile(ward), func() ([]*indicatorView, any) {
		return m.ofWard(ward, func(int) bool { return true }), struct{ Simple []simple.Link }{simple.Links(m.simple, ward)}
	})
}

// allSource is the source of a page that reads every view (the overview,
// 算出方法).
func (m *siteModel) allSource(page string) func() (string, error) {
	return m.source(page, func() ([]*indicatorView, any) { return m.indicators, nil })
}
