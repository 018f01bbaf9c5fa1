package disclose

import (
	"slices"
	"sort"
)

// otherCode is the level of a filter key that is not an attribute
// standing for every code its clauses do not name.
const otherCode int32 = -2

// qmodel is one question's published rows in the space of its answer
// classes, filter keys and one breakdown attribute.
type qmodel struct {
	w      *Wave
	idx    []int // the domains on the question (indices in w.Domains)
	sp     space
	rows   [][]int64
	values []int64
	uses   [][]Ref // the published cells each row is
	// shownPositives are the positive sets of the cells shown with n of
	// Threshold or more (by int64sKey): positives that are also theirs
	// say nothing that the cell does not.
	shownPositives map[string]bool
}

// model builds the rows of the domains idx in the space with attribute
// attr.
func (w *Wave) model(idx []int, attr string) *qmodel {
	ds := make([]Domain, len(idx))
	for k, i := range idx {
		ds[k] = w.Domains[i]
	}
	m := &qmodel{w: w, idx: idx, shownPositives: map[string]bool{}}
	m.sp.class = classesOf(ds)
	cls := make([]int32, m.sp.class.n)
	for i := range cls {
		cls[i] = int32(i)
	}
	m.sp.dims = append(m.sp.dims, dim{levels: cls})
	for _, key := range filterKeys(ds) {
		m.sp.dims = append(m.sp.dims, w.dimOf(key, ds))
	}
	if m.dimIndex(attr) < 0 {
		m.sp.dims = append(m.sp.dims, dim{key: attr, levels: w.Levels[attr]})
	}
	m.sp.size = 1
	for _, d := range m.sp.dims {
		m.sp.size *= len(d.levels)
	}
	for k := range ds {
		m.addRows(k)
	}
	return m
}

func filterKeys(ds []Domain) []string {
	var keys []string
	for _, d := range ds {
		for _, c := range d.Filter {
			keys = append(keys, c.Key)
		}
	}
	sort.Strings(keys)
	return slices.Compact(keys)
}

// dimOf is the dimension of filter key key: an attribute's levels, or
// the codes the clauses name and one level for the rest.
func (w *Wave) dimOf(key string, ds []Domain) dim {
	if lv, ok := w.Levels[key]; ok {
		return dim{key: key, levels: lv}
	}
	var codes []int32
	for _, d := range ds {
		for _, c := range d.Filter {
			if c.Key == key {
				for _, x := range c.Codes {
					codes = append(codes, int32(x))
				}
			}
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	return dim{key: key, levels: append(codes, otherCode)}
}

func (m *qmodel) dimIndex(key string) int {
	for i, d := range m.sp.dims {
		if i > 0 && d.key == key {
			return i
		}
	}
	return -1
}

// box is the set domain k counts (positive: its positives).
func (m *qmodel) box(k int, positive bool) mask {
	b := m.sp.all()
	b[0] = m.sp.class.mask(k, positive)
	for _, c := range m.w.Domains[m.idx[k]].Filter {
		i := m.dimIndex(c.Key)
		for l, code := range m.sp.dims[i].levels {
			b[i][l] = b[i][l] && code >= 0 && slices.Contains(c.Codes, int(code))
		}
	}
	return b
}

func (m *qmodel) add(set mask, value int64, uses []Ref) {
	m.rows = append(m.rows, m.sp.vector(set))
	m.values = append(m.values, value)
	m.uses = append(m.uses, uses)
}

// addCell adds the rows a published cell pair gives within set and its
// positive set pset.
func (m *qmodel) addCell(c Cell, set, pset mask, uses []Ref) {
	if !c.Shown {
		return
	}
	m.add(set, c.N, uses)
	if c.HasP {
		m.add(pset, c.P, uses)
		if c.N >= Threshold {
			m.shownPositives[string(int64sKey(m.rows[len(m.rows)-1]))] = true
		}
	}
}

// addRows adds the published rows of local domain k: its total, the cells
// of its tables by a dimension of the space, and the total again from any
// other table it shows whole.
func (m *qmodel) addRows(k int) {
	d := &m.w.Domains[m.idx[k]]
	g := m.idx[k]
	nb, pb := m.box(k, false), m.box(k, true)
	m.addCell(d.Total, nb, pb, []Ref{{Domain: g, Level: -1}})
	for _, t := range d.Tables {
		i := m.dimIndex(t.Attribute)
		if i < 0 {
			m.addWhole(t, g, nb, pb)
			continue
		}
		for l, c := range t.Cells {
			m.addCell(c, restrict(nb, i, l), restrict(pb, i, l), []Ref{{Domain: g, Attribute: t.Attribute, Level: l}})
		}
	}
}

// addWhole adds the total that a table outside the space gives when it
// shows every cell.
func (m *qmodel) addWhole(t Table, g int, nb, pb mask) {
	sum := Cell{Shown: true, HasP: true}
	var uses []Ref
	for l, c := range t.Cells {
		if !c.Shown {
			return
		}
		sum.N, sum.P, sum.HasP = sum.N+c.N, sum.P+c.P, sum.HasP && c.HasP
		uses = append(uses, Ref{Domain: g, Attribute: t.Attribute, Level: l})
	}
	m.addCell(sum, nb, pb, uses)
}

// restrict keeps only level l of dimension i of set.
func restrict(set mask, i, l int) mask {
	c := set.clone()
	for j := range c[i] {
		c[i][j] = c[i][j] && j == l
	}
	return c
}
