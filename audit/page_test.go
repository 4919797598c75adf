package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestUnitText: the text of a unit is its pieces joined, after any
// number of earlier units of one or more pieces.
func TestUnitText(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"", " ", "Text", "\n  ", "Straße ", "ab", "x\u00ady"}
	var u unitText
	for i := range 2000 {
		var want strings.Builder
		for range r.IntN(5) {
			p := pieces[r.IntN(len(pieces))]
			u.write(p)
			want.WriteString(p)
		}
		if got := u.String(); got != want.String() {
			t.Fatalf("case %d: %q, want %q", i, got, want.String())
		}
		u.reset()
	}
}

// dummyLabelRef is dummyLabel as first written, with the list of words.
func dummyLabelRef(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	core := false
	for _, w := range words {
		switch {
		case dummyCore[w]:
			core = true
		case dummyFiller[w], isNumber(w):
		default:
			return false
		}
	}
	return core
}

// TestDummyLabel compares dummyLabel with the list of words on random
// labels of core, filler and other words, numbers and separators, up to
// eleven words.
func TestDummyLabel(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"Headline", "TEXT", "Bild", "Überschrift", "teaser", "Dies", "ist", "ein", "H3", "12", "٣", "Nr", "Minister", "Straße", "typ", ""}
	seps := []string{" ", " ", "-", ": ", " #", "\u00a0", "(", ")", "…"}
	hits := 0
	for i := range 20000 {
		var sb strings.Builder
		for j := range 1 + r.IntN(11) {
			if j > 0 {
				sb.WriteString(seps[r.IntN(len(seps))])
			}
			if r.IntN(6) == 0 {
				sb.WriteString(words[r.IntN(len(words))])
			} else {
				sb.WriteString(words[r.IntN(11)]) // dummy words only
			}
		}
		s := sb.String()
		got, want := dummyLabel(s), dummyLabelRef(s)
		if got != want {
			t.Fatalf("case %d: dummyLabel(%q) = %v, want %v", i, s, got, want)
		}
		if want {
			hits++
		}
	}
	if hits < 2000 || hits > 18000 {
		t.Errorf("%d of 20000 labels are dummies: the test needs both", hits)
	}
}
