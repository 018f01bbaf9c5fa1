package gen

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

// generate writes a data set into a fresh temporary directory.
func generate(tb testing.TB, opts Options) string {
	tb.Helper()
	opts.Out = tb.TempDir()
	if err := Generate(context.Background(), opts); err != nil {
		tb.Fatalf("Generate: %v", err)
	}
	return opts.Out
}

// table is a CSV file read back: its header and records by column name.
type table struct {
	header []string
	rows   []map[string]string
}

// readTable reads a CSV file written in encoding ("shift_jis" or UTF-8
// with or without BOM), or the first sheet of a workbook (.xlsx) with
// excelize, independently of the generator's code.
func readTable(tb testing.TB, path, encoding string) table {
	tb.Helper()
	if strings.HasSuffix(path, ".xlsx") {
		return readSheet(tb, path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if encoding == "shift_jis" {
		if raw, err = japanese.ShiftJIS.NewDecoder().Bytes(raw); err != nil {
			tb.Fatalf("decode %s: %v", path, err)
		}
	}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	t := table{header: recs[0]}
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(rec))
		for i, v := range rec {
			row[t.header[i]] = v
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// readSheet reads the first sheet of the workbook path as readTable reads
// a CSV file.
func readSheet(tb testing.TB, path string) table {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		tb.Fatal(err)
	}
	t := table{header: recs[0]}
	for _, rec := range recs[1:] {
		row := make(map[string]string, len(t.header))
		for i, h := range t.header {
			if i < len(rec) {
				row[h] = rec[i]
			} else {
				row[h] = ""
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// where returns the rows whose column col equals v.
func (t table) where(col, v string) []map[string]string {
	var out []map[string]string
	for _, r := range t.rows {
		if r[col] == v {
			out = append(out, r)
		}
	}
	return out
}

// listFiles returns the files under dir, relative and sorted.
func listFiles(tb testing.TB, dir string) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(files)
	return files
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, opts := range []Options{{}, {Wards: 2, Years: 2, Respondents: 60, Questions: 4, Seed: 7}} {
		a, b := generate(t, opts), generate(t, opts)
		fa, fb := listFiles(t, a), listFiles(t, b)
		if !slices.Equal(fa, fb) {
			t.Fatalf("file lists differ: %v vs %v", fa, fb)
		}
		for _, f := range fa {
			ba, _ := os.ReadFile(filepath.Join(a, f))
			bb, _ := os.ReadFile(filepath.Join(b, f))
			if !bytes.Equal(ba, bb) {
				t.Errorf("%s differs between two runs with %+v", f, opts)
			}
		}
	}
}

func TestGenerateSeedChangesAnswers(t *testing.T) {
	a, b := generate(t, Options{}), generate(t, Options{Seed: 2})
	f := "responses/tsurumi-kumin-2023.csv"
	ba, _ := os.ReadFile(filepath.Join(a, f))
	bb, _ := os.ReadFile(filepath.Join(b, f))
	if bytes.Equal(ba, bb) {
		t.Errorf("%s is the same with seeds 1 and 2", f)
	}
}

func TestSampleCP932Wave(t *testing.T) {
	dir := generate(t, Options{})
	sj := readTable(t, filepath.Join(dir, "surveys.csv"), "").where("encoding", "shift_jis")
	if len(sj) != 1 || sj[0]["survey_id"] != "tsurumi-kumin-2021" {
		t.Fatalf("shift_jis waves = %v, want tsurumi-kumin-2021 only", sj)
	}
	raw, err := os.ReadFile(filepath.Join(dir, sj[0]["file"]))
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(raw) {
		t.Error("CP932 file is valid UTF-8")
	}
	text, err := japanese.ShiftJIS.NewDecoder().String(string(raw))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for _, want := range []string{"①", "㈱", "問4①", "自由記述"} {
		if !strings.Contains(text, want) {
			t.Errorf("decoded file lacks %q", want)
		}
	}
	if strings.ContainsRune(text, utf8.RuneError) {
		t.Error("decoded file contains U+FFFD")
	}
	qs := readTable(t, filepath.Join(dir, "questions.csv"), "").where("survey_id", "tsurumi-kumin-2021")
	for _, q := range qs {
		if q["column"] == "自由記述" {
			t.Error("the free-text column is listed in questions.csv")
		}
	}
}

func TestSampleFileFormats(t *testing.T) {
	dir := generate(t, Options{})
	cases := []struct {
		file      string
		bom, crlf bool
	}{
		{"surveys.csv", true, true},
		{"indicators.csv", true, true},
		{"responses/tsurumi-kumin-2022.csv", true, true},
		{"responses/tsurumi-kumin-2023.csv", false, false},
		{"responses/higashisumiyoshi-kumin-2020.csv", false, false},
	}
	for _, c := range cases {
		raw, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.HasPrefix(raw, []byte("\uFEFF")); got != c.bom {
			t.Errorf("%s: BOM = %v, want %v", c.file, got, c.bom)
		}
		if got := bytes.Contains(raw, []byte("\r\n")); got != c.crlf {
			t.Errorf("%s: CRLF = %v, want %v", c.file, got, c.crlf)
		}
	}
}

// TestSampleWorkbookWave: one wave of the sample comes as a vendor's
// workbook, sheet 回答 named in surveys.csv, holding what the same wave
// written as CSV (AllCSV) holds.
func TestSampleWorkbookWave(t *testing.T) {
	dir, csvDir := generate(t, Options{}), generate(t, Options{AllCSV: true})
	books := readTable(t, filepath.Join(dir, "surveys.csv"), "").where("sheet", "回答")
	if len(books) != 1 || books[0]["file"] != "responses/higashisumiyoshi-kumin-2022.xlsx" {
		t.Fatalf("waves with a sheet: %v; want higashisumiyoshi-kumin-2022.xlsx", books)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, books[0]["file"]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"回答"}) {
		t.Errorf("sheets %q; want 回答", got)
	}
	book := readTable(t, filepath.Join(dir, books[0]["file"]), "")
	text := readTable(t, filepath.Join(csvDir, "responses/higashisumiyoshi-kumin-2022.csv"), "")
	if !slices.Equal(book.header, text.header) || !slices.EqualFunc(book.rows, text.rows, maps.Equal) || len(book.rows) == 0 {
		t.Errorf("the workbook holds other rows than the CSV file: %d rows, %d", len(book.rows), len(text.rows))
	}
	if _, err := os.Stat(filepath.Join(csvDir, books[0]["file"])); err == nil {
		t.Error("AllCSV wrote the workbook")
	}
}

func TestSampleFilesListed(t *testing.T) {
	dir := generate(t, Options{})
	listed := map[string]bool{}
	for _, s := range readTable(t, filepath.Join(dir, "surveys.csv"), "").rows {
		if _, err := os.Stat(filepath.Join(dir, s["file"])); err != nil {
			t.Errorf("wave %s: %v", s["survey_id"], err)
		}
		listed[s["file"]] = true
	}
	for _, f := range listFiles(t, dir) {
		if strings.HasPrefix(f, "responses/") && !listed[f] {
			t.Errorf("%s is not listed in surveys.csv", f)
		}
	}
	if len(listed) != 16 {
		t.Errorf("%d waves, want 16", len(listed))
	}
}

// checkWave checks one response file against questions.csv and choices.csv.
func checkWave(t *testing.T, dir string, s map[string]string, qs, cs table) {
	id := s["survey_id"]
	resp := readTable(t, filepath.Join(dir, s["file"]), s["encoding"])
	codes := map[string]bool{}
	for _, c := range cs.where("survey_id", id) {
		codes[c["key"]+"="+c["code"]] = true
	}
	for _, q := range qs.where("survey_id", id) {
		if !slices.Contains(resp.header, q["column"]) {
			t.Errorf("%s: no column %q", id, q["column"])
			continue
		}
		seen := map[string]bool{}
		for i, r := range resp.rows {
			v := r[q["column"]]
			switch q["role"] {
			case "id":
				if v == "" || seen[v] {
					t.Errorf("%s row %d: id %q empty or repeated", id, i+2, v)
				}
				seen[v] = true
			case "weight":
				if w, err := strconv.ParseFloat(v, 64); err != nil || w <= 0 {
					t.Errorf("%s row %d: weight %q", id, i+2, v)
				}
			case "multi": // the chosen codes, separated by ; or ,
				for _, c := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
					if !codes[q["key"]+"="+c] {
						t.Errorf("%s row %d: %s=%q has %s, not in choices.csv", id, i+2, q["key"], v, c)
					}
				}
			default:
				if v != "" && !codes[q["key"]+"="+v] {
					t.Errorf("%s row %d: %s=%q not in choices.csv", id, i+2, q["key"], v)
				}
			}
		}
	}
}

func TestSampleResponsesMatchChoices(t *testing.T) {
	dir := generate(t, Options{})
	qs := readTable(t, filepath.Join(dir, "questions.csv"), "")
	cs := readTable(t, filepath.Join(dir, "choices.csv"), "")
	weighted := 0
	for _, s := range readTable(t, filepath.Join(dir, "surveys.csv"), "").rows {
		checkWave(t, dir, s, qs, cs)
		ids := 0
		for _, q := range qs.where("survey_id", s["survey_id"]) {
			switch q["role"] {
			case "id":
				ids++
			case "weight":
				weighted++
			}
		}
		if ids != 1 {
			t.Errorf("%s: %d id columns", s["survey_id"], ids)
		}
	}
	if weighted != 1 {
		t.Errorf("%d weighted waves, want 1 (higashisumiyoshi-kumin-2023)", weighted)
	}
}

// publishedPercent counts an indicator on a wave the simple way: the
// respondents in the filter who answered with a code not excluded form
// the base; the percent of positives is rounded half up to 0.1.
func publishedPercent(t *testing.T, dir, surveyID, key string) string {
	t.Helper()
	s := readTable(t, filepath.Join(dir, "surveys.csv"), "").where("survey_id", surveyID)[0]
	qs := readTable(t, filepath.Join(dir, "questions.csv"), "").where("survey_id", surveyID)
	ind := readTable(t, filepath.Join(dir, "indicators.csv"), "").where("question_key", key)[0]
	column := map[string]string{}
	for _, q := range qs {
		column[q["key"]] = q["column"]
	}
	excluded := strings.Split(ind["excluded_codes"], ";")
	filterKey, filterCode, _ := strings.Cut(ind["filter"], "=")
	var n, pos int
	for _, r := range readTable(t, filepath.Join(dir, s["file"]), s["encoding"]).rows {
		v := r[column[key]]
		if v == "" || slices.Contains(excluded, v) || (filterKey != "" && r[column[filterKey]] != filterCode) {
			continue
		}
		n++
		if v == "1" || v == "2" {
			pos++
		}
	}
	tenths := (2000*pos + n) / (2 * n)
	return fmt.Sprintf("%d.%d", tenths/10, tenths%10)
}

func TestSamplePublishedValues(t *testing.T) {
	dir := generate(t, Options{})
	cases := []struct {
		key, population string
		r5, r4          string
	}{
		{"sasaeai", "kumin", "34.1", "37.8"},
		{"chikatsu_jiritsu", "chikatsukyo", "94.8", "88.4"},
		{"kenko", "kumin", "83.2", "81.6"},
		{"bosai", "kumin", "57.9", "64.4"},
		{"anzen", "kumin", "90.3", "74.8"},
		{"kosodate_shiyasui", "kumin", "87.2", "91.2"},
		{"manabi", "kumin", "27.8", "29.9"},
		{"jinken", "kumin", "57.4", "57.9"},
		{"kyoiku_hanei", "kocho", "100.0", "97.1"},
		{"koho", "kumin", "59.8", "71.3"},
		{"sdgs", "kumin", "69.8", "71.0"},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			if got := publishedPercent(t, dir, "tsurumi-"+c.population+"-2023", c.key); got != c.r5 {
				t.Errorf("令和5年度 = %s, want %s", got, c.r5)
			}
			if got := publishedPercent(t, dir, "tsurumi-"+c.population+"-2022", c.key); got != c.r4 {
				t.Errorf("令和4年度 = %s, want %s", got, c.r4)
			}
		})
	}
}

func TestSampleKohoIs59_8(t *testing.T) {
	dir := generate(t, Options{})
	if got := publishedPercent(t, dir, "tsurumi-kumin-2023", "koho"); got != "59.8" {
		t.Errorf("鶴見区 令和5年度 広報 = %s, want 59.8", got)
	}
}

func TestSampleHasSmallCells(t *testing.T) {
	dir := generate(t, Options{})
	qs := readTable(t, filepath.Join(dir, "questions.csv"), "")
	for _, s := range readTable(t, filepath.Join(dir, "surveys.csv"), "").where("population", "区民") {
		var col string
		for _, q := range qs.where("survey_id", s["survey_id"]) {
			if q["key"] == "seibetsu" {
				col = q["column"]
			}
		}
		resp := readTable(t, filepath.Join(dir, s["file"]), s["encoding"])
		var other, blank int
		for _, r := range resp.rows {
			switch r[col] {
			case "3":
				other++
			case "":
				blank++
			}
		}
		if other == 0 || other >= 10 || blank == 0 {
			t.Errorf("%s: その他・答えたくない = %d, blank = %d", s["survey_id"], other, blank)
		}
	}
}

func TestScaleCounts(t *testing.T) {
	opts := Options{Wards: 3, Years: 2, Respondents: 40, Questions: 5}
	dir := generate(t, opts)
	surveys := readTable(t, filepath.Join(dir, "surveys.csv"), "").rows
	if len(surveys) != opts.Wards*opts.Years {
		t.Fatalf("%d waves, want %d", len(surveys), opts.Wards*opts.Years)
	}
	qs := readTable(t, filepath.Join(dir, "questions.csv"), "")
	for _, s := range surveys {
		if rows := readTable(t, filepath.Join(dir, s["file"]), "").rows; len(rows) != opts.Respondents {
			t.Errorf("%s: %d respondents, want %d", s["survey_id"], len(rows), opts.Respondents)
		}
		var questions int
		for _, q := range qs.where("survey_id", s["survey_id"]) {
			if q["role"] == "question" {
				questions++
			}
		}
		if questions != opts.Questions {
			t.Errorf("%s: %d questions, want %d", s["survey_id"], questions, opts.Questions)
		}
	}
	if got := surveys[0]["ward"] + surveys[2]["ward"] + surveys[4]["ward"]; got != "北区都島区福島区" {
		t.Errorf("wards = %s", got)
	}
	if got := surveys[0]["fiscal_year"] + "," + surveys[1]["fiscal_year"]; got != "2022,2023" {
		t.Errorf("years = %s, want 2022,2023", got)
	}
	if n := len(readTable(t, filepath.Join(dir, "indicators.csv"), "").rows); n != opts.Wards*opts.Questions {
		t.Errorf("%d indicators, want %d", n, opts.Wards*opts.Questions)
	}
}

func TestScaleDefaultsAndWardSuffix(t *testing.T) {
	dir := generate(t, Options{Wards: 25, Years: 1, Respondents: 10, Questions: 1})
	surveys := readTable(t, filepath.Join(dir, "surveys.csv"), "").rows
	if len(surveys) != 25 || surveys[24]["ward"] != "北区2" || surveys[24]["survey_id"] != "kita2-kumin-2023" {
		t.Errorf("last wave = %v", surveys[len(surveys)-1])
	}
	dir = generate(t, Options{Questions: 3})
	if n := len(readTable(t, filepath.Join(dir, "surveys.csv"), "").rows); n != defaultWards*defaultYears {
		t.Errorf("%d waves with default sizes, want %d", n, defaultWards*defaultYears)
	}
}

func TestGenerateStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Generate(ctx, Options{Out: t.TempDir()})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for _, o := range []Options{{}, {Out: t.TempDir(), Wards: -1}} {
		if err := Generate(context.Background(), o); !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("Generate(%+v) = %v, want ErrInvalidOptions", o, err)
		}
	}
}

// BenchmarkGenerateScale writes 24 wards × 5 years × 2,000 respondents ×
// 30 questions: 120 response files, 240,000 rows, 7.2 million answers.
func BenchmarkGenerateScale(b *testing.B) {
	opts := Options{Out: b.TempDir(), Wards: 24, Years: 5, Respondents: 2000, Questions: 30}
	for b.Loop() {
		if err := Generate(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}
