package input

import (
	"path/filepath"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wards"
)

// wardUse is one row that names a ward.
type wardUse struct {
	ward string
	file string // the file's name within the data directory
	line int
}

// wardUses lists every ward named in the definition files, in the order
// the files are read.
func wardUses(ds *model.Dataset) []wardUse {
	var out []wardUse
	for _, s := range ds.Surveys {
		out = append(out, wardUse{s.Ward, model.SurveysFile, s.Line})
	}
	for _, in := range ds.Indicators {
		out = append(out, wardUse{in.Ward, model.IndicatorsFile, in.Line})
	}
	for _, p := range ds.Plans {
		out = append(out, wardUse{p.Ward, model.PlansFile, p.Line})
	}
	for _, pi := range ds.PlanIssues {
		out = append(out, wardUse{pi.Ward, model.PlanIssuesFile, pi.Line})
	}
	for _, a := range ds.PlanActions {
		out = append(out, wardUse{a.Ward, model.PlanActionsFile, a.Line})
	}
	return out
}

// checkWardNames refuses two spellings of wards that would be published
// under one page name (大阪市鶴見区 and 鶴見区 both write ward-tsurumi.html):
// one ward's page would silently replace the other's. Each such spelling is
// reported once, at its first row, naming the row of the spelling it
// collides with. It needs nothing but the ward columns, so it runs over
// whatever rows were read, defects or not.
func checkWardNames(ds *model.Dataset) Problems {
	var c csvfile.Collector
	var namer wards.Namer
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
				"区 %q のページ (ward-%s.html) が、%s %d 行目の区 %q のページと同じ名前になり、どちらかが消えます (同じ区なら書き方をそろえてください)",
				u.ward, namer.Slug(u.ward), filepath.Base(ds.FileOf(f.file)), f.line, f.ward)
		}
	}
	return c.Problems
}
