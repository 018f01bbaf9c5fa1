package csvfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// TestReadStopsWhenCancelled: a cancelled ctx stops the reading of a file
// within one buffer, not only between files.
func TestReadStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("No,F1\n")
	for b.Len() < 4<<20 {
		b.WriteString("1,2\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "big.csv"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := datafile.Open(ctx, dir, "big.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src := &cancelAfter{File: f, reads: 3, cancel: cancel}
	_, err = ReadFrom(ctx, "big.csv", src, EncodingAuto, nil, keepRows{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v; want the read cancelled", err)
	}
	if src.calls > src.reads+1 {
		t.Errorf("read %d times; cancelled at read %d", src.calls, src.reads)
	}
}

// cancelAfter cancels its ctx after a number of reads.
type cancelAfter struct {
	*datafile.File
	reads, calls int
	cancel       func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	c.calls++
	if c.calls == c.reads {
		c.cancel()
	}
	return c.File.Read(p)
}

// TestAutoDecidesPastThePrefix: a file whose first sniffSize bytes are
// ASCII is read in auto as the encoding of what comes after; the same file
// declared shift_jis but saved as UTF-8 is refused at the row of its first
// Japanese character.
func TestAutoDecidesPastThePrefix(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n")
	rows := 1
	for b.Len() < sniffSize+100 {
		b.WriteString("1,2\n")
		rows++
	}
	b.WriteString("3,住みやすい\n")
	utf := []byte(b.String())
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(utf)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range []struct {
		name, declared, want string
		data                 []byte
	}{{"CP932", EncodingAuto, EncodingShiftJIS, sjis}, {"UTF-8", EncodingAuto, EncodingUTF8, utf}} {
		tab, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader(c.data)}, c.declared, []string{"a"}, keepRows{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		last := tab.Rows[len(tab.Rows)-1]
		if tab.Encoding != c.want || last.Fields[1] != "住みやすい" || last.Line != rows+1 {
			t.Errorf("%s read as %s: last row %d %q", c.name, tab.Encoding, last.Line, last.Fields)
		}
	}
	_, err = ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader(utf)}, EncodingShiftJIS, nil, keepRows{})
	wantProblemAt(t, "", err, "f.csv", rows+1, "UTF-8 のファイルです")
}

// TestRowsAfterLineBreaksInCells: a CSV syntax error and an undecodable
// byte after cells with line breaks are reported at Excel's row.
func TestRowsAfterLineBreaksInCells(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, data, msg string
		row             int
	}{
		{"bad quote", "a,b\n\"x\ny\",1\n\n2,\"z\n", "CSV として読めません", 4},
		{"bad byte", "a,b\r\n\"x\r\ny\r\nz\",1\r\n2,\xff\r\n", "UTF-8 としても Shift_JIS (CP932) としても読めない", 3},
	} {
		_, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(c.data))}, EncodingAuto, nil, keepRows{})
		wantProblemAt(t, "", err, "f.csv", c.row, c.msg)
	}
}

// wantProblemAt asserts that err is one problem at file (relative to dir) and
// line, containing msg.
func wantProblemAt(t *testing.T, dir string, err error, file string, line int, msg string) {
	t.Helper()
	p, ok := AsProblems(err)
	if !ok || len(p) != 1 {
		t.Fatalf("got %v; want one problem", err)
	}
	want := filepath.Join(dir, filepath.FromSlash(file))
	if p[0].File != want || p[0].Line != line || !strings.Contains(p[0].Msg, msg) {
		t.Errorf("got %s:%d %q; want %s:%d containing %q", p[0].File, p[0].Line, p[0].Msg, want, line, msg)
	}
}

// utf16 encodes text as UTF-16 with its BOM, as Excel's 「Unicode テキスト」.
func utf16(t *testing.T, order unicode.Endianness, text string) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestUTF16TextIsRead: Excel's 「Unicode テキスト」 (UTF-16 LE with its BOM,
// tab-separated, CRLF) is read whatever the encoding declared, big-endian
// too; a UTF-16 file separated by commas is read as such.
func TestUTF16TextIsRead(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		order    unicode.Endianness
		text     string
		declared string
	}{
		{"Unicode テキスト", unicode.LittleEndian, "No\t問3\tメモ\r\n1\t2\t\"改\r\n行\"\r\n\r\n2\t1\t①㈱\r\n", EncodingShiftJIS},
		{"big-endian", unicode.BigEndian, "No\t問3\tメモ\n1\t2\t\"改\n行\"\n2\t1\t①㈱\n", EncodingAuto},
		{"commas", unicode.LittleEndian, "No,問3,メモ\n1,2,\"改\n行\"\n2,1,①㈱\n", EncodingUTF8},
	} {
		data := utf16(t, c.order, c.text)
		tab, err := ReadFrom(ctx, "f.txt", bytesSource{bytes.NewReader(data)}, c.declared, []string{"No", "問3"}, keepRows{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		last := 3
		if c.name == "Unicode テキスト" {
			last = 4 // after an empty line
		}
		if len(tab.Rows) != 2 || tab.Get(tab.Rows[0], "メモ") != "改\n行" || tab.Get(tab.Rows[1], "メモ") != "①㈱" || tab.Rows[1].Line != last {
			t.Errorf("%s: read as %s: %+v", c.name, tab.Encoding, tab.Rows)
		}
	}
	bad := append(utf16(t, unicode.LittleEndian, "No\t問3\r\n1\t"), 0x00, 0xD8, '\r', 0, '\n', 0) // a lone surrogate
	_, err := ReadFrom(ctx, "f.txt", bytesSource{bytes.NewReader(bad)}, EncodingAuto, nil, keepRows{})
	wantProblemAt(t, "", err, "f.txt", 2, "UTF-16 として読めない文字があります")
}

// TestWorkbookUnderATextName: an .xlsx or .xls saved under a .csv name is
// named for what it is, with what to do.
func TestWorkbookUnderATextName(t *testing.T) {
	for _, c := range []struct {
		data []byte
		msg  string
	}{
		{[]byte("PK\x03\x04rest of a zip"), "Excel のブック (.xlsx) です。ファイル名を .xlsx にするか、CSV で保存し直してください"},
		{[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, "古い形式の Excel のブック (.xls) か、パスワードで保護されたブックです"},
	} {
		_, err := ReadFrom(context.Background(), "f.csv", bytesSource{bytes.NewReader(c.data)}, EncodingAuto, nil, keepRows{})
		wantProblemAt(t, "", err, "f.csv", 1, c.msg)
	}
}

// TestUTF16WithoutBOMIsRead: UTF-16 text saved without its BOM (by a
// program other than Excel), in either byte order, comma- or
// tab-separated, is read as the same text with a BOM would be; a file with
// a stray NUL is still one with a NUL byte.
func TestUTF16WithoutBOMIsRead(t *testing.T) {
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		for _, text := range []string{"No,F1,問3\r\n1,1,2\r\n2,2,\r\n", "No\tF1\t問3\r\n1\t1\t2\r\n2\t2\t\r\n"} {
			data, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			tab, err := ReadFrom(context.Background(), "f.csv", bytesSource{bytes.NewReader(data)}, EncodingAuto, nil, keepRows{})
			if err != nil {
				t.Fatalf("order %v, %q: %v", order, text, err)
			}
			want := EncodingUTF16LE
			if order == unicode.BigEndian {
				want = EncodingUTF16BE
			}
			if tab.Encoding != want || len(tab.Rows) != 2 || tab.Get(tab.Rows[0], "問3") != "2" ||
				tab.Get(tab.Rows[1], "F1") != "2" || tab.Rows[1].Line != 3 {
				t.Errorf("order %v, %q: read as %s: %v %+v", order, text, tab.Encoding, tab.Header, tab.Rows)
			}
		}
	}
	_, err := ReadFrom(context.Background(), "f.csv", bytesSource{bytes.NewReader([]byte("No,F1\r\n1,\x002\r\n"))}, EncodingAuto, nil, keepRows{})
	wantProblemAt(t, "", err, "f.csv", 2, "NUL バイトがあります")
}

// TestNewlines: newlines counts as strings.Count does.
func TestNewlines(t *testing.T) {
	for _, f := range []string{"", "1", "\n", "\r", "a\n", "\n\n", "a\nb\nc"} {
		if got, want := newlines(f), strings.Count(f, "\n"); got != want {
			t.Errorf("newlines(%q) = %d; want %d", f, got, want)
		}
	}
}

// TestSyntaxProblemsSayHowToMend: a double quote where CSV allows none
// (Excel's ="01", a quote left open or followed by text) is told in
// Japanese with how to mend the row, not in encoding/csv's English.
func TestSyntaxProblemsSayHowToMend(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ data, msg string }{
		{"a,b\n1,=\"2\"\n", "=\"01\" の形なら「=」と「\"」を消して"},
		{"a,b\n1,\"引用\"のあと\n", "閉じた「\"」のあとに文字があります"},
	} {
		_, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(c.data))}, EncodingAuto, nil, keepRows{})
		wantProblemAt(t, "", err, "f.csv", 2, c.msg)
		if p, _ := AsProblems(err); len(p) == 1 && strings.Contains(p[0].Msg, "quote") {
			t.Errorf("message %q is encoding/csv's English", p[0].Msg)
		}
	}
}

// TestHeaderInOtherCase: a required column spelt in other letter case is
// told as such, in one problem, not as missing (nor the header as absent).
func TestHeaderInOtherCase(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ data, msg string }{
		{"key,Role\nq1,attr\n", "「Role」は「role」"},
		{"Key,Role\nq1,attr\n", "「Key」は「key」、「Role」は「role」"},
	} {
		_, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(c.data))}, EncodingAuto, []string{"key", "role"}, keepRows{})
		wantProblemAt(t, "", err, "f.csv", 1, c.msg)
	}
}

// TestRowsJoinedByBareCR: rows that bare CRs joined are told as mixed line
// ends, once; a ragged row whose quoted cell holds a bare CR, or a row
// whose count does not match the joining, is still told as ragged.
func TestRowsJoinedByBareCR(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, data, msg string
		row             int
	}{
		{"joined", "a,b,c\r\n1,2,3\r\n4,5,6\r7,8,9\r\n10,11,12\r13,14,15\r\n", "CRLF (または LF) の行が混ざった", 3},
		{"quoted CR", "a,b,c\r\n1,2,3\r\n\"4\r5\",6\r\n", "列の数が 2 あります", 3},
		{"CR and a comma more", "a,b,c\r\n1,2\r3,4,5\r\n", "列の数が 4 あります", 2},
	} {
		_, err := ReadFrom(ctx, "f.csv", bytesSource{bytes.NewReader([]byte(c.data))}, EncodingAuto, nil, keepRows{})
		t.Run(c.name, func(t *testing.T) { wantProblemAt(t, "", err, "f.csv", c.row, c.msg) })
	}
}
