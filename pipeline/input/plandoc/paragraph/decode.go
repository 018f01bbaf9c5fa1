package paragraph

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Encodings Decode recognises.
const (
	EncodingUTF8  = "utf-8"
	EncodingUTF16 = "utf-16"
	EncodingCP932 = "cp932" // Windows-31J, what Windows saves as "ANSI" or Shift_JIS
)

var (
	// ErrNotText is returned, wrapped, for bytes that are no text in an
	// encoding Decode reads.
	ErrNotText = errors.New("not text in UTF-8, UTF-16 or CP932")
	// ErrPDF is returned, wrapped, for a PDF file itself: its text must
	// be saved from a PDF viewer first. It wraps ErrNotText.
	ErrPDF = fmt.Errorf("a PDF file, not its text: %w", ErrNotText)
)

// Decode returns the text of a plan file and the encoding it was in: UTF-8
// (with or without a BOM), UTF-16 with a BOM (Windows' "Unicode" text), or
// else CP932, which includes ①②③ and ㈱ that a strict Shift_JIS decoder
// rejects. It fails with ErrNotText for a NUL byte outside UTF-16 or a
// byte that none of these reads, and with ErrPDF for a PDF file.
func Decode(b []byte) (text, encoding string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return "", "", fmt.Errorf("decode plan text: %w", ErrPDF)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(b)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", "", fmt.Errorf("decode plan text as UTF-16: %w", ErrNotText)
		}
		return string(out), EncodingUTF16, nil
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", "", fmt.Errorf("decode plan text: NUL byte at offset %d: %w", i, ErrNotText)
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if utf8.Valid(b) {
		return string(b), EncodingUTF8, nil
	}
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil || strings.ContainsRune(string(out), utf8.RuneError) {
		return "", "", fmt.Errorf("decode plan text: neither UTF-8 nor CP932: %w", ErrNotText)
	}
	return string(out), EncodingCP932, nil
}
