package paragraph

import (
	"errors"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/shihyo/shihyo/pipeline/input/inputtest"
)

// TestDecodeSeedInEveryEncoding: the 令和5年度 plan (with its ①②③) saved
// as CP932, UTF-16 or UTF-8 with a BOM decodes to the UTF-8 text, and
// splits into the same paragraphs.
func TestDecodeSeedInEveryEncoding(t *testing.T) {
	text := inputtest.Seed(t, inputtest.SeedTsurumiR5)
	cp932, err := japanese.ShiftJIS.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	want := Split(text)
	for _, c := range []struct{ name, data, enc string }{
		{"utf-8", text, EncodingUTF8},
		{"utf-8 BOM", "\xef\xbb\xbf" + text, EncodingUTF8},
		{"cp932", cp932, EncodingCP932},
		{"utf-16", utf16, EncodingUTF16},
	} {
		got, enc, err := Decode([]byte(c.data))
		if err != nil || enc != c.enc || got != text {
			t.Errorf("%s: Decode = %d bytes, %q, %v; want the seed in %s", c.name, len(got), enc, err, c.enc)
			continue
		}
		if !reflect.DeepEqual(Split(got), want) {
			t.Errorf("%s: the paragraphs differ from UTF-8's", c.name)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	for name, c := range map[string]struct {
		data string
		want error
	}{
		"PDF":           {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ErrPDF},
		"NUL":           {"令和5年度\x00", ErrNotText},
		"invalid":       {"\x81\x20\xff\xfe\xfd", ErrNotText},
		"UTF-16 bad":    {"\xff\xfe\x00\xd8", ErrNotText},
		"neither cp932": {"\xa0\xfd\xfe", ErrNotText},
	} {
		if _, _, err := Decode([]byte(c.data)); !errors.Is(err, c.want) {
			t.Errorf("%s: Decode error %v, want %v", name, err, c.want)
		}
	}
}
