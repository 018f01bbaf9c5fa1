package main

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	_ "github.com/marcboeker/go-duckdb"
)

type row map[string]string

func readCSV(path string) []row {
	f, err := os.Open(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		panic(fmt.Sprint(path, err))
	}
	hdr := recs[0]
	hdr[0] = strings.TrimPrefix(hdr[0], "\ufeff")
	var out []row
	for _, rec := range recs[1:] {
		m := row{}
		for i, h := range hdr {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		out = append(out, m)
	}
	return out
}

type choice struct {
	code        int
	label, kind string
}

type clause struct {
	key   string
	codes map[int]bool
}

type ind struct {
	id             string // ward issue-no
	ward, planYear string
	issue, no      string
	pop, q         string
	pos, excl      map[int]bool
	filter         []clause
	filterText     string
}

type survey struct {
	id, ward, pop string
}

type data struct {
	choices   map[string]map[string][]choice // survey -> key -> choices
	roles     map[string]map[string]string   // survey -> key -> role
	surveys   map[string]survey
	inds      []*ind
	actuals   []row
	breakdown []row
	freqs     []row
}

func codeset(s string) map[int]bool {
	m := map[int]bool{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ' ' || r == ',' }) {
		c, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			panic("code " + p)
		}
		m[c] = true
	}
	return m
}

func parseFilter(s string) []clause {
	var out []clause
	if strings.TrimSpace(s) == "" {
		return nil
	}
	for _, c := range strings.Split(s, "&") {
		kv := strings.SplitN(strings.TrimSpace(c), "=", 2)
		out = append(out, clause{key: strings.TrimSpace(kv[0]), codes: codeset(kv[1])})
	}
	return out
}

func load(dataDir, outDir string) *data {
	d := &data{choices: map[string]map[string][]choice{}, roles: map[string]map[string]string{}, surveys: map[string]survey{}}
	for _, r := range readCSV(filepath.Join(dataDir, "choices.csv")) {
		s := r["survey_id"]
		if d.choices[s] == nil {
			d.choices[s] = map[string][]choice{}
		}
		c, _ := strconv.Atoi(r["code"])
		k := r["kind"]
		switch k {
		case "無回答":
			k = "missing"
		case "非該当":
			k = "not_applicable"
		case "無回答と合算":
			k = "with_blank"
		case "answer":
			k = ""
		}
		d.choices[s][r["key"]] = append(d.choices[s][r["key"]], choice{c, r["label"], k})
	}
	for _, r := range readCSV(filepath.Join(dataDir, "questions.csv")) {
		s := r["survey_id"]
		if d.roles[s] == nil {
			d.roles[s] = map[string]string{}
		}
		d.roles[s][r["key"]] = r["role"]
	}
	for _, r := range readCSV(filepath.Join(dataDir, "surveys.csv")) {
		d.surveys[r["survey_id"]] = survey{r["survey_id"], r["ward"], r["population"]}
	}
	for _, r := range readCSV(filepath.Join(dataDir, "indicators.csv")) {
		i := &ind{ward: r["ward"], planYear: r["plan_year"], issue: r["issue_no"], no: r["indicator_no"], pop: r["population"], q: r["question_key"],
			pos: codeset(r["positive_codes"]), excl: codeset(r["excluded_codes"]), filter: parseFilter(r["filter"]), filterText: r["filter"]}
		i.id = fmt.Sprintf("%s %s-%s", i.ward, i.issue, i.no)
		d.inds = append(d.inds, i)
	}
	d.actuals = readCSV(filepath.Join(outDir, "actuals.csv"))
	d.breakdown = readCSV(filepath.Join(outDir, "breakdowns.csv"))
	d.freqs = readCSV(filepath.Join(outDir, "frequencies.csv"))
	return d
}

// microdata: respondent -> key -> code (absent = blank)
type micro struct {
	resp     []int
	ans      map[int]map[string]int
	weighted bool
}

func loadMicro(db *sql.DB, sid string) *micro {
	m := &micro{ans: map[int]map[string]int{}}
	rows, err := db.Query(`select r.respondent_no from respondents r join waves w using (wave_id) where w.survey_id = ? order by 1`, sid)
	if err != nil {
		panic(err)
	}
	for rows.Next() {
		var n int
		rows.Scan(&n)
		m.resp = append(m.resp, n)
		m.ans[n] = map[string]int{}
	}
	rows.Close()
	rows, err = db.Query(`select respondent_no, key, code from answers where survey_id = ?`, sid)
	if err != nil {
		panic(err)
	}
	for rows.Next() {
		var n, c int
		var k string
		rows.Scan(&n, &k, &c)
		if m.ans[n] == nil {
			panic(fmt.Sprint("answer of unknown respondent ", sid, n))
		}
		m.ans[n][k] = c
	}
	rows.Close()
	sort.Ints(m.resp)
	return m
}
