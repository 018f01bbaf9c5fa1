package wave

import (
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
	"github.com/shihyo/shihyo/present"
)

// Counts tallies 達成状況 over the latest waves of a plan's indicators, and
// splits the B (未達成) ones by trajectory: 順調, 遅れ, or not judged (a
// baseline wave). None counts the indicators without a wave.
type Counts struct{ A, B, OnTrack, Late, Unjudged, None int }

// Add counts one indicator by the status and trajectory of its latest wave.
func (c *Counts) Add(status, trajectory Status) {
	switch stats.Status(status.Code) {
	case stats.StatusA:
		c.A++
	case stats.StatusB:
		c.B++
		switch stats.Trajectory(trajectory.Code) {
		case stats.OnTrack:
			c.OnTrack++
		case stats.Behind:
			c.Late++
		default:
			c.Unjudged++
		}
	default:
		c.None++
	}
}

// Rows are the rows of an indicator's data table, oldest first; the
// baseline wave's 進捗 reads 「—（基準年）」 when not judged.
func Rows(waves []compute.Actual) []Row {
	rows := make([]Row, 0, len(waves))
	for i, a := range waves {
		r := RowOf(a)
		if i == 0 && r.Trajectory.Code == "" {
			r.Trajectory.Text = "—（基準年）"
		}
		rows = append(rows, r)
	}
	return rows
}

// JudgedBy says which plan judged a, when it is not the plan the page
// shows (plan): 「令和5年度運営方針の目標（40%以上）で判定」, else "". Before a
// new plan's first survey, the latest wave is still judged by its own
// year's plan.
func JudgedBy(a compute.Actual, plan int) string {
	if a.PlanYear == plan {
		return ""
	}
	return wareki.Label(a.PlanYear) + "運営方針の目標（" + present.Target(a.TargetPercent, a.TargetOp) + "）で判定"
}
