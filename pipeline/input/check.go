package input

import (
	"os"
	"path/filepath"
)

// check finds the defects that span files: references between them and
// duplicates. It runs only when every file was read cleanly.
func check(ds *Dataset) Problems {
	var c collector
	checkSurveys(&c, ds)
	checkQuestions(&c, ds)
	checkChoices(&c, ds)
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
	roles := map[string]map[Role]int{}
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
			roles[q.SurveyID] = map[Role]int{}
		}
		roles[q.SurveyID][q.Role]++
		if (q.Role == RoleQuestion || q.Role == RoleAttribute) && len(ds.ChoicesOf(q.SurveyID, q.Key)) == 0 {
			c.add(ds.file(QuestionsFile), q.Line, "key", "choices.csv に %s の %q の選択肢がありません", q.SurveyID, q.Key)
		}
	}
	for _, s := range ds.Surveys {
		if n := roles[s.ID][RoleID]; n != 1 {
			c.add(ds.file(QuestionsFile), 0, "role", "%s には role=id の列がちょうど 1 つ必要です (%d 個あります)", s.ID, n)
		}
		if n := roles[s.ID][RoleWeight]; n > 1 {
			c.add(ds.file(QuestionsFile), 0, "role", "%s の role=weight の列は 1 つまでです (%d 個あります)", s.ID, n)
		}
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

func checkFilterClause(c *collector, ds *Dataset, in Indicator, waves []Survey, cl Clause) {
	for _, w := range waves {
		if _, ok := ds.Question(w.ID, cl.Key); ok {
			checkCodes(c, ds, in, waves, cl.Key, "filter", cl.Codes)
			return
		}
	}
	c.add(ds.file(IndicatorsFile), in.Line, "filter", "絞り込みのキー %q は %s の %s の調査にありません", cl.Key, in.Ward, in.Population)
}
