package csvfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/shihyo/shihyo/pipeline/input/datafile"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings accepted in surveys.csv.
const (
	EncodingAuto     = "auto"
	EncodingUTF8     = "utf-8"
	EncodingShiftJIS = "shift_jis" // CP932 / Windows-31J
)

// Encodings a file is read in because its BOM (or, without one, its NUL
// bytes) says so, whatever surveys.csv declares: UTF-16 text is Excel's
// 「Unicode テキスト」, tab-separated.
const (
	EncodingUTF16LE = "utf-16le"
	EncodingUTF16BE = "utf-16be"
)

// sniffSize is how much of a file is looked at before it is decoded: to
// recognise what it is (UTF-16, an Excel workbook, CR-only line ends) and,
// for encoding auto, to choose between UTF-8 and CP932. 64 KiB of Japanese
// text in CP932 is never valid UTF-8.
const sniffSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

const (
	saveAsCSV = "Excel で開き、「名前を付けて保存」で「CSV UTF-8 (コンマ区切り)」か「CSV (コンマ区切り)」を選んで保存し直してください"
	// MsgWorkbook is a workbook under a text file's name.
	MsgWorkbook = "Excel のブック (.xlsx) です。ファイル名を .xlsx にするか、CSV で保存し直してください (CSV にするには、" + saveAsCSV + ")"
	// MsgOLE is an .xls workbook, or an encrypted one, under a text file's name.
	MsgOLE = "古い形式の Excel のブック (.xls) か、パスワードで保護されたブックです。Excel で開き (パスワードは外して)、「Excel ブック (*.xlsx)」で保存してファイル名を .xlsx にするか、CSV で保存し直してください"
)

// A decodeError is a byte the declared encoding cannot read, at the row
// (as Excel numbers it) of the record it stands in.
type decodeError struct {
	row  int
	nul  bool // a NUL byte rather than an invalid one
	utf8 bool // not an invalid byte: UTF-8 text declared shift_jis
}

func (e *decodeError) Error() string { return fmt.Sprintf("row %d: undecodable byte", e.row) }

// sniff looks at the first bytes of a file, before any decoding. It
// returns a problem for a file that is no text or cannot be read as such,
// and otherwise the encoding to read it in: UTF-16 when its BOM or its NUL
// bytes say so, the declared one, or for encoding auto the one to try
// first.
func sniff(prefix []byte, declared string) (enc, msg string) {
	cut := len(prefix) == sniffSize // the file goes on
	switch datafile.Sniff(prefix) {
	case datafile.UTF16LE:
		return EncodingUTF16LE, ""
	case datafile.UTF16BE:
		return EncodingUTF16BE, ""
	case datafile.Workbook:
		return "", MsgWorkbook
	case datafile.OLE:
		return "", MsgOLE
	}
	prefix = bytes.TrimPrefix(prefix, utf8BOM)
	if enc := utf16WithoutBOM(prefix); enc != "" {
		return enc, ""
	}
	if crOnly(prefix) {
		return "", "改行が CR だけのファイルです (古い Mac の Excel で保存したもの)。" + saveAsCSV
	}
	if declared != EncodingAuto {
		return declared, ""
	}
	if !validPrefix(prefix, cut) {
		return EncodingShiftJIS, ""
	}
	return EncodingUTF8, ""
}

// utf16WithoutBOM returns the UTF-16 encoding of b, the start of a file
// without a BOM (as programs other than Excel save UTF-16), or "" when b is
// no UTF-16 text: the ASCII of its commas, digits and line ends puts a NUL
// in every other byte (the second of each pair in little-endian order, the
// first in big-endian), which UTF-8 and CP932 text never has and a stray
// NUL does not make. A wrong guess cannot pass unseen: its text would be
// other characters, and the header would name no column.
func utf16WithoutBOM(b []byte) string {
	pairs := len(b) / 2
	if pairs < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	hi, lo := max(even, odd), min(even, odd)
	switch {
	case hi*4 < pairs || lo*4 > hi:
		return ""
	case odd > even:
		return EncodingUTF16LE
	}
	return EncodingUTF16BE
}

// isUTF16 reports whether enc is one of the UTF-16 encodings.
func isUTF16(enc string) bool { return enc == EncodingUTF16LE || enc == EncodingUTF16BE }

// separator is the field separator of text in enc, read through br: a
// comma, but a tab for UTF-16 text whose first line holds one (Excel's
// 「Unicode テキスト」), and for other text whose first line with a tab, among
// the lines a title may take above the header (maxLeadingRows), comes after
// no comma (Excel's 「テキスト (タブ区切り)」, in CP932).
func separator(br *bufio.Reader, enc string) rune {
	b, _ := br.Peek(sniffSize) // what there is; an error comes again with the rows
	for i := 0; i < maxLeadingRows && len(b) > 0; i++ {
		line, rest, _ := bytes.Cut(b, []byte("\n"))
		switch {
		case bytes.IndexByte(line, '\t') >= 0 && (isUTF16(enc) || bytes.IndexByte(line, ',') < 0):
			return '\t'
		case isUTF16(enc) || bytes.IndexByte(line, ',') >= 0:
			return ','
		}
		b = rest
	}
	return ','
}

// crOnly reports whether the first line of data ends with a CR that no LF
// follows: every record would run into the next.
func crOnly(data []byte) bool {
	quoted := false
	for i, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			return false
		case b == '\r':
			return i+1 < len(data) && data[i+1] != '\n'
		}
	}
	return false
}

// validPrefix reports whether data, the start of a file, is valid UTF-8 but
// for a rune cut off at its end when the file goes on.
func validPrefix(data []byte, cut bool) bool {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(data[i:]) {
			return cut
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// newText returns the content of src (positioned at the file's start) as
// UTF-8 text in encoding (EncodingUTF8, EncodingShiftJIS or a UTF-16 one),
// after its BOM, checked as it is read: it fails with a *decodeError at the
// first NUL or byte the encoding cannot read. raw, if not nil, is fed every
// byte of the file after its BOM, before decoding.
func newText(src io.Reader, encoding string, raw *scanner) (*checker, error) {
	br := bufio.NewReaderSize(src, sniffSize)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		if _, err := br.Discard(len(utf8BOM)); err != nil {
			return nil, err
		}
	}
	var r io.Reader = br
	if raw != nil {
		r = io.TeeReader(r, raw)
	}
	c := &checker{}
	// The decoders replace an invalid byte with U+FFFD, which neither CP932
	// nor a valid UTF-16 file holds: any U+FFFD marks one.
	switch encoding {
	case EncodingShiftJIS:
		c.scan.replaced = true
		r = transform.NewReader(r, japanese.ShiftJIS.NewDecoder())
	case EncodingUTF16LE, EncodingUTF16BE:
		c.scan.replaced = true
		order := unicode.LittleEndian
		if encoding == EncodingUTF16BE {
			order = unicode.BigEndian
		}
		// The BOM, when there is one, says the order; without one, sniff
		// found it.
		r = transform.NewReader(r, unicode.UTF16(order, unicode.UseBOM).NewDecoder())
	}
	c.src = r
	return c, nil
}

// checker passes text through and fails at its first NUL or invalid byte.
// Its scanner knows the row of the record being read.
type checker struct {
	src  io.Reader
	scan scanner
	err  error
}

func (c *checker) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.src.Read(p)
	if i, bad := c.scan.feed(p[:n]); bad != nil {
		c.err = bad
		return i, bad
	}
	if err == io.EOF {
		if bad := c.scan.end(); bad != nil {
			c.err = bad
			return n, bad
		}
	}
	return n, err
}

// scanner follows a file's bytes: the row of the record being read (as
// Excel numbers rows: a line break inside a quoted cell starts no row),
// the first non-ASCII byte, and the first byte that is not UTF-8. '"' and
// '\n' never occur within a multi-byte character of UTF-8 or CP932, so
// rows are counted alike on the raw bytes of either.
type scanner struct {
	row      int // rows ended so far; the current row is row+1
	quoted   bool
	replaced bool // U+FFFD is an invalid byte (text decoded from CP932)
	tail     []byte
	high     int // row of the first non-ASCII byte; 0 if none yet
	invalid  bool
}

// Write feeds p to the scanner, for a TeeReader.
func (s *scanner) Write(p []byte) (int, error) {
	if !s.invalid {
		if _, bad := s.feed(p); bad != nil && !bad.nul {
			s.invalid = true
		}
	}
	return len(p), nil
}

// feed scans p, and returns the offset and error of its first NUL or
// invalid byte, if any.
func (s *scanner) feed(p []byte) (int, *decodeError) {
	i := 0
	if len(s.tail) > 0 {
		k, bad := s.finishTail(p)
		if bad != nil {
			return 0, bad
		}
		if k < 0 {
			return len(p), nil
		}
		i = k
	}
	for i < len(p) {
		b := p[i]
		if b < utf8.RuneSelf {
			switch {
			case b == 0:
				return i, &decodeError{row: s.row + 1, nul: true}
			case b == '"':
				s.quoted = !s.quoted
			case b == '\n' && !s.quoted:
				s.row++
			}
			i++
			continue
		}
		if s.high == 0 {
			s.high = s.row + 1
		}
		if !utf8.FullRune(p[i:]) {
			s.tail = append(s.tail[:0], p[i:]...)
			return len(p), nil
		}
		r, n := utf8.DecodeRune(p[i:])
		if (r == utf8.RuneError && n == 1) || (s.replaced && r == utf8.RuneError) {
			return i, &decodeError{row: s.row + 1}
		}
		i += n
	}
	return len(p), nil
}

// finishTail completes the rune cut off at the end of the last chunk with
// the first bytes of p, and returns where the rest of p starts, or -1 when
// p did not complete it either.
func (s *scanner) finishTail(p []byte) (int, *decodeError) {
	k := min(utf8.UTFMax-len(s.tail), len(p))
	buf := append(s.tail, p[:k]...)
	if !utf8.FullRune(buf) {
		s.tail = buf
		return -1, nil
	}
	s.tail = s.tail[:0]
	r, n := utf8.DecodeRune(buf)
	if (r == utf8.RuneError && n == 1) || (s.replaced && r == utf8.RuneError) {
		return 0, &decodeError{row: s.row + 1}
	}
	return n - (len(buf) - k), nil
}

// end reports a rune cut off by the end of the file.
func (s *scanner) end() *decodeError {
	if len(s.tail) > 0 {
		return &decodeError{row: s.row + 1}
	}
	return nil
}
