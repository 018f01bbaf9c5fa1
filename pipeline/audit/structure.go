// Package audit checks a published site the way an outsider could attack
// it: it reads actuals.csv (with its flow_* columns), breakdowns.csv and
// frequencies.csv (if the site has one), links them by the
// definitions of the indicators (from the database, or the dataset a
// refresh is publishing) into package disclose's model of each wave, and
// reports every group of fewer than 10 respondents that the published
// numbers determine, and every table that lists only some categories of
// an attribute.
package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// Def is what the auditor knows of an indicator: who it counts.
type Def struct {
	Question           string
	Positive, Excluded []int
	Filter             []disclose.Clause
}

// spec is d in a canonical form: indicators with one spec publish the
// same numbers.
func (d Def) spec() string {
	f := slices.Clone(d.Filter)
	slices.SortFunc(f, func(a, b disclose.Clause) int { return strings.Compare(a.Key, b.Key) })
	return fmt.Sprint(d.Question, sorted(d.Positive), sorted(d.Excluded), f)
}

func sorted(c []int) []int {
	s := slices.Clone(c)
	slices.Sort(s)
	return slices.Compact(s)
}

// Structure is the linking structure of a site: the definitions of the
// indicators and the attributes of each wave.
type Structure struct {
	Defs map[model.IndicatorKey]Def
	// Attributes are the keys of role attribute of each wave.
	Attributes map[string][]string
	// Weighted waves publish weighted percentages: a cell's positives are
	// not among its numbers.
	Weighted map[string]bool
	// Multi are the 複数回答 keys of each wave: their options overlap, and
	// their 単純集計 and flows are not in the model.
	Multi map[string]map[string]bool
	// Labels are the choices' labels by wave and key, for the messages.
	Labels map[string]map[string]map[int32]string
}

// FromDataset is the structure of what a refresh of ds publishes.
func FromDataset(ds *model.Dataset) Structure {
	s := Structure{Defs: map[model.IndicatorKey]Def{}, Attributes: map[string][]string{},
		Weighted: map[string]bool{}, Labels: map[string]map[string]map[int32]string{}, Multi: map[string]map[string]bool{}}
	for _, in := range ds.Indicators {
		d := Def{Question: in.QuestionKey, Positive: in.PositiveCodes, Excluded: in.ExcludedCodes}
		for _, c := range in.Filter {
			d.Filter = append(d.Filter, disclose.Clause{Key: c.Key, Codes: c.Codes})
		}
		s.Defs[in.Key()] = d
	}
	for _, q := range ds.Questions {
		switch q.Role {
		case model.RoleAttribute:
			if !slices.Contains(s.Attributes[q.SurveyID], q.Key) {
				s.Attributes[q.SurveyID] = append(s.Attributes[q.SurveyID], q.Key)
			}
		case model.RoleWeight:
			s.Weighted[q.SurveyID] = true
		case model.RoleMulti:
			s.multi(q.SurveyID, q.Key)
		}
	}
	for _, ch := range ds.Choices {
		s.label(ch.SurveyID, ch.Key, int32(ch.Code), ch.Label)
	}
	return s
}

func (s *Structure) multi(survey, key string) {
	if s.Multi[survey] == nil {
		s.Multi[survey] = map[string]bool{}
	}
	s.Multi[survey][key] = true
}

func (s *Structure) label(survey, key string, code int32, label string) {
	m := s.Labels[survey]
	if m == nil {
		m = map[string]map[int32]string{}
		s.Labels[survey] = m
	}
	if m[key] == nil {
		m[key] = map[int32]string{}
	}
	if _, seen := m[key][code]; !seen {
		m[key][code] = label
	}
}
