package html

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFrameClassesAsRegexp: frameType and frameBackgrounds find what the
// expressions they replaced find, on class strings built from their
// pieces.
func TestFrameClassesAsRegexp(t *testing.T) {
	typeRe := regexp.MustCompile(`(?:^|\s)frame-type-([A-Za-z0-9_\-]+)`)
	bgRe := regexp.MustCompile(`(?:^|\s)frame-(?:background|bg|layout)-([a-z]+[a-z0-9-]*)`)
	pieces := []string{"frame-", "type-", "background-", "bg-", "layout-", "Text", "x", "9", "_", "-", " ", "\t", "\v", "\u00a0",
		"frame-type-", "frame-bg-", "none", "default", "ä", "A"}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		class := b.String()
		want := ""
		if m := typeRe.FindStringSubmatch(class); m != nil {
			want = strings.ToLower(m[1])
		}
		if got := frameType(class); got != want {
			t.Fatalf("%d: frameType(%q) = %q, want %q", i, class, got, want)
		}
		var wantBg, gotBg []string
		for _, m := range bgRe.FindAllStringSubmatch(class, -1) {
			wantBg = append(wantBg, m[1])
		}
		frameBackgrounds(class, func(name string) bool { gotBg = append(gotBg, name); return false })
		if strings.Join(gotBg, "|") != strings.Join(wantBg, "|") {
			t.Fatalf("%d: frameBackgrounds(%q) = %q, want %q", i, class, gotBg, wantBg)
		}
	}
}

// TestSizeInTitleAsRegexp: sizeInTitleIndex finds what sizeInTitle finds.
func TestSizeInTitleAsRegexp(t *testing.T) {
	pieces := []string{"(", ")", " ", "\t", "\v", "\n", "PDF", ", 245 KB", "x", "ä", "\u00a0"}
	r := rand.New(rand.NewPCG(9, 10))
	for i := range 100000 {
		var b strings.Builder
		for range r.IntN(9) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := sizeInTitleIndex(s), sizeInTitle.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
			t.Fatalf("%d: %q: got %v, want %v", i, s, got, want)
		}
	}
}
