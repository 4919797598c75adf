package randtext

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rare, long := 0, 0
	for range 10000 {
		s := Text(r, 10, []string{"a"}, []string{"B"}, 4)
		if len(s) > 10 || strings.Trim(s, "aB") != "" {
			t.Fatalf("Text = %q: more than 10 pieces or other pieces", s)
		}
		rare += strings.Count(s, "B")
		if len(s) == 10 {
			long++
		}
	}
	// 10,000 texts of 5 pieces on average, a quarter of them rare.
	if rare < 11000 || rare > 14000 || long == 0 {
		t.Errorf("%d rare pieces (want about 12,500), %d texts of 10 pieces", rare, long)
	}
}
