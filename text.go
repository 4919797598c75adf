package umzug

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// VisibleText collapses white space (no-break spaces included) to single
// spaces, trims it at both ends and drops soft hyphens and zero-width
// characters: the text a reader sees, as the audit matches it and finding
// fingerprints (FindingFingerprint) hash it.
func VisibleText(s string) string {
	if isClean(s) {
		return s
	}
	// Most text differs from what a reader sees only in ASCII white
	// space at its ends (the markup's line breaks and indentation): then
	// the rest is the result, without a copy.
	lo, hi := 0, len(s)
	for lo < hi && s[lo] < utf8.RuneSelf && asciiSpace[s[lo]] {
		lo++
	}
	for hi > lo && s[hi-1] < utf8.RuneSelf && asciiSpace[s[hi-1]] {
		hi--
	}
	if lo == hi {
		return ""
	}
	// White space at the ends is dropped below too.
	if s = s[lo:hi]; isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				space = true
				i++
				continue
			}
			// a run of ASCII that is not white space, copied at once
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
				j++
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			continue
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isClean reports text that VisibleText leaves as it is: single
// spaces between words, none at the ends, no other white space.
// Eight bytes of ASCII are checked at a time, up to the first byte that
// is not ASCII or is white space other than ' '; that one alone
// (TestIsClean compares with the check byte by byte).
func isClean(s string) bool {
	if s != "" && (s[0] == ' ' || s[len(s)-1] == ' ') {
		return false
	}
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := binary.LittleEndian.Uint64([]byte(s[i : i+8])) // no copy: one load
			// Bit 7 of a byte of low: the byte is ASCII at most ' ';
			// of sp: it is ' '. No carry crosses a byte in either.
			low := ^(((x & lo7) + 0x5f5f5f5f5f5f5f5f) | x) & hi1
			y := x ^ 0x2020202020202020
			sp := ^(((y & lo7) + lo7) | y) & hi1
			// Two spaces in a row anywhere are not clean.
			if sp&(sp>>8) != 0 || sp>>63 != 0 && i+8 < len(s) && s[i+8] == ' ' {
				return false
			}
			// Else the bytes before the first that is not ASCII or is
			// white space other than ' ' are clean.
			other := (x | low&^sp) & hi1
			if other == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(other) >> 3
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			// Copied as it is unless it is white space, invisible or
			// not UTF-8 (which becomes U+FFFD).
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1, r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff', unicode.IsSpace(r):
				return false
			}
			i += n
			continue
		}
		// A space is clean before a rune that is not white space (the
		// ends are checked above; a rune before it would have failed).
		if asciiSpace[c] && (c != ' ' || s[i+1] < utf8.RuneSelf && asciiSpace[s[i+1]]) {
			return false
		}
		i++
	}
	return true
}

const (
	lo7 = 0x7f7f7f7f7f7f7f7f // the low seven bits of each byte
	hi1 = 0x8080808080808080 // the high bit of each byte
)
