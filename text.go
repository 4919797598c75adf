package umzug

import (
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

// isClean reports ASCII text that VisibleText leaves as it is: single
// spaces between words, none at the ends, no other white space.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if asciiSpace[c] && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] >= utf8.RuneSelf || asciiSpace[s[i+1]]) {
			return false
		}
	}
	return true
}
