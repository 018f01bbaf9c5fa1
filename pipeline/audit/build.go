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
	ward   string
	// tables are the wave's cells by indicator and attribute; listed the
	// codes some table of the wave lists, by attribute.
	tables  map[tableKey][]cell
	listed  map[string]map[int32]bool
	wave    disclose.Wave
	keys    []model.IndicatorKey // the first indicator of each domain
	titles  []string
	partial []Finding
	codes   map[string][][]int32 // Wave.CellCodes by attribute (table)
}

type tableKey struct {
	key       model.IndicatorKey
	attribute string
}

// build links the numbers of survey (its totals and cells): one domain
// per distinct definition (indicators that count alike publish the same
// numbers).
func build(s Structure, survey string, totals []total, cells []cell, freqs []frequency) *wave {
	w := &wave{survey: survey, wave: disclose.Wave{Attributes: s.Attributes[survey], Levels: levels(s, survey, cells, freqs),
		Merged: merged(s, survey, cells)}, tables: map[tableKey][]cell{}, listed: map[string]map[int32]bool{},
		codes: map[string][][]int32{}}
	multi := w.simple(s, totals, freqs)
	start := 0 // of the run of one table's cells that c is in
	for i, c := range cells {
		k := tableKey{c.key, c.attribute}
		if j := i + 1; j == len(cells) || (tableKey{cells[j].key, cells[j].attribute}) != k {
			// the run itself, not a copy (capped: a later run of the
			// table appends to a copy)
			run := cells[start:j:j]
			if t := w.tables[k]; t != nil {
				run = append(t, run...)
			}
			w.tables[k], start = run, j
		}
		if w.listed[c.attribute] == nil {
			w.listed[c.attribute] = map[int32]bool{}
		}
		w.listed[c.attribute][c.code] = true
	}
	bySpec := map[string]bool{}
	for _, t := range totals {
		def, ok := s.Defs[t.key]
		spec := def.spec()
		if !ok || bySpec[spec] {
			continue
		}
		bySpec[spec] = true
		d := disclose.Domain{Question: def.Question, Positive: def.Positive, Excluded: def.Excluded, Filter: def.Filter,
			Total: disclose.Cell{N: t.n, P: t.p, Shown: true, HasP: true}}
		if !multi[def.Question] {
			for _, f := range t.flow {
				d.Flow = append(d.Flow, disclose.FlowCount{Step: f.step, Code: f.code, Count: disclose.Count{N: f.n, Shown: f.shown}})
			}
		}
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

// simple sets the wave's 回答者数 and 単純集計 (each key's rows; those of a
// 複数回答 question, which overlap, apart) and returns the 複数回答 keys.
func (w *wave) simple(s Structure, totals []total, freqs []frequency) map[string]bool {
	multi := map[string]bool{}
	for k, m := range s.Multi[w.survey] {
		multi[k] = m
	}
	for _, t := range totals {
		w.wave.Respondents = max(w.wave.Respondents, t.respondents)
		w.ward = t.ward
	}
	for _, f := range freqs {
		multi[f.key] = multi[f.key] || f.multi
		w.wave.Respondents = max(w.wave.Respondents, f.respondents)
		w.ward = f.ward
	}
	w.wave.Simple, w.wave.Overlapping = map[string]*disclose.Simple{}, map[string]*disclose.Simple{}
	for _, f := range freqs {
		to := w.wave.Simple
		if multi[f.key] {
			to = w.wave.Overlapping
		}
		sm := to[f.key]
		if sm == nil {
			sm = &disclose.Simple{}
			to[f.key] = sm
		}
		sm.Codes = append(sm.Codes, f.code)
		sm.Counts = append(sm.Counts, disclose.Count{N: f.n, Shown: f.shown})
	}
	return multi
}

// withBlank ends the label of a row of breakdowns.csv that counts 無回答
// with its code (kind with_blank, package compute).
const withBlank = "・無回答"

// merged are the attributes whose breakdowns count 無回答 in one code's
// row, as breakdowns.csv tells: a row labelled 「<the code's label>・無回答」.
func merged(s Structure, survey string, cells []cell) map[string]int32 {
	out := map[string]int32{}
	for _, c := range cells {
		if c.code != disclose.Blank && strings.HasSuffix(c.label, withBlank) &&
			strings.TrimSuffix(c.label, withBlank) == labelOf(s, survey, c.attribute, c.code) {
			out[c.attribute] = c.code
		}
	}
	return out
}

// levels are the codes of each attribute that a table or the 単純集計 of
// the wave lists or choices.csv names, then 無回答.
func levels(s Structure, survey string, cells []cell, freqs []frequency) map[string][]int32 {
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
		for _, f := range freqs {
			if f.key == attr && f.code != disclose.Blank {
				codes = append(codes, f.code)
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
	if w.codes[attr] == nil {
		w.codes[attr] = w.wave.CellCodes(attr)
	}
	codes := w.codes[attr]
	tb := disclose.Table{Attribute: attr, Cells: make([]disclose.Cell, len(codes))}
	listed := make([]bool, len(codes))
	any := false
	for _, c := range w.tables[tableKey{t.key, attr}] {
		l := slices.IndexFunc(codes, func(cs []int32) bool { return cs[0] == c.code })
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
			if code := codes[l][0]; w.listed[attr][code] && disclose.Admits(def.Filter, attr, code) {
				missing = append(missing, labelOf(s, w.survey, attr, code))
			}
		}
	}
	if len(missing) > 0 {
		w.partial = append(w.partial, Finding{Survey: w.survey, Indicator: t.key, Title: t.title, Partial: true,
			Where: attr + " (載っていない区分: " + strings.Join(missing, "・") + ")"})
	}
	return tb, true
}

// finding names leak l: a group of an indicator, of its flow (a Where on
// its question's key), of the 単純集計, or a region over everyone.
func (w *wave) finding(s Structure, l disclose.Leak) Finding {
	f := Finding{Survey: w.survey, Ward: w.ward, Question: l.Question, Where: describe(s, w.survey, l.Where),
		Positives: l.Positives, N: l.N}
	if l.Domain >= 0 {
		f.Indicator, f.Title = w.keys[l.Domain], w.titles[l.Domain]
	}
	flow := slices.ContainsFunc(l.Where, func(c disclose.Condition) bool { return c.Key == l.Question })
	switch {
	case l.Everyone:
		f.Where = "設問 " + l.Question + " の指標の絞り込みが切り分ける " + f.Where + " (その設問に無回答・除外・非該当の人を含む)"
	case l.Domain < 0:
		f.Where = "単純集計 " + f.Where
	case flow:
		f.Where = "分母の内訳 " + f.Where
	}
	return f
}
