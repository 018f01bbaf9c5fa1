//go:build !unix

package input

const openNonBlock = 0
