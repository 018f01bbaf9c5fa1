package selfeval

import (
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// IssueLine is the one line of a 経営課題's 自己評価 drawn from its
// indicators' waves, one per indicator (nil for an indicator without one
// that year): 「経営課題4（令和5年度）：指標 2 件のうち A（達成）1 件、B（未
// 達成）1 件（うち 順調 0 件、遅れ 1 件）。前年度から有意に低下 1 件。」 It
// counts; it gives no reason.
func IssueLine(issueNo int, waves []*compute.Actual) string {
	var c issueCounts
	for _, a := range waves {
		c.add(a)
	}
	var b strings.Builder
	b.WriteString("経営課題" + strconv.Itoa(issueNo))
	if y := c.year(); y != 0 {
		b.WriteString("（" + wareki.Label(y) + "）")
	}
	b.WriteString("：指標 " + count(len(waves)) + "のうち " + present.StatusText(stats.StatusA) + count(c.a) + "、" +
		present.StatusText(stats.StatusB) + count(c.b))
	if c.b > 0 {
		b.WriteString("（うち " + present.TrajectoryText(stats.OnTrack) + " " + count(c.onTrack) + "、" +
			present.TrajectoryText(stats.Behind) + " " + count(c.behind))
		if c.unjudged > 0 {
			b.WriteString("、進捗の判定なし " + count(c.unjudged))
		}
		b.WriteString("）")
	}
	if c.none > 0 {
		b.WriteString("、実績なし " + count(c.none))
	}
	b.WriteString("。")
	if c.within > 0 {
		b.WriteString("誤差の範囲内での達成・未達成 " + count(c.within) + "。")
	}
	if c.rose > 0 || c.fell > 0 {
		b.WriteString("前年度から" + flags(c.rose, c.fell) + "。")
	}
	return b.String()
}

func count(n int) string { return present.Count(n) + " 件" }

func flags(rose, fell int) string {
	var parts []string
	if rose > 0 {
		parts = append(parts, string(stats.Rose)+" "+count(rose))
	}
	if fell > 0 {
		parts = append(parts, string(stats.Fell)+" "+count(fell))
	}
	return strings.Join(parts, "、")
}

type issueCounts struct {
	a, b, onTrack, behind, unjudged, none, within, rose, fell int
	years                                                     map[int]bool
}

func (c *issueCounts) add(a *compute.Actual) {
	if a == nil {
		c.none++
		return
	}
	if c.years == nil {
		c.years = map[int]bool{}
	}
	c.years[a.FiscalYear] = true
	switch a.Status {
	case stats.StatusA:
		c.a++
	case stats.StatusB:
		c.b++
		switch a.Trajectory {
		case stats.OnTrack:
			c.onTrack++
		case stats.Behind:
			c.behind++
		default:
			c.unjudged++
		}
	}
	if a.CILow.Valid && a.CIHigh.Valid && present.WithinError(a.TargetPercent, a.CILow.Float64, a.CIHigh.Float64) {
		c.within++
	}
	switch a.ChangeFlag {
	case stats.Rose:
		c.rose++
	case stats.Fell:
		c.fell++
	}
}

// year is the one fiscal year of the waves counted, or 0 when they are of
// several years (or none).
func (c *issueCounts) year() int {
	if len(c.years) != 1 {
		return 0
	}
	for y := range c.years {
		return y
	}
	return 0
}
