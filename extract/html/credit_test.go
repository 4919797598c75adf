package html

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// splitCreditRef is splitCredit as it was: creditRe on the whole caption.
func splitCreditRef(caption string) (string, string) {
	m := creditRe.FindStringSubmatchIndex(caption)
	if m == nil {
		return caption, ""
	}
	credit := strings.TrimSpace(caption[m[2]:m[3]])
	rest := strings.TrimSpace(caption[:m[2]])
	rest = strings.TrimRight(rest, " ([|–—-")
	return strings.TrimSpace(rest), credit
}

// creditSpan finds what creditRe finds, on the gate pages' texts (as they
// are, with a credit appended in several spellings) and on made-up
// captions.
func TestCreditSpanAgrees(t *testing.T) {
	// The credit words' letters fold to ASCII letters only, which
	// mayCreditStart relies on.
	for _, r := range "fotobildquellephotocopyright" {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= 0x80 {
				t.Errorf("%q folds to %q", r, f)
			}
		}
	}
	texts := []string{
		"", "©", "© SLF", "Foto: A. Muster", "Ein Bild (Foto: A. Muster)", "Ein Bild [Bild © X]", "Bildquelle: Amt",
		"Lawine – Foto: SLF", "Lawine –Foto: SLF", "Lawine|© SLF", "Lawine-© SLF) ", "Lawine © SLF ) x", "fotos:x", "FOTOS © Y",
		"Photo:   Z  ", "copyright:2024", "Copyright © 2024 Amt", "Quelle: a (b) c", "Quelle: a (b)", "x Foto: a Foto: b",
		"Fotografie: a", "Bilder: a", "Foto a", "Foto:", "Foto: ", "(©)", "Kelvin: K ſ © a", "Das Bildnis © x", "aFoto: b",
		"Foto:\u00a0a", "Foto\t©\tb", "\u2013Foto: a", "x (Foto: a) (Foto: b)", "Foto: a ] b", "ende © ", "Ⓒ a", "\xff(© a", "©©",
	}
	var f func(n *html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			if s := strings.TrimSpace(n.Data); s != "" && len(s) < 400 {
				texts = append(texts, s, s+" © Amt", s+" (Foto: Amt)", "Foto: "+s, strings.ToUpper(s)+" | bild: x")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	for _, root := range gatePages(t) {
		f(root)
	}
	credits := 0
	for _, s := range texts {
		wr, wc := splitCreditRef(s)
		gr, gc := splitCredit(s)
		if wr != gr || wc != gc {
			t.Errorf("splitCredit(%q) = %q, %q; creditRe gives %q, %q", s, gr, gc, wr, wc)
		}
		if wc != "" {
			credits++
		}
	}
	if credits < 1000 {
		t.Errorf("only %d of %d texts with a credit", credits, len(texts))
	}
}

func BenchmarkSplitCredit(b *testing.B) {
	caps := []string{"Lawinenabgang am Hang oberhalb des Dorfes im Winter 2021 © SLF", "Ein Bild ohne Nachweis, aber mit einem langen Text darunter", "Blick auf den Wald (Foto: A. Muster)"}
	for b.Loop() {
		for _, c := range caps {
			splitCredit(c)
		}
	}
}

func BenchmarkSplitCreditRef(b *testing.B) {
	caps := []string{"Lawinenabgang am Hang oberhalb des Dorfes im Winter 2021 © SLF", "Ein Bild ohne Nachweis, aber mit einem langen Text darunter", "Blick auf den Wald (Foto: A. Muster)"}
	for b.Loop() {
		for _, c := range caps {
			splitCreditRef(c)
		}
	}
}
