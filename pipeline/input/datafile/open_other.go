//go:build !unix

package datafile

const openNonBlock = 0
