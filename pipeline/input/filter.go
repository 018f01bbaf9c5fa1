package input

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/shihyo/shihyo/pipeline/input/cell"
	"github.com/shihyo/shihyo/pipeline/input/model"
)

// ErrBadFilter is returned, wrapped, for a filter that is not of the form
// `key=code;code & key=code`.
var ErrBadFilter = errors.New("bad filter")

var keyRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// ValidKey reports whether k can be a question or attribute key.
func ValidKey(k string) bool { return keyRe.MatchString(k) }

// ParseFilter parses an indicator filter: empty, or clauses `key=code;code`
// joined by `&`. Codes within a clause are alternatives; all clauses must
// hold. 全角 characters are folded first, so `ｋｏｓｏｄａｔｅ＝１` reads as
// `kosodate=1`. A key may appear in one clause only.
func ParseFilter(s string) ([]model.Clause, error) {
	s = cell.FoldWidth(s)
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []model.Clause
	seen := map[string]bool{}
	for _, part := range strings.Split(s, "&") {
		key, codes, ok := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		if !ok || !ValidKey(key) {
			return nil, fmt.Errorf("%q: 「キー=コード」の形ではありません: %w", strings.TrimSpace(part), ErrBadFilter)
		}
		if seen[key] {
			return nil, fmt.Errorf("キー %q が二度あります: %w", key, ErrBadFilter)
		}
		seen[key] = true
		list, err := cell.ParseCodes(codes)
		if err != nil || len(list) == 0 {
			return nil, fmt.Errorf("%q: コードは 1;2 のように整数を ; で区切ってください: %w", strings.TrimSpace(part), ErrBadFilter)
		}
		out = append(out, model.Clause{Key: key, Codes: list})
	}
	return out, nil
}

// FormatFilter writes clauses back in the form ParseFilter reads.
func FormatFilter(cs []model.Clause) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Key + "=" + cell.FormatCodes(c.Codes)
	}
	return strings.Join(parts, " & ")
}
