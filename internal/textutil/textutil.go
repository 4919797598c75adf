// Package textutil holds small text helpers the stages share. It imports
// nothing of the module, so every stage may use it (boundaries_test.go).
package textutil

import "unicode/utf8"

// Truncate returns s cut to at most n bytes, at a rune boundary, with "…"
// appended when something was cut; s itself when it fits. n counts the
// bytes kept of s, not the ellipsis.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
