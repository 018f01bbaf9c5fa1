// Package keep carries one wave's disclosure decisions (decide.Decide)
// from one refresh to the next: a fingerprint of everything the decision
// was computed from, and a compact encoding of what it decided. A stored
// decision is used again only when the fingerprint of the wave as it is
// now equals the stored one, so that its correctness does not rest on the
// refresh's change detection: it is content-addressed.
package keep

import (
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"math"
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/tally"
)

// version names the layout of the fingerprint and of the encoding: a
// change to either changes it, and so every fingerprint.
const version = "keep/1"

// Fingerprint is the SHA-256 of a wave's decide.Wave, as Decide reads it,
// and of the binary that decides (program).
type Fingerprint [sha256.Size]byte

// Of is the fingerprint of wave w decided by program (manifest.ProgramID:
// a new binary never uses a decision of an old one). It covers every
// input of decide.Decide: the wave's survey id and 回答者数, whether it is
// weighted, its attributes in order, the answer codes of every key, the
// 複数回答 keys, the merged codes (with_blank), and for each domain of the
// wave's plan, in the plan's order (the order the decision links them in),
// the domain's definition (question, positive and excluded codes, filter
// clauses) and its sums (total, flow, every cell, in order); then the
// sums of any other domain among the wave's tallies. Domain indices
// themselves are not in it: a decision is stored by the position of the
// domain in the wave's plan (Encode), which the fingerprint fixes.
func Of(w decide.Wave, program string) Fingerprint {
	b := make(buf, 0, sizeHint(w))
	b.str(version)
	b.str(program)
	b.str(w.Survey)
	b.int(int64(w.Respondents))
	b.bool(w.Weighted)
	wp := w.Plan.Of(w.Survey)
	b.strs(wp.Attributes)
	b.int(int64(len(w.Answers)))
	for _, key := range slices.Sorted(maps.Keys(w.Answers)) {
		b.str(key)
		b.int(int64(len(w.Answers[key])))
		for _, c := range w.Answers[key] {
			b.int(int64(c))
		}
	}
	var multi []string
	for key, m := range w.Multi {
		if m {
			multi = append(multi, key)
		}
	}
	slices.Sort(multi)
	b.strs(multi)
	b.int(int64(len(w.Merged)))
	for _, key := range slices.Sorted(maps.Keys(w.Merged)) {
		b.str(key)
		b.int(int64(w.Merged[key]))
	}
	b.int(int64(len(wp.Domains)))
	for _, di := range wp.Domains {
		b.domain(w, di)
	}
	for _, di := range slices.Sorted(maps.Keys(w.Tallies)) {
		if !slices.Contains(wp.Domains, di) {
			b.domain(w, di)
		}
	}
	return sha256.Sum256(b)
}

// sizeHint is about the bytes Of hashes of w: most are its cells' sums.
func sizeHint(w decide.Wave) int {
	n := 4096
	for _, t := range w.Tallies {
		n += 128 + 96*len(t.Cells)
	}
	return n
}

// domain adds domain di of w's plan: its definition and its sums.
func (b *buf) domain(w decide.Wave, di int) {
	if di < 0 || di >= len(w.Plan.Domains) {
		b.bool(false)
	} else {
		d := w.Plan.Domains[di]
		b.bool(true)
		b.bool(d.IsEveryone())
		b.bool(di == w.Plan.Everyone)
		b.str(d.Question)
		b.ints(d.Positive)
		b.ints(d.Excluded)
		b.int(int64(len(d.Filter)))
		for _, c := range d.Filter {
			b.str(c.Key)
			b.ints(c.Codes)
		}
	}
	t, ok := w.Tallies[di]
	b.bool(ok)
	if !ok {
		return
	}
	b.sums(t.Total)
	f := t.Flow
	for _, n := range []int64{f.Filtered, f.NotApplicable, f.Missing, f.Excluded} {
		b.int(n)
	}
	for _, by := range [][]tally.CodeCount{f.ExcludedBy, f.PositiveBy} {
		b.int(int64(len(by)))
		for _, c := range by {
			b.int(int64(c.Code))
			b.int(c.N)
		}
	}
	b.int(int64(len(t.Cells)))
	for _, c := range t.Cells {
		b.str(c.Attribute)
		b.int(int64(c.Code))
		b.sums(c.Sums)
	}
}

// buf is what is hashed (or encoded): varints, and strings after their
// length, so that no two inputs give the same bytes.
type buf []byte

func (b *buf) int(v int64)   { *b = binary.AppendVarint(*b, v) }
func (b *buf) uint(v uint64) { *b = binary.AppendUvarint(*b, v) }

func (b *buf) bool(v bool) {
	if v {
		*b = append(*b, 1)
	} else {
		*b = append(*b, 0)
	}
}

func (b *buf) str(s string) {
	b.uint(uint64(len(s)))
	*b = append(*b, s...)
}

func (b *buf) strs(s []string) {
	b.int(int64(len(s)))
	for _, v := range s {
		b.str(v)
	}
}

func (b *buf) ints(s []int) {
	b.int(int64(len(s)))
	for _, v := range s {
		b.int(int64(v))
	}
}

// sums adds every field of s, the floats by their bits.
func (b *buf) sums(s tally.Sums) {
	b.int(s.N)
	b.int(s.NPositive)
	b.u64(math.Float64bits(s.SW))
	b.u64(math.Float64bits(s.SWY))
	b.u64(math.Float64bits(s.SW2))
	b.u64(math.Float64bits(s.SW2Y))
	b.u64(s.U.Hi)
	b.u64(s.U.Lo)
	b.u64(s.UY.Hi)
	b.u64(s.UY.Lo)
}

func (b *buf) u64(v uint64) {
	*b = binary.LittleEndian.AppendUint64(*b, v)
}
