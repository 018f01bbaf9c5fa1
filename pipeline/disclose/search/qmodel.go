package search

import (
	"slices"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/dims"
	"github.com/shihyo/shihyo/pipeline/disclose/search/targets"
	"github.com/shihyo/shihyo/pipeline/disclose/solve"
	"github.com/shihyo/shihyo/pipeline/disclose/space"
)

// qmodel is one question's published rows in the space of its answer
// classes, filter keys and one breakdown attribute; the targets are
// drawn from it (targets.Model).
type qmodel struct {
	w        *disclose.Wave
	question string
	idx      []int // the domains on the question (indices in w.Domains)
	sp       space.Space
	class    dims.Classes
	simple   *disclose.Simple
	rows     [][]int64
	values   []int64
	uses     [][]disclose.Ref // the published numbers each row is
	// shownShares are the positive and the negative sets of the cells
	// shown with n of Threshold or more (by space.Key): its percentage
	// publishes them, and positives that are also theirs say nothing
	// that the cell does not. exempt alone needs them, for the rare group
	// found small: it keys them from shown (each cell's n and positive
	// vectors) on its first call.
	shownShares map[string]bool
	shown       [][2][]int64
	fixed       *solve.Basis  // of the rows of Fixed numbers only (exempt)
	codes       *codeModel    // of a model of (class, level): the codes' (decomposed)
	mask        space.Mask    // vectorInto's
	nv, pv      []int64       // search's, one target at a time
	first       bool          // stop at the first leak (First)
	sc          *scratch      // of the vectors (a question's)
	boxes       []space.Mask  // box's: of each domain n, p (made with m)
	tmp         [2]space.Mask // addRows' masks of one cell
	key         []byte        // search's, of one target
}

// scratch is what the models of one question's search share and forget
// after (reset): its vectors, the cells of each attribute (Wave.Cells),
// one search's targets tried and list of targets, and room for the rows
// of each model (room).
type scratch struct {
	arena solve.Arena
	cells map[string][][]int
	seen  tried
	ts    []targets.Target
	rows  [][]int64
	uses  [][]disclose.Ref
	used  int // of rows and uses
}

// tried is what the search of one space has tried, by space.Key of the
// vector: each count, true where the rows determine it; the counts of the
// published targets that an earlier space searched (their leaks are
// reported there); and the positives, tried where a count is not
// determined. A count is the same set for every domain that has the
// target, its positives not (each domain's positive answers): a target
// whose count was tried for another domain still has its own positives
// tried. Positives already tried (the same set) are not tried again, so
// a group is reported once, by the first domain it is found for.
type tried struct {
	counts, published, positives map[string]bool
}

// newScratch is the scratch of a question's search.
func newScratch() *scratch {
	return &scratch{cells: map[string][][]int{},
		seen: tried{counts: map[string]bool{}, published: map[string]bool{}, positives: map[string]bool{}}}
}

func (sc *scratch) reset() { sc.arena.Reset(); clear(sc.cells); sc.used = 0 }

// fresh is sc's record of the targets tried, emptied.
func (sc *scratch) fresh() tried {
	clear(sc.seen.counts)
	clear(sc.seen.published)
	clear(sc.seen.positives)
	return sc.seen
}

// room is room for the rows of a model: 32 (more are appended alone).
func (sc *scratch) room() ([][]int64, []int64, [][]disclose.Ref) {
	if sc.used+32 > len(sc.rows) { // new ones: the old stay with their models
		sc.rows, sc.uses, sc.used = make([][]int64, 1024), make([][]disclose.Ref, 1024), 0
	}
	u := sc.used
	sc.used += 32
	return sc.rows[u : u : u+32], sc.arena.Vector(32)[:0], sc.uses[u : u : u+32]
}

// model builds the rows of the domains idx on question q in the space
// with attribute attr ("" for none), its vectors sc's.
func newModel(w *disclose.Wave, q string, idx []int, attr string, sc *scratch) *qmodel {
	ds := make([]disclose.Domain, len(idx))
	for k, i := range idx {
		ds[k] = w.Domains[i]
	}
	m := &qmodel{w: w, question: q, idx: idx, simple: w.Simple[q], sc: sc, boxes: make([]space.Mask, 2*len(idx))}
	m.class = dims.ClassesOf(ds, m.simple)
	axes := []space.Dim{{Levels: m.class.Codes}}
	for _, key := range dims.FilterKeys(ds) {
		axes = append(axes, dims.OfKey(w, key, ds))
	}
	if attr != "" && !slices.ContainsFunc(axes[1:], func(d space.Dim) bool { return d.Key == attr }) {
		axes = append(axes, space.Dim{Key: attr, Levels: w.Levels[attr]})
	}
	m.sp = space.New(axes)
	m.addWave()
	for k := range ds {
		m.addRows(k)
		m.addFlow(k)
	}
	return m
}

// Wave, Domains and Space are m's wave, the domains on its question and
// its space, as the targets read them (targets.Model).
func (m *qmodel) Wave() *disclose.Wave { return m.w }
func (m *qmodel) Domains() []int       { return m.idx }
func (m *qmodel) Space() *space.Space  { return &m.sp }

// wholeBut is Space.WholeBut in m.tmp[0], for a vector made at once.
func (m *qmodel) wholeBut(i int, in func(l int) bool) space.Mask {
	m.tmp[0] = m.sp.WholeBut(m.tmp[0], i, in)
	return m.tmp[0]
}

// Box is the set domain k counts (positive: its positives), not to be
// changed: each is built once.
func (m *qmodel) Box(k int, positive bool) space.Mask {
	i := 2 * k
	if positive {
		i++
	}
	if m.boxes[i] == nil {
		m.boxes[i] = m.boxOf(k, m.class.Mask(k, positive))
	}
	return m.boxes[i]
}

// Cells is Wave.Cells of attr, computed once a question.
func (m *qmodel) Cells(attr string) [][]int {
	if m.sc.cells[attr] == nil {
		m.sc.cells[attr] = m.w.Cells(attr)
	}
	return m.sc.cells[attr]
}

// boxOf is the respondents inside domain k's filter whose answer is one
// of the levels cls.
func (m *qmodel) boxOf(k int, cls []bool) space.Mask {
	b := m.sp.All()
	b[0] = slices.Clone(cls)
	for _, c := range m.w.Domains[m.idx[k]].Filter {
		i := m.sp.Index(c.Key)
		for l, in := range dims.FilterLevels(m.sp.Dims[i], c.Codes) {
			b[i][l] = b[i][l] && in
		}
	}
	return b
}

// vector is the indicator of set, from m's arena.
func (m *qmodel) vector(set space.Mask) []int64 {
	return m.sp.AddTo(m.sc.arena.Vector(m.sp.Size), set)
}

// vectorInto is, in v (its old entries dropped), the vector of t whose
// answer class is classes.
func (m *qmodel) vectorInto(v []int64, t targets.Target, classes []bool) []int64 {
	clear(v)
	for _, p := range t.Parts {
		m.mask = append(append(m.mask[:0], classes), p[1:]...)
		m.sp.AddTo(v, m.mask)
	}
	return v
}

func (m *qmodel) add(v []int64, value int64, uses []disclose.Ref) {
	if m.rows == nil {
		m.rows, m.values, m.uses = m.sc.room()
	}
	m.rows = append(m.rows, v)
	m.values = append(m.values, value)
	m.uses = append(m.uses, uses)
}

// addCell adds the rows a published cell pair gives within set and its
// positive set pset.
func (m *qmodel) addCell(c disclose.Cell, set, pset space.Mask, uses []disclose.Ref) {
	if !c.Shown {
		return
	}
	nv, pv := m.vector(set), m.vector(pset)
	m.add(nv, c.N, uses)
	if c.HasP {
		m.add(pv, c.P, uses)
		if c.N >= disclose.Threshold {
			m.shown = append(m.shown, [2][]int64{nv, pv})
		}
	}
}

// addRows adds the published rows of local domain k: its total, the cells
// of its tables by a dimension of the space, and the total from any other
// table it shows whole, unless shown with its positives already.
func (m *qmodel) addRows(k int) {
	d := &m.w.Domains[m.idx[k]]
	g := m.idx[k]
	nb, pb := m.Box(k, false), m.Box(k, true)
	m.addCell(d.Total, nb, pb, []disclose.Ref{{Domain: g, Level: -1}})
	for _, t := range d.Tables {
		i := m.sp.Index(t.Attribute)
		if i < 0 {
			if !d.Total.Shown || !d.Total.HasP { // else the total's rows again
				m.addWhole(t, g, nb, pb)
			}
			continue
		}
		cells := m.Cells(t.Attribute)
		for l, c := range t.Cells {
			if c.Shown { // a cell's two sets, in m.tmp
				m.tmp[0], m.tmp[1] = nb.CopyTo(m.tmp[0]).Keep(i, cells[l]), pb.CopyTo(m.tmp[1]).Keep(i, cells[l])
				m.addCell(c, m.tmp[0], m.tmp[1], []disclose.Ref{{Domain: g, Attribute: t.Attribute, Level: l}})
			}
		}
	}
}

// addWhole adds the total that a table outside the space gives when it
// shows every cell.
func (m *qmodel) addWhole(t disclose.Table, g int, nb, pb space.Mask) {
	sum := disclose.Cell{Shown: true, HasP: true}
	var uses []disclose.Ref
	for l, c := range t.Cells {
		if !c.Shown {
			return
		}
		sum.N, sum.P, sum.HasP = sum.N+c.N, sum.P+c.P, sum.HasP && c.HasP
		uses = append(uses, disclose.Ref{Domain: g, Attribute: t.Attribute, Level: l})
	}
	m.addCell(sum, nb, pb, uses)
}
