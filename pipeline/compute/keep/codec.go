package keep

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// ErrCorrupt is a stored encoding that does not decode for its wave.
var ErrCorrupt = errors.New("stored decisions do not decode")

// Cell flags: a table's cell is hidden, is WithBlank, sums the 無回答
// cell into the code's (the merged code of with_blank), or carries its
// sums itself (when rebuilding them from the tallies would not give them
// exactly: never seen, but then the encoding stays exact).
const (
	cellHidden byte = 1 << iota
	cellWithBlank
	cellMerged
	cellOwnSums
)

// Decision flags.
const (
	decWithdrawn byte = 1 << iota
	decTables
	decFlow
)

// Encode is what Decide decided of wave w (decs by domain index, and the
// 単純集計 rows hidden), in a compact form: each domain by its position
// in the wave's plan, and of each table cell its code and bits only — the
// sums are copies of the wave's tallies, which Decode rebuilds them from
// (the fingerprint fixes those tallies).
func Encode(w decide.Wave, decs map[int]*decide.Decision, rows map[string]map[int32]bool) ([]byte, error) {
	wp := w.Plan.Of(w.Survey)
	b := buf{1}
	b.uint(uint64(len(decs)))
	for k, di := range wp.Domains {
		d, ok := decs[di]
		if !ok {
			continue
		}
		b.uint(uint64(k))
		b.decision(d, w.Tallies[di])
	}
	if n := countIn(decs, wp.Domains); n != len(decs) {
		return nil, fmt.Errorf("encode decisions of wave %s: %d of %d domains are not in its plan", w.Survey, len(decs)-n, len(decs))
	}
	b.uint(uint64(len(rows)))
	for _, key := range slices.Sorted(maps.Keys(rows)) {
		b.str(key)
		codes := slices.Sorted(maps.Keys(rows[key]))
		b.uint(uint64(len(codes)))
		for _, c := range codes {
			b.int(int64(c))
			b.bool(rows[key][c])
		}
	}
	return b, nil
}

func countIn(decs map[int]*decide.Decision, domains []int) int {
	n := 0
	for _, di := range domains {
		if _, ok := decs[di]; ok {
			n++
		}
	}
	return n
}

func (b *buf) decision(d *decide.Decision, t *tally.Tally) {
	var flags byte
	if d.Withdrawn {
		flags |= decWithdrawn
	}
	if d.Tables != nil {
		flags |= decTables
	}
	if d.Flow != nil {
		flags |= decFlow
	}
	*b = append(*b, flags)
	if d.Tables != nil {
		b.uint(uint64(len(d.Tables)))
		for _, tb := range d.Tables {
			b.table(tb, t)
		}
	}
	if d.Flow != nil {
		b.uint(uint64(len(d.Flow)))
		for _, f := range d.Flow {
			*b = append(*b, byte(f.Step))
			b.int(int64(f.Code))
			b.int(f.N)
			b.bool(f.Shown)
		}
	}
}

// table adds one table: per cell its code and flags, and its sums only
// where rebuilding them (cellSums) would not give them exactly.
func (b *buf) table(tb decide.Table, t *tally.Tally) {
	b.str(tb.Attribute)
	b.uint(uint64(len(tb.Levels)))
	for l, code := range tb.Levels {
		var flags byte
		if tb.Hidden[l] {
			flags |= cellHidden
		}
		if tb.WithBlank[l] {
			flags |= cellWithBlank
		}
		switch {
		case cellSums(t, tb.Attribute, code, false) == tb.Cells[l]:
		case cellSums(t, tb.Attribute, code, true) == tb.Cells[l]:
			flags |= cellMerged
		default:
			flags |= cellOwnSums
		}
		*b = append(*b, flags)
		b.int(int64(code))
		if flags&cellOwnSums != 0 {
			b.sums(tb.Cells[l])
		}
	}
}

// cellSums are the sums of the cell of code in t's table by attr, as
// Decide adds them up: the code's, then, if merged, the 無回答 cell's.
func cellSums(t *tally.Tally, attr string, code int32, merged bool) tally.Sums {
	var s tally.Sums
	s = s.Plus(t.SumsOf(attr, code))
	if merged {
		s = s.Plus(t.SumsOf(attr, model.Blank))
	}
	return s
}

// Decode is the decisions of wave w that Encode encoded, by domain index
// in w's plan, and the 単純集計 rows hidden. The caller has checked that
// w's fingerprint is the one stored with data: its tallies are those the
// sums are rebuilt from. A malformed data is ErrCorrupt.
func Decode(w decide.Wave, data []byte) (map[int]*decide.Decision, map[string]map[int32]bool, error) {
	r := reader{b: data}
	if r.byte() != 1 {
		return nil, nil, fmt.Errorf("wave %s: %w (version)", w.Survey, ErrCorrupt)
	}
	wp := w.Plan.Of(w.Survey)
	n := r.count()
	decs := make(map[int]*decide.Decision, n)
	for range n {
		k := r.count()
		if k >= len(wp.Domains) {
			r.fail()
			break
		}
		di := wp.Domains[k]
		decs[di] = r.decision(w.Tallies[di], wp.Attributes)
	}
	rows := map[string]map[int32]bool{}
	for range r.count() {
		key := r.str()
		m := map[int32]bool{}
		for range r.count() {
			c := int32(r.int())
			m[c] = r.bool()
		}
		rows[key] = m
	}
	if r.bad || len(r.b) != 0 {
		return nil, nil, fmt.Errorf("wave %s: %w", w.Survey, ErrCorrupt)
	}
	return decs, rows, nil
}

func (r *reader) decision(t *tally.Tally, attrs []string) *decide.Decision {
	flags := r.byte()
	d := &decide.Decision{Withdrawn: flags&decWithdrawn != 0}
	if flags&decTables != 0 {
		d.Tables = make([]decide.Table, r.count())
		for i := range d.Tables {
			d.Tables[i] = r.table(t, attrs)
		}
	}
	if flags&decFlow != 0 {
		d.Flow = make([]disclose.FlowCount, r.count())
		for i := range d.Flow {
			f := &d.Flow[i]
			f.Step, f.Code, f.N = disclose.Step(r.byte()), int32(r.int()), r.int()
			f.Shown = r.bool()
		}
	}
	return d
}

// table is one table Encode added; its sums rebuilt from t.
func (r *reader) table(t *tally.Tally, attrs []string) decide.Table {
	tb := decide.Table{Attribute: r.name(attrs)}
	n := r.count()
	if n == 0 {
		return tb // as Decide leaves a table without cells: nil slices
	}
	tb.Levels, tb.WithBlank = make([]int32, n), make([]bool, n)
	tb.Cells, tb.Hidden = make([]tally.Sums, n), make([]bool, n)
	for l := range n {
		flags := r.byte()
		code := int32(r.int())
		tb.Levels[l], tb.Hidden[l], tb.WithBlank[l] = code, flags&cellHidden != 0, flags&cellWithBlank != 0
		if flags&cellOwnSums != 0 {
			tb.Cells[l] = r.sums()
		} else {
			tb.Cells[l] = cellSums(t, tb.Attribute, code, flags&cellMerged != 0)
		}
	}
	return tb
}

// reader reads what buf wrote; a short or malformed input sets bad and
// reads zeros from then on.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) fail() { r.bad, r.b = true, nil }

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *reader) bool() bool { return r.byte() != 0 }

func (r *reader) int() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count is a length: never more than the bytes left, so that a corrupt
// one cannot make a huge allocation.
func (r *reader) count() int {
	v := r.uint()
	if v > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *reader) str() string {
	n := r.count()
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// name is a string that is most likely one of known (the wave's
// attributes): then known's own, without a copy.
func (r *reader) name(known []string) string {
	n := r.count()
	for _, k := range known {
		if string(r.b[:n]) == k {
			r.b = r.b[n:]
			return k
		}
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) u64() uint64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) sums() tally.Sums {
	s := tally.Sums{N: r.int(), NPositive: r.int()}
	s.SW, s.SWY = math.Float64frombits(r.u64()), math.Float64frombits(r.u64())
	s.SW2, s.SW2Y = math.Float64frombits(r.u64()), math.Float64frombits(r.u64())
	s.U.Hi, s.U.Lo = r.u64(), r.u64()
	s.UY.Hi, s.UY.Lo = r.u64(), r.u64()
	return s
}
