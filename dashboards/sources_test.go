package dashboards

import (
	"database/sql"
	"fmt"
	"reflect"
	"testing"

	"github.com/shihyo/shihyo/dashboards/layout"
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/frequencies"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// pageKeys builds every page of site as a refresh does: the source and
// the content key of each (sources are "" for a page without one).
func pageKeys(t *testing.T, site Site) (sources, keys map[string]string) {
	t.Helper()
	tmpls, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m := newSiteModel(site)
	menus, err := layout.SiteMenus(tmpls["index.html"], m.namer, m.wards)
	if err != nil {
		t.Fatal(err)
	}
	sources, keys = map[string]string{}, map[string]string{}
	for _, j := range m.jobs(site.GeneratedAt, tmpls, menus) {
		if j.Source != nil {
			if sources[j.File], err = j.Source(); err != nil {
				t.Fatalf("source of %s: %v", j.File, err)
			}
		}
		p, err := j.Build()
		if err != nil {
			t.Fatalf("build %s: %v", j.File, err)
		}
		keys[j.File] = p.Key
	}
	return sources, keys
}

// TestSourcesCoverModels: equal sources build equal models. Every field
// of every actual and every breakdown cell of the test site is changed in
// turn; after each change, a page whose source is the one before must
// have the key it had (else a refresh would link a page that is no longer
// what it shows). The sources must also be selective: some change leaves
// a page's source as it was, or they would spare no building.
func TestSourcesCoverModels(t *testing.T) {
	for name, base := range map[string]func() Site{"the test site": testSite, "with a past plan's indicator": withPastIndicator, "with 単純集計": withFrequencies} {
		t.Run(name, func(t *testing.T) { sourcesCoverModels(t, base) })
	}
}

func sourcesCoverModels(t *testing.T, base func() Site) {
	wantSources, wantKeys := pageKeys(t, base())
	if len(wantSources) == 0 {
		t.Fatal("no page has a source")
	}
	spared, changes := 0, 0
	check := func(what string, site Site) {
		sources, keys := pageKeys(t, site)
		changes++
		for f, key := range keys {
			src, had := sources[f]
			if !had || src != wantSources[f] {
				continue
			}
			spared++
			if key != wantKeys[f] {
				t.Errorf("%s: %s has the source it had, but its model changed", what, f)
			}
		}
	}
	for i := range base().Actuals {
		for _, f := range exportedFields(reflect.TypeFor[compute.Actual]()) {
			site := base()
			if changeField(reflect.ValueOf(&site.Actuals[i]).Elem().FieldByName(f)) {
				check(fmt.Sprintf("actual %d, %s", i, f), site)
			}
		}
	}
	for i := range base().Breakdowns {
		for _, f := range exportedFields(reflect.TypeFor[compute.Breakdown]()) {
			site := base()
			if changeField(reflect.ValueOf(&site.Breakdowns[i]).Elem().FieldByName(f)) {
				check(fmt.Sprintf("breakdown %d, %s", i, f), site)
			}
		}
	}
	for i := range base().Frequencies {
		for _, f := range exportedFields(reflect.TypeFor[frequencies.Frequency]()) {
			site := base()
			if changeField(reflect.ValueOf(&site.Frequencies[i]).Elem().FieldByName(f)) {
				check(fmt.Sprintf("単純集計 row %d, %s", i, f), site)
			}
		}
	}
	site := base()
	site.Dataset.Choices[0].Label = "毎月かならず読んでいる"
	check("a label of choices.csv", site)
	site = base()
	site.Dataset.Plans[0].Goal = "別の目標"
	check("a plan's goal", site)
	if spared == 0 {
		t.Errorf("no page kept its source through %d changes: sources spare no building", changes)
	}
}

// withFrequencies is the test site with the 単純集計 of two waves of
// 鶴見区: the ward page links them.
func withFrequencies() Site {
	site := testSite()
	row := func(survey string, year, code int, label string, n int64, pct float64) frequencies.Frequency {
		return frequencies.Frequency{Ward: "鶴見区", SurveyID: survey, FiscalYear: year, Population: "区民", Respondents: 736,
			Key: "koho", QuestionText: "区の広報紙を読んでいますか", Code: sql.NullInt64{Int64: int64(code), Valid: true}, Label: label,
			N: sql.NullInt64{Int64: n, Valid: true}, Percent: sql.NullFloat64{Float64: pct, Valid: true}}
	}
	site.Frequencies = []frequencies.Frequency{
		row("tsurumi-2022", 2022, 1, "毎月読んでいる", 400, 54.3), row("tsurumi-2022", 2022, 2, "ときどき読んでいる", 336, 45.7),
		row("tsurumi-2023", 2023, 1, "毎月読んでいる", 380, 51.6), row("tsurumi-2023", 2023, 2, "ときどき読んでいる", 356, 48.4),
	}
	return site
}

// withPastIndicator is the test site with an indicator of an earlier plan
// of 鶴見区, measured once: its ward page lists it among the past ones.
func withPastIndicator() Site {
	site := testSite()
	site.Dataset.Indicators = append(site.Dataset.Indicators, model.Indicator{Ward: "鶴見区", PlanYear: 2019, IssueNo: 1, IndicatorNo: 1,
		Title: "地域活動に参加している区民の割合", Population: "区民", QuestionKey: "katsudo", PositiveCodes: []int{1},
		TargetPercent: 30, TargetOp: "以上", TargetYear: 2022})
	site.Actuals = append(site.Actuals, testWave("鶴見区", 2019, 1, 1, "地域活動に参加している区民の割合", "katsudo", "tsurumi-2019", 2019, 24.5, 30, "以上", 2022))
	return site
}

func exportedFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	return out
}

// changeField gives v (settable) another value of its type; false for a
// type it does not know.
func changeField(v reflect.Value) bool {
	switch x := v.Addr().Interface().(type) {
	case *sql.NullFloat64:
		*x = sql.NullFloat64{Float64: x.Float64 + 1.25, Valid: !x.Valid || x.Float64 > 50}
		return true
	case *sql.NullInt64:
		*x = sql.NullInt64{Int64: x.Int64 + 3, Valid: true}
		return true
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "改")
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 1.25)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	default:
		return false
	}
	return true
}
