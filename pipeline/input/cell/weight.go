package cell

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// The weights a response file may hold. Every published percentage is
// rounded half up from Σw·y / Σw computed exactly in integers (DuckDB
// HUGEINT, up to 1.7·10³⁸), so a weight must be a decimal number small
// enough in digits for those sums never to overflow:
//
//   - at most MaxWeightDigits significant digits (what Excel keeps, and what
//     a float64 tells apart, so the DOUBLE copy used for standard errors is
//     the same number);
//   - at most MaxWeightPlaces decimal places (0.000000000000000001);
//   - less than MaxWeight (10,000,000).
//
// A wave's weights are stored as integers in units of 10^−s, s being the
// most decimal places among them (Wave.WeightScale), so each is less than
// 10⁷⁺¹⁸ = 10²⁵ units; a wave holds at most 2³¹ − 1 rows (respondent_no is
// an INTEGER), so Σw < 2.2·10³⁴ units and the rounding's 2000·Σwy + Σw
// stays below 4.3·10³⁷.
const (
	MaxWeightDigits    = 15
	MaxWeightPlaces    = 18
	maxWeightIntDigits = 7
	MaxWeight          = 10_000_000 // 10^maxWeightIntDigits: weights are below it
)

// Why a weight is refused (ParseWeight), wrapped with the text.
var (
	ErrWeightBlank       = errors.New("weight is blank")
	ErrWeightSyntax      = errors.New("weight is not a plain decimal number")
	ErrWeightExponent    = errors.New("weight is written with an exponent")
	ErrWeightNotPositive = errors.New("weight is not positive")
	ErrWeightDigits      = errors.New("weight has too many significant digits")
	ErrWeightPlaces      = errors.New("weight has too many decimal places")
	ErrWeightTooLarge    = errors.New("weight is too large")
)

// Decimal is a positive decimal number held exactly: Mantissa × 10^−Places.
type Decimal struct {
	Mantissa uint64 // at most MaxWeightDigits digits
	Places   int    // at most MaxWeightPlaces
}

// One is the weight of every respondent of a wave without a weight column.
var One = Decimal{Mantissa: 1}

// ParseWeight reads a weight as staff write it: digits with an optional
// decimal point (0.85, 1, 1.0, .5, 12.), 全角 digits and point folded to
// half width, spaces around it trimmed. Nothing else is a weight: no sign,
// no exponent (1e-7), no digit separators (1_0, 1,000), no hexadecimal
// (0x1p0), no Inf or NaN. It returns the weight exactly and as the nearest
// float64, or one of the ErrWeight errors, wrapped.
func ParseWeight(s string) (Decimal, float64, error) {
	t := strings.TrimSpace(FoldWidth(s))
	if err := weightSyntax(t); err != nil {
		return Decimal{}, 0, fmt.Errorf("parse weight %q: %w", s, err)
	}
	whole, frac, _ := strings.Cut(t, ".")
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	digits := strings.TrimLeft(whole+frac, "0")
	var err error
	switch {
	case digits == "":
		err = ErrWeightNotPositive
	case len(whole) > maxWeightIntDigits:
		err = ErrWeightTooLarge
	case len(frac) > MaxWeightPlaces:
		err = ErrWeightPlaces
	case len(digits) > MaxWeightDigits:
		err = ErrWeightDigits
	}
	if err != nil {
		return Decimal{}, 0, fmt.Errorf("parse weight %q: %w", s, err)
	}
	m, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return Decimal{}, 0, fmt.Errorf("parse weight %q: %w", s, err)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return Decimal{}, 0, fmt.Errorf("parse weight %q: %w", s, err)
	}
	return Decimal{Mantissa: m, Places: len(frac)}, f, nil
}

// weightSyntax checks that t is digits with at most one point and at least
// one digit, and says why not.
func weightSyntax(t string) error {
	if t == "" {
		return ErrWeightBlank
	}
	if t[0] == '-' {
		return ErrWeightNotPositive
	}
	digits, points := 0, 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			points++
		default:
			if looksExponent(t) {
				return ErrWeightExponent
			}
			return ErrWeightSyntax
		}
	}
	if digits == 0 || points > 1 {
		return ErrWeightSyntax
	}
	return nil
}

// looksExponent is whether t is a number in exponent form such as 1e-7,
// 2.5E3 or 1e308: a plain decimal, e or E, an optional sign and digits.
func looksExponent(t string) bool {
	i := strings.IndexAny(t, "eE")
	if i <= 0 || weightSyntax(t[:i]) != nil {
		return false
	}
	exp := strings.TrimLeft(t[i+1:], "+-")
	if len(t[i+1:])-len(exp) > 1 || exp == "" {
		return false
	}
	return strings.Trim(exp, "0123456789") == ""
}

// WeightMessage is the Japanese message for staff of a ParseWeight error.
// Like every message about a response file it does not quote the cell.
func WeightMessage(err error) string {
	switch {
	case errors.Is(err, ErrWeightBlank):
		return "ウエイトが空欄です"
	case errors.Is(err, ErrWeightNotPositive):
		return "ウエイトが正の数ではありません (0 や負の数は使えません)"
	case errors.Is(err, ErrWeightExponent):
		return "ウエイトが指数表記 (1e-7 など) です。0.0000001 のように小数で書いてください"
	case errors.Is(err, ErrWeightTooLarge):
		return "ウエイトが大きすぎます (10,000,000 未満にしてください)" // MaxWeight
	case errors.Is(err, ErrWeightPlaces):
		return fmt.Sprintf("ウエイトの小数点以下が %d 桁を超えています (正確に計算できるのは %d 桁まで)",
			MaxWeightPlaces, MaxWeightPlaces)
	case errors.Is(err, ErrWeightDigits):
		return fmt.Sprintf("ウエイトの有効数字が %d 桁を超えています (正確に計算できるのは %d 桁まで)",
			MaxWeightDigits, MaxWeightDigits)
	}
	return "ウエイトが正の数ではありません (0.85 のように、数字と小数点だけで書いてください)"
}

// pow10 are the powers of ten up to 10^MaxWeightPlaces.
var pow10 = func() []*big.Int {
	p := make([]*big.Int, MaxWeightPlaces+1)
	for i := range p {
		p[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return p
}()

// Units sets z to d in units of 10^−scale, d × 10^scale, and returns z.
// scale must be from d.Places up to MaxWeightPlaces (a wave's WeightScale
// is); it is false otherwise, and z is left as it was.
func (d Decimal) Units(z *big.Int, scale int) (*big.Int, bool) {
	if scale < d.Places || scale > MaxWeightPlaces {
		return z, false
	}
	z.SetUint64(d.Mantissa)
	return z.Mul(z, pow10[scale-d.Places]), true
}
