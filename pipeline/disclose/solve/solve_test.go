package solve

import (
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSolveExact: the value of a determined vector is exact, and an
// undetermined one is reported as such.
func TestSolveExact(t *testing.T) {
	// a+b = 12, b+c = 7, a+b+c = 15 → c = 3, a = 8, b = 4.
	b, err := New([][]int64{{1, 1, 0}, {0, 1, 1}, {1, 1, 1}}, []int64{12, 7, 15})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int64{8, 4, 3} {
		v := make([]int64, 3)
		v[i] = 1
		got, ok, err := b.Value(v)
		if err != nil || !ok || got != want {
			t.Errorf("atom %d = %d (%v, %v); want %d", i, got, ok, err, want)
		}
	}
	b, _ = New([][]int64{{1, 1, 0}}, []int64{12})
	if _, ok, _ := b.Value([]int64{1, 0, 0}); ok {
		t.Error("a alone determined by a+b")
	}
}

// TestAgainstRationals: on random rows of 0, ±1 and ±2 (dependent ones
// among them), Value and Uses agree with elimination over the rationals
// (math/big): a vector is determined exactly when it is a combination of
// the rows, its value is that combination's (the atoms' counts'), and its uses are the rows
// of its one combination of the rows that no earlier rows give.
func TestAgainstRationals(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	tried := 0
	for range 300 {
		cols, n := 2+r.IntN(6), 1+r.IntN(8)
		rows, values := make([][]int64, n), make([]int64, n)
		x := make([]int64, cols) // the counts of the atoms
		for j := range x {
			x[j] = int64(r.IntN(50))
		}
		for i := range rows {
			rows[i] = make([]int64, cols)
			for j := range rows[i] {
				rows[i][j] = int64(r.IntN(5) - 2)
			}
			if i > 1 && r.IntN(3) == 0 { // a dependent row: the sum of two earlier
				a, b := r.IntN(i), r.IntN(i)
				for j := range rows[i] {
					rows[i][j] = rows[a][j] + rows[b][j]
				}
			}
			for j := range x {
				values[i] += rows[i][j] * x[j]
			}
		}
		b, err := New(rows, values)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			target := make([]int64, cols)
			coef := map[int]int64{}
			for i := range rows {
				if r.IntN(2) == 0 {
					coef[i] = int64(r.IntN(3) - 1)
				}
			}
			for i, c := range coef {
				for j := range target {
					target[j] += c * rows[i][j]
				}
			}
			if r.IntN(4) == 0 {
				target[r.IntN(cols)]++
			}
			want, wantUses, wantOK := rationalSolve(rows, values, target)
			got, ok, err := b.Value(target)
			if err != nil || ok != wantOK {
				t.Fatalf("rows %v target %v: determined %v (%v); want %v", rows, target, ok, err, wantOK)
			}
			if !ok {
				continue
			}
			tried++
			uses, err := b.Uses(target)
			if err != nil || !want.IsInt() || got != want.Num().Int64() || !slices.Equal(uses, wantUses) {
				t.Fatalf("rows %v values %v target %v: %d uses %v (%v); want %v uses %v", rows, values, target, got, uses, err, want, wantUses)
			}
		}
	}
	if tried < 100 {
		t.Fatalf("only %d determined targets tried", tried)
	}
}

// rationalSolve expresses target in the rows that no earlier rows give
// (Gauss-Jordan over the rationals): its value, the rows used, and
// whether it is a combination at all.
func rationalSolve(rows [][]int64, values []int64, target []int64) (*big.Rat, []int, bool) {
	var kept []int
	for i := range rows {
		if _, ok := express(rows, kept, rows[i]); !ok {
			kept = append(kept, i)
		}
	}
	x, ok := express(rows, kept, target)
	if !ok {
		return nil, nil, false
	}
	value, uses := new(big.Rat), []int(nil)
	for k, i := range kept {
		if x[k].Sign() != 0 {
			uses = append(uses, i)
			value.Add(value, new(big.Rat).Mul(x[k], big.NewRat(values[i], 1)))
		}
	}
	return value, uses, true
}

// express solves Σ x_k rows[kept[k]] = t over the rationals (kept are
// independent, so x is unique).
func express(rows [][]int64, kept []int, t []int64) ([]*big.Rat, bool) {
	cols, n := len(t), len(kept)
	m := make([][]*big.Rat, cols) // augmented: cols equations × (n + 1)
	for j := range m {
		m[j] = make([]*big.Rat, n+1)
		for k, i := range kept {
			m[j][k] = big.NewRat(rows[i][j], 1)
		}
		m[j][n] = big.NewRat(t[j], 1)
	}
	row := 0
	pivots := make([]int, 0, n)
	for k := 0; k < n && row < cols; k++ {
		p := slices.IndexFunc(m[row:], func(e []*big.Rat) bool { return e[k].Sign() != 0 })
		if p < 0 {
			continue
		}
		m[row], m[row+p] = m[row+p], m[row]
		for j := range m {
			if j != row && m[j][k].Sign() != 0 {
				f := new(big.Rat).Quo(m[j][k], m[row][k])
				for c := range m[j] {
					m[j][c] = new(big.Rat).Sub(m[j][c], new(big.Rat).Mul(f, m[row][c]))
				}
			}
		}
		pivots = append(pivots, k)
		row++
	}
	for j := row; j < cols; j++ {
		if m[j][n].Sign() != 0 {
			return nil, false
		}
	}
	x := make([]*big.Rat, n)
	for k := range x {
		x[k] = new(big.Rat)
	}
	for j, k := range pivots {
		x[k] = new(big.Rat).Quo(m[j][n], m[j][k])
	}
	return x, true
}
