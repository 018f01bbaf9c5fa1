package wareki

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"2023", 2023},
		{"2023年度", 2023},
		{"令和5年度", 2023},
		{"令和５年度", 2023},
		{"令和 5 年度", 2023},
		{"R5", 2023},
		{"r5", 2023},
		{"Ｒ５", 2023},
		{"令和元年度", 2019},
		{"平成31年度", 2019},
		{"平成元年度", 1989},
		{"H31", 2019},
		{"令和9年度末", 2027},
		{"令和９年度末まで", 2027},
		{"２０２７", 2027},
		{" 令和2年度 ", 2020},
		{"昭和64年度", 1989},
		{"昭和元年度", 1926},
		{"令和82年度", 2100},
		{"1926", 1926},
		{"2100", 2100},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, in := range []string{"", "令和", "令和0年度", "五年度", "R", "12", "20233", "1800", "令和5年度度", "2023-04", "明治5年",
		// Era years that never were, and years outside 1926–2100.
		"平成32年度", "H32", "平成0年度", "昭和65年度", "昭和99年度", "S99", "令和83年度", "令和100年度", "1900", "2200", "1925", "2101"} {
		if y, err := Parse(in); !errors.Is(err, ErrNotYear) {
			t.Errorf("Parse(%q) = %d, %v; want ErrNotYear", in, y, err)
		}
	}
}

func TestParseEraOver(t *testing.T) {
	for _, in := range []string{"平成32年度", "H32", "平成100年度", "昭和65年度", "S99"} {
		if y, err := Parse(in); !errors.Is(err, ErrEraOver) || !errors.Is(err, ErrNotYear) {
			t.Errorf("Parse(%q) = %d, %v; want ErrEraOver", in, y, err)
		}
	}
	for _, in := range []string{"令和100年度", "令和0年度", "平成0年度", "1900"} {
		if _, err := Parse(in); errors.Is(err, ErrEraOver) {
			t.Errorf("Parse(%q): %v; want a plain ErrNotYear", in, err)
		}
	}
}

func TestLabel(t *testing.T) {
	cases := map[int]string{
		2023: "令和5年度",
		2019: "令和元年度",
		2020: "令和2年度",
		2018: "平成30年度",
		1989: "平成元年度",
		1988: "昭和63年度",
		1926: "昭和元年度",
		1900: "1900年度",
	}
	for y, want := range cases {
		if got := Label(y); got != want {
			t.Errorf("Label(%d) = %q; want %q", y, got, want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for y := 1950; y <= 2100; y++ {
		got, err := Parse(Label(y))
		if err != nil || got != y {
			t.Fatalf("Parse(Label(%d)) = %d, %v", y, got, err)
		}
	}
}
