package tally

import "github.com/shihyo/shihyo/pipeline/input/model"

// Plan is what the pass counts in each wave, worked out once from the
// definition files: the distinct domains of the indicators, and for each
// wave the domains it measures and the attributes it breaks them down by.
// The engine (package pipeline) and the publication (package compute)
// both go by it, so that the rule of which wave measures which indicator
// is written once.
type Plan struct {
	Domains []Domain
	Specs   []string // Domains[i].Spec()
	// OfIndicator is the index in Domains of each indicator of the
	// dataset, in file order.
	OfIndicator []int
	// Everyone is the index in Domains of the 単純集計's domain, which
	// every wave counts.
	Everyone int
	// Waves are, by survey id, what each wave of surveys.csv counts.
	Waves map[string]*WavePlan
}

// WavePlan is what one wave counts.
type WavePlan struct {
	Domains    []int    // indices in Plan.Domains, ascending
	Attributes []string // keys of role attribute, in questions.csv order
	// Indicators are the indices (in ds.Indicators) of the indicators the
	// wave measures, in file order.
	Indicators []int
}

// NewPlan works out the plan of ds. An indicator measures a wave of the
// same ward and population in which its question_key is a question (role
// question, or multi for a 複数回答 one); its domain is counted in every
// such wave.
func NewPlan(ds *model.Dataset) *Plan {
	p := &Plan{Waves: make(map[string]*WavePlan, len(ds.Surveys))}
	questions := map[string]map[string]model.Role{} // survey id → key → role
	for _, q := range ds.Questions {
		m := questions[q.SurveyID]
		if m == nil {
			m = map[string]model.Role{}
			questions[q.SurveyID] = m
		}
		if _, seen := m[q.Key]; !seen {
			m[q.Key] = q.Role
		}
		if q.Role == model.RoleAttribute {
			wp := p.wave(q.SurveyID)
			wp.Attributes = append(wp.Attributes, q.Key)
		}
	}
	bySpec := map[string]int{}
	for i, in := range ds.Indicators {
		d := DomainOf(in)
		spec := d.Spec()
		di, ok := bySpec[spec]
		if !ok {
			di = len(p.Domains)
			bySpec[spec] = di
			p.Domains, p.Specs = append(p.Domains, d), append(p.Specs, spec)
		}
		p.OfIndicator = append(p.OfIndicator, di)
		for _, s := range ds.Surveys {
			if s.Ward == in.Ward && s.Population == in.Population && asked(questions[s.ID][in.QuestionKey]) {
				wp := p.wave(s.ID)
				wp.Indicators = append(wp.Indicators, i)
				wp.addDomain(di)
			}
		}
	}
	p.Everyone = len(p.Domains)
	p.Domains, p.Specs = append(p.Domains, Everyone), append(p.Specs, everyoneSpec)
	for _, s := range ds.Surveys {
		p.wave(s.ID).addDomain(p.Everyone)
	}
	return p
}

// asked reports whether a key of role r can be an indicator's question.
func asked(r model.Role) bool { return r == model.RoleQuestion || r == model.RoleMulti }

func (p *Plan) wave(id string) *WavePlan {
	wp := p.Waves[id]
	if wp == nil {
		wp = &WavePlan{}
		p.Waves[id] = wp
	}
	return wp
}

// addDomain adds domain i, keeping Domains ascending and distinct.
func (wp *WavePlan) addDomain(i int) {
	for k, d := range wp.Domains {
		if d == i {
			return
		}
		if d > i {
			wp.Domains = append(wp.Domains[:k], append([]int{i}, wp.Domains[k:]...)...)
			return
		}
	}
	wp.Domains = append(wp.Domains, i)
}

// Of is the plan of wave id; an empty one for a wave that measures
// nothing.
func (p *Plan) Of(id string) *WavePlan {
	if wp := p.Waves[id]; wp != nil {
		return wp
	}
	return &WavePlan{}
}

// Select returns the domains of the given indices.
func (p *Plan) Select(idx []int) []Domain {
	out := make([]Domain, len(idx))
	for i, d := range idx {
		out[i] = p.Domains[d]
	}
	return out
}
