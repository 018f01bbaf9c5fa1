package gen

import (
	"math"
	"math/rand/v2"
	"slices"
)

// people holds the attribute answers of a wave's respondents, by key; 0
// is a blank (無回答).
type people struct {
	n     int
	attrs map[string][]int8
}

// get returns respondent i's code for key, 0 when blank or not asked.
func (p *people) get(key string, i int) int8 {
	if s, ok := p.attrs[key]; ok {
		return s[i]
	}
	return 0
}

// age returns respondent i's 年代 scaled to [-1, 1] (0 when unknown).
func (p *people) age(i int) float64 {
	a := p.get(attrNendai.key, i)
	if a == 0 {
		return 0
	}
	return (float64(a) - 3.5) / 2.5
}

// drawPeople draws the attributes of n respondents of the wave.
func drawPeople(rng *rand.Rand, w *wave, n int) *people {
	p := &people{n: n, attrs: make(map[string][]int8)}
	switch w.profile {
	case residents:
		drawResidents(rng, w, p)
	case committee:
		drawSlots(rng, p, committeeSlots(w))
	case principals:
		drawSlots(rng, p, principalSlots())
	}
	return p
}

// drawResidents draws 年代, 性別, 地域 and 子育て. 子育て中 is most likely
// in the 30s and 40s; その他・答えたくない is kept to a handful so that
// breakdowns have a cell to suppress.
func drawResidents(rng *rand.Rand, w *wave, p *people) {
	nendai := drawCategory(rng, p.n, attrNendai.weights, 0.012)
	p.attrs[attrNendai.key] = nendai
	p.attrs[attrSeibetsu.key] = drawSex(rng, p.n)
	if a := w.attribute("chiiki"); a != nil {
		p.attrs["chiiki"] = drawCategory(rng, p.n, a.shares(), 0.02)
	}
	child := []float64{0.20, 0.65, 0.60, 0.20, 0.05, 0.02}
	k := make([]int8, p.n)
	for i, a := range nendai {
		share := 0.2
		if a > 0 {
			share = child[a-1]
		}
		k[i] = 2
		if rng.Float64() < share {
			k[i] = 1
		}
	}
	blank(rng, k, 0.02)
	p.attrs[attrKosodate.key] = k
}

// drawSex draws 性別: women answer more than men, a few choose その他・答えたくない.
func drawSex(rng *rand.Rand, n int) []int8 {
	s := drawCategory(rng, n, []float64{0.43, 0.57}, 0.01)
	other := min(3+rng.IntN(6), n/40)
	for _, i := range rng.Perm(n)[:other] {
		s[i] = 3
	}
	return s
}

// drawCategory draws n codes 1..len(weights) with those weights, then
// blanks about blankShare of them.
func drawCategory(rng *rand.Rand, n int, weights []float64, blankShare float64) []int8 {
	out := make([]int8, n)
	for i := range out {
		out[i] = int8(pickIndex(rng, weights) + 1)
	}
	blank(rng, out, blankShare)
	return out
}

// pickIndex returns an index drawn with the given weights; weights must
// not be empty.
func pickIndex(rng *rand.Rand, weights []float64) int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	r := rng.Float64() * sum
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

// blank sets about share of the codes to 0 (無回答).
func blank(rng *rand.Rand, codes []int8, share float64) {
	for i := range codes {
		if rng.Float64() < share {
			codes[i] = 0
		}
	}
}

// slot is one person who was sent the questionnaire, by attribute codes.
type slot map[string]int8

// committeeSlots are the 運営委員: mailed split evenly over the 地域.
func committeeSlots(w *wave) []slot {
	a := w.attribute("chiiki")
	var s []slot
	for i := range w.mailed {
		s = append(s, slot{"chiiki": int8(i%len(a.choices) + 1)})
	}
	return s
}

// principalSlots are the 校長 and 教頭 of 12 小学校 and 5 中学校.
func principalSlots() []slot {
	var s []slot
	for school := range 17 {
		kind := int8(1)
		if school >= 12 {
			kind = 2
		}
		s = append(s, slot{"koshu": kind, "shokui": 1}, slot{"koshu": kind, "shokui": 2})
	}
	return s
}

// drawSlots picks p.n of the slots as the respondents, in slot order.
func drawSlots(rng *rand.Rand, p *people, slots []slot) {
	picked := rng.Perm(len(slots))[:p.n]
	slices.Sort(picked)
	for _, key := range []string{"chiiki", "koshu", "shokui"} {
		if _, ok := slots[0][key]; !ok {
			continue
		}
		codes := make([]int8, p.n)
		for i, s := range picked {
			codes[i] = slots[s][key]
		}
		p.attrs[key] = codes
	}
}

// cellShares is the population mix of 性別×年代 (18歳以上) that the weights
// of a weighted wave restore: men then women, 年代 1–6.
var cellShares = [2][6]float64{
	{0.065, 0.065, 0.085, 0.080, 0.065, 0.110},
	{0.065, 0.065, 0.085, 0.080, 0.070, 0.165},
}

// poststratify returns weights that bring the 性別×年代 mix of the
// respondents to cellShares, normalised to mean 1. Respondents outside the
// 12 cells (その他・答えたくない, blanks) keep a raw weight of 1.
func poststratify(p *people) []float64 {
	var count [2][6]int
	inCells := 0
	for i := range p.n {
		if s, a := p.get("seibetsu", i), p.get("nendai", i); s >= 1 && s <= 2 && a >= 1 {
			count[s-1][a-1]++
			inCells++
		}
	}
	w := make([]float64, p.n)
	var sum float64
	for i := range p.n {
		w[i] = 1
		if s, a := p.get("seibetsu", i), p.get("nendai", i); s >= 1 && s <= 2 && a >= 1 {
			w[i] = cellShares[s-1][a-1] * float64(inCells) / float64(count[s-1][a-1])
		}
		sum += w[i]
	}
	mean := sum / float64(p.n)
	for i := range w {
		w[i] = math.Max(w[i]/mean, 0.0001)
	}
	return w
}
