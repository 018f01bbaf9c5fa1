package workbook

import (
	"fmt"
	"io"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkReadSheet reads a response sheet of a large ward's survey:
// 3,000 respondents, 200 columns of codes, a header of question names.
func BenchmarkReadSheet(b *testing.B) {
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
	path := saveBook(b, f, nil)
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
		if n != rows+1 {
			b.Fatalf("read %d rows", n)
		}
	}
}
