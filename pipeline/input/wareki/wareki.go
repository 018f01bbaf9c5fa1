// Package wareki parses and formats Japanese fiscal years (年度) written in
// the Japanese era calendar (和暦) or in the Western calendar (西暦).
package wareki

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// ErrNotYear is returned, wrapped, for text that is not a fiscal year.
var ErrNotYear = errors.New("not a fiscal year")

// ErrEraOver is returned, wrapped, for a year of an era after the era
// ended (平成32年度, 昭和65年度). It wraps ErrNotYear.
var ErrEraOver = fmt.Errorf("the era had ended: %w", ErrNotYear)

// The years Parse accepts, however written: from 昭和元年 (1926; before
// it Label has no era to write) to 2100 (令和82年度), far beyond any plan's
// target, so that a typo such as 20233 or 令和100年度 is refused. Whether a
// year is plausible for a survey or a plan is for validation to judge.
const (
	minYear = 1926
	maxYear = 2100
)

// era is a Japanese era: its names, the Western year of its first year and
// its last year number (0 for the era in force, bounded by maxYear).
type era struct {
	kanji  string
	letter string
	first  int // 西暦 of 元年
	last   int // the highest 年 of the era; 0 while it lasts
}

// The eras end where they really ended, so that 平成32年度 (a typo, or a
// form prepared before 令和 was announced) and 昭和99年度 are refused rather
// than read as 2020 and 2024. 平成31年度 is 2019 like 令和元年度: April 2019
// was still 平成31年, and staff write both; the same holds for 昭和64年.
var eras = []era{
	{kanji: "令和", letter: "R", first: 2019},
	{kanji: "平成", letter: "H", first: 1989, last: 31},
	{kanji: "昭和", letter: "S", first: 1926, last: 64},
}

var (
	westernRe = regexp.MustCompile(`^(\d{4})(?:年度?)?(?:末(?:まで)?)?$`)
	// Up to three digits, so that a long 年 is refused with the same error
	// as any other out-of-range year; the result is bounded like a Western
	// year.
	eraRe = regexp.MustCompile(`^(令和|平成|昭和|R|H|S)(元|\d{1,3})(?:年度?)?(?:末(?:まで)?)?$`)
)

// Parse returns the Western year in which the fiscal year s starts. It
// accepts "2023", "2023年度", "令和5年度", "令和５年度" (全角 digits),
// "R5", "令和元年度", "平成31年度" and a trailing "末" or "末まで"
// ("令和9年度末" is 2027). Surrounding spaces are ignored. Years before
// 1926 or after 2100 and era years the era never had (令和0年度) are
// refused with ErrNotYear; years after an era ended (平成32年度, 昭和65年度)
// with ErrEraOver, which is also ErrNotYear.
func Parse(s string) (int, error) {
	t := strings.TrimSpace(width.Fold.String(s))
	t = strings.ToUpper(strings.ReplaceAll(t, " ", ""))
	if m := westernRe.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		if y < minYear || y > maxYear {
			return 0, fmt.Errorf("%q: %w", s, ErrNotYear)
		}
		return y, nil
	}
	m := eraRe.FindStringSubmatch(t)
	if m == nil {
		return 0, fmt.Errorf("%q: %w", s, ErrNotYear)
	}
	n := 1
	if m[2] != "元" {
		n, _ = strconv.Atoi(m[2])
	}
	for _, e := range eras {
		if m[1] != e.kanji && m[1] != e.letter {
			continue
		}
		if e.last != 0 && n > e.last {
			return 0, fmt.Errorf("%q: %w", s, ErrEraOver)
		}
		if y := e.first + n - 1; n >= 1 && y <= maxYear {
			return y, nil
		}
		break
	}
	return 0, fmt.Errorf("%q: %w", s, ErrNotYear)
}

// Label writes the fiscal year y as staff read it: 令和5年度, 令和元年度,
// 平成30年度. The era is the one in force at the start of the fiscal year
// (April), so 2019 is 令和元年度 although April 2019 was still 平成 31.
func Label(y int) string {
	for _, e := range eras {
		if y >= e.first {
			n := y - e.first + 1
			if n == 1 {
				return e.kanji + "元年度"
			}
			return fmt.Sprintf("%s%d年度", e.kanji, n)
		}
	}
	return fmt.Sprintf("%d年度", y)
}

// eraLessRe is the number of a year written without its era: "31", "元".
var eraLessRe = regexp.MustCompile(`^(元|\d{1,3})$`)

// readings returns the Western years the era-less year num (such as "31"
// in "31年度末までに", width-folded) may be, one per era that had that
// year, newest era first; none when num is no such number.
func readings(num string) (years []int, names []string) {
	if !eraLessRe.MatchString(num) {
		return nil, nil
	}
	for _, e := range eras {
		if y, err := Parse(e.kanji + num + "年度"); err == nil {
			years, names = append(years, y), append(names, e.kanji)
		}
	}
	return years, names
}

// Nearest reads the era-less year num ("3" of "3決算額") in a document of
// fiscal year ref as the era that puts it nearest ref, before or after it
// (the newer era on a tie): in a plan of 2019 "31" is 平成31 (2019), not
// 令和31, and "30" is 平成30 (2018). It returns the year and the era, or 0
// and "" when ref is 0 or no era had that year.
func Nearest(num string, ref int) (year int, era string) {
	if ref == 0 {
		return 0, ""
	}
	years, names := readings(num)
	for k, y := range years {
		if year == 0 || abs(y-ref) < abs(year-ref) {
			year, era = y, names[k]
		}
	}
	return year, era
}

// Following reads the era-less year num of a deadline in a document of
// fiscal year ref: of the eras that had that year, the reading nearest at
// or after ref ("31年度末までに" in a plan of 平成31年度 is 2019; "9年度" in
// a plan of 令和5年度 is 2027). It returns 0 when ref is 0 or no reading is
// at or after ref.
func Following(num string, ref int) int {
	if ref == 0 {
		return 0
	}
	best := 0
	years, _ := readings(num)
	for _, y := range years {
		if y >= ref && (best == 0 || y < best) {
			best = y
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
