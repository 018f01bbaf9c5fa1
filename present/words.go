package present

import "github.com/shihyo/shihyo/pipeline/compute/stats"

// The words of 達成状況 and 進捗, spelled once. The codes (A, B, 順調, 遅れ)
// are the plan's own and are written as they are in the machine columns of
// actuals.csv; these are the words staff read beside or instead of them.

// StatusWord is what A and B mean: 達成, 未達成; "" for no status.
func StatusWord(s stats.Status) string {
	switch s {
	case stats.StatusA:
		return "達成"
	case stats.StatusB:
		return "未達成"
	}
	return ""
}

// StatusText is a status with its meaning, A（達成）, B（未達成), or Dash.
func StatusText(s stats.Status) string {
	if w := StatusWord(s); w != "" {
		return string(s) + "（" + w + "）"
	}
	return Dash
}

// TrajectoryText is the 進捗 of a wave in words: 達成 for a wave that
// already meets the final target, 順調, 遅れ, or "" for a wave not judged
// (the baseline year). It is the same word in the pages, the CSV and the
// XLSX.
func TrajectoryText(t stats.Trajectory) string {
	switch t {
	case stats.Achieved:
		return StatusWord(stats.StatusA)
	case stats.OnTrack, stats.Behind:
		return string(t)
	}
	return ""
}
