package input

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// ErrBadCode is returned, wrapped, for an answer code that is not an integer.
var ErrBadCode = errors.New("bad answer code")

func foldWidth(s string) string { return width.Fold.String(s) }

// ParseCode parses one answer code; 全角 digits are accepted.
func ParseCode(s string) (int, error) {
	t := strings.TrimSpace(foldWidth(s))
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, fmt.Errorf("%q: %w", s, ErrBadCode)
	}
	return n, nil
}

// ParseCodes parses a list of codes separated by ";" (also "；", "、" or
// ","), sorted and without duplicates. Empty text gives an empty list.
func ParseCodes(s string) ([]int, error) {
	s = strings.NewReplacer("、", ";", ",", ";").Replace(foldWidth(s))
	var out []int
	for _, f := range strings.Split(s, ";") {
		if strings.TrimSpace(f) == "" {
			continue
		}
		n, err := ParseCode(f)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// FormatCodes writes codes as "1;2".
func FormatCodes(codes []int) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = strconv.Itoa(c)
	}
	return strings.Join(parts, ";")
}
