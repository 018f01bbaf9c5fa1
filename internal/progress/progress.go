// Package progress is the line a long command keeps up to date on a
// terminal: what it is doing, wave i of n.
package progress

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Line is the progress line of a refresh on a terminal (phase, wave i of
// n), shown once it has run for After: a quick refresh shows nothing. It
// writes only to the writer it was made with, which the command sets to
// its stderr when that is a terminal. Its methods are safe on a nil *Line
// (silent) and from several goroutines.
type Line struct {
	mu    sync.Mutex
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
	shown bool
}

// Timing of the progress line.
const (
	After = 2 * time.Second        // silent before
	every = 100 * time.Millisecond // at most ten updates a second
)

// New returns the line written to w, timed by now; nil (silent) for a nil
// w.
func New(w io.Writer, now func() time.Time) *Line {
	if w == nil {
		return nil
	}
	return &Line{w: w, now: now, start: now()}
}

// Wave shows that wave i of n is at the step phase.
func (p *Line) Wave(phase string, i, n int) {
	p.show(fmt.Sprintf("%s %d/%d", phase, i, n), false)
}

// Phase shows the step name.
func (p *Line) Phase(name string) { p.show(name, true) }

func (p *Line) show(text string, always bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < After || (!always && t.Sub(p.last) < every) {
		return
	}
	p.last, p.shown = t, true
	// \r back to the start of the line, \x1b[K clears what a longer
	// line left.
	fmt.Fprintf(p.w, "\r更新中: %s (%.0f 秒)\x1b[K", text, t.Sub(p.start).Seconds())
}

// Done clears the line, if it was shown, so that what follows starts on
// a clean line.
func (p *Line) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
