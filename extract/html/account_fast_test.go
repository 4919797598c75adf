package html

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// runeCount counts as utf8.RuneCountInString, on valid and invalid
// UTF-8 of every length around the word of eight bytes.
func TestRuneCountAgrees(t *testing.T) {
	pieces := []string{"a", "Straße", "ü", "\xff", "\xc3", "\xe2\x82", "€", "😀", " ", "\u00a0", "\x80", "abcdefgh", "\u212a"}
	for _, s := range append(stemTexts(t), "", "abcdefg", "abcdefgh", "abcdefghi", "abcdefg\xc3\xbc", "abcdefg\xc3") {
		for _, v := range []string{s, strings.ToUpper(s)} {
			if got, want := runeCount(v), utf8.RuneCountInString(v); got != want {
				t.Fatalf("runeCount(%q) = %d, want %d", v, got, want)
			}
		}
	}
	var sb strings.Builder
	for i := range 5000 {
		sb.WriteString(pieces[(i*7+i/3)%len(pieces)])
		s := sb.String()
		for _, v := range []string{s, s[i%len(s):], s[:len(s)-i%len(s)]} {
			if got, want := runeCount(v), utf8.RuneCountInString(v); got != want {
				t.Fatalf("runeCount(%q) = %d, want %d", v, got, want)
			}
		}
	}
}
