package umzug

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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
