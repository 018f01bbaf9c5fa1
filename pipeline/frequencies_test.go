package pipeline

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/compute"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// TestSampleFrequencies refreshes data/sample and checks its 単純集計
// (frequencies.csv) against the response file of an unweighted wave read
// here with encoding/csv: every code of choices.csv and 無回答 has a row;
// a shown row has the count of the file and n/回答者数 rounded half up; a
// hidden row has no number; each question's hidden rows are none, or two
// or more holding at least 10 respondents, every cell under 10 among them;
// the rows of a question add up to the wave's respondents. Every wave of
// the sample has its page, linked from its ward's page.
func TestSampleFrequencies(t *testing.T) {
	ds, opts := refreshSample(t)
	rows := readTable(t, filepath.Join(opts.Out, FrequenciesFile))
	const wave = "tsurumi-kumin-2023"
	counts, respondents := countFile(t, ds, wave)
	checked := 0
	for key, byCode := range groupRows(rows, wave) {
		want := counts[key]
		var hidden, hiddenN, total int
		for code, r := range byCode {
			n := want[code]
			total += n
			if r["suppressed"] == "true" {
				if r["n"] != "" || r["percent"] != "" {
					t.Errorf("%s %s %s: hidden row with numbers %v", wave, key, code, r)
				}
				hidden, hiddenN = hidden+1, hiddenN+n
				continue
			}
			if n > 0 && n < compute.SuppressBelow { // shown: under 10 only when 0
				t.Errorf("%s %s %s: %d respondents shown", wave, key, code, n)
			}
			pct := fmt.Sprintf("%.1f", math.Floor(float64(n)*1000/float64(respondents)+0.5)/10)
			if r["n"] != strconv.Itoa(n) || r["percent"] != pct {
				t.Errorf("%s %s %s: n %s, %s%%; the file has %d, %s%%", wave, key, code, r["n"], r["percent"], n, pct)
			}
			checked++
		}
		if hidden > 0 && (hidden < 2 || hiddenN < compute.SuppressBelow) && !linkedKey(ds, wave, key) {
			t.Errorf("%s %s: %d hidden rows holding %d respondents", wave, key, hidden, hiddenN)
		}
		if total != respondents {
			t.Errorf("%s %s: rows add up to %d of %d respondents", wave, key, total, respondents)
		}
		for _, ch := range ds.ChoicesOf(wave, key) {
			if _, ok := byCode[strconv.Itoa(ch.Code)]; !ok {
				t.Errorf("%s %s: no row for code %d %s", wave, key, ch.Code, ch.Label)
			}
		}
	}
	if checked < 50 {
		t.Errorf("%d shown rows checked; want the whole wave", checked)
	}
	checkLinked(t, ds, rows, readTable(t, filepath.Join(opts.Out, ActualsFile)))
	ward := readFile(t, filepath.Join(opts.Out, "ward-tsurumi.html"))
	for _, s := range ds.Surveys {
		page := "simple-" + s.ID + ".html"
		if _, err := os.Stat(filepath.Join(opts.Out, page)); err != nil {
			t.Errorf("no 単純集計 page for %s: %v", s.ID, err)
		}
		if s.Ward == "鶴見区" && !containsLink(ward, page) {
			t.Errorf("ward-tsurumi.html has no link to %s", page)
		}
	}
}

// checkLinked solves the 単純集計 with the published actuals of every
// wave of the sample: for an unfiltered indicator, n_positive minus the
// shown positive rows is what its hidden positive rows hold together, and
// n_valid minus the shown base rows what its hidden base rows hold. Either
// must be nothing, or be spread over two hidden rows or more (empty rows
// may be among them): no hidden row is worked out.
func checkLinked(t *testing.T, ds *model.Dataset, freq, actuals []map[string]string) {
	t.Helper()
	solved := 0
	for _, a := range actuals {
		var in model.Indicator
		for _, x := range ds.Indicators {
			if x.Ward == a["ward"] && strconv.Itoa(x.PlanYear) == a["plan_year"] && strconv.Itoa(x.IssueNo) == a["issue_no"] && strconv.Itoa(x.IndicatorNo) == a["indicator_no"] {
				in = x
			}
		}
		if q, _ := ds.Question(a["survey_id"], in.QuestionKey); len(in.Filter) > 0 || q.Role == model.RoleMulti {
			continue // a 複数回答 question's rows overlap: they add up to nothing published
		}
		rows := groupRows(freq, a["survey_id"])[in.QuestionKey]
		for _, set := range []struct {
			total string
			in    func(code int) bool
		}{
			{"n_positive", func(c int) bool { return slices.Contains(in.PositiveCodes, c) }},
			{"n_valid", func(c int) bool { return !slices.Contains(in.ExcludedCodes, c) }},
		} {
			left, hidden := atoi(a[set.total]), 0
			for code, r := range rows {
				c, err := strconv.Atoi(code)
				if err != nil || !set.in(c) {
					continue
				}
				if r["suppressed"] == "true" {
					hidden++
				} else {
					left -= atoi(r["n"])
				}
			}
			if left < 0 || hidden == 1 {
				t.Errorf("%s %s: %s gives %d respondents in %d hidden rows", a["survey_id"], in.QuestionKey, set.total, left, hidden)
			}
			solved++
		}
	}
	if solved == 0 {
		t.Error("no actual checked against the 単純集計")
	}
}

// linkedKey reports whether an unfiltered indicator measures key in the
// wave: its published n_valid and n_positive then tell groups of the codes
// apart, and checkLinked checks the question instead.
func linkedKey(ds *model.Dataset, wave, key string) bool {
	for _, in := range ds.Indicators {
		if in.QuestionKey == key && len(in.Filter) == 0 && measures(ds, in, wave) {
			return true
		}
	}
	return false
}

func measures(ds *model.Dataset, in model.Indicator, wave string) bool {
	for _, s := range ds.Waves(in) {
		if s.ID == wave {
			return true
		}
	}
	return false
}

func containsLink(page, file string) bool { return strings.Contains(page, `href="`+file+`"`) }

// countFile counts the codes of every question and attribute of a wave in
// its response file (UTF-8, read with encoding/csv): code "" is 無回答.
func countFile(t *testing.T, ds *model.Dataset, wave string) (map[string]map[string]int, int) {
	t.Helper()
	var s model.Survey
	for _, x := range ds.Surveys {
		if x.ID == wave {
			s = x
		}
	}
	rows := readTable(t, filepath.Join(ds.Dir, s.File))
	out := map[string]map[string]int{}
	for _, q := range ds.QuestionsOf(wave) {
		if q.Role != model.RoleQuestion && q.Role != model.RoleAttribute {
			continue
		}
		m := map[string]int{}
		for _, r := range rows {
			code := r[q.Column]
			if ch, ok := ds.Choice(wave, q.Key, atoi(code)); code != "" && ok && ch.Kind != model.KindAnswer {
				code = ""
			}
			m[code]++
		}
		out[q.Key] = m
	}
	return out, len(rows)
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// groupRows are the rows of one wave by key and code ("" for 無回答).
func groupRows(rows []map[string]string, wave string) map[string]map[string]map[string]string {
	out := map[string]map[string]map[string]string{}
	for _, r := range rows {
		if r["survey_id"] != wave {
			continue
		}
		if out[r["key"]] == nil {
			out[r["key"]] = map[string]map[string]string{}
		}
		out[r["key"]][r["code"]] = r
	}
	return out
}
