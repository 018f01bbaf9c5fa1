package input

import (
	"os"
	"path/filepath"
	"strings"
)

// checkWaves finds the defects that span surveys.csv, questions.csv and
// choices.csv: references between them and duplicates. It runs only when
// those three files were read cleanly.
func checkWaves(ds *Dataset) Problems {
	var c collector
	checkSurveys(&c, ds)
	checkQuestions(&c, ds)
	checkChoices(&c, ds)
	return c.problems
}

// checkIndicatorRefs finds the defects of indicators.csv that need the
// other files: duplicates, unknown questions, codes and filter keys. It
// runs only when every definition file was read cleanly.
func checkIndicatorRefs(ds *Dataset) Problems {
	var c collector
	checkIndicators(&c, ds)
	return c.problems
}

func (ds *Dataset) file(name string) string { return filepath.Join(ds.Dir, name) }

func checkSurveys(c *collector, ds *Dataset) {
	seen := map[string]int{}
	for _, s := range ds.Surveys {
		if first, dup := seen[s.ID]; dup {
			c.add(ds.file(SurveysFile), s.Line, "survey_id", "survey_id %q が重複しています (%d 行目と同じ)", s.ID, first)
			continue
		}
		seen[s.ID] = s.Line
		st, err := os.Stat(filepath.Join(ds.Dir, filepath.FromSlash(s.File)))
		if err != nil || !st.Mode().IsRegular() {
			c.add(ds.file(SurveysFile), s.Line, "file", "回答ファイル %q がありません", s.File)
		}
	}
}

func checkQuestions(c *collector, ds *Dataset) {
	known := ds.surveyIDs()
	type waveKey struct{ survey, name string }
	columns, keys := map[waveKey]int{}, map[waveKey]int{}
	roles := map[string]map[Role][]int{}
	for _, q := range ds.Questions {
		if !known[q.SurveyID] {
			c.add(ds.file(QuestionsFile), q.Line, "survey_id", "surveys.csv にない survey_id %q", q.SurveyID)
			continue
		}
		if first, dup := columns[waveKey{q.SurveyID, q.Column}]; dup {
			c.add(ds.file(QuestionsFile), q.Line, "column", "列 %q は %d 行目にもあります", q.Column, first)
		}
		if first, dup := keys[waveKey{q.SurveyID, q.Key}]; dup {
			c.add(ds.file(QuestionsFile), q.Line, "key", "キー %q は %d 行目にもあります", q.Key, first)
		}
		columns[waveKey{q.SurveyID, q.Column}], keys[waveKey{q.SurveyID, q.Key}] = q.Line, q.Line
		if roles[q.SurveyID] == nil {
			roles[q.SurveyID] = map[Role][]int{}
		}
		roles[q.SurveyID][q.Role] = append(roles[q.SurveyID][q.Role], q.Line)
		if (q.Role == RoleQuestion || q.Role == RoleAttribute) && len(ds.ChoicesOf(q.SurveyID, q.Key)) == 0 {
			c.add(ds.file(QuestionsFile), q.Line, "key", "choices.csv に %s の %q の選択肢がありません", q.SurveyID, q.Key)
		}
	}
	for _, s := range ds.Surveys {
		checkRoles(c, ds, s, roles[s.ID])
	}
}

// checkRoles reports a wave without exactly one id column or with more than
// one weight column: at the second such row of questions.csv, or, when the
// wave has no id row at all, at the wave's row of surveys.csv.
func checkRoles(c *collector, ds *Dataset, s Survey, lines map[Role][]int) {
	ids, weights := lines[RoleID], lines[RoleWeight]
	switch {
	case len(ids) == 0:
		c.add(ds.file(SurveysFile), s.Line, "survey_id", "questions.csv に %s の role=id (回答者番号) の行がありません", s.ID)
	case len(ids) > 1:
		c.add(ds.file(QuestionsFile), ids[1], "role", "%s の role=id は 1 行だけです (%d 行目にもあります)", s.ID, ids[0])
	}
	if len(weights) > 1 {
		c.add(ds.file(QuestionsFile), weights[1], "role", "%s の role=weight は 1 行までです (%d 行目にもあります)", s.ID, weights[0])
	}
}

func checkChoices(c *collector, ds *Dataset) {
	type choiceKey struct {
		survey, key string
		code        int
	}
	seen := map[choiceKey]int{}
	for _, ch := range ds.Choices {
		q, ok := ds.Question(ch.SurveyID, ch.Key)
		if !ok || (q.Role != RoleQuestion && q.Role != RoleAttribute) {
			c.add(ds.file(ChoicesFile), ch.Line, "key", "questions.csv に %s の設問・属性 %q がありません", ch.SurveyID, ch.Key)
			continue
		}
		k := choiceKey{ch.SurveyID, ch.Key, ch.Code}
		if first, dup := seen[k]; dup {
			c.add(ds.file(ChoicesFile), ch.Line, "code", "コード %d は %d 行目にもあります", ch.Code, first)
		}
		seen[k] = ch.Line
	}
}

func checkIndicators(c *collector, ds *Dataset) {
	type id struct {
		ward            string
		plan, issue, no int
	}
	seen := map[id]int{}
	file := ds.file(IndicatorsFile)
	for _, in := range ds.Indicators {
		k := id{in.Ward, in.PlanYear, in.IssueNo, in.IndicatorNo}
		if first, dup := seen[k]; dup {
			c.add(file, in.Line, "", "同じ指標 (区・年度・経営課題・番号) が %d 行目にもあります", first)
		}
		seen[k] = in.Line
		waves := ds.Waves(in)
		if len(waves) == 0 {
			c.add(file, in.Line, "question_key", "%s の %s の調査に設問 %q がありません", in.Ward, in.Population, in.QuestionKey)
			continue
		}
		checkCodes(c, ds, in, waves, in.QuestionKey, "positive_codes", in.PositiveCodes)
		checkCodes(c, ds, in, waves, in.QuestionKey, "excluded_codes", in.ExcludedCodes)
		for _, cl := range in.Filter {
			checkFilterClause(c, ds, in, waves, cl)
		}
	}
}

func checkCodes(c *collector, ds *Dataset, in Indicator, waves []Survey, key, col string, codes []int) {
	for _, code := range codes {
		if !ds.anyChoice(waves, key, code) {
			c.add(ds.file(IndicatorsFile), in.Line, col, "コード %d は設問 %q の選択肢にありません", code, key)
		}
	}
}

// checkFilterClause checks that every wave measuring in asks the clause's
// key: a wave without it would match nobody, and that year's actual would
// silently go missing.
func checkFilterClause(c *collector, ds *Dataset, in Indicator, waves []Survey, cl Clause) {
	var missing []string
	for _, w := range waves {
		if _, ok := ds.Question(w.ID, cl.Key); !ok {
			missing = append(missing, w.ID)
		}
	}
	switch {
	case len(missing) == len(waves):
		c.add(ds.file(IndicatorsFile), in.Line, "filter", "絞り込みのキー %q は %s の %s の調査にありません", cl.Key, in.Ward, in.Population)
	case len(missing) > 0:
		c.add(ds.file(IndicatorsFile), in.Line, "filter", "絞り込みのキー %q が調査 %s の questions.csv にありません (その年度の実績が出せません)",
			cl.Key, strings.Join(missing, "、"))
		checkCodes(c, ds, in, waves, cl.Key, "filter", cl.Codes)
	default:
		checkCodes(c, ds, in, waves, cl.Key, "filter", cl.Codes)
	}
}
