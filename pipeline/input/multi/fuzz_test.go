package multi

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shihyo/shihyo/pipeline/input/cell"
)

// messageRunes are the characters the messages of CellError are made of.
var messageRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, err := range []error{ErrNotCode, ErrTooLarge, ErrTooMany, ErrNotFlag} {
		for _, r := range (&CellError{Value: 1234567890, Err: err}).Message() {
			m[r] = true
		}
	}
	return m
}()

// FuzzParseMulti feeds arbitrary cells to Parse. It must never panic and
// always give the same answer; an answer is a sorted set of codes from 0
// to cell.MaxCode that reads the same written back with ;; a refusal names the
// position of a value of the cell and quotes nothing of it: no character
// of the cell that the messages are not made of appears in the message.
func FuzzParseMulti(f *testing.F) {
	for _, s := range []string{"1;3", "１、３", " 1 , 3 ", "1;1;2", "1-3", "山田;1", "", "9999999", "0１;\u3000;03", "1\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		codes, err := Parse(text)
		codes2, err2 := Parse(text)
		if !slices.Equal(codes, codes2) || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("not deterministic: %v %v, then %v %v", codes, err, codes2, err2)
		}
		if err != nil {
			checkRefusal(t, text, err)
			return
		}
		if !slices.IsSorted(codes) || len(slices.Compact(slices.Clone(codes))) != len(codes) {
			t.Fatalf("codes %v are not a sorted set", codes)
		}
		var parts []string
		for _, c := range codes {
			if c < 0 || c > cell.MaxCode {
				t.Fatalf("code %d out of range", c)
			}
			parts = append(parts, strconv.Itoa(c))
		}
		if again, err := Parse(strings.Join(parts, ";")); err != nil || !slices.Equal(again, codes) {
			t.Fatalf("codes %v written back read as %v, %v", codes, again, err)
		}
	})
}

func checkRefusal(t *testing.T, cell string, err error) {
	t.Helper()
	var ce *CellError
	if !errors.As(err, &ce) || ce.Value < 0 || ce.Value > MaxChoices {
		t.Fatalf("error %v is not a *CellError with a position", err)
	}
	if !errors.Is(err, ErrTooMany) && ce.Value == 0 {
		t.Fatalf("error %v names no value", err)
	}
	msg := ce.Message()
	for _, r := range cell {
		if !messageRunes[r] && strings.ContainsRune(msg, r) {
			t.Fatalf("message %q quotes %q of the cell", msg, r)
		}
	}
}
