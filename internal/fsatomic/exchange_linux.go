package fsatomic

import "golang.org/x/sys/unix"

// exchange swaps the staged folder and out atomically (renameat2
// RENAME_EXCHANGE): there is no moment in which out is missing. It returns
// the path that now holds the previous site: staged.
func exchange(staged, out string) (string, error) {
	if err := unix.Renameat2(unix.AT_FDCWD, staged, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE); err != nil {
		return "", err
	}
	return staged, nil
}
