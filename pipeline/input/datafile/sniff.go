package datafile

import "bytes"

// Content is what the first bytes of a file say it holds, whatever its
// name: the readers choose a message from it when a file is not what its
// extension says.
type Content int

const (
	Text     Content = iota // anything else: CSV text, or not recognised
	UTF16LE                 // UTF-16 text with its BOM: Excel's 「Unicode テキスト」
	UTF16BE                 // UTF-16 text with a big-endian BOM
	Workbook                // a ZIP archive: an .xlsx workbook (or another Office file)
	OLE                     // an OLE compound file: an .xls workbook, or an .xlsx Excel encrypted with a password
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sniff tells what prefix, the first bytes of a file, holds.
func Sniff(prefix []byte) Content {
	switch {
	case bytes.HasPrefix(prefix, []byte{0xFF, 0xFE}):
		return UTF16LE
	case bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}):
		return UTF16BE
	case bytes.HasPrefix(prefix, zipMagic):
		return Workbook
	case bytes.HasPrefix(prefix, oleMagic):
		return OLE
	}
	return Text
}
