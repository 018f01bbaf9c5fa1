package search

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/search/targets"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// addWave adds the wave's 回答者数 (everyone) and the shown rows of the
// question's 単純集計 (everyone who gave a code; its 無回答 row holds the
// Blank and NotApplicable classes).
func (m *qmodel) addWave() {
	if m.w.Respondents > 0 {
		m.add(m.vector(m.sp.All()), m.w.Respondents, []disclose.Ref{{Domain: -1, Level: -1}})
	}
	m.keyRows(func(key string, l int, v []int64, c disclose.Count) {
		if c.Shown {
			m.add(v, c.N, []disclose.Ref{{Domain: -1, Simple: key, Level: l}})
		}
	})
	if m.simple == nil {
		return
	}
	for l, c := range m.simple.Counts {
		if c.Shown {
			m.add(m.simpleVector(l), c.N, []disclose.Ref{{Domain: -1, Simple: m.question, Level: l}})
		}
	}
}

// keyRows are, for each filter key with a 単純集計 in the wave, the set of
// each of its rows that is one level of the key's dimension (an
// attribute's row; a code the filters name), its row index and whether
// shown; a level of a key that is not an attribute standing for every
// code the filters do not name (Other) is a row only as the sum of all
// its rows, when all are shown. An attribute that is not a filter key
// adds nothing to the question's numbers (package doc) and is left out.
func (m *qmodel) keyRows(visit func(key string, l int, v []int64, c disclose.Count)) {
	for i := 1; i < len(m.sp.Dims); i++ {
		d := m.sp.Dims[i]
		s := m.w.Simple[d.Key]
		if s == nil || !targets.IsFilterDim(m, i) {
			continue
		}
		other := disclose.Count{Shown: true}
		for l, code := range s.Codes {
			lv := slices.Index(d.Levels, code)
			if lv >= 0 {
				visit(d.Key, l, m.vector(m.wholeBut(i, func(x int) bool { return x == lv })), s.Counts[l])
				continue
			}
			other.N, other.Shown = other.N+s.Counts[l].N, other.Shown && s.Counts[l].Shown
		}
		if lv := slices.Index(d.Levels, disclose.Other); lv >= 0 && other.Shown {
			visit(d.Key, -1, m.vector(m.wholeBut(i, func(x int) bool { return x == lv })), other)
		}
	}
}

// simpleVector is the set of row l of the question's 単純集計.
func (m *qmodel) simpleVector(l int) []int64 {
	cls := m.class.Of(true, m.simple.Codes[l])
	return m.vector(m.wholeBut(0, func(x int) bool { return cls[x] }))
}

// addFlow adds the shown counts of local domain k's flow.
func (m *qmodel) addFlow(k int) {
	g := m.idx[k]
	for i, f := range m.w.Domains[g].Flow {
		if f.Shown {
			m.add(m.flowVector(k, f), f.N, []disclose.Ref{{Domain: g, Level: -1, Flow: i + 1}})
		}
	}
}

// flowVector is the set of flow count f of local domain k.
func (m *qmodel) flowVector(k int, f disclose.FlowCount) []int64 {
	if f.Step == disclose.StepFiltered {
		return space.SubFrom(m.vector(m.sp.All()), m.vector(m.boxOf(k, m.class.All())))
	}
	return m.vector(m.boxOf(k, m.class.Of(false, disclose.FlowCodes(m.w.Domains[m.idx[k]], f)...)))
}

// wholeTarget is a candidate group given by its vector.
type wholeTarget struct {
	domain   int // in w.Domains; −1: of the 単純集計 or everyone
	where    []disclose.Condition
	everyone bool
	v        []int64
}

// publishedTargets are the question's hidden published counts that are
// not breakdown cells: of its 単純集計, of its filter keys' 単純集計 and
// of each domain's flow (each, each pair, all of one table: Step.Table),
// and the regions the filters cut out, counted over everyone.
func (m *qmodel) publishedTargets() []wholeTarget {
	var out []wholeTarget
	if m.simple != nil {
		var hidden []space.Set
		for l, c := range m.simple.Counts {
			if !c.Shown {
				hidden = append(hidden, space.Set{V: m.simpleVector(l), Codes: []int32{m.simple.Codes[l]}})
			}
		}
		for _, u := range space.Unions(hidden) {
			out = append(out, wholeTarget{domain: -1, where: []disclose.Condition{{Key: m.question, Codes: u.Codes}}, v: u.V})
		}
	}
	keys := map[string][]space.Set{}
	var order []string
	m.keyRows(func(key string, l int, v []int64, c disclose.Count) {
		if !c.Shown && l >= 0 {
			if keys[key] == nil {
				order = append(order, key)
			}
			keys[key] = append(keys[key], space.Set{V: v, Codes: []int32{m.w.Simple[key].Codes[l]}})
		}
	})
	for _, key := range order {
		for _, u := range space.Unions(keys[key]) {
			out = append(out, wholeTarget{domain: -1, where: []disclose.Condition{{Key: key, Codes: u.Codes}}, v: u.V})
		}
	}
	for k, g := range m.idx {
		hidden := map[int][]space.Set{} // by table of the flow
		for _, f := range m.w.Domains[g].Flow {
			if !f.Shown {
				t := f.Step.Table()
				hidden[t] = append(hidden[t], space.Set{V: m.flowVector(k, f), Codes: disclose.FlowCodes(m.w.Domains[g], f)})
			}
		}
		for t := range 3 {
			for _, u := range space.Unions(hidden[t]) {
				out = append(out, wholeTarget{domain: g, where: []disclose.Condition{{Key: m.question, Codes: u.Codes}}, v: u.V})
			}
		}
	}
	_, filterDims := targets.ByAttr(m)
	for _, r := range targets.WholeRegions(m, filterDims) {
		out = append(out, wholeTarget{domain: -1, where: r.Where, everyone: true, v: m.vectorInto(m.sc.arena.Vector(m.sp.Size), r, m.class.All())})
	}
	return out
}
