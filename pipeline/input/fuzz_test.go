package input

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

var fuzzEncodings = []string{EncodingAuto, EncodingUTF8, EncodingShiftJIS}

// FuzzReadCSV feeds arbitrary bytes, in each declared encoding, to the
// streaming reader of every input file (readFrom). It must never panic,
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
	f.Add([]byte("\xef\xbb\xbfa,\x96\xe2\n1,2\n"), uint8(2))
	f.Add([]byte("a,b\n\"\xe3\x81\n\x82\",1\n2,3\n"), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		encoding := fuzzEncodings[int(enc)%len(fuzzEncodings)]
		lines := bytes.Count(data, []byte{'\n'}) + 1
		src := bytesSource{bytes.NewReader(data)}
		tab, err := readFrom(context.Background(), "f.csv", src, encoding, []string{"a"}, keepRows{})
		if err != nil {
			p, ok := AsProblems(err)
			if !ok || len(p) == 0 {
				t.Fatalf("readFrom error %v is not Problems", err)
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

func checkLine(t *testing.T, e *InputError, lines int) {
	t.Helper()
	if e.Line < 0 || e.Line > lines+1 {
		t.Fatalf("problem at line %d of a %d-line file: %v", e.Line, lines, e)
	}
	if e.Msg == "" || e.File != "f.csv" {
		t.Fatalf("problem without message or file: %#v", e)
	}
}

func checkTable(t *testing.T, tab *table, lines int) {
	t.Helper()
	if !tab.has("a") {
		t.Fatal("required column a missing without a problem")
	}
	last := 1
	for _, r := range tab.rows {
		if len(r.fields) != len(tab.header) || allEmpty(r.fields) {
			t.Fatalf("row at line %d: %d fields, header %d", r.line, len(r.fields), len(tab.header))
		}
		if r.line <= last || r.line > lines {
			t.Fatalf("row at line %d after line %d of %d", r.line, last, lines)
		}
		last = r.line
	}
}

// checkSameRecords decodes data whole in the encoding tab was read in and
// parses it with encoding/csv at once: the header and the non-empty rows
// must be those the streaming reader gave.
func checkSameRecords(t *testing.T, data []byte, tab *table) {
	t.Helper()
	data = bytes.TrimPrefix(data, utf8BOM)
	if tab.encoding == EncodingShiftJIS {
		var err error
		if data, err = japanese.ShiftJIS.NewDecoder().Bytes(data); err != nil {
			t.Fatal(err)
		}
	} else if !utf8.Valid(data) {
		t.Fatalf("accepted as %s but not valid UTF-8", tab.encoding)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("accepted, but encoding/csv fails: %v", err)
	}
	var rows [][]string
	for _, rec := range recs[1:] {
		if !allEmpty(rec) {
			rows = append(rows, rec)
		}
	}
	if len(rows) != len(tab.rows) {
		t.Fatalf("%d rows; encoding/csv gives %d", len(tab.rows), len(rows))
	}
	for i, rec := range rows {
		if !slices.Equal(rec, tab.rows[i].fields) {
			t.Fatalf("row %d = %q; encoding/csv gives %q", i+1, tab.rows[i].fields, rec)
		}
	}
}

// FuzzParseFilter checks that every filter ParseFilter accepts is written
// back by FormatFilter in a form that reads as the same clauses, and that
// the written form is stable. Corpus: testdata/fuzz/FuzzParseFilter.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "kosodate=1", "kosodate=1 & nendai=5;6", "ｋｏｓｏｄａｔｅ＝１", "a=1、2,3", "k=1 & k=2", "a=;", "=1", "a_1=０１;+2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ParseFilter(s)
		if err != nil {
			return
		}
		text := FormatFilter(cs)
		back, err := ParseFilter(text)
		if err != nil {
			t.Fatalf("ParseFilter(%q) = %v, written %q, which does not parse: %v", s, cs, text, err)
		}
		if !slices.EqualFunc(cs, back, func(a, b Clause) bool { return a.Key == b.Key && slices.Equal(a.Codes, b.Codes) }) {
			t.Fatalf("ParseFilter(%q) = %v; written %q reads back as %v", s, cs, text, back)
		}
		if again := FormatFilter(back); again != text {
			t.Fatalf("FormatFilter is not stable: %q then %q", text, again)
		}
		for _, c := range cs {
			if !ValidKey(c.Key) || len(c.Codes) == 0 || !slices.IsSorted(c.Codes) {
				t.Fatalf("clause %+v of %q", c, s)
			}
		}
	})
}
