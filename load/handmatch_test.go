package load

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestHandMatchers: the hand-written matchers match what their patterns
// match, on strings built from the patterns' pieces.
func TestHandMatchers(t *testing.T) {
	id := "0b6f2d1e-8c3a-5f5b-9e7d-1a2b3c4d5e6f"
	hash := "sha256:" + strings.Repeat("0123456789abcdef", 4)
	for _, pat := range []string{uuidPattern, requiredUUIDPattern, contentHashPattern} {
		re := regexp.MustCompile(pat)
		h := handMatcher(pat)
		if h == nil {
			t.Fatalf("no matcher for %s", pat)
		}
		r := rand.New(rand.NewPCG(7, 8))
		for range 100000 {
			var s string
			switch r.IntN(4) {
			case 0:
				s = id
			case 1:
				s = hash
			case 2:
				s = ""
			default:
				s = id[:r.IntN(len(id)+1)]
			}
			if s != "" && r.IntN(2) == 0 {
				b := []byte(s)
				b[r.IntN(len(b))] = "05-89abcdefgAF:\n"[r.IntN(16)]
				s = string(b)
			}
			if r.IntN(8) == 0 {
				s += "\n"
			}
			if got, want := h(s), re.MatchString(s); got != want {
				t.Fatalf("%s: %q: got %v, want %v", pat, s, got, want)
			}
		}
	}
}
