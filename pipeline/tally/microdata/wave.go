// Package microdata is one wave's microdata in the form the per-wave pass
// (package tally) reads: a row per respondent, the answers as integer
// codes in one flat array (a 複数回答 answer as the set of its options in
// one code) and the weights also exactly, in U128 units. The engine makes
// it from a wave just read (FromModel), package load stores it and reads
// it back; what the pass adds up from it is package tally's.
package microdata

import (
	"fmt"
	"math"
	"slices"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Wave is one wave's microdata as the pass reads it: one row per
// respondent, in the order of the response file, its answers as integer
// codes in one flat array. It is built from a wave just read (FromModel)
// or read back from the database (package load).
type Wave struct {
	Keys  []string // the attribute and question keys: the columns of Codes
	N     int      // respondents
	Codes []int32  // N × len(Keys), row by row; model.Blank for 無回答
	// Multi tells, per key, whether its column holds 複数回答 option sets
	// (MultiCode) rather than single codes; nil when no key does.
	Multi []bool
	// Weights and Units are nil in a wave without a weight column, where
	// every weight is 1. Units are the weights exactly, in units of
	// 10^−Scale (cell.Decimal.Units).
	Weights []float64
	Units   []U128
	Scale   int
}

// Row returns the codes of respondent r, one per key.
func (w *Wave) Row(r int) []int32 {
	k := len(w.Keys)
	return w.Codes[r*k : r*k+k : r*k+k]
}

// Weight returns respondent r's weight and its exact units: 1 in a wave
// without a weight column.
func (w *Wave) Weight(r int) (float64, U128) {
	if w.Weights == nil {
		return 1, U128{Lo: 1}
	}
	return w.Weights[r], w.Units[r]
}

// IsMulti reports whether column col (an index of Keys, or −1) holds
// 複数回答 option sets.
func (w *Wave) IsMulti(col int) bool { return col >= 0 && w.Multi != nil && w.Multi[col] }

// Column returns the index of key among w's keys, or −1.
func (w *Wave) Column(key string) int {
	for i, k := range w.Keys {
		if k == key {
			return i
		}
	}
	return -1
}

// FromModel copies a wave just read into the form of the pass; the
// weights' units follow the wave's WeightScale.
func FromModel(m *model.Wave) (*Wave, error) {
	if len(m.Rows) > math.MaxInt32 {
		// respondent_no is an INTEGER, and cell.ParseWeight's bounds assume it.
		return nil, fmt.Errorf("wave %s: %d rows, more than %d", m.Survey.ID, len(m.Rows), math.MaxInt32)
	}
	w := &Wave{Keys: m.Keys, N: len(m.Rows)}
	var multi []int // the 複数回答 questions kept, after the single keys
	for i, q := range m.Multi {
		if storable(q) {
			multi = append(multi, i)
		}
	}
	if len(multi) > 0 {
		w.Keys, w.Multi = slices.Clone(m.Keys), make([]bool, len(m.Keys), len(m.Keys)+len(multi))
		for _, i := range multi {
			w.Keys, w.Multi = append(w.Keys, m.Multi[i].Key), append(w.Multi, true)
		}
	}
	k := len(w.Keys)
	w.Codes = make([]int32, len(m.Rows)*k)
	for r, p := range m.Rows {
		row := w.Codes[r*k : r*k+k]
		copy(row, p.Answers)
		for j, i := range multi {
			row[len(p.Answers)+j] = MultiCode(p.Multi[i])
		}
	}
	if !m.Weights {
		return w, nil
	}
	w.Scale = m.WeightScale()
	w.Weights, w.Units = make([]float64, w.N), make([]U128, w.N)
	for r, p := range m.Rows {
		u, ok := Units(p.Exact, w.Scale)
		if !ok {
			return nil, fmt.Errorf("wave %s: weight of row %d has %d places, beyond the scale %d", m.Survey.ID, r+1, p.Exact.Places, w.Scale)
		}
		w.Weights[r], w.Units[r] = p.Weight, u
	}
	return w, nil
}
