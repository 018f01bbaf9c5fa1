//go:build !linux

package publish

import (
	"fmt"
	"os"
)

// exchange swaps two folders with two renames. Unlike on Linux there is a
// moment in which b does not exist; a crash then leaves the old site at
// a+".old", which the next refresh replaces.
func exchange(a, b string) error {
	old := a + ".old"
	if err := os.Rename(b, old); err != nil {
		return fmt.Errorf("move %s aside: %w", b, err)
	}
	if err := os.Rename(a, b); err != nil {
		return fmt.Errorf("move %s in: %w", a, err)
	}
	return os.Rename(old, a)
}
