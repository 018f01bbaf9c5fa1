package dashboards

import (
	"github.com/shihyo/shihyo/dashboards/layout"
	"slices"
	"testing"
	"time"

	"github.com/shihyo/shihyo/dashboards/wave"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

func TestFormatters(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{wave.Rate(736, 2000), "36.8%"},
		{wave.Rate(736, 0), "—"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestFileNames: Osaka's wards by their romaji, a ward given a slug by
// it, any other ward by a readable number (never a hash), the same on the
// ward page, the indicator pages, the menu and the links.
func TestFileNames(t *testing.T) {
	ds := &model.Dataset{
		Surveys: []model.Survey{{Ward: "堺市北区", Slug: "sakai-kita"}},
		Plans:   []model.Plan{{Ward: "鶴見区"}, {Ward: "大阪市東住吉区"}, {Ward: "美原区"}, {Ward: "堺市中区"}, {Ward: "堺市北区"}},
	}
	m := newSiteModel(Site{Dataset: ds})
	for ward, want := range map[string]string{
		"鶴見区": "ward-tsurumi.html", "大阪市東住吉区": "ward-higashisumiyoshi.html", "堺市北区": "ward-sakai-kita.html",
		"堺市中区": "ward-ku1.html", "美原区": "ward-ku2.html",
	} {
		if got := m.wardFile(ward); got != want {
			t.Errorf("wardFile(%s) = %q; want %q", ward, got, want)
		}
	}
	k := model.IndicatorKey{Ward: "堺市北区", PlanYear: 2023, IssueNo: 3, IndicatorNo: 1}
	if got := m.indicatorFile(k); got != "indicator-sakai-kita-2023-3-1.html" {
		t.Errorf("indicatorFile = %q", got)
	}
	tmpls, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, job := range m.jobs(time.Time{}, tmpls, nil) {
		p, err := job.Build()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, p.File)
	}
	for _, want := range []string{"ward-sakai-kita.html", "ward-ku1.html", "ward-ku2.html"} {
		if !slices.Contains(files, want) {
			t.Errorf("pages %v lack %s", files, want)
		}
	}
	var menu []string
	for _, l := range layout.Nav(m.namer, m.wards, "index.html") {
		menu = append(menu, l.File)
	}
	want := []string{"ward-tsurumi.html", "ward-higashisumiyoshi.html", "ward-ku1.html", "ward-sakai-kita.html", "ward-ku2.html"}
	if !slices.Equal(menu, want) {
		t.Errorf("menu %v; want %v", menu, want)
	}
}
