// Package wardnames checks the names the definition files give wards:
// two spellings that would be published under one page name, and the slug
// column (a plain page name, one per ward). It needs only the ward and slug
// columns, so it runs over whatever rows were read.
package wardnames

import (
	"path/filepath"
	"regexp"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// wardUse is one row that names a ward, with the slug it gives it.
type wardUse struct {
	ward string
	file string // the file's name within the data directory
	line int
	slug string // only surveys.csv and plans.csv have the column
}

// wardUses lists every ward named in the definition files, in the order
// the files are read.
func wardUses(ds *model.Dataset) []wardUse {
	var out []wardUse
	for _, s := range ds.Surveys {
		out = append(out, wardUse{s.Ward, model.SurveysFile, s.Line, s.Slug})
	}
	for _, in := range ds.Indicators {
		out = append(out, wardUse{in.Ward, model.IndicatorsFile, in.Line, ""})
	}
	for _, p := range ds.Plans {
		out = append(out, wardUse{p.Ward, model.PlansFile, p.Line, p.Slug})
	}
	for _, pi := range ds.PlanIssues {
		out = append(out, wardUse{pi.Ward, model.PlanIssuesFile, pi.Line, ""})
	}
	for _, a := range ds.PlanActions {
		out = append(out, wardUse{a.Ward, model.PlanActionsFile, a.Line, ""})
	}
	return out
}

// Check refuses two spellings of wards that would be published
// under one page name (大阪市鶴見区 and 鶴見区 both write ward-tsurumi.html,
// and so would two wards given one slug): one ward's page would silently
// replace the other's. Each such spelling is reported once, at its first
// row, naming the row of the spelling it collides with. It needs nothing
// but the ward and slug columns, so it runs over whatever rows were read,
// defects or not; so do the checks of the slugs (checkSlugs).
func Check(ds *model.Dataset) csvfile.Problems {
	var c csvfile.Collector
	namer := wards.NewNamer(checkSlugs(&c, ds), ds.Wards())
	first := map[string]wardUse{} // by page name
	reported := map[string]bool{} // by spelling
	for _, u := range wardUses(ds) {
		if u.ward == "" {
			continue
		}
		key := namer.FileKey(u.ward)
		f, ok := first[key]
		switch {
		case !ok:
			first[key] = u
		case f.ward != u.ward && !reported[u.ward]:
			reported[u.ward] = true
			c.Add(ds.FileOf(u.file), u.line, "ward",
				"区 %q のページ (ward-%s.html) が、%s %d 行目の区 %q のページと同じ名前になり、どちらかが消えます (同じ区なら書き方をそろえ、別の区なら slug 列で別の名前にしてください)",
				u.ward, namer.Slug(u.ward), filepath.Base(ds.FileOf(f.file)), f.line, f.ward)
		}
	}
	return c.Problems
}

// slugRe is what a ward's page name may be: lower-case ASCII letters and
// digits with inner hyphens, as the city's own (higashisumiyoshi), short
// enough for a file name.
var slugRe = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$`)

// checkSlugs checks the slug column of surveys.csv and plans.csv: each
// slug a plain page name, one slug for each ward wherever it is given. It
// returns the slugs that pass, by ward, and warns of a ward that is not one
// of Osaka's and has no slug: its pages get a number (ward-ku1.html).
func checkSlugs(c *csvfile.Collector, ds *model.Dataset) map[string]string {
	first := map[string]wardUse{} // the first row giving each ward a valid slug
	given := map[string]bool{}
	for _, u := range wardUses(ds) {
		if u.slug == "" || u.ward == "" {
			continue
		}
		given[u.ward] = true
		at := ds.FileOf(u.file)
		if !slugRe.MatchString(u.slug) {
			c.Add(at, u.line, "slug", "slug (ページ名) は英小文字・数字と途中の - で 40 文字までです: %q (例: sakai-kita)", u.slug)
			continue
		}
		if f, seen := first[u.ward]; seen && f.slug != u.slug {
			c.Add(at, u.line, "slug", "区 %q の slug %q が、%s %d 行目の %q と違います (1 つの区の slug は 1 つです)", u.ward, u.slug, f.file, f.line, f.slug)
		} else if !seen {
			first[u.ward] = u
		}
	}
	chosen := make(map[string]string, len(first))
	for w, u := range first {
		chosen[w] = u.slug
	}
	warnNumbered(ds, wards.NewNamer(chosen, ds.Wards()), given)
	return chosen
}

// warnNumbered warns, once per ward at its first row, of a ward whose pages
// get a number for want of a slug (one whose slug was refused is reported
// as a problem already).
func warnNumbered(ds *model.Dataset, namer wards.Namer, given map[string]bool) {
	warned := map[string]bool{}
	for _, u := range wardUses(ds) {
		if u.ward == "" || warned[u.ward] || given[u.ward] || !namer.IsNumbered(u.ward) {
			continue
		}
		warned[u.ward] = true
		ds.Warn(ds.FileOf(u.file), u.line, "ward",
			"区 %q は大阪市の 24 区にないため、ページ名を番号で ward-%s.html にしました (区が増えると番号が変わることがあります)。"+
				"読みやすい名前にするには、plans.csv か surveys.csv に slug 列を作り、その区の行に英小文字で書いてください (例: sakai-kita)",
			u.ward, namer.Slug(u.ward))
	}
}
