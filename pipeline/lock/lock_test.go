package lock

import "testing"

// TestOutLockIsBesideOut: the lock of the published folder is a hidden
// file beside it, not in it (the folder is replaced whole), and not a
// staging folder's name (CleanStale removes those).
func TestOutLockIsBesideOut(t *testing.T) {
	p := OutPath("/var/www/shihyo/site/")
	if p != "/var/www/shihyo/.site.lock" {
		t.Errorf("OutLockPath = %s", p)
	}
}
