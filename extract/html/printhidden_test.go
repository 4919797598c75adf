package html

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPrintHiddenBox checks which boxes a print class makes chrome: a
// text box, one with a decorative picture; not one with a picture, a
// table or a video, and not a class that only mentions print.
func TestPrintHiddenBox(t *testing.T) {
	cases := []struct {
		box  string
		want bool
	}{
		{`<div class="columns hide-for-print"><span>Artikel</span> Redaktion</div>`, true},
		{`<div class="box d-print-none"><img src="/avatar.svg" alt=""> Redaktion</div>`, true},
		{`<div class="noprint">Teilen</div>`, true},
		{`<div class="d-print-none"><img src="/karte.png" alt="Karte der Radwege"></div>`, false},
		{`<div class="d-print-none"><img src="/karte.png"></div>`, false},
		{`<div class="hide-for-print"><table><tr><td>1</td></tr></table></div>`, false},
		{`<div class="no-print"><video src="/v.mp4"></video></div>`, false},
		{`<div class="print-only">Gedruckt am 4. Mai</div>`, false},
		{`<div class="printable">Text</div>`, false},
	}
	for _, c := range cases {
		doc, err := html.Parse(strings.NewReader("<html><body>" + c.box + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		box := findBody(doc).FirstChild
		if got := printHiddenBox(box); got != c.want {
			t.Errorf("%s: %v, want %v", c.box, got, c.want)
		}
	}
}
