package status

import (
	"fmt"
	"time"

	"github.com/shihyo/shihyo/internal/jst"
)

type pageView struct {
	Generated   time.Time
	Recent      []Run
	LastOK      *Run
	LastFailure *Run
	// Stale is true when the latest run that ended failed after the last
	// success: the published numbers are older than the inputs. A no-op
	// after the failure ends it: it found the inputs to be those the site
	// was published from (the failed change was undone).
	Stale bool
}

func view(p Page) pageView {
	return pageView{Generated: p.Generated, Recent: p.Recent, LastOK: p.LastOK, LastFailure: p.LastFailure, Stale: p.Stale()}
}

// Stale reports whether the latest run that ended failed after the last
// success (pageView.Stale): what the site and the database hold is older
// than the inputs.
func (p Page) Stale() bool {
	if p.LastFailure == nil || (p.LastOK != nil && p.LastFailure.ID < p.LastOK.ID) {
		return false
	}
	return latestEnded(p.Recent) == p.LastFailure.ID
}

// latestEnded is the id of the newest run that ended, a no-op included.
func latestEnded(runs []Run) int64 {
	for _, r := range runs {
		if r.Outcome != Running {
			return r.ID
		}
	}
	return 0
}

// brief shortens a list for a table cell: a first load lists every file.
func brief(names []string) []string {
	const max = 5
	if len(names) <= max {
		return names
	}
	return append(names[:3:3], fmt.Sprintf("ほか %d 件", len(names)-3))
}

// when formats t for staff, in Japan time: 2026年11月21日 02:00:03.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(jst.Location).Format("2006年1月2日 15:04:05")
}

// duration is the run's length in seconds, or "—" while it runs.
func duration(r Run) string {
	if r.Ended.IsZero() || r.Started.IsZero() {
		return "—"
	}
	return fmt.Sprintf("%.1f 秒", r.Ended.Sub(r.Started).Seconds())
}

func outcomeLabel(o string) string {
	switch o {
	case OK:
		return "成功"
	case NoOp:
		return "変更なし"
	case Failed:
		return "失敗"
	case Cancelled:
		return "中止"
	case Interrupted:
		return "強制終了"
	case Running:
		return "実行中"
	}
	return o
}

// badge is the CSS class of the site's A/B badges that fits the outcome.
func badge(o string) string {
	switch o {
	case OK, NoOp:
		return "status status-a"
	case Failed, Interrupted:
		return "status status-b"
	}
	return "status status-none"
}

func triggerLabel(t string) string {
	switch t {
	case "schedule":
		return "定期実行"
	case "cli":
		return "手動"
	}
	return t
}
