// Package randtext makes random text for the tests that compare a fast
// path with the code it replaced: pieces drawn from a common list and,
// now and then, from a list of rare ones. It imports nothing of the
// module, so the tests of every package may use it.
package randtext

import (
	"math/rand/v2"
	"strings"
)

// Text joins up to maxPieces pieces: each one of rare with odds 1 in
// rareOneIn, else one of common.
func Text(r *rand.Rand, maxPieces int, common, rare []string, rareOneIn int) string {
	var b strings.Builder
	for range r.IntN(maxPieces + 1) {
		if len(rare) > 0 && r.IntN(rareOneIn) == 0 {
			b.WriteString(rare[r.IntN(len(rare))])
		} else {
			b.WriteString(common[r.IntN(len(common))])
		}
	}
	return b.String()
}
