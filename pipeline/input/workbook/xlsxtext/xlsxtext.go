// Package xlsxtext turns a cell as an .xlsx sheet stores it (its type,
// its value, the number format of its style) into the text staff see in
// Excel, or the kind of problem it is (package workbook reads the sheets).
package xlsxtext

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// A Kind is why a cell cannot be read as text.
type Kind int

const (
	// KindFormulaError is an error value (#DIV/0!, #N/A, …), nearly always
	// the result of a formula.
	KindFormulaError Kind = iota + 1
	// KindDate is a date or a time: a number whose format is a date or time
	// format, or a cell of the ISO 8601 date type. A code typed as 1/3 or
	// 1-3 becomes one.
	KindDate
	// KindNoValue is a formula whose result the file does not hold: it was
	// written by a program that does not calculate, never by Excel.
	KindNoValue
	// KindBadValue is a value that is not what its type says (a number
	// that is not one, a shared string that does not exist): a damaged or
	// hand-made file.
	KindBadValue
)

// ErrorValue reports whether v is one of the error values Excel writes.
func ErrorValue(v string) bool { return errorValues[v] }

// errorValues are the error values Excel writes. A cell's value is only
// named in a message when it is one of them: anything else in an error
// cell may be content.
var errorValues = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true,
	"#NAME?": true, "#NUM!": true, "#N/A": true, "#GETTING_DATA": true,
	"#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true,
	"#CONNECT!": true, "#BUSY!": true, "#UNKNOWN!": true, "#EXTERNAL!": true,
	"#PYTHON!": true,
}

// Cell is one cell as the sheet stores it, its shared string resolved.
type Cell struct {
	Type     string // the t attribute; "" and "n" are numbers
	Value    string // the <v> text, the shared string, or the <is> text, escapes not decoded
	HasValue bool   // a <v> or <is> element is present
	Formula  bool   // an <f> element is present
}

// Format is the number format of a cell style, and whether it shows a
// number as a date or a time, or as a percentage. The zero Format is
// General.
type Format struct {
	id      int
	code    string // "" for a built-in format not defined in the workbook
	date    bool
	percent bool
}

// NewFormat returns the number format id, defined in the workbook as
// code ("" when it is not: a built-in format).
func NewFormat(id int, code string) Format {
	date, percent := builtinDate(id), id == 9 || id == 10 // 0%, 0.00%
	if code != "" {
		date, percent = isDateFormat(code), isPercentFormat(code)
	}
	return Format{id: id, code: code, date: date, percent: percent && !date}
}

// builtinDate reports whether the built-in number format id is a date or
// time format: 14–22 and 45–47, and 27–36 and 50–58, which are the date
// formats of the East Asian locales (令和5年4月1日 in Japanese Excel).
func builtinDate(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

// isDateFormat reports whether the number format code shows a number as a
// date or a time: it holds y, m, d, h or s (any case) outside quoted text,
// brackets and literal characters (\x, _x, *x), or an elapsed-time bracket
// such as [h]. "General", "0.00E+00" and "#,##0\"人\"" are not dates.
func isDateFormat(code string) bool {
	return scanFormat(code, elapsed, func(c byte) bool {
		switch c | 0x20 { // lower case; no other byte folds onto these letters
		case 'y', 'm', 'd', 'h', 's':
			return true
		}
		return false
	})
}

// isPercentFormat reports whether the number format code shows a number
// as a percentage (× 100, with %): a % outside quoted text, brackets and
// literal characters. `0"%"` writes a literal sign and is no percentage.
func isPercentFormat(code string) bool {
	return scanFormat(code, func(string) bool { return false }, func(c byte) bool { return c == '%' })
}

// scanFormat reports whether the number format code has a byte for which
// plain is true outside quoted text, brackets and literal characters (\x,
// _x, *x), or a bracket whose text bracket is true for.
func scanFormat(code string, bracket func(string) bool, plain func(byte) bool) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++ // the next byte is literal; a multi-byte rune's other bytes are never ASCII
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return false
			}
			if bracket(code[i+1 : i+1+j]) {
				return true
			}
			i += j + 1
		default:
			if plain(c) {
				return true
			}
		}
	}
	return false
}

// elapsed reports whether the text of a bracket is an elapsed time: [h],
// [mm], [ss].
func elapsed(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 'h', 'm', 's':
		default:
			return false
		}
	}
	return true
}

// Text returns the text of c, formatted as f, as staff see it in Excel:
// text as it is, a boolean as TRUE or FALSE, a number as formatNumber
// writes it whatever its format (a thousands separator or a currency sign
// is display only), but a percentage × 100 with its sign (0.9 shown 90% is
// 90%, never 0.9: a target typed 90% into Excel is 90), a formula by its
// cached value. A cell that
// cannot be read so gives "" and the kind of problem; for KindFormulaError
// the text is the error value when Excel knows it ("" otherwise).
func Text(c Cell, f Format) (string, Kind) {
	if c.Formula && !c.HasValue {
		return "", KindNoValue
	}
	switch c.Type {
	case "s", "str", "inlineStr":
		return unescape(c.Value), 0
	case "b":
		switch strings.TrimSpace(c.Value) {
		case "":
			return "", 0
		case "1", "true":
			return "TRUE", 0
		case "0", "false":
			return "FALSE", 0
		}
		return "", KindBadValue
	case "e":
		if v := strings.TrimSpace(c.Value); errorValues[v] {
			return v, KindFormulaError
		}
		return "", KindFormulaError
	case "d":
		if strings.TrimSpace(c.Value) == "" {
			return "", 0
		}
		return "", KindDate
	case "", "n":
		return numberText(strings.TrimSpace(c.Value), f)
	}
	return "", KindBadValue
}

func numberText(v string, f Format) (string, Kind) {
	if v == "" {
		return "", 0
	}
	shift, sign := 0, ""
	if f.percent {
		shift, sign = 2, "%"
	}
	text, ok := formatScaled(v, shift)
	switch {
	case !ok:
		return "", KindBadValue
	case f.date:
		return "", KindDate
	}
	return text + sign, 0
}

// formatNumber writes the number v, as a sheet stores it (an xsd:double
// such as 0.30000000000000004), as Excel shows it: rounded to 15
// significant digits, Excel's precision, so that float noise is gone
// (0.3, 1). From 0.0001 up to 1e15 it is written without an exponent (an
// integer of up to 15 digits stays that integer); beyond, as Excel's
// General format writes it: 1.23456789012346E+17, 1E-05. It reports false
// for text that is not a finite decimal number.
func formatNumber(v string) (string, bool) { return formatScaled(v, 0) }

// formatScaled is formatNumber of v × 10^shift, the shift made on the
// decimal digits once rounded to 15 (no float noise: 0.9 × 100 is 90).
func formatScaled(v string, shift int) (string, bool) {
	if !isDecimal(v) {
		return "", false
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return "", false // beyond float64: no sheet holds such a number
	}
	if x == 0 {
		return "0", true // and -0
	}
	s := strconv.FormatFloat(x, 'e', 14, 64) // [-]d.ddddddddddddddde±dd
	sign, s := "", s
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	mant, exp, _ := strings.Cut(s, "e")
	digits := strings.TrimRight(mant[:1]+mant[2:], "0")
	e, _ := strconv.Atoi(exp) // FormatFloat's own exponent: always digits
	e += shift
	if e < -4 || e >= 15 {
		return sign + scientific(digits, e), true
	}
	return sign + plain(digits, e), true
}

// plain writes the significant digits d with decimal exponent e (the first
// digit's place) without an exponent.
func plain(d string, e int) string {
	if e < 0 {
		return "0." + strings.Repeat("0", -e-1) + d
	}
	if len(d) <= e+1 {
		return d + strings.Repeat("0", e+1-len(d))
	}
	return d[:e+1] + "." + d[e+1:]
}

// scientific writes the significant digits d with decimal exponent e as
// Excel does: one digit before the point, E, a sign and two digits or more.
func scientific(d string, e int) string {
	var b strings.Builder
	b.WriteString(d[:1])
	if len(d) > 1 {
		b.WriteString(".")
		b.WriteString(d[1:])
	}
	b.WriteString("E")
	if e < 0 {
		b.WriteString("-")
		e = -e
	} else {
		b.WriteString("+")
	}
	if e < 10 {
		b.WriteString("0")
	}
	b.WriteString(strconv.Itoa(e))
	return b.String()
}

// isDecimal reports whether s is a number as OOXML writes one: an optional
// sign, digits with an optional decimal point, an optional exponent. Go's
// other forms (0x1p-2, Inf, NaN, 1_000) are not.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	n := digitsAt(s, i)
	i += n
	if i < len(s) && s[i] == '.' {
		f := digitsAt(s, i+1)
		i += 1 + f
		n += f
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		e := digitsAt(s, i)
		if e == 0 {
			return false
		}
		i += e
	}
	return i == len(s)
}

func digitsAt(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	return n
}

// unescape decodes the _xHHHH_ escapes of OOXML text (ST_Xstring): Excel
// writes a carriage return in a cell as _x000D_, and text that looks like
// an escape with its underscore escaped (_x005F_x000D_ is "_x000D_"). A
// pair of escaped surrogates is one character; a lone one is U+FFFD.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, ok := escapeAt(s, i)
		if !ok {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += 7
		if utf16.IsSurrogate(r) {
			if r2, ok := escapeAt(s, i); ok && utf16.DecodeRune(r, r2) != '\uFFFD' {
				r = utf16.DecodeRune(r, r2)
				i += 7
			} else {
				r = '\uFFFD'
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeAt returns the character of the escape _xHHHH_ at s[i:], if one
// is there.
func escapeAt(s string, i int) (rune, bool) {
	if len(s)-i < 7 || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i+2 : i+6]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

func (k Kind) String() string {
	switch k {
	case KindFormulaError:
		return "formula error"
	case KindDate:
		return "date"
	case KindNoValue:
		return "formula without a cached value"
	case KindBadValue:
		return "bad value"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}
