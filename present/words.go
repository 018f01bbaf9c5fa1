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

// ProgressLabel is the heading of 進捗 (the trajectory) in every table:
// the pages, the CSV and the XLSX. An export before this name headed the
// column 推移; 推移 on the pages is the trend of the values over the years,
// never the judgement.
const ProgressLabel = "進捗"

// WithinError reports whether the 95% interval low–high holds the target:
// the published value decides A or B (the plan's rule), but a survey of
// this size could have come out on the other side of the target by sampling
// error alone.
func WithinError(target, low, high float64) bool {
	return Finite(low) && Finite(high) && low <= target && target <= high
}

// CertaintyText says that an A or B lies within the error: 「誤差の範囲内
// での達成」 or 「誤差の範囲内での未達成」, or "" when the interval does not
// hold the target (within is false) or there is no status.
func CertaintyText(s stats.Status, within bool) string {
	if w := StatusWord(s); w != "" && within {
		return "誤差の範囲内での" + w
	}
	return ""
}

// Projections are headline figures only when they say something: from at
// least MinProjectionWaves waves, with a 95% prediction interval at most
// MaxProjectionWidth points wide. A wider one still shows where the trend
// points, but "50.5%" beside a range of 0–100% would be read as a forecast.
const (
	MinProjectionWaves = 3
	MaxProjectionWidth = 50.0
)

// ProjectionShown reports whether a projection from waves waves with the
// prediction interval low–high may be shown as a figure.
func ProjectionShown(waves int, low, high float64) bool {
	if waves < MinProjectionWaves || !Finite(low) || !Finite(high) {
		return false
	}
	// In tenths, as the bounds are shown: 19.2〜69.2% is 50 points wide.
	return stats.Tenths(high)-stats.Tenths(low) <= stats.Tenths(MaxProjectionWidth)
}
