package plandoc

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

// A header is what a text's title says about the document.
type header struct {
	doc      string
	ward     string
	year     int
	from, to int
	line     int
	yearNote string // how year was found when no title states it
}

// readHeader fills in the plan's ward, year and kind of document from its
// title, with opts taking precedence; a difference between the two is
// noted.
func readHeader(p *Plan, ps []paragraph.Para, opts Options) {
	h := findHeader(ps)
	p.Doc = h.doc
	p.VisionFrom, p.VisionTo = h.from, h.to
	p.Ward, p.PlanYear = h.ward, h.year
	if opts.Ward != "" {
		if h.ward != "" && h.ward != opts.Ward {
			p.Review = append(p.Review, fmt.Sprintf("本文の区名は%s (%d行目) ですが、指定の%sとしました", h.ward, h.line, opts.Ward))
		}
		p.Ward = opts.Ward
	}
	if opts.PlanYear != 0 {
		if h.year != 0 && h.year != opts.PlanYear {
			p.Review = append(p.Review, fmt.Sprintf("本文の年度は%s (%d) ですが、指定の%s (%d) としました",
				wareki.Label(h.year), h.year, wareki.Label(opts.PlanYear), opts.PlanYear))
		}
		p.PlanYear = opts.PlanYear
	}
	if p.Ward == "" {
		p.Review = append(p.Review, "区名が本文にありません: 区名を指定してください")
	}
	switch {
	case p.PlanYear == 0:
		p.Review = append(p.Review, "年度が本文にありません: 運営方針の年度を指定してください (年度の元号も決められません)")
	case opts.PlanYear == 0 && h.yearNote != "":
		p.Review = append(p.Review, h.yearNote)
	}
}

// findHeader looks for the first title of a plan or a vision, and failing
// both for the year of the 区運営の基本的な考え方.
func findHeader(ps []paragraph.Para) header {
	h := header{doc: DocPlan}
	policy, policyLine, printed := 0, 0, ""
	for _, p := range ps {
		if m := planTitleRe.FindStringSubmatch(p.Fold); m != nil {
			if y := eraYear(m[1], m[2]); y != 0 {
				h.ward, h.year, h.line = m[3], y, p.Line
				return h
			}
		}
		if m := visionTitleRe.FindStringSubmatch(p.Fold); m != nil {
			from, _ := strconv.Atoi(m[2])
			to, _ := strconv.Atoi(m[3])
			if from <= to && to-from <= 20 {
				return header{doc: DocVision, ward: m[1], year: from, from: from, to: to, line: p.Line,
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
		h.year, h.line = policy, policyLine
		h.yearNote = fmt.Sprintf("題名に年度がなく、%d行目の「%s 区運営の基本的な考え方」から %d 年度としました", policyLine, printed, policy)
	}
	return h
}

// eraYear is the 西暦 of 令和 5, or 0 for a year the era never had.
func eraYear(era, num string) int {
	y, err := wareki.Parse(era + num + "年度")
	if err != nil {
		return 0
	}
	return y
}
