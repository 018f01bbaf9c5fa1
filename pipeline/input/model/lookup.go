package model

import "sync"

// The lookups below are asked for every wave, key and indicator; a scan
// of questions.csv or choices.csv per call made a city-sized data folder
// (4,000 questions, 20,000 choices, 960 indicators) quadratic. They go
// through an index of both tables instead, built on first use and built
// again when either table has grown since (Read appends to them while it
// checks).

// lookupIndex is the index of a Dataset's questions and choices.
type lookupIndex struct {
	questions, choices int // the lengths it was built for
	firstQ             *Question
	firstCh            *Choice
	bySurvey           map[string][]int // survey id → questions, file order
	byKey              map[[2]string]int
	choicesOf          map[[2]string][]int // survey id, key → choices, file order
}

// indexMu guards Dataset.lookup: several goroutines may look up in one
// dataset (the reader of a refresh, the page renderers).
var indexMu sync.Mutex

// index returns an index that matches ds's tables as they are now.
func (ds *Dataset) index() *lookupIndex {
	indexMu.Lock()
	defer indexMu.Unlock()
	if ds.lookup == nil || !ds.lookup.matches(ds) {
		ds.lookup = buildIndex(ds)
	}
	return ds.lookup
}

func (ix *lookupIndex) matches(ds *Dataset) bool {
	if ix.questions != len(ds.Questions) || ix.choices != len(ds.Choices) {
		return false
	}
	return (len(ds.Questions) == 0 || ix.firstQ == &ds.Questions[0]) && (len(ds.Choices) == 0 || ix.firstCh == &ds.Choices[0])
}

func buildIndex(ds *Dataset) *lookupIndex {
	ix := &lookupIndex{questions: len(ds.Questions), choices: len(ds.Choices),
		bySurvey: map[string][]int{}, byKey: map[[2]string]int{}, choicesOf: map[[2]string][]int{}}
	if len(ds.Questions) > 0 {
		ix.firstQ = &ds.Questions[0]
	}
	if len(ds.Choices) > 0 {
		ix.firstCh = &ds.Choices[0]
	}
	for i, q := range ds.Questions {
		ix.bySurvey[q.SurveyID] = append(ix.bySurvey[q.SurveyID], i)
		k := [2]string{q.SurveyID, q.Key}
		if _, seen := ix.byKey[k]; !seen {
			ix.byKey[k] = i
		}
	}
	for i, ch := range ds.Choices {
		k := [2]string{ch.SurveyID, ch.Key}
		ix.choicesOf[k] = append(ix.choicesOf[k], i)
	}
	return ix
}

// SurveyIDs is the set of survey ids of surveys.csv.
func (ds *Dataset) SurveyIDs() map[string]bool {
	m := make(map[string]bool, len(ds.Surveys))
	for _, s := range ds.Surveys {
		m[s.ID] = true
	}
	return m
}

// Question returns the entry of questions.csv for key in the wave surveyID
// (the first, should there be two).
func (ds *Dataset) Question(surveyID, key string) (Question, bool) {
	i, ok := ds.index().byKey[[2]string{surveyID, key}]
	if !ok {
		return Question{}, false
	}
	return ds.Questions[i], true
}

// QuestionsOf returns the questions.csv entries of one wave, in file order.
func (ds *Dataset) QuestionsOf(surveyID string) []Question {
	var out []Question
	for _, i := range ds.index().bySurvey[surveyID] {
		out = append(out, ds.Questions[i])
	}
	return out
}

// ChoicesOf returns the answer codes of key in the wave surveyID.
func (ds *Dataset) ChoicesOf(surveyID, key string) []Choice {
	var out []Choice
	for _, i := range ds.index().choicesOf[[2]string{surveyID, key}] {
		out = append(out, ds.Choices[i])
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
