package model

// SurveyIDs is the set of survey ids of surveys.csv.
func (ds *Dataset) SurveyIDs() map[string]bool {
	m := make(map[string]bool, len(ds.Surveys))
	for _, s := range ds.Surveys {
		m[s.ID] = true
	}
	return m
}

// Question returns the entry of questions.csv for key in the wave surveyID.
func (ds *Dataset) Question(surveyID, key string) (Question, bool) {
	for _, q := range ds.Questions {
		if q.SurveyID == surveyID && q.Key == key {
			return q, true
		}
	}
	return Question{}, false
}

// QuestionsOf returns the questions.csv entries of one wave, in file order.
func (ds *Dataset) QuestionsOf(surveyID string) []Question {
	var out []Question
	for _, q := range ds.Questions {
		if q.SurveyID == surveyID {
			out = append(out, q)
		}
	}
	return out
}

// ChoicesOf returns the answer codes of key in the wave surveyID.
func (ds *Dataset) ChoicesOf(surveyID, key string) []Choice {
	var out []Choice
	for _, ch := range ds.Choices {
		if ch.SurveyID == surveyID && ch.Key == key {
			out = append(out, ch)
		}
	}
	return out
}

// Waves returns the waves that measure in: same ward and population, with
// question_key among their questions.
func (ds *Dataset) Waves(in Indicator) []Survey {
	var out []Survey
	for _, s := range ds.Surveys {
		if s.Ward != in.Ward || s.Population != in.Population {
			continue
		}
		if q, ok := ds.Question(s.ID, in.QuestionKey); ok && q.Role == RoleQuestion {
			out = append(out, s)
		}
	}
	return out
}

// AnyChoice reports whether one of waves has code among the choices of key.
func (ds *Dataset) AnyChoice(waves []Survey, key string, code int) bool {
	for _, w := range waves {
		for _, ch := range ds.ChoicesOf(w.ID, key) {
			if ch.Code == code {
				return true
			}
		}
	}
	return false
}
