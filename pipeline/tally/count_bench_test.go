package tally

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// BenchmarkCount is the pass over one wave in the shape of an Osaka-scale
// one (make bench-scale): 1,500 weighted respondents, 4 attributes and 40
// questions coded 1–4 and 9 with some blanks, 40 domains (one a filtered
// one) and the 単純集計.
func BenchmarkCount(b *testing.B) {
	const n, attrs, questions = 1500, 4, 40
	rng := rand.New(rand.NewPCG(16, 2))
	w := &microdata.Wave{N: n, Scale: 3, Weights: make([]float64, n), Units: make([]microdata.U128, n)}
	var attributes []string
	var domains []Domain
	for j := range attrs {
		w.Keys = append(w.Keys, fmt.Sprintf("F%d", j+1))
		attributes = append(attributes, w.Keys[j])
	}
	for q := range questions {
		key := fmt.Sprintf("問%d", q+1)
		w.Keys = append(w.Keys, key)
		domains = append(domains, Domain{Question: key, Positive: []int{1, 2}, Excluded: []int{9}})
	}
	domains[0].Filter = []model.Clause{{Key: "F1", Codes: []int{1, 2}}}
	domains = append(domains, Everyone)
	for r := range n {
		for range w.Keys {
			v := int32(1 + rng.IntN(6))
			switch {
			case v == 5:
				v = 9
			case v == 6 && rng.IntN(4) == 0:
				v = model.Blank
			case v == 6:
				v = 3
			}
			w.Codes = append(w.Codes, v)
		}
		units := uint64(500 + rng.IntN(1500))
		w.Weights[r], w.Units[r] = float64(units)/1000, microdata.U128{Lo: units}
	}
	b.ReportAllocs()
	for b.Loop() {
		Count(w, attributes, domains)
	}
}
