package jst

import (
	"testing"
	"time"
	_ "time/tzdata" // the zone database, so the comparison runs on any machine
)

// TestLocationMatchesAsiaTokyo checks the claim that lets Location be a
// fixed zone: it gives the wall clock of Asia/Tokyo, summer and winter.
func TestLocationMatchesAsiaTokyo(t *testing.T) {
	tokyo, err := time.LoadLocation(Name)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []time.Time{
		time.Date(1952, 7, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 17, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 31, 15, 30, 0, 0, time.UTC),
	} {
		got, want := u.In(Location).Format(time.DateTime), u.In(tokyo).Format(time.DateTime)
		if got != want {
			t.Errorf("%v: %s in Location, %s in %s", u, got, want, Name)
		}
	}
}
