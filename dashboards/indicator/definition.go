package indicator

import (
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Definition is how an indicator is counted, as method.html and the
// indicator page explain it.
type Definition struct {
	Summary              Summary
	QuestionKey          string
	Population           string
	Positive, Excluded   []CodeLabel
	Filter               []FilterClause
	FilterText           string
	HasDef, FilterIsNone bool
	Multi                bool // a 複数回答 question (role multi)
}

// CodeLabel is an answer code with its wording from choices.csv.
type CodeLabel struct {
	Code  int
	Label string
}

// FilterClause is one `key=code;code` condition spelled out.
type FilterClause struct {
	Key, Question string
	Codes         []CodeLabel
}

// Define is the definition of v, its summary s first; the questions.csv
// and choices.csv of ds word its question and codes.
func Define(ds *model.Dataset, v *View, s Summary) Definition {
	key := v.QuestionKey()
	survey := labelSurvey(ds, v, key)
	d := Definition{Summary: s, QuestionKey: key, HasDef: v.HasDef}
	if a, ok := v.Latest(); ok {
		d.Population = a.Population
	}
	if !v.HasDef {
		return d
	}
	d.Population = v.Def.Population
	d.Positive = codeLabels(ds, survey, key, v.Def.PositiveCodes)
	d.Excluded = codeLabels(ds, survey, key, v.Def.ExcludedCodes)
	d.Filter, d.FilterText = filterClauses(ds, v), strings.TrimSpace(v.Def.FilterText)
	d.FilterIsNone = d.FilterText == "" && len(d.Filter) == 0
	q, ok := ds.Question(survey, key)
	d.Multi = ok && q.Role == model.RoleMulti
	return d
}

// labelSurvey is the wave whose choices.csv and questions.csv label a key:
// the indicator's latest wave, else (an unmeasured indicator) the newest
// wave of its ward and population that asks that key.
func labelSurvey(ds *model.Dataset, v *View, key string) string {
	if a, ok := v.Latest(); ok {
		return a.SurveyID
	}
	best, year := "", 0
	for _, s := range ds.Surveys {
		_, asked := ds.Question(s.ID, key)
		if asked && s.Ward == v.Key.Ward && s.Population == v.Def.Population && s.FiscalYear >= year {
			best, year = s.ID, s.FiscalYear
		}
	}
	return best
}

// choiceLabel is the label of code of key in choices.csv for the wave survey.
func choiceLabel(ds *model.Dataset, survey, key string, code int) string {
	ch, _ := ds.Choice(survey, key, code) // a wave's own rows, else the shared ones
	return ch.Label
}

func codeLabels(ds *model.Dataset, survey, key string, codes []int) []CodeLabel {
	out := make([]CodeLabel, 0, len(codes))
	for _, c := range codes {
		out = append(out, CodeLabel{c, choiceLabel(ds, survey, key, c)})
	}
	return out
}

func filterClauses(ds *model.Dataset, v *View) []FilterClause {
	var out []FilterClause
	for _, c := range v.Def.Filter {
		survey := labelSurvey(ds, v, c.Key)
		q, _ := ds.Question(survey, c.Key)
		out = append(out, FilterClause{Key: c.Key, Question: q.Text, Codes: codeLabels(ds, survey, c.Key, c.Codes)})
	}
	return out
}
