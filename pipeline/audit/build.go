package audit

import (
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// wave is one wave's published numbers as disclose models them, with
// what names its domains.
type wave struct {
	survey string
	// tables are the wave's cells by indicator and attribute; listed the
	// codes some table of the wave lists, by attribute.
	tables  map[tableKey][]cell
	listed  map[string]map[int32]bool
	wave    disclose.Wave
	keys    []model.IndicatorKey // the first indicator of each domain
	titles  []string
	partial []Finding
}

type tableKey struct {
	key       model.IndicatorKey
	attribute string
}

// build links the numbers of survey (its totals and cells): one domain
// per distinct definition (indicators that count alike publish the same
// numbers).
func build(s Structure, survey string, totals []total, cells []cell) *wave {
	w := &wave{survey: survey, wave: disclose.Wave{Attributes: s.Attributes[survey], Levels: levels(s, survey, cells)},
		tables: map[tableKey][]cell{}, listed: map[string]map[int32]bool{}}
	for _, c := range cells {
		k := tableKey{c.key, c.attribute}
		w.tables[k] = append(w.tables[k], c)
		if w.listed[c.attribute] == nil {
			w.listed[c.attribute] = map[int32]bool{}
		}
		w.listed[c.attribute][c.code] = true
	}
	bySpec := map[string]bool{}
	for _, t := range totals {
		def, ok := s.Defs[t.key]
		if !ok || bySpec[def.spec()] {
			continue
		}
		bySpec[def.spec()] = true
		d := disclose.Domain{Question: def.Question, Positive: def.Positive, Excluded: def.Excluded, Filter: def.Filter,
			Total: disclose.Cell{N: t.n, P: t.p, Shown: true, HasP: true}}
		for _, attr := range w.wave.Attributes {
			if tb, ok := w.table(s, t, def, attr); ok {
				d.Tables = append(d.Tables, tb)
			}
		}
		w.wave.Domains = append(w.wave.Domains, d)
		w.keys, w.titles = append(w.keys, t.key), append(w.titles, t.title)
	}
	return w
}

// levels are the codes of each attribute that a table of the wave lists
// or choices.csv names, then 無回答.
func levels(s Structure, survey string, cells []cell) map[string][]int32 {
	out := map[string][]int32{}
	for _, attr := range s.Attributes[survey] {
		var codes []int32
		for code := range s.Labels[survey][attr] {
			codes = append(codes, code)
		}
		for _, c := range cells {
			if c.attribute == attr && c.code != disclose.Blank {
				codes = append(codes, c.code)
			}
		}
		slices.Sort(codes)
		out[attr] = append(slices.Compact(codes), disclose.Blank)
	}
	return out
}

// table is t's published breakdown by attr, if any. A category that the
// table does not list is known to be empty: an outsider reads it so; not
// listing it gives something away unless the indicator's own filter
// leaves it out.
func (w *wave) table(s Structure, t total, def Def, attr string) (disclose.Table, bool) {
	lv := w.wave.Levels[attr]
	tb := disclose.Table{Attribute: attr, Cells: make([]disclose.Cell, len(lv))}
	listed := make([]bool, len(lv))
	any := false
	for _, c := range w.tables[tableKey{t.key, attr}] {
		l := slices.Index(lv, c.code)
		if l < 0 {
			continue
		}
		any, listed[l] = true, true
		tb.Cells[l] = disclose.Cell{N: c.n, P: c.p, Shown: c.shown, HasP: c.shown && !s.Weighted[t.survey]}
	}
	if !any {
		return tb, false
	}
	var missing []string
	for l, ok := range listed {
		if !ok {
			tb.Cells[l] = disclose.Cell{Shown: true, HasP: true}
			if w.listed[attr][lv[l]] && admits(def.Filter, attr, lv[l]) {
				missing = append(missing, labelOf(s, w.survey, attr, lv[l]))
			}
		}
	}
	if len(missing) > 0 {
		w.partial = append(w.partial, Finding{Survey: w.survey, Indicator: t.key, Title: t.title, Partial: true,
			Where: attr + " (載っていない区分: " + strings.Join(missing, "・") + ")"})
	}
	return tb, true
}

// finding names leak l.
func (w *wave) finding(s Structure, l disclose.Leak) Finding {
	return Finding{Survey: w.survey, Indicator: w.keys[l.Domain], Title: w.titles[l.Domain],
		Where: describe(s, w.survey, l.Where), Positives: l.Positives, N: l.N}
}

// admits reports whether a respondent with code of key can pass filter.
func admits(filter []disclose.Clause, key string, code int32) bool {
	for _, c := range filter {
		if c.Key == key && (code < 0 || !slices.Contains(c.Codes, int(code))) {
			return false
		}
	}
	return true
}
