package dashboards

import (
	"fmt"

	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// The page names and the order of wards come from package wards, which
// validation also uses to refuse two spellings that would share a page.

// wardFile is the page of a ward.
func (m *siteModel) wardFile(ward string) string { return layout.WardFile(m.namer, ward) }

// indicatorFile is the page of one indicator of one plan.
func (m *siteModel) indicatorFile(k model.IndicatorKey) string {
	return fmt.Sprintf("indicator-%s-%d-%d-%d.html", m.namer.Slug(k.Ward), k.PlanYear, k.IssueNo, k.IndicatorNo)
}

// lessWard orders wards as the city lists them, other wards after, by name.
func lessWard(a, b string) bool { return wards.Less(a, b) }
