//go:build !linux

package fsatomic

import "os"

// exchange puts the staged folder in place of out with two renames, as
// these systems have no atomic exchange; see exchangeByRenames.
func exchange(staged, out string) (string, error) {
	return exchangeByRenames(staged, out, os.Rename)
}
