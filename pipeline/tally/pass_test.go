package tally

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

const blank = model.Blank

// ruleWave has the columns nendai (an attribute), kosodate (a filter key)
// and q (the question), one respondent per case of the domain rule.
func ruleWave() *microdata.Wave {
	rows := [][]int32{
		{1, 1, 1},         // in, positive
		{1, 1, 3},         // in, negative
		{2, 2, 1},         // in through the clause's second code, positive
		{2, 3, 1},         // outside the filter
		{blank, blank, 1}, // a blank filter key never passes
		{3, 1, blank},     // 無回答: not counted
		{3, 1, 9},         // excluded code
		{blank, 1, 2},     // in, positive, attribute left blank
	}
	w := &microdata.Wave{Keys: []string{"nendai", "kosodate", "q"}, N: len(rows)}
	for _, r := range rows {
		w.Codes = append(w.Codes, r...)
	}
	return w
}

// TestDomainRule: the rule of create_domain_macro.sql, which the pass
// replaces: filter clauses ANDed and their codes ORed, a blank never
// passing; a blank answer and an excluded code outside the domain; y for
// a positive code; cells by attribute code with 無回答 last.
func TestDomainRule(t *testing.T) {
	d := Domain{Question: "q", Positive: []int{1, 2}, Excluded: []int{9},
		Filter: []model.Clause{{Key: "kosodate", Codes: []int{1, 2}}}}
	got := Count(ruleWave(), []string{"nendai"}, []Domain{d})[0]
	if got.Total.N != 4 || got.Total.NPositive != 3 || got.Total.SW != 4 || got.Total.U != (microdata.U128{Lo: 4}) {
		t.Errorf("total %+v; want n 4, 3 positive", got.Total)
	}
	want := []struct {
		code   int32
		n, pos int64
	}{{1, 2, 1}, {2, 1, 1}, {blank, 1, 1}}
	if len(got.Cells) != len(want) {
		t.Fatalf("cells %+v; want %d", got.Cells, len(want))
	}
	for i, w := range want {
		c := got.Cells[i]
		if c.Attribute != "nendai" || c.Code != w.code || c.N != w.n || c.NPositive != w.pos {
			t.Errorf("cell %d = %s %d n %d pos %d; want nendai %d n %d pos %d", i, c.Attribute, c.Code, c.N, c.NPositive,
				w.code, w.n, w.pos)
		}
	}
	// Two clauses must both hold; a key the wave lacks lets nobody in.
	both := d
	both.Filter = append(both.Filter, model.Clause{Key: "nendai", Codes: []int{2}})
	missing := Domain{Question: "q", Positive: []int{1}, Filter: []model.Clause{{Key: "nokey", Codes: []int{1}}}}
	unfiltered := Domain{Question: "q", Positive: []int{1}}
	ts := Count(ruleWave(), nil, []Domain{both, missing, unfiltered})
	if ts[0].Total.N != 1 || ts[1].Total.N != 0 || ts[2].Total.N != 7 || ts[2].Total.NPositive != 4 {
		t.Errorf("totals %d, %d, %d (%d positive); want 1, 0, 7 (4)", ts[0].Total.N, ts[1].Total.N, ts[2].Total.N, ts[2].Total.NPositive)
	}
}

// TestWeightedSums: Σw, Σw², Σwy, Σw²y and the exact sums of a weighted
// wave.
func TestWeightedSums(t *testing.T) {
	w := ruleWave()
	w.Scale = 1
	for r := range w.N {
		w.Weights = append(w.Weights, float64(r+1)/2)
		w.Units = append(w.Units, microdata.U128{Lo: uint64(5 * (r + 1))})
	}
	got := Count(w, nil, []Domain{{Question: "q", Positive: []int{1}}})[0].Total
	// Rows 1, 3, 4, 5 are positive (weights 0.5, 1.5, 2, 2.5); rows 2, 7
	// and 8 are not (1, 3.5, 4); row 6 is blank.
	if got.N != 7 || got.SW != 15 || got.SWY != 6.5 || got.SW2 != 0.25+1+2.25+4+6.25+12.25+16 || got.SW2Y != 0.25+2.25+4+6.25 {
		t.Errorf("sums %+v", got)
	}
	if got.U != (microdata.U128{Lo: 150}) || got.UY != (microdata.U128{Lo: 65}) {
		t.Errorf("exact sums %v %v; want 150 and 65 tenths", got.U, got.UY)
	}
}

// TestTenthsHalfUp: the published rounding of create_rounding_macro.sql,
// exact and half up: 1 of 16 is 6.25% → 6.3, 1199 of 2000 is 59.95% →
// 60.0; sums beyond 64 bits take the big-integer path with the same
// result.
func TestTenthsHalfUp(t *testing.T) {
	for _, c := range []struct {
		uy, u uint64
		want  int
	}{{1, 16, 63}, {1199, 2000, 600}, {0, 5, 0}, {5, 5, 1000}, {1, 3, 333}, {2, 3, 667}} {
		got, ok := Sums{U: microdata.U128{Lo: c.u}, UY: microdata.U128{Lo: c.uy}}.Tenths()
		if !ok || got != c.want {
			t.Errorf("%d/%d: %d tenths; want %d", c.uy, c.u, got, c.want)
		}
	}
	if _, ok := (Sums{}).Tenths(); ok {
		t.Error("an empty domain has a published value")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		u := microdata.U128{Hi: rng.Uint64N(1 << 50), Lo: rng.Uint64()}
		uy := microdata.U128{Hi: rng.Uint64N(u.Hi + 1), Lo: rng.Uint64()}
		if uy.Hi == u.Hi {
			uy.Lo = min(uy.Lo, u.Lo)
		}
		fast, _ := Sums{U: microdata.U128{Lo: u.Lo >> 3}, UY: microdata.U128{Lo: uy.Lo >> 3 & (u.Lo >> 3)}}.Tenths()
		ref := new(big.Int).Mul(big.NewInt(2000), new(big.Int).SetUint64(uy.Lo>>3&(u.Lo>>3)))
		ref.Add(ref, new(big.Int).SetUint64(u.Lo>>3)).Quo(ref, new(big.Int).SetUint64(2*(u.Lo>>3)))
		if u.Lo>>3 > 0 && int64(fast) != ref.Int64() {
			t.Fatalf("%d/%d: %d tenths; want %v", uy.Lo>>3&(u.Lo>>3), u.Lo>>3, fast, ref)
		}
		wide, _ := Sums{U: u, UY: uy}.Tenths()
		refw := new(big.Int).Mul(big.NewInt(2000), uy.Big())
		refw.Add(refw, u.Big()).Quo(refw, new(big.Int).Lsh(u.Big(), 1))
		if int64(wide) != refw.Int64() {
			t.Fatalf("%v/%v: %d tenths; want %v", uy.Big(), u.Big(), wide, refw)
		}
	}
}

// TestSpec: a domain's spec does not depend on how its codes and clauses
// are written, and changes with any of them.
func TestSpec(t *testing.T) {
	a := DomainOf(model.Indicator{QuestionKey: "q", PositiveCodes: []int{2, 1}, ExcludedCodes: []int{9},
		Filter: []model.Clause{{Key: "k", Codes: []int{2, 1}}, {Key: "a", Codes: []int{1}}}})
	b := DomainOf(model.Indicator{QuestionKey: "q", PositiveCodes: []int{1, 2, 2}, ExcludedCodes: []int{9},
		Filter: []model.Clause{{Key: "a", Codes: []int{1}}, {Key: "k", Codes: []int{1, 2}}}})
	if a.Spec() != b.Spec() {
		t.Errorf("specs differ:\n%s\n%s", a.Spec(), b.Spec())
	}
	c := b
	c.Excluded = nil
	if c.Spec() == b.Spec() || !b.Filtered() || (Domain{}).Filtered() {
		t.Errorf("spec %q for a changed domain; filtered %v", c.Spec(), b.Filtered())
	}
}

// TestCellsOfLargeCodes: an attribute with a code beyond the table of
// small codes (denseUpTo) and a negative one is numbered through the map,
// its cells still ascending with 無回答 last, each respondent in the cell
// of its code; a second attribute of small codes beside it keeps its own.
func TestCellsOfLargeCodes(t *testing.T) {
	codes := [][]int32{{5000, 2, 1}, {3, 1, 1}, {-7, 2, 2}, {blank, 1, 1}, {5000, model.NotApplicable, 1}, {3, 2, 1}}
	w := &microdata.Wave{Keys: []string{"big", "small", "q"}, N: len(codes)}
	for _, r := range codes {
		w.Codes = append(w.Codes, r...)
	}
	d := Domain{Question: "q", Positive: []int{1}}
	got := Count(w, []string{"big", "small"}, []Domain{d})[0]
	want := []struct {
		attr   string
		code   int32
		n, pos int64
	}{{"big", -7, 1, 0}, {"big", 3, 2, 2}, {"big", 5000, 2, 2}, {"big", blank, 1, 1},
		{"small", 1, 2, 2}, {"small", 2, 3, 2}, {"small", blank, 1, 1}}
	if len(got.Cells) != len(want) {
		t.Fatalf("cells %+v; want %d", got.Cells, len(want))
	}
	for i, w := range want {
		c := got.Cells[i]
		if c.Attribute != w.attr || c.Code != w.code || c.N != w.n || c.NPositive != w.pos {
			t.Errorf("cell %d = %s %d n %d pos %d; want %s %d n %d pos %d", i, c.Attribute, c.Code, c.N, c.NPositive,
				w.attr, w.code, w.n, w.pos)
		}
	}
}
