package dashboards

import "github.com/shihyo/shihyo/present"

// formatRate is a response rate such as 36.8%, or "—" when nothing was mailed.
func formatRate(returned, mailed int) string {
	if mailed <= 0 {
		return present.Dash
	}
	return present.Percent(100 * float64(returned) / float64(mailed))
}
