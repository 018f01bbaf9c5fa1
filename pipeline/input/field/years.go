package field

import (
	"errors"
	"time"

	"github.com/shihyo/shihyo/internal/jst"
	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// The window of plausible years, beyond what wareki can read: a year
// outside it is a typo (令和50年度 for 令和5年度, 2203 for 2023) that would
// otherwise be published as a wave or a plan. docs/validation.md states the
// same rules for staff.
const (
	// firstYear is 平成元年度: no survey or plan shihyo reads is older.
	firstYear = 1989
	// aheadYears is how far past the current 年度 a wave or a plan may be:
	// next year's plan is written in the winter before it, and a wave is
	// sometimes filed under the 年度 of the plan it feeds.
	aheadYears = 1
	// targetSpan is how many years after its plan a target may fall: plans
	// and 将来ビジョン look five or ten years ahead, so this leaves room for a
	// long-term target and still catches 2072 typed for 2027.
	targetSpan = 30
)

// FiscalYear returns the 年度 in Japan at t: the Western year in which the
// April-to-March year that holds t starts.
func FiscalYear(t time.Time) int {
	t = t.In(jst.Location)
	if t.Month() < time.April {
		return t.Year() - 1
	}
	return t.Year()
}

// RecentYear reads the 年度 of a wave or a plan in column col of r: it
// must be from firstYear to aheadYears past the current 年度. It adds a
// problem and returns 0 otherwise.
func RecentYear(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) int {
	y := eraYear(c, t, r, col)
	if y == 0 {
		return 0
	}
	last := FiscalYear(time.Now()) + aheadYears
	if y < firstYear || y > last {
		c.Add(t.File, r.Line, col, "%s (%d) は範囲外です: 調査と運営方針の年度は%s (%d) から来年度の%s (%d) までです",
			wareki.Label(y), y, wareki.Label(firstYear), firstYear, wareki.Label(last), last)
		return 0
	}
	return y
}

// TargetYear reads target_year of r: from the plan's own year to
// targetSpan years after it. A deadline before the plan's year would judge
// the plan against a target that had already expired when it was written.
// It adds a problem and returns 0 when the year is unreadable or outside;
// planYear 0 (itself unreadable) skips the window.
func TargetYear(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, planYear int) int {
	const col = "target_year"
	y := eraYear(c, t, r, col)
	if y == 0 || planYear == 0 {
		return y
	}
	if y < planYear || y > planYear+targetSpan {
		c.Add(t.File, r.Line, col, "目標の年度%s (%d) は範囲外です: plan_year の%s (%d) から %d 年後の%s (%d) までです",
			wareki.Label(y), y, wareki.Label(planYear), planYear, targetSpan, wareki.Label(planYear+targetSpan), planYear+targetSpan)
		return 0
	}
	return y
}

// eraYear is Year with a message of its own for a year after its
// era ended: 平成32年度 reads as a year but never was one (令和2年度 was
// meant, or a form was prepared before 令和 was announced).
func eraYear(c *csvfile.Collector, t *csvfile.Table, r csvfile.Row, col string) int {
	if _, err := parseYear(t.Get(r, col)); errors.Is(err, wareki.ErrEraOver) {
		c.Add(t.File, r.Line, col, "%q という年度はありません: 平成は31年度 (令和元年度、2019)、昭和は64年度 (平成元年度、1989) までです", t.Get(r, col))
		return 0
	}
	return Year(c, t, r, col)
}
