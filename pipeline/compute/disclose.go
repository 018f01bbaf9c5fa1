package compute

import (
	"context"

	"github.com/shihyo/shihyo/pipeline/compute/decide"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// hiddenRows are the rows of the 単純集計 that disclosure control decides,
// by survey id, key and code (無回答: model.Blank), true if hidden.
type hiddenRows map[string]map[string]map[int32]bool

// decisions are every wave's decisions (decideAll) and the 単純集計
// rows they hide.
type decisions struct {
	byWave map[string]map[int]*decide.Decision
	rows   hiddenRows
}

// Decided is in with every wave's publication decided once (decide.Decide,
// a worker per CPU: DecidedReusing with nothing stored): Publish and
// HiddenFrequencies of it share the decisions rather than deciding each
// wave again. The sums of in must not change after. It stops, with ctx's
// error, once ctx is done.
func Decided(ctx context.Context, in Input) (Input, error) {
	in, _, err := DecidedReusing(ctx, in, nil, "")
	return in, err
}

// decisions are the decisions Decided made, or else its own, which no one
// cancels: a caller that may be cancelled decides first, with Decided.
func (in Input) decisions() (map[string]map[int]*decide.Decision, hiddenRows) {
	if in.decided == nil {
		in, _ = Decided(context.Background(), in) // never done: no error
	}
	return in.decided.byWave, in.decided.rows
}

// waveOf is what decide takes of wave survey (its facts f, nil when
// unknown, and answer codes).
func waveOf(in Input, survey string, f *waveFacts, answers map[string][]int32) decide.Wave {
	w := decide.Wave{Plan: in.Plan, Survey: survey, Tallies: in.Tallies[survey], Respondents: in.Respondents[survey], Answers: answers}
	if f != nil {
		w.Multi, w.Weighted, w.Merged = f.multi, f.weighted, f.merged
	}
	return w
}

// HiddenFrequencies are the rows of each wave's 単純集計 that disclosure
// control decides over the linked tables (docs/statistics.md §6), by
// survey id, key and code (無回答: model.Blank), true if hidden: every
// row of a key that an indicator counts or filters on (but a 複数回答
// one). The other keys' rows have their own one-way rule (package
// frequencies).
func HiddenFrequencies(in Input) map[string]map[string]map[int32]bool {
	_, rows := in.decisions()
	return rows
}

// answerCodes are the codes of choices.csv that are answers (not 無回答 or
// 非該当 codes), by survey id and key. A shared row (no survey_id) is not
// among them: input.Read has given each wave its copy (codes.Share).
func answerCodes(ds *model.Dataset) map[string]map[string][]int32 {
	out := map[string]map[string][]int32{}
	for _, ch := range ds.Choices {
		if ch.Kind == model.KindMissing || ch.Kind == model.KindNotApplicable {
			continue
		}
		if out[ch.SurveyID] == nil {
			out[ch.SurveyID] = map[string][]int32{}
		}
		out[ch.SurveyID][ch.Key] = append(out[ch.SurveyID][ch.Key], int32(ch.Code))
	}
	return out
}
