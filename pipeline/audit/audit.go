package audit

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/internal/parallel"
	"github.com/shihyo/shihyo/pipeline/disclose"
	"github.com/shihyo/shihyo/pipeline/disclose/search"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// Finding is one problem of a published site: a group that can be
// recovered (Leak) or a table that lists only some categories.
type Finding struct {
	Survey    string
	Ward      string
	Question  string             // the question of the group, if any
	Indicator model.IndicatorKey // zero for a group of the 単純集計 or over everyone
	Title     string
	Where     string // the group or the table, in Japanese
	Partial   bool   // a table listing only some categories; else a leak
	Positives bool   // the positives of the group are recovered
	// N is the recovered number. It is for the staff member running the
	// audit: Message never carries it, so that it reaches neither the
	// run history nor status.html.
	N int64
}

// Message names the finding in Japanese, without the recovered number.
func (f Finding) Message() string {
	head := fmt.Sprintf("%s %s 経営課題%d-%d「%s」(調査 %s)", f.Indicator.Ward, wareki.Label(f.Indicator.PlanYear),
		f.Indicator.IssueNo, f.Indicator.IndicatorNo, f.Title, f.Survey)
	if f.Indicator == (model.IndicatorKey{}) {
		head = fmt.Sprintf("%s 調査 %s", f.Ward, f.Survey)
	}
	switch {
	case f.Partial:
		return head + ": 属性別集計 " + f.Where + " が区分の一部だけを載せています (載っている区分から人数がわかります)"
	case f.Positives:
		return head + ": " + f.Where + " の肯定の回答者数 (10 人未満) が公表した数値から逆算できます"
	}
	return head + ": " + f.Where + " の人数 (10 人未満) が公表した数値から逆算できます"
}

// Run audits the site published in dir with the linking structure s.
func Run(ctx context.Context, dir string, s Structure) ([]Finding, error) {
	st, err := readBySurvey(ctx, dir)
	if err != nil {
		return nil, err
	}
	out, err := auditWaves(ctx, st.surveys, func(survey string) ([]Finding, error) {
		return auditWave(s, st.wave(s, survey))
	})
	if err != nil {
		return nil, err
	}
	sortFindings(out)
	return out, nil
}

// published is the tables of a published site, by survey.
type published struct {
	surveys []string
	totals  map[string][]total
	cells   map[string][]cell
	freqs   map[string][]frequency
}

// readBySurvey reads the published tables of the site in dir.
func readBySurvey(ctx context.Context, dir string) (*published, error) {
	totals, cells, err := readSite(ctx, dir)
	if err != nil {
		return nil, err
	}
	freqs, err := readFrequencies(ctx, dir)
	if err != nil {
		return nil, err
	}
	return &published{surveys: surveysOf(totals, freqs), totals: bySurvey(totals, func(t total) string { return t.survey }),
		cells: bySurvey(cells, func(c cell) string { return c.survey }), freqs: bySurvey(freqs, func(f frequency) string { return f.survey })}, nil
}

// bySurvey is xs by the survey of each, in their order: each run of one
// survey's rows kept as it is, not copied (capped: a later run of the
// survey appends to a copy).
func bySurvey[T any](xs []T, survey func(T) string) map[string][]T {
	out := map[string][]T{}
	start := 0 // of the run that x is in
	for i, x := range xs {
		if j := i + 1; j == len(xs) || survey(xs[j]) != survey(x) {
			run := xs[start:j:j]
			if t := out[survey(x)]; t != nil {
				run = append(t, run...)
			}
			out[survey(x)], start = run, j
		}
	}
	return out
}

// wave is the model of survey's published numbers.
func (st *published) wave(s Structure, survey string) *wave {
	return build(s, survey, st.totals[survey], st.cells[survey], st.freqs[survey])
}

// auditWaves runs one on every survey, a worker per CPU taking one wave
// at a time (the waves are independent: one model per wave), and returns
// the findings in the order of surveys, or the error of the first
// survey that failed, or ctx's.
func auditWaves(ctx context.Context, surveys []string, one func(string) ([]Finding, error)) ([]Finding, error) {
	found := make([][]Finding, len(surveys))
	err := parallel.Each(ctx, len(surveys), func(i int) (err error) {
		found[i], err = one(surveys[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	return slices.Concat(found...), nil
}

// auditWave is the findings of wave w: its partial tables, then each
// group its published numbers determine, once.
func auditWave(s Structure, w *wave) ([]Finding, error) {
	out := w.partial
	leaks, err := search.Audit(&w.wave)
	if err != nil {
		return nil, fmt.Errorf("audit %s: %w", w.survey, err)
	}
	seen := map[string]bool{} // one group is found in several spaces
	for _, l := range leaks {
		f := w.finding(s, l)
		if !seen[f.Message()] {
			seen[f.Message()] = true
			out = append(out, f)
		}
	}
	return out, nil
}

// surveysOf are the waves the published tables have rows of: a wave no
// indicator reads still publishes its 単純集計.
func surveysOf(totals []total, freqs []frequency) []string {
	var s []string
	for _, t := range totals {
		s = append(s, t.survey)
	}
	for _, f := range freqs {
		s = append(s, f.survey)
	}
	slices.Sort(s)
	return slices.Compact(s)
}

// describe names a group: each condition as key「label」.
func describe(s Structure, survey string, where []disclose.Condition) string {
	if len(where) == 0 {
		return "指標の回答者全体"
	}
	var parts []string
	for _, c := range where {
		var labels []string
		for _, code := range c.Codes {
			labels = append(labels, labelOf(s, survey, c.Key, code))
		}
		parts = append(parts, c.Key+"「"+strings.Join(labels, "・")+"」")
	}
	return strings.Join(parts, " × ")
}

func labelOf(s Structure, survey, key string, code int32) string {
	switch code {
	case disclose.Blank:
		return "無回答"
	case disclose.Other:
		return "上記以外"
	case disclose.NotApplicable:
		return "非該当"
	case disclose.Filtered:
		return "対象外"
	}
	if l, ok := s.Labels[survey][key][code]; ok {
		return l
	}
	return fmt.Sprint(code)
}

// sortFindings orders findings by wave, indicator and group.
func sortFindings(f []Finding) {
	slices.SortStableFunc(f, func(a, b Finding) int {
		return cmp.Or(strings.Compare(a.Survey, b.Survey), strings.Compare(a.Indicator.Ward, b.Indicator.Ward),
			cmp.Compare(a.Indicator.PlanYear, b.Indicator.PlanYear), cmp.Compare(a.Indicator.IssueNo, b.Indicator.IssueNo),
			cmp.Compare(a.Indicator.IndicatorNo, b.Indicator.IndicatorNo), strings.Compare(a.Where, b.Where))
	})
}
