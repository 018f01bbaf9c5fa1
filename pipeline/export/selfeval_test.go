package export_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/export"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// sampleDrafts are the indicators of data/sample whose 自己評価 (案) the
// golden file holds, with the fiscal year exported: an A (経営課題2 ②,
// 有意に上昇, within the error of its target), a B 有意に低下 (経営課題4 ①,
// the README's example) and a B 順調 (経営課題4 ① in 令和3年度: no indicator
// of the sample is B 順調 in its latest wave, 令和5年度).
var sampleDrafts = []struct {
	row  string // ward,plan_year,issue_no,indicator_no as indicators.csv writes them
	year int
}{
	{"鶴見区,令和5年度,2,2,", 2023},
	{"鶴見区,令和5年度,4,1,", 2023},
	{"鶴見区,令和5年度,4,1,", 2021},
}

// TestSampleDraftsGolden exports data/sample as the plan CSV for 令和5年度
// and 令和3年度 and compares the column 自己評価（案） of the three
// indicators with testdata/selfeval_sample.golden (go test -update
// rewrites it).
func TestSampleDraftsGolden(t *testing.T) {
	f := refresh(t, filepath.Join("..", "..", "data", "sample"))
	var got bytes.Buffer
	for i, d := range sampleDrafts {
		path := f.mustExport(t, "draft-"+strconv.Itoa(i)+".csv", export.Options{Format: export.FormatCSV, FiscalYear: d.year})
		header, rows := readCSV(t, bytes.TrimPrefix(mustRead(t, path), bom))
		found := false
		for _, rec := range rows {
			if strings.HasPrefix(strings.Join(rec, ","), d.row) {
				row := record(header, rec)
				got.WriteString("# " + d.row + row["実績年度"] + " " + row["達成状況"] + " " + row["進捗"] + "\n" + row["自己評価（案）"] + "\n\n")
				found = true
			}
		}
		if !found {
			t.Fatalf("no row %s in the export", d.row)
		}
	}
	golden := filepath.Join("testdata", "selfeval_sample.golden")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := mustRead(t, golden); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("drafts of data/sample differ from %s:\n%s", golden, got.String())
	}
}
