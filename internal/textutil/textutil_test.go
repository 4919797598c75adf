package textutil

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"", 5, ""},
		{"kurz", 4, "kurz"},
		{"kurz", 10, "kurz"},
		{"länger", 3, "lä…"},   // "ä" is two bytes: 1+2 fit
		{"länger", 2, "l…"},    // the cut would split "ä"
		{"Straße", 5, "Stra…"}, // "ß" starts at byte 4 and ends at 6
		{"€€", 4, "€…"},
		{"€€", 2, "…"},
		{"abc", 0, "…"},
		{"abc", -1, "…"},
	}
	for _, tt := range tests {
		if got := Truncate(tt.s, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q; want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func FuzzTruncate(f *testing.F) {
	for _, s := range []string{"", "abc", "Überschrift", "€uro", "x\xffy"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		got := Truncate(s, n)
		if len(s) <= n {
			if got != s {
				t.Fatalf("Truncate(%q, %d) = %q; want it unchanged", s, n, got)
			}
			return
		}
		kept, ok := strings.CutSuffix(got, "…")
		if !ok || len(kept) > max(n, 0) || !strings.HasPrefix(s, kept) {
			t.Fatalf("Truncate(%q, %d) = %q: want a prefix of at most %d bytes and …", s, n, got, n)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Truncate(%q, %d) = %q: not valid UTF-8", s, n, got)
		}
	})
}

func TestContainsPhrase(t *testing.T) {
	text := "Der Minister eröffnete die neue Brücke über die Saale am Montag."
	for _, tc := range []struct {
		phrase string
		want   bool
	}{
		{"neue Brücke über die Saale", true},
		{"Der Minister", true},
		{"am Montag.", true},
		{text, true},
		{"neue Brücke über den Main", false},
		{"am Montag. ", false},
		{"", true},
	} {
		if got := ContainsPhrase(text, PhraseOf(tc.phrase)); got != tc.want {
			t.Errorf("ContainsPhrase(%q) = %v; want %v", tc.phrase, got, tc.want)
		}
	}
}
