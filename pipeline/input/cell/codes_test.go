package cell

import (
	"errors"
	"testing"
)

// TestParseCodePlainDigits: codes are decimal digits as staff type them
// and statistics packages export them (a fraction of zeros), not Go's
// literal forms.
func TestParseCodePlainDigits(t *testing.T) {
	for s, want := range map[string]int{"1": 1, "０１": 1, " 3 ": 3, "1000000": 1_000_000, "　２　": 2,
		"1.0": 1, "3.00": 3, "１．０": 1, " 9.000 ": 9, "1000000.00": 1_000_000} {
		if n, err := ParseCode(s); err != nil || n != want {
			t.Errorf("ParseCode(%q) = %d, %v; want %d", s, n, err, want)
		}
	}
	for s, want := range map[string]error{
		"+1": ErrBadCode, "1_0": ErrBadCode, "0x1": ErrBadCode, "1e2": ErrBadCode, "1.5": ErrBadCode,
		"1.": ErrBadCode, ".0": ErrBadCode, "1.0.0": ErrBadCode, "1. 0": ErrBadCode, "1.0e0": ErrBadCode, "-1.0": ErrNegativeCode,
		"1000001.0": ErrCodeTooLarge,
		"":          ErrBadCode, "٣": ErrBadCode, "- 1": ErrBadCode, "-1": ErrNegativeCode, "－１": ErrNegativeCode,
		"1000001": ErrCodeTooLarge, "99999999999999999999999": ErrCodeTooLarge,
	} {
		if n, err := ParseCode(s); !errors.Is(err, want) {
			t.Errorf("ParseCode(%q) = %d, %v; want %v", s, n, err, want)
		}
	}
}

// TestIsNA: R's missing value and the 無回答 of Japanese survey tables,
// as they are written; nothing that merely starts or ends like it.
func TestIsNA(t *testing.T) {
	for _, s := range []string{"NA", "na", "Na", " NA ", "ＮＡ", "ｎａ", "\u3000NA"} {
		if !IsNA(s) {
			t.Errorf("IsNA(%q) = false; want true", s)
		}
	}
	for _, s := range []string{"", "N", "NAN", "N/A", "N.A.", "#N/A", "NA1", "1", "N A", "ＮＡ ＮＡ"} {
		if IsNA(s) {
			t.Errorf("IsNA(%q) = true; want false", s)
		}
	}
}

// TestParseWholeNoFraction: a count or an amount is typed by staff, where
// 2.000 may be two thousand: no fraction, not even of zeros.
func TestParseWholeNoFraction(t *testing.T) {
	for _, s := range []string{"2.000", "1.0", "40.00"} {
		if n, err := ParseWhole(s, 1<<40); !errors.Is(err, ErrBadCode) {
			t.Errorf("ParseWhole(%q) = %d, %v; want ErrBadCode", s, n, err)
		}
	}
}

func TestWithoutThousands(t *testing.T) {
	for s, want := range map[string]string{"1,500": "1500", "１，５００": "1500", " 12,345,678 ": "12345678", "999,000": "999000"} {
		if got, ok := WithoutThousands(s); !ok || got != want {
			t.Errorf("WithoutThousands(%q) = %q, %v; want %q", s, got, ok, want)
		}
	}
	for _, s := range []string{"1500", "1,50", "1,5000", ",500", "1,", "1234,567", "1.500", "-1,500", "1,500.5", "1, 500", ""} {
		if got, ok := WithoutThousands(s); ok {
			t.Errorf("WithoutThousands(%q) = %q; want refused", s, got)
		}
	}
}
