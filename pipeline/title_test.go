package pipeline

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
)

// TestVendorFiles: data/sample with title rows above the header of
// response files (CSV in CP932 and in UTF-8 with its BOM, and the sheet of
// a workbook) and of definition files, with 全角 column names in a response
// file's header, with a response file saved as tab-separated text and
// with one exported as a statistics package writes numbers (3.00 for 3)
// and one as R writes blanks (NA), publishes the same site as without
// them.
func TestVendorFiles(t *testing.T) {
	ctx := context.Background()
	_, plain := refreshSample(t)
	data := filepath.Join(t.TempDir(), "data")
	if err := os.CopyFS(data, os.DirFS(filepath.Join("..", "data", "sample"))); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"responses/tsurumi-kumin-2021.csv", "responses/tsurumi-kumin-2023.csv", "indicators.csv", "choices.csv"} {
		addTitle(t, filepath.Join(data, filepath.FromSlash(name)))
	}
	addSheetTitle(t, filepath.Join(data, "responses", "higashisumiyoshi-kumin-2022.xlsx"), "回答")
	wide := filepath.Join(data, "responses", "tsurumi-chikatsukyo-2023.csv")
	b, err := os.ReadFile(wide)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := bytes.Cut(b, []byte("\n"))
	head = []byte(strings.NewReplacer("No", "Ｎｏ", "F1", "Ｆ１", "問3", "問３").Replace(string(head)))
	if !bytes.HasPrefix(head, []byte("Ｎｏ,Ｆ１,問３")) {
		t.Fatalf("%s: header %q", wide, head)
	}
	if err := os.WriteFile(wide, append(append(head, '\n'), rest...), 0o644); err != nil {
		t.Fatal(err)
	}
	toTabs(t, data, "responses/tsurumi-kocho-2022.csv", "responses/tsurumi-kocho-2022.txt")
	toDecimals(t, filepath.Join(data, "responses", "tsurumi-kumin-2022.csv"))
	toNA(t, filepath.Join(data, "responses", "higashisumiyoshi-kumin-2023.csv"))
	opts := Options{DataDir: data, DB: filepath.Join(t.TempDir(), "s.duckdb"), Out: filepath.Join(t.TempDir(), "out")}
	if _, err := Refresh(ctx, opts); err != nil {
		t.Fatalf("Refresh with title rows: %v", err)
	}
	got, want := publishedFiles(t, opts.Out), publishedFiles(t, plain.Out)
	if !maps.Equal(got, want) {
		for name := range want {
			if got[name] != want[name] {
				t.Errorf("%s differs with title rows", name)
			}
		}
	}
}

// addTitle puts a vendor's title, the date and an empty row above the
// header of the CSV file at path, in the file's own encoding (CP932 unless
// it is UTF-8), after its BOM.
func addTitle(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	bom := []byte{0xEF, 0xBB, 0xBF}
	body := bytes.TrimPrefix(b, bom)
	title := []byte("令和5年度 区民アンケート 回答データ,\r\n出力日,2024/04/01\r\n,\r\n")
	if !utf8.Valid(body) {
		if title, err = japanese.ShiftJIS.NewEncoder().Bytes(title); err != nil {
			t.Fatal(err)
		}
	}
	out := append(append(b[:len(b)-len(body):len(b)-len(body)], title...), body...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// addSheetTitle inserts a title row and a blank row above the header of
// sheet in the workbook at path.
func addSheetTitle(t *testing.T, path, sheet string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.InsertRows(sheet, 1, 2); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheet, "A1", "令和4年度 東住吉区 区民アンケート"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// toDecimals writes every whole number of the CSV file at path (a file
// without quoted cells) below its header with two decimal places, as SPSS
// exports a variable of its default format F8.2: 3 becomes 3.00.
func toDecimals(t *testing.T, path string) {
	t.Helper()
	rewriteFields(t, path, 1000, func(f []byte) []byte {
		if len(f) > 0 && len(bytes.Trim(f, "0123456789")) == 0 {
			return append(f, ".00"...)
		}
		return nil
	})
}

// toNA writes NA in every empty cell of the CSV file at path (a file
// without quoted cells) below its header, as R's write.csv writes a
// missing value.
func toNA(t *testing.T, path string) {
	t.Helper()
	rewriteFields(t, path, 100, func(f []byte) []byte {
		if len(f) == 0 {
			return []byte("NA")
		}
		return nil
	})
}

// rewriteFields replaces each field below the header of the CSV file at
// path (a file without quoted cells; LF or CRLF) by what to returns for
// it, leaving it as it is when to returns nil; it fails unless at least
// least fields were replaced (a whole file's, not a few lines').
func rewriteFields(t *testing.T, path string, least int, to func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsRune(b, '"') {
		t.Fatalf("%s has quoted cells", path)
	}
	lines := bytes.Split(b, []byte("\n"))
	changed := 0
	for i := 1; i < len(lines); i++ {
		body, crlf := bytes.CutSuffix(lines[i], []byte("\r"))
		if len(body) == 0 {
			continue
		}
		fields := bytes.Split(body, []byte(","))
		for j, f := range fields {
			if g := to(f); g != nil {
				fields[j] = g
				changed++
			}
		}
		lines[i] = bytes.Join(fields, []byte(","))
		if crlf {
			lines[i] = append(lines[i], '\r')
		}
	}
	if changed < least {
		t.Fatalf("%s: %d fields rewritten; want %d or more, a whole file's", path, changed, least)
	}
	if err := os.WriteFile(path, bytes.Join(lines, []byte("\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// toTabs writes the response file csv of data again as tab-separated text
// named txt (Excel's 「テキスト (タブ区切り)」), and names it in surveys.csv.
func toTabs(t *testing.T, data, csv, txt string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(data, filepath.FromSlash(csv)))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.ContainsRune(b, '"') {
		t.Fatalf("%s has quoted cells: commas cannot simply become tabs", csv)
	}
	if err := os.WriteFile(filepath.Join(data, filepath.FromSlash(txt)), bytes.ReplaceAll(b, []byte(","), []byte("\t")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(data, filepath.FromSlash(csv))); err != nil {
		t.Fatal(err)
	}
	surveys := filepath.Join(data, "surveys.csv")
	s, err := os.ReadFile(surveys)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(s, []byte(csv)) {
		t.Fatalf("surveys.csv does not name %s", csv)
	}
	if err := os.WriteFile(surveys, bytes.ReplaceAll(s, []byte(csv), []byte(txt)), 0o644); err != nil {
		t.Fatal(err)
	}
}
