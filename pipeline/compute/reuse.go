package compute

import (
	"context"
	"fmt"
	"slices"

	"github.com/shihyo/shihyo/internal/parallel"
	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/compute/keep"
)

// StoredDecisions are one wave's decisions as a refresh stored them: the
// fingerprint of what they were decided from (keep.Of) and their encoding
// (keep.Encode).
type StoredDecisions struct {
	SurveyID    string `db:"survey_id"`
	Fingerprint []byte `db:"fingerprint"`
	Data        []byte `db:"data"`
}

// Reuse is what DecidedReusing did: the waves it decided and those whose
// stored decisions it used again, and what to store — the decisions of
// the waves decided (Decided: one row each, replacing any stored row of
// the wave) and the survey ids stored that are no wave any more (Gone).
type Reuse struct {
	Decided []StoredDecisions
	Reused  int
	Gone    []string
}

// DecidedReusing is in with every wave's publication decided
// (decide.Decide, a worker per CPU, each wave into its own slot, so the
// result does not depend on the order), but a wave whose fingerprint
// (keep.Of, with program) equals the one stored for it (in stored, by
// survey id) takes the stored decisions instead of being decided again: a
// wave's decision depends on that wave's own inputs only, which the
// fingerprint covers. A stored row that does not decode is decided again.
// It stops, with ctx's error, once ctx is done.
func DecidedReusing(ctx context.Context, in Input, stored map[string]StoredDecisions, program string) (Input, Reuse, error) {
	in.decided = nil
	facts, answers := factsOf(in.Dataset), answerCodes(in.Dataset)
	surveys := in.Dataset.Surveys
	decs := make([]map[int]*decide.Decision, len(surveys))
	hidden := make([]map[string]map[int32]bool, len(surveys))
	rows := make([]*StoredDecisions, len(surveys))
	err := parallel.Each(ctx, len(surveys), func(i int) (err error) {
		id := surveys[i].ID
		w := waveOf(in, id, facts[id], answers[id])
		fp := keep.Of(w, program)
		if s, ok := stored[id]; ok && string(s.Fingerprint) == string(fp[:]) {
			if decs[i], hidden[i], err = keep.Decode(w, s.Data); err == nil {
				return nil
			}
		}
		if decs[i], hidden[i], err = decide.Decide(ctx, w); err != nil {
			return err
		}
		data, err := keep.Encode(w, decs[i], hidden[i])
		if err != nil {
			return err
		}
		rows[i] = &StoredDecisions{SurveyID: id, Fingerprint: fp[:], Data: data}
		return nil
	})
	if err != nil {
		return Input{}, Reuse{}, fmt.Errorf("decide the waves: %w", err)
	}
	var r Reuse
	byWave := make(map[string]map[int]*decide.Decision, len(surveys))
	hiddenRows := hiddenRows{}
	current := map[string]bool{}
	for i, s := range surveys {
		byWave[s.ID], hiddenRows[s.ID] = decs[i], hidden[i]
		current[s.ID] = true
		if rows[i] != nil {
			r.Decided = append(r.Decided, *rows[i])
		} else {
			r.Reused++
		}
	}
	for id := range stored {
		if !current[id] {
			r.Gone = append(r.Gone, id)
		}
	}
	slices.Sort(r.Gone)
	in.decided = &decisions{byWave: byWave, rows: hiddenRows}
	return in, r, nil
}
