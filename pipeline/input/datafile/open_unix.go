//go:build unix

package datafile

import "syscall"

// openNonBlock keeps open(2) from waiting for a writer on a FIFO.
const openNonBlock = syscall.O_NONBLOCK
