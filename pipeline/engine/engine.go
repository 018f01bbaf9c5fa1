// Package engine is the load and the per-wave pass of one refresh, run
// inside the refresh's transaction (package pipeline runs it):
//
//  1. the waves that changed (all of them on a full reload) are deleted,
//     and the domains of the indicators given their stored ids;
//  2. each changed wave is streamed: read and checked (responses.Each, in
//     a goroutine of its own), then appended (one row per respondent) and
//     counted (tally.Count) while the next is read, so that at most three
//     waves are in memory at a time, whatever the number of waves;
//  3. a kept wave that lacks the sums of a domain (a new or changed
//     indicator) is read back from the database and counted for those
//     domains only; sums that no indicator reads any more are deleted;
//  4. the definition tables are replaced (only surveys when no definition
//     file changed), and every stored sum is read back for the
//     publication (compute.Publish).
//
// A wave that did not change is never read again, and its sums are not
// recounted.
package engine

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/load"
	"github.com/shihyo/shihyo/pipeline/tally"
	"github.com/shihyo/shihyo/pipeline/tally/microdata"
)

// Progress is told what the engine does, for a progress line.
type Progress interface {
	Wave(phase string, i, n int)
	Phase(name string)
}

// engine is one run of the engine.
type engine struct {
	conn     *sql.Conn
	ds       *model.Dataset
	plan     *tally.Plan
	domains  []int32 // the stored id of each of plan.Domains
	stored   map[string]load.StoredWave
	nextID   int32
	progress Progress
	appender *load.Appender
	stats    load.Stats
	// counted are the sums counted in this run, by survey id and the
	// index of the domain in the plan: a full reload reads none back.
	counted map[string]map[int]*tally.Tally
}

// Run runs the engine for the changes ch on conn, in the caller's
// transaction, and returns what the publication is computed from and what
// was loaded. Input problems of the changed waves are returned as
// input.Problems (all of them, from every file); then nothing was loaded
// (the caller rolls back). prog may be nil.
func Run(ctx context.Context, conn *sql.Conn, ds *model.Dataset, ch load.Changes, prog Progress) (compute.Input, load.Stats, error) {
	if prog == nil {
		prog = silent{}
	}
	e := &engine{conn: conn, ds: ds, plan: tally.NewPlan(ds), progress: prog, counted: map[string]map[int]*tally.Tally{}}
	if err := e.prepare(ctx, ch); err != nil {
		return compute.Input{}, load.Stats{}, err
	}
	e.appender = load.NewAppender(conn)
	err := e.stream(ctx, ch.Reload)
	if cerr := e.appender.Close(ctx); err == nil {
		err = cerr
	}
	if err != nil {
		return compute.Input{}, load.Stats{}, err
	}
	if err := e.complete(ctx); err != nil {
		return compute.Input{}, load.Stats{}, err
	}
	in, err := e.input(ctx, ch.Full || ch.Definitions)
	return in, e.stats, err
}

// prepare makes room for the changed waves and numbers the domains.
func (e *engine) prepare(ctx context.Context, ch load.Changes) error {
	if ch.Full {
		if err := load.CreateMicrodata(ctx, e.conn); err != nil {
			return err
		}
	}
	var err error
	if e.stored, err = load.StoredWaves(ctx, e.conn); err != nil {
		return err
	}
	for _, w := range e.stored {
		e.nextID = max(e.nextID, w.ID+1)
	}
	e.nextID = max(e.nextID, 1)
	drop := slices.Clone(ch.Remove)
	for _, s := range ch.Reload {
		drop = append(drop, s.ID)
	}
	for _, id := range drop {
		if w, ok := e.stored[id]; ok {
			if err := load.DeleteWave(ctx, e.conn, w.ID); err != nil {
				return err
			}
			delete(e.stored, id)
		}
	}
	e.domains, err = load.SyncDomains(ctx, e.conn, e.plan.Specs)
	return err
}

// domainIDs are the stored ids of the plan's domains idx.
func (e *engine) domainIDs(idx []int) []int32 {
	out := make([]int32, len(idx))
	for i, d := range idx {
		out[i] = e.domains[d]
	}
	return out
}

// counted is a wave read and counted, ready to be stored.
type counted struct {
	survey  string
	wave    *microdata.Wave
	tallies []tally.Tally // of the wave's domains, in the order of its plan
}

// countWave runs the pass over a wave just read, in its reader's
// goroutine: it reads only the plan, which nothing changes meanwhile.
func (e *engine) countWave(m *model.Wave) (counted, error) {
	w, err := microdata.FromModel(m)
	if err != nil {
		return counted{}, err
	}
	wp := e.plan.Of(m.Survey.ID)
	return counted{survey: m.Survey.ID, wave: w, tallies: tally.Count(w, wp.Attributes, e.plan.Select(wp.Domains))}, nil
}

// storeWave appends one counted wave and its sums.
func (e *engine) storeWave(ctx context.Context, c counted) error {
	id := e.nextID
	e.nextID++
	answers, err := e.appender.AppendWave(ctx, id, c.survey, c.wave)
	if err != nil {
		return err
	}
	if err := e.storeSums(ctx, id, c.wave.Keys, e.plan.Of(c.survey).Domains, c.tallies, c.survey); err != nil {
		return err
	}
	e.stored[c.survey] = load.StoredWave{ID: id, SurveyID: c.survey, Respondents: c.wave.N, Scale: c.wave.Scale}
	e.stats.Waves++
	e.stats.Respondents += c.wave.N
	e.stats.Answers += answers
	return nil
}

// storeSums stores the tallies of wave id for the plan's domains idx, and
// keeps them for the publication.
func (e *engine) storeSums(ctx context.Context, id int32, keys []string, idx []int, tallies []tally.Tally, survey string) error {
	if len(idx) == 0 {
		return nil
	}
	m := e.counted[survey]
	if m == nil {
		m = map[int]*tally.Tally{}
		e.counted[survey] = m
	}
	for i, d := range idx {
		m[d] = &tallies[i]
	}
	if err := load.AppendCells(ctx, e.conn, id, keys, e.domainIDs(idx), tallies); err != nil {
		return fmt.Errorf("store the sums of wave %s: %w", survey, err)
	}
	return nil
}

// complete counts, in the kept waves, the domains whose sums are missing
// (new or changed indicators), reading each such wave back once, and
// deletes the sums that no indicator reads.
func (e *engine) complete(ctx context.Context) error {
	have, err := load.StoredPairs(ctx, e.conn)
	if err != nil {
		return err
	}
	need := map[load.Pair]bool{}
	for _, s := range e.ds.Surveys {
		sw, ok := e.stored[s.ID]
		if !ok {
			return fmt.Errorf("wave %s is not loaded", s.ID)
		}
		var missing []int
		for _, d := range e.plan.Of(s.ID).Domains {
			p := load.Pair{Wave: sw.ID, Domain: e.domains[d]}
			need[p] = true
			if !have[p] {
				missing = append(missing, d)
			}
		}
		if len(missing) > 0 {
			if err := e.recount(ctx, sw, missing); err != nil {
				return err
			}
		}
	}
	for p := range have {
		if !need[p] {
			if err := load.DeletePair(ctx, e.conn, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// recount reads a kept wave back and counts the domains idx in it.
func (e *engine) recount(ctx context.Context, sw load.StoredWave, idx []int) error {
	e.progress.Phase("再集計 " + sw.SurveyID)
	w, err := load.ReadWave(ctx, e.conn, sw)
	if err != nil {
		return err
	}
	e.stats.Recounted++
	tallies := tally.Count(w, e.plan.Of(sw.SurveyID).Attributes, e.plan.Select(idx))
	return e.storeSums(ctx, sw.ID, w.Keys, idx, tallies, sw.SurveyID)
}

// input replaces the surveys table, and the other definition tables when
// defs is set, and reads back every stored sum.
func (e *engine) input(ctx context.Context, defs bool) (compute.Input, error) {
	in := compute.Input{Dataset: e.ds, Plan: e.plan, Respondents: map[string]int{}, Tallies: map[string]map[int]*tally.Tally{}}
	bySurvey := map[int32]string{}
	for id, sw := range e.stored {
		in.Respondents[id] = sw.Respondents
		bySurvey[sw.ID] = id
	}
	if err := load.Definitions(ctx, e.conn, e.ds, in.Respondents, defs); err != nil {
		return in, err
	}
	cells := map[int32]map[int32]*tally.Tally{}
	if e.someKept() {
		var err error
		if cells, err = load.ReadCells(ctx, e.conn); err != nil {
			return in, err
		}
	}
	index := map[int32]int{} // stored domain id → index in the plan
	for i, id := range e.domains {
		index[id] = i
	}
	for wave, byDomain := range cells {
		m := map[int]*tally.Tally{}
		for d, t := range byDomain {
			m[index[d]] = t
		}
		in.Tallies[bySurvey[wave]] = m
	}
	for survey, byDomain := range e.counted { // the same sums, without the trip through the database
		if in.Tallies[survey] == nil {
			in.Tallies[survey] = map[int]*tally.Tally{}
		}
		for d, t := range byDomain {
			in.Tallies[survey][d] = t
		}
	}
	return in, nil
}

// someKept reports whether some wave measures a domain not counted in this
// run, whose sums must be read back.
func (e *engine) someKept() bool {
	for _, s := range e.ds.Surveys {
		for _, d := range e.plan.Of(s.ID).Domains {
			if e.counted[s.ID][d] == nil {
				return true
			}
		}
	}
	return false
}

// silent is no progress line.
type silent struct{}

func (silent) Wave(string, int, int) {}
func (silent) Phase(string)          {}
