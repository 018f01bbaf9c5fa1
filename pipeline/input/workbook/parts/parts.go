// Package parts reads what package workbook needs of an .xlsx file before
// it streams a sheet: the zip archive (each part bounded in size, since a
// small zip can expand to gigabytes), the relationships that name the
// workbook part, the worksheets it lists, and its shared strings and the
// number formats of its styles, which stay in memory while the sheet is
// read. FileError is why a file is no workbook, or is damaged, for both
// packages; the XML reading of a part (Attr, CharData, RichText) serves the
// sheet's cells too.
package parts

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/datafile"
	"github.com/shihyo/shihyo/pipeline/input/workbook/xlsxtext"
)

// The parts of a workbook are found as Open Packaging Conventions say:
// the package's relationships name the workbook part, the workbook's name
// its sheets, shared strings and styles. Relationship types are matched by
// their last segment, which Transitional and Strict OOXML share.
const (
	relOffice  = "/officeDocument"
	relSheet   = "/worksheet"
	relStrings = "/sharedStrings"
	relStyles  = "/styles"
)

// maxPartSize bounds the uncompressed size of one part of a workbook (a
// sheet, the shared strings): a zip of a few MB can expand to many GB.
// archive/zip fails a part that expands beyond the size it declares.
const maxPartSize = 1 << 30

// maxStyles bounds the cell styles of a workbook; Excel allows 64,000.
const maxStyles = 1 << 16

// maxStringBytes bounds the text of a workbook's shared strings, which are
// held in memory while a sheet is read.
const maxStringBytes = 256 << 20

// checkEvery is how often, in shared strings, SharedStrings checks its
// context: as often as a Sheet of package workbook checks its own, in rows.
const checkEvery = 256

// Package is an opened workbook package.
type Package struct {
	parts map[string]*zip.File // by lower-case name: part names are case-insensitive
}

// New opens the workbook package of size bytes read from r, which must
// stay open while the Package is used. A file that is no zip archive is a
// *FileError of ErrNotWorkbook saying what the file seems to be instead.
func New(r io.ReaderAt, size int64) (*Package, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, notZip(r, err)
	}
	p := &Package{parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		p.parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	return p, nil
}

// notZip says what a file that is no zip archive is, from its first bytes:
// an .xls workbook (or an encrypted one), text, or neither.
func notZip(r io.ReaderAt, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	b := make([]byte, 512)
	n, _ := r.ReadAt(b, 0)
	b = b[:n]
	msg := msgNotZip
	switch datafile.Sniff(b) {
	case datafile.OLE:
		msg = msgOLE
	case datafile.UTF16LE, datafile.UTF16BE:
		msg = msgText
	case datafile.Text:
		if looksLikeText(b) {
			msg = msgText
		}
	}
	return &FileError{Err: ErrNotWorkbook, Msg: msg, Detail: err}
}

// looksLikeText reports whether b, the start of a file, has no control
// bytes but tabs and line ends: text in UTF-8 or CP932.
func looksLikeText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7F {
			return false
		}
	}
	return len(b) > 0
}

// Open opens the part name, which the caller must close, or returns nil
// and no error when the package has none. A part that expands beyond
// maxPartSize is refused before it is read (ErrTooLarge).
func (p *Package) Open(name string) (io.ReadCloser, error) {
	f, ok := p.parts[strings.ToLower(name)]
	if !ok {
		return nil, nil
	}
	if f.UncompressedSize64 > maxPartSize {
		return nil, &FileError{Err: ErrTooLarge, Msg: fmt.Sprintf("%s (展開すると %d MiB を超えます)", MsgTooLarge, maxPartSize>>20)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, Corrupt(0, err)
	}
	return rc, nil
}

// decode runs read over the XML of the part name; a missing part is not
// read and is no error.
func (p *Package) decode(name string, read func(*xml.Decoder) error) error {
	rc, err := p.Open(name)
	if rc == nil || err != nil {
		return err
	}
	defer rc.Close()
	if err := read(xml.NewDecoder(rc)); err != nil {
		var fe *FileError
		if errors.As(err, &fe) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return Corrupt(0, fmt.Errorf("%s: %w", name, err))
	}
	return nil
}

// A rel is a relationship of a part: its type and its target part.
type rel struct {
	typ    string
	target string // a part name, resolved
}

// rels reads the relationships of the part name ("" for the package), by
// id. External targets are left out.
func (p *Package) rels(name string) (map[string]rel, error) {
	dir, file := path.Split(name)
	rs := map[string]rel{}
	err := p.decode(dir+"_rels/"+file+".rels", func(d *xml.Decoder) error {
		return eachElement(d, func(el xml.StartElement) error {
			if el.Name.Local != "Relationship" || Attr(el, "TargetMode") == "External" {
				return nil
			}
			target := Attr(el, "Target")
			if strings.HasPrefix(target, "/") {
				target = target[1:]
			} else {
				target = path.Join(dir, target)
			}
			rs[Attr(el, "Id")] = rel{typ: Attr(el, "Type"), target: target}
			return nil
		})
	})
	return rs, err
}

// find returns the target of a relationship of type typ (its last
// segment), or "". A workbook has one of each type find is asked for.
func find(rs map[string]rel, typ string) string {
	for _, r := range rs {
		if strings.HasSuffix(r.typ, typ) {
			return r.target
		}
	}
	return ""
}

// A SheetRef is a worksheet of the workbook: its name and part.
type SheetRef struct {
	Name   string
	Part   string
	Hidden bool
}

// Book is what the workbook part says: its worksheets in tab order (chart
// and dialog sheets left out), and the parts of its shared strings and
// styles ("" when it has none).
type Book struct {
	Sheets        []SheetRef
	SharedStrings string
	Styles        string
}

// Book reads the workbook part, found through the package's relationships.
// A package without one (a Word or PowerPoint file, another zip archive) is
// a *FileError of ErrNotWorkbook.
func (p *Package) Book() (*Book, error) {
	top, err := p.rels("")
	if err != nil {
		return nil, err
	}
	name := find(top, relOffice)
	if name == "" {
		return nil, &FileError{Err: ErrNotWorkbook, Msg: msgNoBook}
	}
	rs, err := p.rels(name)
	if err != nil {
		return nil, err
	}
	b := &Book{SharedStrings: find(rs, relStrings), Styles: find(rs, relStyles)}
	root := ""
	err = p.decode(name, func(d *xml.Decoder) error {
		return eachElement(d, func(el xml.StartElement) error {
			if root == "" {
				root = el.Name.Local
			}
			if el.Name.Local != "sheet" {
				return nil
			}
			r, ok := rs[Attr(el, "id")] // r:id
			if ok && strings.HasSuffix(r.typ, relSheet) {
				state := Attr(el, "state")
				b.Sheets = append(b.Sheets, SheetRef{Name: Attr(el, "name"), Part: r.target, Hidden: state == "hidden" || state == "veryHidden"})
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	if root != "workbook" { // a Word or PowerPoint file, or no such part
		return nil, &FileError{Err: ErrNotWorkbook, Msg: msgNoBook}
	}
	return b, nil
}

// SharedStrings reads the shared strings of the part name: each item's
// text as stored, escapes not yet decoded (xlsxtext.Text decodes them once).
func (p *Package) SharedStrings(ctx context.Context, name string) ([]string, error) {
	if name == "" {
		return nil, nil
	}
	var ss []string
	total := 0
	err := p.decode(name, func(d *xml.Decoder) error {
		return eachElement(d, func(el xml.StartElement) error {
			if el.Name.Local != "si" {
				return nil
			}
			if len(ss)%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			s, err := RichText(d)
			if err != nil {
				return err
			}
			if total += len(s); total > maxStringBytes {
				return &FileError{Err: ErrTooLarge, Msg: fmt.Sprintf("%s (文字列が %d MiB を超えます)", MsgTooLarge, maxStringBytes>>20)}
			}
			ss = append(ss, s)
			return nil
		})
	})
	return ss, err
}

// Styles reads the number format of each cell style (cellXfs) of the part
// name. Formats defined elsewhere (differential formats of conditional
// formatting, the styles cells are based on) are skipped whole.
func (p *Package) Styles(name string) ([]xlsxtext.Format, error) {
	if name == "" {
		return nil, nil
	}
	codes := map[int]string{}
	var ids []int
	err := p.decode(name, func(d *xml.Decoder) error {
		return eachElement(d, func(el xml.StartElement) error {
			switch el.Name.Local {
			case "styleSheet", "numFmts", "cellXfs":
				return nil // descend
			case "numFmt":
				codes[AttrInt(el, "numFmtId")] = Attr(el, "formatCode")
			case "xf":
				if ids = append(ids, AttrInt(el, "numFmtId")); len(ids) > maxStyles {
					return fmt.Errorf("more than %d cell styles", maxStyles)
				}
			}
			return d.Skip()
		})
	})
	fs := make([]xlsxtext.Format, len(ids))
	for i, id := range ids {
		fs[i] = xlsxtext.NewFormat(id, codes[id])
	}
	return fs, err
}

// eachElement calls f for each start element of d, in document order,
// until the end of the document. f may consume the element's content.
func eachElement(d *xml.Decoder, f func(xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			if err := f(el); err != nil {
				return err
			}
		}
	}
}

// RichText reads the content of a shared string item (<si>) or an inline
// string (<is>), whose start element was just read: its <t>, or the <t> of
// each run (<r>) in order. Phonetic runs (<rPh>, the furigana Japanese Excel
// keeps of what was typed) and formatting are left out.
func RichText(d *xml.Decoder) (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "r":
				depth++
			case "t":
				s, err := CharData(d)
				if err != nil {
					return "", err
				}
				b.WriteString(s)
			default:
				if err := d.Skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		}
	}
}

// CharData reads the text of the element whose start was just read, up to
// its end; elements inside are skipped.
func CharData(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.CharData:
			b.Write(el)
		case xml.StartElement:
			if err := d.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// Attr is the attribute name of el, matched by its local name whatever its
// namespace (r:id is "id"), or "" when el has none.
func Attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// AttrInt is the integer attribute name of el; 0 when absent or not one.
func AttrInt(el xml.StartElement, name string) int {
	v := Attr(el, name)
	if v == "" {
		return 0 // without the error Atoi would allocate: most cells have no style
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0
	}
	return n
}
