package model

import (
	"path/filepath"
	"sync"

	"github.com/shihyo/shihyo/pipeline/input/wards"
)

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

// Weighted reports whether the wave surveyID has a weight column (role
// weight): its percentages are weighted (model.Wave.Weights).
func (ds *Dataset) Weighted(surveyID string) bool {
	for _, q := range ds.QuestionsOf(surveyID) {
		if q.Role == RoleWeight {
			return true
		}
	}
	return false
}

// QuestionsOf returns the questions.csv entries of one wave, in file order.
func (ds *Dataset) QuestionsOf(surveyID string) []Question {
	var out []Question
	for _, i := range ds.index().bySurvey[surveyID] {
		out = append(out, ds.Questions[i])
	}
	return out
}

// ChoicesOf returns the answer codes of key in the wave surveyID: the
// wave's own rows of choices.csv for the key or, when it has none, the
// shared rows (those without a survey_id). A wave's own rows replace the
// shared ones whole, key by key: a wave that writes one code of its own
// for a key writes them all.
func (ds *Dataset) ChoicesOf(surveyID, key string) []Choice {
	own := ds.choicesOf(surveyID, key)
	if len(own) == 0 {
		return nil
	}
	out := make([]Choice, 0, len(own))
	for _, i := range own {
		out = append(out, ds.Choices[i])
	}
	return out
}

// choicesOf is ChoicesOf as indexes into ds.Choices, which the lookups of
// one code use without copying the choices (they are asked for every
// published cell).
func (ds *Dataset) choicesOf(surveyID, key string) []int {
	ix := ds.index()
	own := ix.choicesOf[[2]string{surveyID, key}]
	if len(own) == 0 && surveyID != "" {
		own = ix.choicesOf[[2]string{"", key}]
	}
	return own
}

// Choice returns the choice code of key in the wave surveyID (ChoicesOf).
func (ds *Dataset) Choice(surveyID, key string, code int) (Choice, bool) {
	for _, i := range ds.choicesOf(surveyID, key) {
		if ds.Choices[i].Code == code {
			return ds.Choices[i], true
		}
	}
	return Choice{}, false
}

// Waves returns the waves that measure in: same ward and population, with
// question_key among their questions (role question, or multi).
func (ds *Dataset) Waves(in Indicator) []Survey {
	var out []Survey
	for _, s := range ds.Surveys {
		if s.Ward != in.Ward || s.Population != in.Population {
			continue
		}
		if q, ok := ds.Question(s.ID, in.QuestionKey); ok && (q.Role == RoleQuestion || q.Role == RoleMulti) {
			out = append(out, s)
		}
	}
	return out
}

// AnyChoice reports whether one of waves has code among the choices of key
// (of any kind).
func (ds *Dataset) AnyChoice(waves []Survey, key string, code int) bool {
	for _, w := range waves {
		if _, ok := ds.Choice(w.ID, key, code); ok {
			return true
		}
	}
	return false
}

// Wards lists every ward the definition files name, in file order
// (surveys.csv, indicators.csv, plans.csv, plan_issues.csv), with repeats.
func (ds *Dataset) Wards() []string {
	var out []string
	for _, s := range ds.Surveys {
		out = append(out, s.Ward)
	}
	for _, in := range ds.Indicators {
		out = append(out, in.Ward)
	}
	for _, p := range ds.Plans {
		out = append(out, p.Ward)
	}
	for _, pi := range ds.PlanIssues {
		out = append(out, pi.Ward)
	}
	return out
}

// WardSlugs are the page names staff chose for wards in the slug column
// of surveys.csv and plans.csv: the first given for each ward.
func (ds *Dataset) WardSlugs() map[string]string {
	out := map[string]string{}
	add := func(ward, slug string) {
		if _, ok := out[ward]; !ok && slug != "" && ward != "" {
			out[ward] = slug
		}
	}
	for _, s := range ds.Surveys {
		add(s.Ward, s.Slug)
	}
	for _, p := range ds.Plans {
		add(p.Ward, p.Slug)
	}
	return out
}

// WardNamer names the pages of the wards of ds (package wards): the slugs
// staff chose, Osaka's romaji, and numbers for the others. Every page,
// link and check of one data folder names wards through it.
func (ds *Dataset) WardNamer() wards.Namer {
	return wards.NewNamer(ds.WardSlugs(), ds.Wards())
}

// FileOf is the definition file name (SurveysFile, …) as messages name
// it: its path in the data folder, and the sheet for a workbook read in its
// place (surveys.xlsx[Sheet1]).
func (ds *Dataset) FileOf(name string) string {
	if shown, ok := ds.Files[name]; ok {
		return filepath.Join(ds.Dir, shown)
	}
	return filepath.Join(ds.Dir, name)
}
