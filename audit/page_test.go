package audit

import (
	"math/rand/v2"
	"strings"
	"testing"
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
