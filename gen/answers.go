package gen

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// errUnreachable reports an anchor that no count of answers can produce.
var errUnreachable = errors.New("anchor cannot be reached")

// responses is the content of one response file.
type responses struct {
	ids     []int
	codes   [][]int8   // per column of the wave; nil for the id and weight columns
	texts   [][]string // per column: the cells of a 複数回答 column, nil for the others
	weights []float64  // nil when the wave is unweighted
	free    []string   // the free-text column, nil when there is none
}

// answerWave draws the respondents and answers of a wave. Each wave has its
// own random stream, seeded from the seed and the survey id, so a wave's
// answers do not depend on the other waves.
func answerWave(w *wave, seed uint64) (*responses, error) {
	rng := streamRand(seed, w.id)
	n, err := chooseReturned(rng, w)
	if err != nil {
		return nil, err
	}
	p := drawPeople(rng, w, n)
	r := &responses{ids: drawIDs(rng, w, n), codes: make([][]int8, len(w.columns)), texts: make([][]string, len(w.columns))}
	for i, c := range w.columns {
		switch c.role {
		case roleAttribute:
			r.codes[i] = p.attrs[c.key]
			if r.codes[i] == nil {
				return nil, fmt.Errorf("%w: attribute %q not drawn for %s", errBadSpec, c.key, w.id)
			}
		case roleQuestion:
			if r.codes[i], err = answerTopic(rng, w, c.topic, p); err != nil {
				return nil, fmt.Errorf("answer %s in %s: %w", c.key, w.id, err)
			}
		case roleMulti: // a stream of its own, so that the other columns stay as they were
			r.texts[i] = answerMulti(streamRand(seed, w.id+"/"+c.key), w, p)
		case roleWeight:
			r.weights = poststratify(p)
		}
	}
	if w.freeText != "" {
		r.free = drawFreeText(rng, n)
	}
	return r, nil
}

// streamRand returns the random stream named name under seed: a PCG
// whose two words are the seed and the name's hash, each scrambled so
// that neighbouring seeds start far apart.
func streamRand(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(splitmix(seed), splitmix(h.Sum64()^seed)))
}

// splitmix is the SplitMix64 finaliser, a bijective bit mixer.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// chooseReturned picks the number of returned questionnaires: a random
// count in the wave's range with which every anchored, unfiltered
// indicator of that year can land exactly on its anchor.
func chooseReturned(rng *rand.Rand, w *wave) (int, error) {
	var counts []int
	for n := w.minReturned; n <= w.maxReturned; n++ {
		counts = append(counts, n)
	}
	rng.Shuffle(len(counts), func(i, j int) { counts[i], counts[j] = counts[j], counts[i] })
	for _, n := range counts {
		if anchorsFit(w, n) {
			return n, nil
		}
	}
	return 0, fmt.Errorf("choose returned count of %s: %w", w.id, errUnreachable)
}

// anchorsFit tells whether, with n respondents, each anchored unfiltered
// indicator has a base within the top tenth of n that gives its anchor.
func anchorsFit(w *wave, n int) bool {
	for _, c := range w.columns {
		if c.topic == nil || c.topic.ind.filterKey != "" {
			continue
		}
		tenths, ok := c.topic.anchors[w.year]
		if !ok {
			continue
		}
		if _, _, err := exactCounts(tenths, n, max(1, n-max(2, n/10)), n); err != nil {
			return false
		}
	}
	return true
}

// published is the percent ×10 that k positives of n give, rounded half up.
func published(k, n int) int {
	return (2000*k + n) / (2 * n)
}

// countFor returns the number of positives among n that publishes tenths.
// Counts whose exact percent lies on a rounding boundary (x.x5) are
// refused, so that any correct implementation of half-up rounding agrees.
func countFor(tenths, n int) (int, bool) {
	k0 := (tenths*n + 500) / 1000
	for k := k0 - 1; k <= k0+1; k++ {
		if k < 0 || k > n || (2000*k+n)%(2*n) == 0 {
			continue
		}
		if published(k, n) == tenths {
			return k, true
		}
	}
	return 0, false
}

// exactCounts returns the base n in [lo, hi] closest to want, and its
// number of positives k, such that k of n publishes tenths.
func exactCounts(tenths, want, lo, hi int) (n, k int, err error) {
	for d := 0; want-d >= lo || want+d <= hi; d++ {
		for _, m := range [2]int{want - d, want + d} {
			if m < max(lo, 1) || m > hi {
				continue
			}
			if k, ok := countFor(tenths, m); ok {
				return m, k, nil
			}
		}
	}
	return 0, 0, fmt.Errorf("%.1f%% with %d–%d answers: %w", float64(tenths)/10, lo, hi, errUnreachable)
}

// group describes how one group of respondents answers a question.
type group struct {
	percent    float64 // share of positives (1, 2) in the base
	tenths     int     // the anchor, when exact
	exact      bool
	excludeDK  bool
	blankShare float64
	dkShare    float64
	tilt       float64
}

// answerTopic draws every respondent's answer to the topic's question.
// Respondents inside the indicator's filter form the indicator's domain;
// the others answer too, somewhat less favourably and more often わからない.
func answerTopic(rng *rand.Rand, w *wave, t *topic, p *people) ([]int8, error) {
	g := group{
		excludeDK:  t.ind.excludeDK,
		tilt:       t.tilt,
		blankShare: 0.01 + 0.03*rng.Float64(),
		dkShare:    0.03 + 0.07*rng.Float64(),
	}
	g.tenths, g.exact = t.anchors[w.year]
	g.percent = float64(g.tenths) / 10
	if !g.exact {
		drift := t.level + t.trend*float64(w.year-2020) + rng.Float64()*6 - 3
		g.percent = math.Min(math.Max(drift, 1), 100)
	}
	var domain, rest []int
	for i := range p.n {
		if t.ind.filterKey == "" || p.get(t.ind.filterKey, i) == int8(t.ind.filterCode) {
			domain = append(domain, i)
		} else {
			rest = append(rest, i)
		}
	}
	out := make([]int8, p.n)
	if err := fillGroup(rng, out, domain, g, p); err != nil {
		return nil, err
	}
	other := g
	other.exact, other.dkShare = false, 0.15+0.1*rng.Float64()
	other.percent = math.Max(g.percent-10, 1)
	return out, fillGroup(rng, out, rest, other, p)
}

// counts is how many of a group's members leave the question blank,
// answer わからない, form the base, and answer positively.
type counts struct {
	blanks, dks, base, positives int
}

// groupCounts fixes the counts of a group of m members. An exact group
// gets the base closest to the planned one that publishes its anchor.
// わからない counted in the base takes at most 60% of the negatives.
func groupCounts(m int, g group) (counts, error) {
	blanks := int(math.Round(float64(m) * g.blankShare))
	dks := int(math.Round(float64(m) * g.dkShare))
	nonvalid := blanks
	if g.excludeDK {
		nonvalid += dks
	}
	n := max(m-nonvalid, 0)
	k := int(math.Round(g.percent / 100 * float64(n)))
	if g.exact {
		var err error
		if n, k, err = exactCounts(g.tenths, n, 1, m); err != nil {
			return counts{}, err
		}
	}
	nonvalid = m - n
	if g.excludeDK {
		dks = min(dks, nonvalid)
		return counts{blanks: nonvalid - dks, dks: dks, base: n, positives: k}, nil
	}
	return counts{blanks: nonvalid, dks: min(dks, (n-k)*6/10), base: n, positives: k}, nil
}

// fillGroup writes the answers of members into out: blanks and
// わからない at random, then positives preferably to the respondents whose
// age the question favours.
func fillGroup(rng *rand.Rand, out []int8, members []int, g group, p *people) error {
	m := len(members)
	if m == 0 {
		if g.exact {
			return fmt.Errorf("no respondents in the domain: %w", errUnreachable)
		}
		return nil
	}
	c, err := groupCounts(m, g)
	if err != nil {
		return err
	}
	members = slices.Clone(members)
	rng.Shuffle(m, func(i, j int) { members[i], members[j] = members[j], members[i] })
	valid := members[c.blanks:]
	dksInBase := c.dks
	if g.excludeDK {
		for _, i := range valid[:c.dks] {
			out[i] = dkCode
		}
		valid, dksInBase = valid[c.dks:], 0
	}
	valid = byAffinity(rng, valid, g.tilt, p)
	splitPositives(rng, out, valid[:c.positives], g.percent)
	splitNegatives(rng, out, valid[c.positives:], dksInBase)
	return nil
}

// byAffinity orders members so that those the question's tilt favours
// tend to come first (weighted sampling without replacement).
func byAffinity(rng *rand.Rand, members []int, tilt float64, p *people) []int {
	type keyed struct {
		i   int
		key float64
	}
	ks := make([]keyed, len(members))
	for j, i := range members {
		ks[j] = keyed{i, math.Pow(rng.Float64(), 1/math.Exp(tilt*p.age(i)))}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return cmp.Compare(b.key, a.key) })
	out := make([]int, len(ks))
	for j, k := range ks {
		out[j] = k.i
	}
	return out
}

// splitPositives gives the strongest positive (1) to a share that grows
// with the percent, the milder one (2) to the rest.
func splitPositives(rng *rand.Rand, out []int8, pos []int, percent float64) {
	share := math.Min(math.Max(0.1+0.35*percent/100+rng.Float64()*0.1-0.05, 0.05), 0.8)
	ones := int(math.Round(share * float64(len(pos))))
	for j, i := range pos {
		out[i] = 2
		if j < ones {
			out[i] = 1
		}
	}
}

// splitNegatives gives dks of the negatives わからない, and splits the rest
// between どちらかといえば… (3) and the strong negative (4).
func splitNegatives(rng *rand.Rand, out []int8, neg []int, dks int) {
	rng.Shuffle(len(neg), func(i, j int) { neg[i], neg[j] = neg[j], neg[i] })
	for _, i := range neg[:dks] {
		out[i] = dkCode
	}
	neg = neg[dks:]
	fours := int(math.Round((0.25 + 0.2*rng.Float64()) * float64(len(neg))))
	for j, i := range neg {
		out[i] = 3
		if j >= len(neg)-fours {
			out[i] = 4
		}
	}
}

// drawIDs numbers the respondents: 1..n, or for serial-number waves the
// sorted serial numbers of the returned questionnaires.
func drawIDs(rng *rand.Rand, w *wave, n int) []int {
	ids := make([]int, n)
	if !w.serialIDs {
		for i := range ids {
			ids[i] = i + 1
		}
		return ids
	}
	copy(ids, rng.Perm(w.mailed)[:n])
	slices.Sort(ids)
	for i := range ids {
		ids[i]++
	}
	return ids
}

// freeTexts are comments as residents write them. The first ones carry the
// CP932-only characters ① and ㈱ that a strict Shift_JIS decoder rejects.
var freeTexts = []string{
	"①防災訓練の案内をもっと早く知りたい。②回覧板だけでなくLINEでも知らせてほしい。",
	"駅前の㈱○○の跡地がどうなるのか、区の考えを知りたいです。",
	"公園の遊具が古くなっているので、改修してほしい。",
	"区役所の窓口の方が丁寧に説明してくださり助かりました。",
	"夜道が暗いところがあるので、街灯を増やしてほしい。",
	"①子育てサロンの回数を増やしてほしい\n②土曜日にも開催してほしい",
	"自転車の運転マナーが悪い人が多いと感じます。",
	"花の種の配布を毎年楽しみにしています。",
	"㈱や㈲の名前が入ったチラシが多く、区の広報と見分けがつきにくいことがある。",
	"アンケートの設問が多く、答えるのに時間がかかりました。",
}

// drawFreeText fills the free-text column: about 8% of respondents wrote
// something, taken from freeTexts in order.
func drawFreeText(rng *rand.Rand, n int) []string {
	free := make([]string, n)
	k := min(n, max(3, n*8/100))
	who := rng.Perm(n)[:k]
	slices.Sort(who)
	for j, i := range who {
		free[i] = freeTexts[j%len(freeTexts)]
	}
	return free
}

// The options of the sample's 複数回答 question (the sources of the ward's
// information), in code order, with the share of respondents who choose
// each in 2020, its change per year, and how much older respondents
// choose it more (less, when negative).
var multiOptions = []struct {
	share, trend, tilt float64
}{
	{0.55, -0.01, 0.10}, // 1 区広報紙
	{0.22, 0.03, -0.05}, // 2 ホームページ
	{0.12, 0.04, -0.08}, // 3 SNS
	{0.12, 0, 0},        // 4 掲示板
	{0.33, -0.01, 0.08}, // 5 回覧板
	{0.04, 0, 0},        // 6 その他
}

// answerMulti draws every respondent's cell of a 複数回答 question: a few
// leave it blank or write the vendor's 無回答 code 99, some answer
// わからない alone, the others choose options independently (at least one),
// the codes written as the vendor of the year does (1;3, or "1,3").
func answerMulti(rng *rand.Rand, w *wave, p *people) []string {
	sep := ";"
	if w.year == 2021 {
		sep = ","
	}
	years := float64(w.year - 2020)
	out := make([]string, p.n)
	for i := range p.n {
		switch u := rng.Float64(); {
		case u < 0.015:
			continue // blank
		case u < 0.04:
			out[i] = "99"
			continue
		case u < 0.09:
			out[i] = strconv.Itoa(dkCode)
			continue
		}
		var chosen []string
		for k, o := range multiOptions {
			if rng.Float64() < o.share+o.trend*years+o.tilt*p.age(i) {
				chosen = append(chosen, strconv.Itoa(k+1))
			}
		}
		if len(chosen) == 0 {
			chosen = []string{strconv.Itoa(1 + 4*rng.IntN(2))} // 広報紙 or 回覧板
		}
		out[i] = strings.Join(chosen, sep)
	}
	return out
}
