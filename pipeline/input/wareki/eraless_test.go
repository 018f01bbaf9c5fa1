package wareki

import "testing"

func TestNearest(t *testing.T) {
	cases := []struct {
		num     string
		ref     int
		want    int
		wantEra string
	}{
		{"3", 2023, 2021, "令和"}, {"31", 2019, 2019, "平成"}, {"元", 2019, 2019, "令和"}, {"30", 2019, 2018, "平成"},
		{"9", 0, 0, ""}, {"x", 2023, 0, ""}, {"1000", 2023, 0, ""},
	}
	for _, c := range cases {
		if y, era := Nearest(c.num, c.ref); y != c.want || era != c.wantEra {
			t.Errorf("Nearest(%q, %d) = %d %s, want %d %s", c.num, c.ref, y, era, c.want, c.wantEra)
		}
	}
}

// TestFollowing: a deadline without its era is the reading nearest at or
// after the plan's year.
func TestFollowing(t *testing.T) {
	cases := []struct {
		num  string
		ref  int
		want int
	}{
		{"31", 2019, 2019}, // 平成31, not 令和31 (2049)
		{"9", 2023, 2027},  // 令和9
		{"元", 2019, 2019},
		{"2", 2018, 2020},  // 令和2: 平成2 is long past
		{"32", 2018, 2050}, // 平成32 never was
		{"3", 2023, 0},     // 令和3 is before the plan
		{"9", 0, 0},
	}
	for _, c := range cases {
		if got := Following(c.num, c.ref); got != c.want {
			t.Errorf("Following(%q, %d) = %d, want %d", c.num, c.ref, got, c.want)
		}
	}
}
