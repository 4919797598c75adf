package html

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// inKept finds s wherever the kept text holds it, whatever the cursor:
// it says what strings.Contains says, and moves the cursor only past a
// text it found after it.
func TestInKeptAgreesWithContains(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"Amt", "Bürger", "Antrag", "der", "die", "Stadt", "Verwaltung", "Formular", "ab", "a"}
	for round := 0; round < 300; round++ {
		// Numbered words (each text of 14 bytes or more is there once)
		// or common ones (found near any cursor).
		var sb strings.Builder
		unique := round%2 == 0
		for i, n := 0, rng.Intn(30000)+1; sb.Len() < n; i++ {
			if unique {
				fmt.Fprintf(&sb, "k%05d;", i)
				continue
			}
			sb.WriteString(words[rng.Intn(len(words))])
			sb.WriteByte(" ,."[rng.Intn(3)])
		}
		kept := sb.String()
		for q := 0; q < 40; q++ {
			var s string
			if rng.Intn(2) == 0 {
				i := rng.Intn(len(kept))
				s = kept[i:min(len(kept), i+14+rng.Intn(80))]
			} else {
				s = words[rng.Intn(len(words))] + "x" + words[rng.Intn(len(words))]
			}
			cursor := rng.Intn(len(kept) + 1)
			a := &accountant{kept: kept, cursor: cursor}
			if got, want := a.inKept(s), strings.Contains(kept, s); got != want {
				t.Fatalf("round %d: inKept(%q) at %d of %d = %v, want %v", round, s, cursor, len(kept), got, want)
			}
			if a.cursor != cursor && !strings.HasSuffix(kept[:a.cursor], s) {
				t.Fatalf("cursor moved to %d, not past %q", a.cursor, s)
			}
		}
	}
}
