package umzug

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/umzug/umzug/internal/randtext"
)

// visibleTextRef is VisibleText (the audit's cleanText until it moved
// here) as it was before its ASCII fast path.
func visibleTextRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
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

func FuzzVisibleText(f *testing.F) {
	for _, s := range []string{"", " a ", "a b", "a  b", "a\u00a0b", "\u200b a", "x\xffy", "Über\u00adschrift", "a\u0085b", "\t\n", "a \u3000b", "ab ", "\n    Plain text.\n  ", "\n\t ", "\n  a  b\n", " \u00a0x ", "\n Straße \n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := VisibleText(s), visibleTextRef(s); got != want {
			t.Errorf("VisibleText(%q) = %q; want %q", s, got, want)
		}
		if utf8.ValidString(s) && !utf8.ValidString(VisibleText(s)) {
			t.Errorf("VisibleText(%q) is not valid UTF-8", s)
		}
	})
}

// BenchmarkVisibleText is the visible text of the texts between the
// block elements of indented markup: white space only, or a line of
// text with the markup's line breaks and indentation around it.
func BenchmarkVisibleText(b *testing.B) {
	texts := []string{"\n        ", "\n          Die Landesregierung informiert über neue Förderprogramme.\n        ", "\n      ", "\n          Weitere Informationen zum Antrag finden Sie hier.\n        "}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			VisibleText(t)
		}
	}
}

// isCleanRef is isClean as it was before its eight-byte steps.
func isCleanRef(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1, r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff', unicode.IsSpace(r):
				return false
			}
			i += n - 1
			continue
		}
		if asciiSpace[c] && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] < utf8.RuneSelf && asciiSpace[s[i+1]]) {
			return false
		}
	}
	return true
}

// TestIsClean compares isClean with the check byte by byte on random
// text of clean words with a defect anywhere, also across the eight-byte
// steps and at the ends.
func TestIsClean(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	rare := []string{"a", "Wort", "Straße", " ", " ", " ", "  ", "\n", "\t", "\x01", "\x7f", "\x1f", "!", "\u00a0", "\u00ad", "\u200b", "\u3000", "\xff", "\xc3", "漢", "\u0085", "~", "\x80"}
	clean := 0
	for i := range 200000 {
		s := randtext.Text(r, 39, rare[:4], rare, 60) // words and spaces, now and then a defect
		got, want := isClean(s), isCleanRef(s)
		if got != want {
			t.Fatalf("case %d: isClean(%q) = %v, want %v", i, s, got, want)
		}
		if want {
			clean++
		}
	}
	if clean < 10000 || clean > 180000 {
		t.Errorf("%d of 200000 texts clean: the test needs both", clean)
	}
}
