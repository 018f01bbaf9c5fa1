package multi

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for cell, want := range map[string][]int{
		"1;3": {1, 3}, "1,3": {1, 3}, "1 3": {1, 3}, "１、３": {1, 3}, "3, 1": {1, 3}, " 1 ; 3 ": {1, 3},
		"1；３，5": {1, 3, 5}, "1\u30003": {1, 3}, "1\n3": {1, 3}, "1\r\n3\t5": {1, 3, 5}, "1､3": {1, 3},
		"2": {2}, "01;003": {1, 3}, "1;1;3": {1, 3}, "1;;3": {1, 3}, "0": {0}, "1000000": {1000000},
		"": {}, "  ": {}, ";": {}, "、 ,": {}, "3.0;1.00": {1, 3}, "NA": {}, " ＮＡ ": {},
	} {
		got, err := Parse(cell)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", cell, got, err, want)
		}
	}
}

func TestParseRefusesWithoutQuoting(t *testing.T) {
	for _, c := range []struct {
		cell  string
		value int
		err   error
	}{
		{"1;山田", 2, ErrNotCode}, {"1-3", 1, ErrNotCode}, {"1・3", 1, ErrNotCode}, {"2.5", 1, ErrNotCode},
		{"-1", 1, ErrNotCode}, {"1;+3", 2, ErrNotCode}, {"1/3", 1, ErrNotCode}, {"1;3;x9z", 3, ErrNotCode},
		{"1;NA", 2, ErrNotCode}, {"NA;NA", 1, ErrNotCode},
		{"1;1000001", 2, ErrTooLarge}, {"99999999999999999999999", 1, ErrTooLarge},
		{strings.Repeat("1;", MaxChoices+1), 0, ErrTooMany},
	} {
		_, err := Parse(c.cell)
		var ce *CellError
		if !errors.As(err, &ce) || ce.Value != c.value || !errors.Is(err, c.err) {
			t.Errorf("Parse(%q): got %v, want value %d: %v", c.cell, err, c.value, c.err)
			continue
		}
		if msg := ce.Message(); strings.Contains(msg, "山田") || strings.Contains(msg, "x9z") || strings.Contains(msg, "1000001") || !strings.Contains(msg, "複数回答") {
			t.Errorf("Parse(%q): message %q quotes the cell or does not say what it is about", c.cell, msg)
		}
	}
}

func TestParseFlag(t *testing.T) {
	for cell, want := range map[string]bool{"1": true, " 1 ": true, "１": true, "01": true, "0": false, "": false, "　": false, "00": false,
		"1.0": true, "0.0": false, "NA": false, "ＮＡ": false} {
		got, err := ParseFlag(cell)
		if err != nil || got != want {
			t.Errorf("ParseFlag(%q) = %v, %v; want %v", cell, got, err, want)
		}
	}
	for _, cell := range []string{"2", "○", "TRUE", "1.5", "2.0", "-1", "x", "1 1", "N/A"} {
		if _, err := ParseFlag(cell); !errors.Is(err, ErrNotFlag) {
			t.Errorf("ParseFlag(%q): %v, want ErrNotFlag", cell, err)
		}
	}
}

func TestFromFlags(t *testing.T) {
	codes := []int{1, 2, 3, 99}
	for _, c := range []struct {
		cells       []string
		chosen, bad []int
	}{
		{[]string{"1", "0", "1", ""}, []int{1, 3}, nil},
		{[]string{"", "", "", ""}, nil, nil}, // no answer
		{[]string{"", "", "", "1"}, []int{99}, nil},
		{[]string{"1", "○", "2", "1"}, []int{1, 99}, []int{1, 2}},
		{[]string{"0", "1"}, []int{2}, nil}, // a row cut short: the rest is blank
	} {
		chosen, bad := FromFlags(c.cells, codes)
		if !slices.Equal(chosen, c.chosen) || !slices.Equal(bad, c.bad) {
			t.Errorf("FromFlags(%q) = %v, %v; want %v, %v", c.cells, chosen, bad, c.chosen, c.bad)
		}
	}
}
