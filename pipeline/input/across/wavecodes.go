package across

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// checkEachWave checks code, a code of in (col: positive_codes,
// excluded_codes, filter) on key that some of waves have among key's
// choices, against each wave that lacks it: there it counts nobody.
//   - A wave that has the code's choice under another code (the label the
//     code has in the other waves) numbered it anew, and the indicator
//     would count the wrong answers (or lose its filter) that year, with
//     nothing to show for it: refused, with the code to use.
//   - A positive code a wave lacks otherwise is warned of: that year's
//     percent leaves the answer out, as its questionnaire did not offer it.
//   - An excluded or filter code a wave lacks needs nothing on its own
//     (nobody there could give it; a filter none of whose codes a wave
//     has is checkFilterCodes').
//
// It reports the waves it refused.
func checkEachWave(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, key, col string, code int) map[string]bool {
	refused := map[string]bool{}
	for _, w := range waves {
		if _, ok := ds.Choice(w.ID, key, code); ok || !hasKey(ds, w, key) {
			continue
		}
		if other, label, ok := renumbered(ds, waves, w, key, code); ok {
			c.Add(file(ds, model.IndicatorsFile), in.Line, col,
				"コード %d 「%s」 は調査 %s の設問 %q の選択肢になく、%s では同じ選択肢がコード %d です。このままでは、その年度の実績が違う回答を数えます。%s の回答ファイルと choices.csv のコードを、ほかの年度に合わせてください",
				code, label, w.ID, key, w.ID, other, w.ID)
			refused[w.ID] = true
			continue
		}
		if col == "positive_codes" {
			ds.Warn(file(ds, model.IndicatorsFile), in.Line, col,
				"コード %d は調査 %s の設問 %q の選択肢にありません (%s の実績はこの回答を数えません)。選択肢が変わったのなら、確かめてください",
				code, w.ID, key, w.ID)
		}
	}
	return refused
}

// checkFilterCodes refuses a filter clause none of whose codes a wave
// that asks its key has among the key's choices: the clause would match
// nobody there, and that year's actual would silently go missing. A wave
// refused already (a code numbered anew), or a clause whose codes no wave
// has (checkCodes refused each), is not told again.
func checkFilterCodes(c *csvfile.Collector, ds *model.Dataset, in model.Indicator, waves []model.Survey, cl model.Clause, refused map[string]bool) {
	if !slices.ContainsFunc(cl.Codes, func(code int) bool { return ds.AnyChoice(waves, cl.Key, code) }) {
		return
	}
	for _, w := range waves {
		if refused[w.ID] || !hasKey(ds, w, cl.Key) {
			continue
		}
		if !slices.ContainsFunc(cl.Codes, func(code int) bool { _, ok := ds.Choice(w.ID, cl.Key, code); return ok }) {
			c.Add(file(ds, model.IndicatorsFile), in.Line, "filter", "絞り込みのコード %s は、調査 %s の設問 %q の選択肢にありません (その年度の実績が出せません)",
				codeList(cl.Codes), w.ID, cl.Key)
		}
	}
}

// hasKey reports whether wave w asks key (a wave without it is told by
// the checks of the question and the filter key).
func hasKey(ds *model.Dataset, w model.Survey, key string) bool {
	_, ok := ds.Question(w.ID, key)
	return ok
}

// renumbered finds in wave w the choice of key that code is in the other
// waves: the one code of w whose label (compared as checkLabels does) is
// a label code has there. It returns that code and the label.
func renumbered(ds *model.Dataset, waves []model.Survey, w model.Survey, key string, code int) (int, string, bool) {
	labels := map[string]string{} // labelKey → label, of code in the other waves
	for _, o := range waves {
		if ch, ok := ds.Choice(o.ID, key, code); ok && o.ID != w.ID && labelKey(ch.Label) != "" {
			labels[labelKey(ch.Label)] = ch.Label
		}
	}
	var found []model.Choice
	for _, ch := range ds.ChoicesOf(w.ID, key) {
		if _, ok := labels[labelKey(ch.Label)]; ok {
			found = append(found, ch)
		}
	}
	if len(found) != 1 {
		return 0, "", false
	}
	return found[0].Code, labels[labelKey(found[0].Label)], true
}

// codeList writes codes as indicators.csv does: 1;2.
func codeList(codes []int) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, ";")
}
