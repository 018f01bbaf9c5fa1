package wave

import (
	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/compute/stats"
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
