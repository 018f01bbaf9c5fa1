package budget

import "testing"

func TestThousandYen(t *testing.T) {
	cases := []struct {
		intPart, frac, unit string
		want                int64
		ok                  bool
	}{
		{"28,412", "", "千円", 28412, true},
		{"46", "", "百万円", 46000, true},
		{"1", "5", "百万円", 1500, true},
		{"1", "250", "百万円", 1250, true},
		{"1", "2345", "百万円", 0, false}, // 1,234.5千円
		{"3", "", "万円", 30, true},
		{"2", "", "億円", 200000, true},
		{"12", "5", "千円", 0, false},
		{"999999999999", "", "億円", 0, false},
		{"1", "", "円", 0, false},
	}
	for _, c := range cases {
		got, ok := ThousandYen(c.intPart, c.frac, c.unit)
		if got != c.want || ok != c.ok {
			t.Errorf("ThousandYen(%q, %q, %q) = %d, %v; want %d, %v", c.intPart, c.frac, c.unit, got, ok, c.want, c.ok)
		}
	}
}

func TestNearestHeading(t *testing.T) {
	hs := []Heading{{1, 10}, {2, 20}, {3, 30}}
	for line, want := range map[int]int{1: 1, 10: 1, 15: 1, 16: 2, 26: 3, 99: 3} {
		if got := NearestHeading(hs, line); got != want {
			t.Errorf("NearestHeading(%d) = %d, want %d", line, got, want)
		}
	}
	if NearestHeading(nil, 5) != 0 {
		t.Error("no headings")
	}
}
