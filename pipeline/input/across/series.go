package across

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/csvfile"
	"github.com/shihyo/shihyo/pipeline/input/model"
	"github.com/shihyo/shihyo/pipeline/input/series"
	"github.com/shihyo/shihyo/pipeline/input/wareki"
)

// seriesColumns are the columns a row's series is read from.
var seriesColumns = []string{"ward", "plan_year", "issue_no", "indicator_no", "population", "question_key",
	"positive_codes", "excluded_codes", "filter"}

// checkSeries reports rows that would make an indicator's history across
// plans ambiguous (package series): a series name used for rows that count
// something else, two rows of one series in the same plan year, and a row
// without a series name that counts what a named series counts (it would
// be a second indicator with the same numbers). A row whose columns have
// a defect is left out: the defect explains it.
func checkSeries(c *csvfile.Collector, ds *model.Dataset, d *defects) {
	type yearKey struct {
		k    series.Key
		year int
	}
	file := file(ds, model.IndicatorsFile)
	first := map[series.Key]model.Indicator{} // the first row of a named series
	counted := namedCountings(ds, d)
	inYear := map[yearKey]model.Indicator{}
	for _, in := range ds.Indicators {
		if d.row(model.IndicatorsFile, in.Line, seriesColumns...) {
			continue
		}
		named := strings.TrimSpace(in.Series) != ""
		byCount := series.Key{Ward: in.Ward, Name: series.Derived(in)}
		k := series.KeyOf(in)
		if f, ok := first[k]; ok && named && series.Derived(f) != series.Derived(in) {
			c.Add(file, in.Line, "series", "series「%s」は %d 行目と数え方が違います（%s）: 同じ series には同じ対象・設問・コード・filter の行だけを書いてください。数え方を変えたなら別の series 名にしてください",
				k.Name, f.Line, strings.Join(differences(f, in), "・"))
			continue
		}
		if f, ok := counted[byCount]; ok && !named {
			c.Add(file, in.Line, "series", "series が空欄ですが、%d 行目（series「%s」）と同じ数え方です: 同じ指標なら series に「%s」と書いてください（空欄のままでは別の指標になります）",
				f.Line, strings.TrimSpace(f.Series), strings.TrimSpace(f.Series))
			continue
		}
		if _, ok := first[k]; !ok && named {
			first[k] = in
		}
		y := yearKey{k, in.PlanYear}
		if f, ok := inYear[y]; ok && !(f.IssueNo == in.IssueNo && f.IndicatorNo == in.IndicatorNo) {
			c.Add(file, in.Line, "", "%d 行目と同じ指標（%s）が%sの運営方針に 2 行あります: 1 つの運営方針には 1 指標 1 行にしてください",
				f.Line, sameBy(named, k.Name), wareki.Label(in.PlanYear))
			continue
		}
		if _, ok := inYear[y]; !ok {
			inYear[y] = in
		}
	}
}

// namedCountings are the first row of each counting (series.Derived) of
// a ward that a named series has.
func namedCountings(ds *model.Dataset, d *defects) map[series.Key]model.Indicator {
	out := map[series.Key]model.Indicator{}
	for _, in := range ds.Indicators {
		k := series.Key{Ward: in.Ward, Name: series.Derived(in)}
		if _, ok := out[k]; !ok && strings.TrimSpace(in.Series) != "" && !d.row(model.IndicatorsFile, in.Line, seriesColumns...) {
			out[k] = in
		}
	}
	return out
}

// sameBy says what makes two rows one indicator.
func sameBy(named bool, name string) string {
	if named {
		return fmt.Sprintf("series「%s」", name)
	}
	return "series が空欄で、区・population・question_key・positive_codes・excluded_codes・filter が同じ"
}

// differences are the columns in which b counts otherwise than a.
func differences(a, b model.Indicator) []string {
	var out []string
	add := func(col string, same bool) {
		if !same {
			out = append(out, col)
		}
	}
	da, db := strings.Split(series.Derived(a), "|"), strings.Split(series.Derived(b), "|")
	for i, col := range []string{"population", "question_key", "positive_codes", "excluded_codes", "filter"} {
		add(col, slices.Equal(da[i:i+1], db[i:i+1]))
	}
	return out
}
