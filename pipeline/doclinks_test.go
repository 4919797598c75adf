package pipeline

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestDocLinksAsRegexp: docLinks finds what the expression it replaced
// finds, on lines built from its pieces.
func TestDocLinksAsRegexp(t *testing.T) {
	re := regexp.MustCompile(`"document":"([0-9a-f-]{36})"`)
	id := "0b6f2d1e-8c3a-4f5b-9e7d-1a2b3c4d5e6f"
	pieces := []string{`"document":"`, id, id[:35], `"`, `,`, `"document":"x`, `{"a":`, "A", "-", `"document":"` + id + `"`, `""document":"`}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		line := []byte(b.String())
		var want, got []string
		for _, m := range re.FindAllSubmatch(line, -1) {
			want = append(want, string(m[1]))
		}
		if err := docLinks(line, func(d docID) error { got = append(got, string(d[:])); return nil }); err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("%d: %q: got %q, want %q", i, line, got, want)
		}
	}
}
