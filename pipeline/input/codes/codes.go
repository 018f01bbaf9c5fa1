// Package codes is what the codes of choices.csv mean across the waves and
// questions of a data folder, and the checks that need it: rows shared by
// every wave (no survey_id), codes that are no answer (kind missing and
// not_applicable), the option columns of 複数回答 questions, and the
// indicators and filters those codes and questions cannot serve. Package
// input calls the checks with the other checks across files.
package codes

import (
	"fmt"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// kinds are the values of the kind column of choices.csv.
var kinds = map[string]model.ChoiceKind{
	"": model.KindAnswer, "answer": model.KindAnswer, "回答": model.KindAnswer,
	"missing": model.KindMissing, "無回答": model.KindMissing,
	"not_applicable": model.KindNotApplicable, "非該当": model.KindNotApplicable,
	"with_blank": model.KindAnswer, "無回答と合算": model.KindAnswer,
}

// ParseKind reads the kind column of choices.csv: blank or answer (回答),
// missing (無回答), not_applicable (非該当), with_blank (無回答と合算: an
// answer whose breakdown row also counts 無回答, model.Choice.WithBlank),
// in any case; false for anything else.
func ParseKind(s string) (kind model.ChoiceKind, withBlank, ok bool) {
	v := strings.ToLower(strings.TrimSpace(s))
	k, ok := kinds[v]
	return k, v == "with_blank" || v == "無回答と合算", ok
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

// beyondBits returns the first wave of in's ward and population that asks
// key as a 複数回答 question with an answer code outside 0 to
// model.MaxMultiOption, and that code: its options do not fit the bits of
// the microdata's column (package tally), so nothing on it is computed.
func beyondBits(ds *model.Dataset, key string, in model.Indicator) (model.Survey, int, bool) {
	for _, s := range ds.Surveys {
		if s.Ward != in.Ward || s.Population != in.Population {
			continue
		}
		if q, ok := ds.Question(s.ID, key); !ok || q.Role != model.RoleMulti {
			continue
		}
		for _, ch := range ds.ChoicesOf(s.ID, key) {
			if ch.Kind == model.KindAnswer && (ch.Code < 0 || ch.Code > model.MaxMultiOption) {
				return s, ch.Code, true
			}
		}
	}
	return model.Survey{}, 0, false
}

// RefuseMulti refuses an indicator on a 複数回答 question whose options
// cannot be computed (beyondBits) in one of its waves, rather than publish
// a number that leaves some options out.
func RefuseMulti(c *csvfile.Collector, ds *model.Dataset, in model.Indicator) bool {
	w, code, bad := beyondBits(ds, in.QuestionKey, in)
	if !bad {
		return false
	}
	c.Add(ds.FileOf(model.IndicatorsFile), in.Line, "question_key", "設問 %q は調査 %s で複数回答 (role=multi) で、選択肢のコード %d が %s。%s",
		in.QuestionKey, w.ID, code, multiRange, multiFix)
	return true
}

// RefuseMultiFilter refuses a filter on a 複数回答 question whose options
// cannot be computed, as RefuseMulti. A filter on one whose options can is
// accepted: a respondent passes when any of the clause's codes was chosen.
func RefuseMultiFilter(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, cl model.Clause) bool {
	w, code, bad := beyondBits(ds, cl.Key, in)
	if !bad {
		return false
	}
	c.Add(ds.FileOf(model.IndicatorsFile), in.Line, "filter", "絞り込みのキー %q は調査 %s で複数回答 (role=multi) で、選択肢のコード %d が %s。%s",
		cl.Key, w.ID, code, multiRange, multiFix)
	return true
}

// The refusal of a 複数回答 question whose codes do not fit, in words.
var (
	multiRange = fmt.Sprintf("0〜%d の外にあります", model.MaxMultiOption)
	multiFix   = fmt.Sprintf("複数回答の設問で指標や絞り込みに使えるのは、選択肢 (kind が answer のもの) のコードがすべて 0〜%d の設問です。choices.csv と回答ファイルでコードを付け直してください (無回答・非該当のコードは 99 などのままでかまいません)", model.MaxMultiOption)
)

// CheckNotAnswer refuses a code of an indicator (col: positive_codes,
// excluded_codes, filter) that one of its waves declares missing or
// not_applicable: such answers are read as no answer, so the code would
// count nobody. It reports whether it refused the code.
func CheckNotAnswer(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, key, col string, code int) bool {
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
		return true
	}
	return false
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

// CheckWithBlank checks the codes of kind with_blank (無回答と合算): each
// is an answer code of an attribute (role=attribute in every wave that
// has the key: so neither a 複数回答 question nor the question of an
// indicator the wave measures, ds.Waves), at most one per key and wave (a
// row without a survey_id counts for every wave with the key and no row
// of its own).
func CheckWithBlank(c *csvfile.Collector, ds *model.Dataset) {
	type waveKey struct{ survey, key string }
	first := map[waveKey]int{}
	for _, ch := range ds.Choices {
		if !ch.WithBlank {
			continue
		}
		if msg, bad := withBlankRefused(ds, ch); bad {
			c.Add(ds.FileOf(model.ChoicesFile), ch.Line, "kind", "%s", msg)
			continue
		}
		k := waveKey{ch.SurveyID, ch.Key}
		if line, dup := first[k]; dup {
			c.Add(ds.FileOf(model.ChoicesFile), ch.Line, "kind", "%q で無回答と合算するコード (kind=with_blank) は調査ごとに 1 つです: %d 行目にもあります", ch.Key, line)
			continue
		}
		first[k] = ch.Line
	}
}

// withBlankRefused is why choice ch of kind with_blank is refused, if it
// is: its key is no attribute in a wave that has it.
func withBlankRefused(ds *model.Dataset, ch model.Choice) (string, bool) {
	for _, q := range ds.Questions {
		if q.Key != ch.Key || (ch.SurveyID != "" && q.SurveyID != ch.SurveyID) {
			continue
		}
		if q.Role != model.RoleAttribute {
			return fmt.Sprintf("無回答と合算 (kind=with_blank) は属性 (role=attribute) のコードにだけ書けます: %q は調査 %s では role=%s です", ch.Key, q.SurveyID, q.Role), true
		}
	}
	return "", false
}
