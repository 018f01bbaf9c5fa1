// Package header reads which plan a text is from its title: a 運営方針
// or a 将来ビジョン, the ward, and the plan's year or the vision's period;
// failing a title, the year from the heading of its 区運営の基本的な考え方.
// What the caller states instead takes precedence.
package header

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/shihyo/shihyo/pipeline/input/plandoc/paragraph"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

var (
	// 令和５年度　鶴見区運営方針, 令和2年度 東住吉区運営方針(案)
	planTitleRe = regexp.MustCompile(`(令和|平成)\s*(元|\d{1,2})\s*年度\s*(?:大阪市)?\s*(\p{Han}{1,6}区)\s*運営方針`)
	// 「鶴見区将来ビジョン(2023年度～2027年度)」 (全角 ～ folds to ~)
	visionTitleRe = regexp.MustCompile(`(?:大阪市)?(\p{Han}{1,6}区)\p{Han}*ビジョン\s*\(\s*(\d{4})\s*年度\s*[~〜～-]\s*(\d{4})\s*年度\s*\)`)
	// A vision's period anywhere: 地域保健福祉ビジョン(2023年度～2027年度).
	periodRe = regexp.MustCompile(`ビジョン\s*\(\s*(\d{4})\s*年度\s*[~〜～-]\s*(\d{4})\s*年度\s*\)`)
	// 平成31年度 区運営の基本的な考え方, 令和５年度所属運営の基本的な考え方:
	// the plan's year when its title was not copied.
	policyYearRe = regexp.MustCompile(`(令和|平成)\s*(元|\d{1,2})\s*年度\s*(?:区|所属)運営の基本的な考え方`)
)

// A Header is which plan a text is, as Read decided it. Notes say, in
// Japanese for staff, what the text did not state and where the caller's
// ward or year differs from the text's.
type Header struct {
	Vision   bool   // a 将来ビジョン rather than a 運営方針
	Ward     string // "" when neither the text nor the caller states it
	Year     int    // 西暦 年度 of the plan (a vision's first); 0 when unknown
	From, To int    // a vision's period (2023年度～2027年度); 0 for a plan
	Notes    []string
}

// A title is what a text's title says about the document, or without
// one what the heading of its 区運営の基本的な考え方 says of its year.
type title struct {
	vision   bool
	ward     string
	year     int
	from, to int
	line     int
	yearNote string // how year was found when no title states it
}

// Read reads the header of the paragraphs of a plan text. A ward or year
// the caller states ("" and 0 when it states none) takes precedence over
// the text's, a difference between the two noted.
func Read(ps []paragraph.Para, ward string, year int) Header {
	t := findTitle(ps)
	h := Header{Vision: t.vision, Ward: t.ward, Year: t.year, From: t.from, To: t.to}
	if ward != "" {
		if t.ward != "" && t.ward != ward {
			h.Notes = append(h.Notes, fmt.Sprintf("本文の区名は%s (%d行目) ですが、指定の%sとしました", t.ward, t.line, ward))
		}
		h.Ward = ward
	}
	if year != 0 {
		if t.year != 0 && t.year != year {
			h.Notes = append(h.Notes, fmt.Sprintf("本文の年度は%s (%d) ですが、指定の%s (%d) としました",
				wareki.Label(t.year), t.year, wareki.Label(year), year))
		}
		h.Year = year
	}
	if h.Ward == "" {
		h.Notes = append(h.Notes, "区名が本文にありません: 区名を指定してください")
	}
	switch {
	case h.Year == 0:
		h.Notes = append(h.Notes, "年度が本文にありません: 運営方針の年度を指定してください (年度の元号も決められません)")
	case year == 0 && t.yearNote != "":
		h.Notes = append(h.Notes, t.yearNote)
	}
	return h
}

// PeriodEnd is the last year of a vision's period named anywhere in s,
// not only in a title, and false when s names none: a 成果目標 without a
// deadline is due at the end of the latest period the text named.
func PeriodEnd(s string) (int, bool) {
	m := periodRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	to, _ := strconv.Atoi(m[2])
	return to, true
}

// findTitle looks for the first title of a plan or a vision, and failing
// both for the year of the 区運営の基本的な考え方.
func findTitle(ps []paragraph.Para) title {
	var t title
	policy, policyLine, printed := 0, 0, ""
	for _, p := range ps {
		if m := planTitleRe.FindStringSubmatch(p.Fold); m != nil {
			if y := eraYear(m[1], m[2]); y != 0 {
				t.ward, t.year, t.line = m[3], y, p.Line
				return t
			}
		}
		if m := visionTitleRe.FindStringSubmatch(p.Fold); m != nil {
			from, _ := strconv.Atoi(m[2])
			to, _ := strconv.Atoi(m[3])
			if from <= to && to-from <= 20 {
				return title{vision: true, ward: m[1], year: from, from: from, to: to, line: p.Line,
					yearNote: fmt.Sprintf("将来ビジョンの期間 (%d行目) の初年度 %d を年度としました", p.Line, from)}
			}
		}
		if policy == 0 {
			if m := policyYearRe.FindStringSubmatch(p.Fold); m != nil {
				policy, policyLine, printed = eraYear(m[1], m[2]), p.Line, m[1]+m[2]+"年度"
			}
		}
	}
	if policy != 0 {
		t.year, t.line = policy, policyLine
		t.yearNote = fmt.Sprintf("題名に年度がなく、%d行目の「%s 区運営の基本的な考え方」から %d 年度としました", policyLine, printed, policy)
	}
	return t
}

// eraYear is the 西暦 of 令和 5, or 0 for a year the era never had.
func eraYear(era, num string) int {
	y, err := wareki.Parse(era + num + "年度")
	if err != nil {
		return 0
	}
	return y
}
