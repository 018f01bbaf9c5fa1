// Package multi reads the answers to 複数回答 questions (「あてはまるもの
// すべてに○」) in the two layouts vendors deliver them in: all the chosen
// codes in one cell (Parse), or one column per option holding 1 when it
// was chosen (ParseFlag, FromFlags). Either way an answer is the sorted
// set of chosen codes; an empty set is no answer (無回答).
//
// Errors never quote the cell: response files are microdata.
package multi

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/shihyo/shihyo/pipeline/input/cell"
)

// MaxChoices bounds the values of one cell: no question has so many
// options, and the bound keeps a stray cell from costing memory.
const MaxChoices = 1000

// What is wrong with a cell. A *CellError wraps one of them.
var (
	ErrNotCode  = errors.New("not an answer code") // not decimal digits
	ErrTooLarge = errors.New("answer code too large")
	ErrTooMany  = errors.New("too many values")
	ErrNotFlag  = errors.New("not 0, 1 or blank")
)

// CellError is a cell that is not an answer. Value is the position (from
// 1) of the offending value among the cell's values; 0 when the cell as a
// whole is wrong.
type CellError struct {
	Value int
	Err   error
}

func (e *CellError) Error() string {
	if e.Value == 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("value %d: %v", e.Value, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// Message is the problem for staff, in Japanese, without the cell's
// content.
func (e *CellError) Message() string {
	switch {
	case errors.Is(e.Err, ErrTooLarge):
		return fmt.Sprintf("複数回答の %d 番目の値が大きすぎます (回答コードは %d まで)", e.Value, cell.MaxCode)
	case errors.Is(e.Err, ErrTooMany):
		return fmt.Sprintf("複数回答の値が多すぎます (%d 個まで)", MaxChoices)
	case errors.Is(e.Err, ErrNotFlag):
		return "複数回答の選択肢の列には、選んだなら 1、選ばなかったなら 0 か空欄を入れます"
	}
	return fmt.Sprintf("複数回答の %d 番目の値が回答コード (数字) ではありません。コードは 1;3 のように ; , 、 か空白で区切って書きます", e.Value)
}

// Parse reads a cell holding the chosen codes: decimal digits (全角 too,
// leading zeros allowed: 01 is 1) separated by ; , 、 or spaces (全角 too,
// line breaks included), in any order and any number: "1;3", "3, 1",
// "１、３", "1 3". A code written twice counts once: a respondent who marks
// an option twice chose it. Empty values between separators are ignored,
// so a blank cell, or one of separators only, is no answer (an empty
// set), as is a cell of NA alone (cell.IsNA: R's missing value). A code
// may end in a fraction of zeros (2.0, as statistics packages export
// numbers; cell.ParseCode). Other values (1-3, 2.5, ・) are refused rather
// than guessed at.
func Parse(text string) ([]int, error) {
	values := strings.FieldsFunc(cell.FoldWidth(text), isSeparator)
	if len(values) > MaxChoices {
		return nil, &CellError{Err: ErrTooMany}
	}
	codes := make([]int, 0, len(values))
	for i, v := range values {
		n, err := code(v)
		if err != nil && len(values) == 1 && cell.IsNA(v) {
			return codes, nil // checked only here: no code is NA
		}
		if err != nil {
			return nil, &CellError{Value: i + 1, Err: err}
		}
		codes = append(codes, n)
	}
	slices.Sort(codes)
	return slices.Compact(codes), nil
}

func isSeparator(r rune) bool {
	return r == ';' || r == ',' || r == '、' || unicode.IsSpace(r)
}

// code parses one value: decimal digits (leading zeros allowed, a
// fraction of zeros too) from 0 to cell.MaxCode, as cell.ParseCode reads
// them; a sign is no digit.
func code(v string) (int, error) {
	n, err := cell.ParseCode(v)
	switch {
	case errors.Is(err, cell.ErrCodeTooLarge):
		return 0, ErrTooLarge
	case err != nil:
		return 0, ErrNotCode
	}
	return n, nil
}

// ParseFlag reads a cell of one option's column: 1 is chosen; 0, blank
// or NA (cell.IsNA) is not (vendors write any of them); spaces around,
// 全角 digits, leading zeros and a fraction of zeros (1.0, as statistics
// packages export it) are accepted. Anything else is a *CellError
// wrapping ErrNotFlag.
func ParseFlag(text string) (bool, error) {
	v := strings.TrimSpace(cell.FoldWidth(text))
	if v == "" {
		return false, nil
	}
	switch n, err := code(v); {
	case err == nil && n == 0:
		return false, nil
	case err == nil && n == 1:
		return true, nil
	case err != nil && cell.IsNA(v):
		return false, nil
	}
	return false, &CellError{Err: ErrNotFlag}
}

// FromFlags reads an answer in the layout of one column per option: cells
// are the cells of the options' columns, codes the options' codes, in the
// same order (a cell missing at the end of a short row is blank). It
// returns the codes chosen, sorted, and the indexes of the cells that are
// not flags (ParseFlag), each a problem of its column; those count as not
// chosen.
func FromFlags(cells []string, codes []int) (chosen, bad []int) {
	for i, c := range codes {
		if i >= len(cells) {
			break
		}
		on, err := ParseFlag(cells[i])
		if err != nil {
			bad = append(bad, i)
		}
		if on {
			chosen = append(chosen, c)
		}
	}
	slices.Sort(chosen)
	return slices.Compact(chosen), bad
}
