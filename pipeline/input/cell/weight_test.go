package cell

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestParseWeight(t *testing.T) {
	ok := []struct {
		in     string
		m      uint64
		places int
		f      float64
	}{
		{"1", 1, 0, 1},
		{"0.5995", 5995, 4, 0.5995},
		{"1.5000", 15, 1, 1.5},
		{" 2 ", 2, 0, 2},
		{"１．２５", 125, 2, 1.25}, // 全角
		{"\u30001.0\u3000", 1, 0, 1},
		{".5", 5, 1, 0.5},
		{"12.", 12, 0, 12},
		{"007", 7, 0, 7},
		{"1000", 1000, 0, 1000},
		{"0.00013906", 13906, 8, 0.00013906},
		{"9999999.99999999", 999999999999999, 8, 9999999.99999999},
		{"0.000000000000000001", 1, 18, 1e-18},
		{"0.123456789012345", 123456789012345, 15, 0.123456789012345},
		{"0.000123456789012345", 123456789012345, 18, 0.000123456789012345},
	}
	for _, c := range ok {
		d, f, err := ParseWeight(c.in)
		if err != nil || d.Mantissa != c.m || d.Places != c.places || f != c.f {
			t.Errorf("ParseWeight(%q) = %+v %v %v; want {%d %d} %v", c.in, d, f, err, c.m, c.places, c.f)
		}
	}
	bad := map[string]error{
		"":                             ErrWeightBlank,
		"  ":                           ErrWeightBlank,
		"0":                            ErrWeightNotPositive,
		"0.000":                        ErrWeightNotPositive,
		"-1":                           ErrWeightNotPositive,
		"－1":                           ErrWeightNotPositive,
		"+1":                           ErrWeightSyntax,
		"1_0":                          ErrWeightSyntax,
		"0x1p0":                        ErrWeightSyntax,
		"1,5":                          ErrWeightSyntax,
		"1.2.3":                        ErrWeightSyntax,
		".":                            ErrWeightSyntax,
		"1 0":                          ErrWeightSyntax,
		"NaN":                          ErrWeightSyntax,
		"Inf":                          ErrWeightSyntax,
		"x":                            ErrWeightSyntax,
		"e5":                           ErrWeightSyntax,
		"1e":                           ErrWeightSyntax,
		"1e-7":                         ErrWeightExponent,
		"1E3":                          ErrWeightExponent,
		"1e308":                        ErrWeightExponent,
		"2.5e+1":                       ErrWeightExponent,
		"10000000":                     ErrWeightTooLarge,
		"1" + strings.Repeat("0", 308): ErrWeightTooLarge,
		"0.0000000000000000001":        ErrWeightPlaces,
		"0.1234567890123456":           ErrWeightDigits,
		"1234567.123456789":            ErrWeightDigits,
	}
	for in, want := range bad {
		if _, _, err := ParseWeight(in); !errors.Is(err, want) {
			t.Errorf("ParseWeight(%q) = %v; want %v", in, err, want)
		}
	}
}

func TestWeightUnits(t *testing.T) {
	d, _, err := ParseWeight("1.3906")
	if err != nil {
		t.Fatal(err)
	}
	z, ok := d.Units(new(big.Int), 8)
	if !ok || z.String() != "139060000" {
		t.Errorf("Units(8) = %v %v; want 139060000", z, ok)
	}
	if _, ok := d.Units(new(big.Int), 3); ok {
		t.Error("Units below the weight's own places is ok")
	}
	// The largest weight at the largest scale stays below 10²⁵ units.
	d, _, _ = ParseWeight("9999999.99999999")
	z, _ = d.Units(new(big.Int), MaxWeightPlaces)
	if limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(25), nil); z.Cmp(limit) >= 0 {
		t.Errorf("units %v reach 10^25", z)
	}
}

// FuzzParseWeight: ParseWeight never panics, refuses with one of its
// errors, and what it accepts is exactly the number written, within the
// supported range, with the nearest float64.
func FuzzParseWeight(f *testing.F) {
	for _, s := range []string{"1", "0.5995", "１．２５", " .5 ", "1e-7", "1_0", "0x1p0", "+1", "-0", "10000000",
		"0.000000000000000001", "9999999.99999999", "1.", "NaN"} {
		f.Add(s)
	}
	errs := []error{ErrWeightBlank, ErrWeightSyntax, ErrWeightExponent, ErrWeightNotPositive, ErrWeightDigits,
		ErrWeightPlaces, ErrWeightTooLarge}
	f.Fuzz(func(t *testing.T, s string) {
		d, fl, err := ParseWeight(s)
		if err != nil {
			for _, e := range errs {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("ParseWeight(%q) = %v: not one of its errors", s, err)
		}
		if d.Mantissa == 0 || d.Places > MaxWeightPlaces || len(strconv.FormatUint(d.Mantissa, 10)) > MaxWeightDigits {
			t.Fatalf("ParseWeight(%q) = %+v: out of range", s, d)
		}
		// The exact value and the written one are the same rational number.
		written, ok := new(big.Rat).SetString(strings.TrimSpace(FoldWidth(s)))
		exact := new(big.Rat).SetFrac(new(big.Int).SetUint64(d.Mantissa), pow10[d.Places])
		if !ok || written.Cmp(exact) != 0 || exact.Cmp(big.NewRat(MaxWeight, 1)) >= 0 {
			t.Fatalf("ParseWeight(%q) = %+v, which is not %v below %d", s, d, written, MaxWeight)
		}
		if want, _ := exact.Float64(); fl != want {
			t.Fatalf("ParseWeight(%q) float %v; want %v", s, fl, want)
		}
	})
}
