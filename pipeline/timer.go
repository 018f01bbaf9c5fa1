package pipeline

import "time"

// phaseTimer measures one phase of a refresh; its duration goes into the
// last log line as t_<phase> (make bench-scale reads t_render).
type phaseTimer struct {
	s     *session
	name  string
	start time.Time
}

func (s *session) timer(name string) phaseTimer {
	return phaseTimer{s: s, name: name, start: s.opts.Now()}
}

// next ends the phase and starts the phase name ("" starts none).
func (t phaseTimer) next(name string) phaseTimer {
	now := t.s.opts.Now()
	t.s.times = append(t.s.times, "t_"+t.name, now.Sub(t.start).Round(time.Millisecond))
	return phaseTimer{s: t.s, name: name, start: now}
}
