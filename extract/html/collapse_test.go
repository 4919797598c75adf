package html

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// collapseTexts are random texts of the bytes that matter to collapsing
// (spaces, the other white space, U+00A0 and its lead byte alone, a
// vertical tab, U+0085, letters, umlauts) at every length up to 40, and
// the test pages' texts.
func collapseTexts(t *testing.T) []string {
	pieces := []string{" ", " ", " ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\xc2", "\xa0", "\u0085", "a", "b", "ü", "ß", "\u2003", "xyz", "  "}
	r := rand.New(rand.NewPCG(1, 2))
	var texts []string
	for n := 0; n <= 40; n++ {
		for range 200 {
			var sb strings.Builder
			for sb.Len() < n {
				sb.WriteString(pieces[r.IntN(len(pieces))])
			}
			texts = append(texts, sb.String())
		}
	}
	return append(texts, stemTexts(t)...)
}

// collapseSpace, collapseInto and collapseTrimBytes say what the first
// byte loop said, at every offset of the text in the buffer.
func TestCollapseAgrees(t *testing.T) {
	changed := 0
	for _, s := range collapseTexts(t) {
		want := collapseSpaceRef(s)
		if got := collapseSpace(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if want != s {
			changed++
		}
		for off := 0; off < 3; off++ {
			b := append(bytes.Repeat([]byte{'#'}, off), s...)
			if got := string(b[:collapseInto(b, b[off:])]); got != want {
				t.Fatalf("collapseInto(%q at %d) = %q, want %q", s, off, got, want)
			}
		}
		if got, want := string(collapseTrimBytes([]byte(s))), strings.TrimSpace(want); got != want {
			t.Fatalf("collapseTrimBytes(%q) = %q, want %q", s, got, want)
		}
	}
	if changed < 1000 {
		t.Errorf("only %d texts changed by collapsing", changed)
	}
}

// BenchmarkCollapseSpace runs collapseSpace over the short texts of the
// test pages' elements (most are left as they are).
func BenchmarkCollapseSpace(b *testing.B) {
	var texts []string
	for _, n := range utilityNodes(b) {
		s, _ := textUpTo(n, 600)
		texts = append(texts, s, s+"\n  "+s)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			collapseSpace(s)
		}
	}
}

// rawElementTexts are the texts of a synthetic page's elements of up to
// 1,200 bytes as they are gathered, before collapsing.
func rawElementTexts(b *testing.B) []string {
	var texts []string
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.ElementNode {
			var sb strings.Builder
			var g func(*html.Node)
			g = func(n *html.Node) {
				if n.Type == html.TextNode {
					sb.WriteString(n.Data)
					sb.WriteByte(' ')
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					g(c)
				}
			}
			g(n)
			if sb.Len() <= 1200 {
				texts = append(texts, sb.String())
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(syntheticTree(b))
	return texts
}

// BenchmarkCollapseRaw collapses a synthetic page's element texts in
// place (collapseTrimBytes, as textUpTo and cleanText do) and as strings
// (collapseSpace).
func BenchmarkCollapseRaw(b *testing.B) {
	texts := rawElementTexts(b)
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			buf = append(buf[:0], s...)
			collapseTrimBytes(buf)
			collapseSpace(s)
		}
	}
}

// indexNear finds what strings.Index finds before the limit.
func TestIndexNear(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	texts := stemTexts(t)
	var kept strings.Builder
	for _, s := range texts[:3000] {
		kept.WriteString(s)
		kept.WriteByte(' ')
	}
	k := kept.String()
	found := 0
	for i := 0; i < 20000; i++ {
		start := r.IntN(len(k))
		end := min(len(k), start+r.IntN(9000))
		s := k[start:end]
		var sub string
		switch i % 4 {
		case 0: // the next text
			a := r.IntN(300)
			sub = s[min(a, len(s)):min(a+r.IntN(700)+1, len(s))]
		case 1: // a text anywhere
			sub = texts[r.IntN(len(texts))]
		case 2: // a short piece
			a := r.IntN(len(s) + 1)
			sub = s[a:min(a+r.IntN(4), len(s))]
		default: // not there
			sub = texts[r.IntN(len(texts))] + "\x00"
		}
		limit := []int{0, 1, 256, 9000}[i%4]
		got, want := indexNear(s, sub, limit), strings.Index(s, sub)
		if want >= limit && len(sub) > 0 {
			want = -1 // found, but not before the limit
		}
		if got != want {
			t.Fatalf("indexNear(%q…, %q) = %d, want %d", s[:min(len(s), 40)], sub, got, want)
		}
		if want >= 0 {
			found++
		}
	}
	if found < 3000 {
		t.Errorf("only %d found", found)
	}
}

// inKept is strings.Contains of the blocks' text, wherever its cursor
// stands: on the text nodes of the test pages in their order, against
// the text of the blocks extracted from the page.
func TestInKeptIsContains(t *testing.T) {
	yes, no := 0, 0
	for _, root := range gatePages(t)[:12] {
		var texts []string
		var f func(*html.Node)
		f = func(n *html.Node) {
			if n.Type == html.TextNode {
				if s := normText(n.Data); s != "" {
					texts = append(texts, s)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				f(c)
			}
		}
		f(root)
		var sb strings.Builder
		for i, s := range texts {
			if i%5 != 3 { // some texts are not kept
				sb.WriteString(s)
				sb.WriteByte('\n')
			}
		}
		a := &accountant{kept: sb.String()}
		for _, s := range append(texts, texts...) {
			got, want := a.inKept(s), strings.Contains(a.kept, s)
			if got != want {
				t.Fatalf("inKept(%q) = %v, want %v", s, got, want)
			}
			if got {
				yes++
			} else {
				no++
			}
		}
	}
	if yes < 1000 || no < 10 {
		t.Errorf("only %d texts found and %d not", yes, no)
	}
}
