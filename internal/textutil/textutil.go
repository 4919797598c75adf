// Package textutil holds small text helpers the stages share. It imports
// nothing of the module, so every stage may use it (boundaries_test.go).
package textutil

import (
	"fmt"
	"unicode/utf8"
)

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

// Phrase is a phrase known only by its length in bytes and a hash of
// them (PhraseOf): tests of third-party pages check that a text holds a
// sentence of the page, or does not, without the repository holding the
// page's text.
type Phrase struct {
	Len  int    `json:"len"`
	Hash string `json:"hash"` // 16 hex digits
}

// phraseBase is the base of the polynomial rolling hash (FNV's 64-bit
// prime), modulo 2^64.
const phraseBase = 1099511628211

// PhraseOf returns the Phrase of s.
func PhraseOf(s string) Phrase {
	var h uint64
	for i := 0; i < len(s); i++ {
		h = h*phraseBase + uint64(s[i])
	}
	return Phrase{Len: len(s), Hash: fmt.Sprintf("%016x", h)}
}

// ContainsPhrase reports whether text holds the phrase p anywhere, in one
// pass over text with a rolling hash.
func ContainsPhrase(text string, p Phrase) bool {
	n := p.Len
	if n <= 0 || n > len(text) {
		return n == 0
	}
	var want uint64
	if _, err := fmt.Sscanf(p.Hash, "%x", &want); err != nil {
		return false
	}
	var h, top uint64 = 0, 1 // top: phraseBase^(n-1)
	for i := 0; i < n; i++ {
		h = h*phraseBase + uint64(text[i])
		if i > 0 {
			top *= phraseBase
		}
	}
	for i := 0; ; i++ {
		if h == want {
			return true
		}
		if i+n >= len(text) {
			return false
		}
		h = (h-uint64(text[i])*top)*phraseBase + uint64(text[i+n])
	}
}
