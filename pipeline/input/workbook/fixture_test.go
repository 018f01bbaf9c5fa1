package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// saveBook writes the workbook f, built with excelize, to a file of a test
// folder, with the parts named in patch changed: patch maps a part name
// (xl/worksheets/sheet1.xml) to a function of its XML. excelize writes
// neither error values nor formulas with their results, which Excel does.
func saveBook(t testing.TB, f *excelize.File, patch map[string]func(string) string) string {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if len(patch) > 0 {
		data = patchZip(t, data, patch)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func patchZip(t testing.TB, data []byte, patch map[string]func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := patch[zf.Name]; ok {
			content = []byte(p(string(content)))
			delete(patch, zf.Name)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(content); err != nil {
			t.Fatal(err)
		}
	}
	for name := range patch {
		t.Fatalf("no part %s to patch", name)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// setCells returns a patch that replaces the cells of a sheet's XML, by
// reference, with raw XML. Each cell must exist (give it any value first).
func setCells(t *testing.T, cells map[string]string) func(string) string {
	return func(xml string) string {
		for ref, raw := range cells {
			re := regexp.MustCompile(`<c r="` + ref + `"[^>]*>.*?</c>`)
			if !re.MatchString(xml) {
				t.Fatalf("no cell %s to patch", ref)
			}
			xml = re.ReplaceAllLiteralString(xml, raw)
		}
		return xml
	}
}

// replace returns a patch that replaces old, which must occur, with new.
func replace(t *testing.T, old, new string) func(string) string {
	return func(xml string) string {
		if !strings.Contains(xml, old) {
			t.Fatalf("no %q to patch", old)
		}
		return strings.Replace(xml, old, new, 1)
	}
}

// set sets cells of sheet from a map of reference to value.
func set(t *testing.T, f *excelize.File, sheet string, cells map[string]any) {
	t.Helper()
	for ref, v := range cells {
		if err := f.SetCellValue(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
}

// style gives the cells of sheet from..to the number format id, or the
// custom format code when code is not "".
func style(t *testing.T, f *excelize.File, sheet, from, to string, id int, code string) {
	t.Helper()
	s := &excelize.Style{NumFmt: id}
	if code != "" {
		s.CustomNumFmt = &code
	}
	st, err := f.NewStyle(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheet, from, to, st); err != nil {
		t.Fatal(err)
	}
}

// readAll reads every row of sheet of the workbook path.
func readAll(t *testing.T, path, sheet string) []Row {
	t.Helper()
	s, err := Open(t.Context(), path, sheet)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	var rows []Row
	for {
		r, err := s.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("Next after %d rows: %v", len(rows), err)
		}
		r.Cells = append([]string(nil), r.Cells...)
		rows = append(rows, r)
	}
}
