package export

import (
	"testing"
)

func TestPartitionValue(t *testing.T) {
	cases := map[string]string{
		"鶴見区": "鶴見区", "a/b": "a%2Fb", `c:\d`: "c%3A%5Cd", "x=y": "x%3Dy", "..": "%2E%2E", "50%": "50%25",
	}
	for in, want := range cases {
		if got := partitionValue(in); got != want {
			t.Errorf("partitionValue(%q) = %q; want %q", in, got, want)
		}
	}
}
