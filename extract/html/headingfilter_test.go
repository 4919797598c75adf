package html

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeadingFilterKeepsStems: the pair filter in front of headingReason's
// stems never rules out a text whose lower-cased form holds one.
func TestHeadingFilterKeepsStems(t *testing.T) {
	pieces := append([]string{" ", "Ä", "Ü", "İ", "K", "x", "ß", "-"}, headingStems...)
	for _, w := range headingStems {
		pieces = append(pieces, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 50000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		var ps pairSet
		ps.add(s)
		if containsSubstring(strings.ToLower(s), headingStems...) && !ps.mayAny(headingFilter) {
			t.Fatalf("%d: %q holds a stem, the filter rules it out", i, s)
		}
	}
}
