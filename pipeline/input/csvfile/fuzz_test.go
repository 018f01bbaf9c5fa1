package csvfile

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

var fuzzEncodings = []string{EncodingAuto, EncodingUTF8, EncodingShiftJIS}

// FuzzReadCSV feeds arbitrary bytes, in each declared encoding, to the
// streaming reader of every input file (ReadFrom). It must never panic,
// every problem must point at a line of the file, and a file it accepts
// must give the records encoding/csv gives for the whole file decoded at
// once in the encoding the reader chose. Corpus: testdata/fuzz/FuzzReadCSV.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("No,F1,問3\n1,1,2\n2,,3\n"), uint8(0))
	f.Add([]byte("\xef\xbb\xbfa,b\r\n1,2\r\n\r\n"), uint8(1))
	f.Add([]byte("\x89\xf1\x93\x9a,F1\r\n1,\x87\x40\r\n"), uint8(2))
	f.Add([]byte("a,b\n\"x\ny\",2\n1\n"), uint8(0))
	f.Add([]byte("a,b\n1,\"2\n"), uint8(0))
	f.Add([]byte("a\x00b\n"), uint8(1))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte("a,b\r1,2\r"), uint8(0))
	f.Add([]byte("\xff\xfea\x00,\x00b\x00"), uint8(0))
	f.Add([]byte("\xff\xfea\x00\t\x00b\x00\r\x00\n\x001\x00\t\x00\"\x00x\x00\n\x00y\x00\"\x00"), uint8(1))
	f.Add([]byte("\xfe\xff\x00a\x00\t\x00b\x00\n\x001\x00\t\xd8\x00"), uint8(2))
	f.Add([]byte("\xef\xbb\xbfa,\x96\xe2\n1,2\n"), uint8(2))
	f.Add([]byte("a,b\n\"\xe3\x81\n\x82\",1\n2,3\n"), uint8(0))
	f.Add([]byte("title,\n,\nnote\na,b\n1,2\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		encoding := fuzzEncodings[int(enc)%len(fuzzEncodings)]
		lines := bytes.Count(data, []byte{'\n'}) + 1
		src := bytesSource{bytes.NewReader(data)}
		tab, err := ReadFrom(context.Background(), "f.csv", src, encoding, []string{"a"}, keepRows{})
		if err != nil {
			p, ok := AsProblems(err)
			if !ok || len(p) == 0 {
				t.Fatalf("ReadFrom error %v is not Problems", err)
			}
			for _, e := range p {
				checkLine(t, e, lines)
			}
			return
		}
		checkTable(t, tab, lines)
		checkSameRecords(t, data, tab)
	})
}

// oracleSeparator is the separator of text, decoded: a tab when the first
// of its first lines (up to maxLeadingRows) that holds a tab or a comma
// holds a tab and no comma, or for UTF-16 when its first line holds a tab.
func oracleSeparator(text []byte, utf16 bool) rune {
	lines := strings.SplitN(string(text), "\n", maxLeadingRows+1)
	if utf16 {
		if strings.Contains(lines[0], "\t") {
			return '\t'
		}
		return ','
	}
	for _, l := range lines[:min(len(lines), maxLeadingRows)] {
		if strings.Contains(l, ",") {
			return ','
		}
		if strings.Contains(l, "\t") {
			return '\t'
		}
	}
	return ','
}

func checkLine(t *testing.T, e *InputError, lines int) {
	t.Helper()
	if e.Line < 0 || e.Line > lines+1 {
		t.Fatalf("problem at line %d of a %d-line file: %v", e.Line, lines, e)
	}
	if e.Msg == "" || e.File != "f.csv" {
		t.Fatalf("problem without message or file: %#v", e)
	}
}

func checkTable(t *testing.T, tab *Table, lines int) {
	t.Helper()
	if !tab.Has("a") {
		t.Fatal("required column a missing without a problem")
	}
	last := 1
	for _, r := range tab.Rows {
		if len(r.Fields) != len(tab.Header) || allEmpty(r.Fields) {
			t.Fatalf("row at line %d: %d fields, header %d", r.Line, len(r.Fields), len(tab.Header))
		}
		if r.Line <= last || r.Line > lines {
			t.Fatalf("row at line %d after line %d of %d", r.Line, last, lines)
		}
		last = r.Line
	}
}

// checkSameRecords decodes data whole in the encoding tab was read in and
// parses it with encoding/csv at once: the header and the non-empty rows
// must be those the streaming reader gave.
func checkSameRecords(t *testing.T, data []byte, tab *Table) {
	t.Helper()
	data = bytes.TrimPrefix(data, utf8BOM)
	comma := ','
	var err error
	switch tab.Encoding {
	case EncodingShiftJIS:
		data, err = japanese.ShiftJIS.NewDecoder().Bytes(data)
	case EncodingUTF16LE:
		data, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
	case EncodingUTF16BE:
		data, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(data)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		t.Fatalf("accepted as %s but not valid UTF-8", tab.Encoding)
	}
	comma = oracleSeparator(data, isUTF16(tab.Encoding))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("accepted, but encoding/csv fails: %v", err)
	}
	// The records above the header are the title's, in order.
	at := 0
	for at < len(recs)-1 && at < len(tab.Title) && slices.Equal(recs[at], tab.Title[at].Fields) {
		at++
	}
	if at != len(tab.Title) {
		t.Fatalf("title %v; encoding/csv gives %q above the header", tab.Title, recs[:at])
	}
	for _, r := range tab.Title {
		texts := 0
		for _, f := range r.Fields {
			if k := ColumnKey(f); k == "a" {
				t.Fatalf("title row %q names the required column", r.Fields)
			} else if k != "" {
				texts++
			}
		}
		if texts > 2 {
			t.Fatalf("title row %q has %d cells of text", r.Fields, texts)
		}
	}
	if len(tab.Title) > maxLeadingRows {
		t.Fatalf("%d title rows", len(tab.Title))
	}
	for i, h := range recs[at] {
		if i >= len(tab.Header) || strings.TrimSpace(h) != tab.Header[i] {
			t.Fatalf("header %q; encoding/csv gives %q", tab.Header, recs[at])
		}
	}
	var rows [][]string
	for _, rec := range recs[at+1:] {
		if !allEmpty(rec) {
			rows = append(rows, rec)
		}
	}
	if len(rows) != len(tab.Rows) {
		t.Fatalf("%d rows; encoding/csv gives %d", len(tab.Rows), len(rows))
	}
	for i, rec := range rows {
		if !slices.Equal(rec, tab.Rows[i].Fields) {
			t.Fatalf("row %d = %q; encoding/csv gives %q", i+1, tab.Rows[i].Fields, rec)
		}
	}
}
