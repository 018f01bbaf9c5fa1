package workbook

import (
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// largeSheet writes a response sheet of a large ward's survey: 3,000
// respondents, 200 columns of codes, a header of question names.
func largeSheet(b *testing.B) string {
	const rows, cols = 3000, 200
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := make([]any, cols)
	for c := range header {
		header[c] = fmt.Sprintf("問%d", c+1)
	}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for r := 2; r <= rows+1; r++ {
		row := make([]any, cols)
		for c := range row {
			row[c] = (r*7 + c) % 5
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", r), row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	return saveBook(b, f, nil)
}

// BenchmarkReadSheet reads largeSheet with Sheet, as the readers do.
func BenchmarkReadSheet(b *testing.B) {
	path := largeSheet(b)
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(b.Context(), path, "")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			if _, err := s.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			n++
		}
		s.Close()
		if n != 3001 {
			b.Fatalf("read %d rows", n)
		}
	}
}

// BenchmarkExcelizeTypedRead reads largeSheet as Sheet would have to with
// excelize alone: its Rows iterator for the values, and GetCellType and
// GetCellStyle for what the iterator does not give (an error value, a date
// format), which load the whole sheet into memory. Compare the B/op of the
// two benchmarks: this one is why Sheet streams the XML itself (package
// doc).
func BenchmarkExcelizeTypedRead(b *testing.B) {
	path := largeSheet(b)
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		for n := 1; rows.Next(); n++ {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			for c := range cells {
				ref, _ := excelize.CoordinatesToCellName(c+1, n)
				if _, err := f.GetCellType("Sheet1", ref); err != nil {
					b.Fatal(err)
				}
				if _, err := f.GetCellStyle("Sheet1", ref); err != nil {
					b.Fatal(err)
				}
			}
		}
		rows.Close()
		f.Close()
	}
}
