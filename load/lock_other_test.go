//go:build !unix

package load

const lockWorks = false
