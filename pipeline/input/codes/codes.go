// Package codes is what the codes of choices.csv mean across the waves and
// questions of a data folder, and the checks that need it: rows shared by
// every wave (no survey_id), codes that are no answer (kind missing and
// not_applicable), the option columns of 複数回答 questions, and the
// indicators and filters those codes and questions cannot serve. Package
// input calls the checks with the other checks across files.
package codes

import (
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// kinds are the values of the kind column of choices.csv.
var kinds = map[string]model.ChoiceKind{
	"": model.KindAnswer, "answer": model.KindAnswer, "回答": model.KindAnswer,
	"missing": model.KindMissing, "無回答": model.KindMissing,
	"not_applicable": model.KindNotApplicable, "非該当": model.KindNotApplicable,
}

// ParseKind reads the kind column of choices.csv: blank or answer (回答),
// missing (無回答), not_applicable (非該当), in any case; false for
// anything else.
func ParseKind(s string) (model.ChoiceKind, bool) {
	k, ok := kinds[strings.ToLower(strings.TrimSpace(s))]
	return k, ok
}

// HasChoices reports whether q is a row whose key has answer codes.
func HasChoices(q model.Question) bool {
	return q.Role == model.RoleQuestion || q.Role == model.RoleAttribute || q.Role == model.RoleMulti
}

// CheckOptionColumns checks the rows of questions.csv that read a 複数回答
// question one column per option (a code written): every row of the key is
// one option's, each option once, each a choice of the key.
func CheckOptionColumns(c *csvfile.Collector, ds *model.Dataset) {
	type waveKey struct{ survey, key string }
	known := ds.SurveyIDs()
	whole := map[waveKey]int{} // the first row of a key that is not one option's
	for _, q := range ds.Questions {
		if k := (waveKey{q.SurveyID, q.Key}); !q.PerOption && whole[k] == 0 {
			whole[k] = q.Line
		}
	}
	options := map[waveKey]map[int]int{}
	for _, q := range ds.Questions {
		k := waveKey{q.SurveyID, q.Key}
		if !q.PerOption || !known[q.SurveyID] {
			continue
		}
		if line := whole[k]; line != 0 {
			if options[k] == nil { // once for the key
				c.Add(ds.FileOf(model.QuestionsFile), q.Line, "code", "キー %q は %d 行目にもあります (複数回答を選択肢ごとの列で読むなら、そのキーのどの行にも選択肢の code を書きます)", q.Key, line)
				options[k] = map[int]int{}
			}
			continue
		}
		if options[k] == nil {
			options[k] = map[int]int{}
		}
		if first, dup := options[k][q.Option]; dup {
			c.Add(ds.FileOf(model.QuestionsFile), q.Line, "code", "選択肢 %d の列は %d 行目にもあります", q.Option, first)
		}
		options[k][q.Option] = q.Line
		if _, ok := ds.Choice(q.SurveyID, q.Key, q.Option); !ok {
			c.Add(ds.FileOf(model.QuestionsFile), q.Line, "code", "コード %d は choices.csv の %s の %q の選択肢にありません", q.Option, q.SurveyID, q.Key)
		}
	}
}

// SharedKeyUsed reports whether some wave has the key of ch, a row of
// choices.csv without a survey_id, as a question or attribute, and adds a
// problem when none has.
func SharedKeyUsed(c *csvfile.Collector, ds *model.Dataset, ch model.Choice) bool {
	for _, q := range ds.Questions {
		if q.Key == ch.Key && HasChoices(q) {
			return true
		}
	}
	c.Add(ds.FileOf(model.ChoicesFile), ch.Line, "key", "どの調査の questions.csv にも設問・属性 %q がありません (survey_id が空欄の行は、そのキーのあるすべての調査の選択肢になります)", ch.Key)
	return false
}

// multiWaves are the waves that measure in but ask its question as a
// 複数回答 question.
func multiWaves(ds *model.Dataset, key string, in model.Indicator) []model.Survey {
	var out []model.Survey
	for _, s := range ds.Surveys {
		if s.Ward != in.Ward || s.Population != in.Population {
			continue
		}
		if q, ok := ds.Question(s.ID, key); ok && q.Role == model.RoleMulti {
			out = append(out, s)
		}
	}
	return out
}

// RefuseMulti refuses an indicator on a 複数回答 question in any of its
// waves: it cannot be computed yet, and no half-computed number is
// published.
func RefuseMulti(c *csvfile.Collector, ds *model.Dataset, in model.Indicator) bool {
	ws := multiWaves(ds, in.QuestionKey, in)
	if len(ws) == 0 {
		return false
	}
	c.Add(ds.FileOf(model.IndicatorsFile), in.Line, "question_key", "設問 %q は調査 %s で複数回答 (role=multi) です。複数回答の設問の指標はまだ集計できません", in.QuestionKey, ws[0].ID)
	return true
}

// RefuseMultiFilter refuses a filter on a 複数回答 question: filters are
// read from single answers.
func RefuseMultiFilter(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, cl model.Clause) bool {
	ws := multiWaves(ds, cl.Key, in)
	if len(ws) == 0 {
		return false
	}
	c.Add(ds.FileOf(model.IndicatorsFile), in.Line, "filter", "絞り込みのキー %q は調査 %s で複数回答 (role=multi) です。複数回答の設問ではまだ絞り込めません", cl.Key, ws[0].ID)
	return true
}

// CheckNotAnswer refuses a code of an indicator (col: positive_codes,
// excluded_codes, filter) that one of its waves declares missing or
// not_applicable: such answers are read as no answer, so the code would
// count nobody.
func CheckNotAnswer(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, key, col string, code int) {
	for _, w := range waves {
		ch, ok := ds.Choice(w.ID, key, code)
		if !ok || ch.Kind == model.KindAnswer {
			continue
		}
		what := "無回答 (kind=missing)"
		if ch.Kind == model.KindNotApplicable {
			what = "非該当 (kind=not_applicable)"
		}
		c.Add(ds.FileOf(model.IndicatorsFile), in.Line, col, "コード %d は調査 %s の %q では%s のコードです (無回答と非該当はいつも集計から外れるので、ここには書けません)", code, w.ID, key, what)
		return
	}
}

// Share gives every wave its copy of the shared rows of choices.csv
// (no survey_id) for each of its keys that has no row of its own
// (model.Dataset.ChoicesOf), and drops the shared rows: what Read returns
// holds each wave's choices, as the database and the fingerprints of the
// waves want them. Copies keep the shared row's line.
func Share(ds *model.Dataset) {
	shared := false
	for _, ch := range ds.Choices {
		shared = shared || ch.SurveyID == ""
	}
	if !shared {
		return
	}
	var out []model.Choice
	byWave := ByWave(ds)
	for _, s := range ds.Surveys {
		for _, ch := range byWave[s.ID] {
			ch.SurveyID = s.ID
			out = append(out, ch)
		}
	}
	ds.Choices = out
}

// ByWave is the choices of each wave (model.Dataset.ChoicesOf), by
// survey id, for the keys of its questions.csv rows.
func ByWave(ds *model.Dataset) map[string][]model.Choice {
	out := map[string][]model.Choice{}
	for _, s := range ds.Surveys {
		done := map[string]bool{}
		for _, q := range ds.QuestionsOf(s.ID) {
			if q.Key != "" && !done[q.Key] {
				done[q.Key] = true
				out[s.ID] = append(out[s.ID], ds.ChoicesOf(s.ID, q.Key)...)
			}
		}
	}
	return out
}
