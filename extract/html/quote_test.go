package html

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestQuoteSource: a quote's source goes to the quote block's
// attribution, not its text: bootstrap_package's quote CType (<footer>),
// Bootstrap 5's <figure> with a blockquote-footer <figcaption>, and a
// closing line that is only a <cite>. A blockquote among paragraphs of a
// text stays part of the text.
func TestQuoteSource(t *testing.T) {
	const wrap = `<html><head><title>Wald</title></head><body><main><!--TYPO3SEARCH_begin-->
<div id="c1" class="frame frame-default frame-type-text"><p>Der Wald bedeckt ein Drittel der Landesfläche, und er wächst jedes Jahr um einige Hektar, vor allem auf alten Äckern.</p></div>
%s<!--TYPO3SEARCH_end--></main></body></html>`
	tests := []struct{ name, el, body, source string }{
		{"quote CType", `<div id="c2" class="frame frame-default frame-type-quote"><blockquote cite="https://www.example.de/minister/"><p>Wer den Wald von morgen will, muss heute pflanzen.</p><footer><a href="https://www.example.de/minister/">Minister Jonas Beispielmann</a></footer></blockquote></div>`,
			"Wer den Wald von morgen will, muss heute pflanzen.", "Minister Jonas Beispielmann"},
		{"figure", `<div id="c2" class="frame frame-default frame-type-text"><figure><blockquote class="blockquote"><p>Holz ist der Baustoff des Jahrhunderts.</p></blockquote><figcaption class="blockquote-footer">Dr. Erika Musterfrau, <cite title="Jahresbericht">Jahresbericht 2026</cite></figcaption></figure></div>`,
			"Holz ist der Baustoff des Jahrhunderts.", "Dr. Erika Musterfrau, Jahresbericht 2026"},
		{"quote CType without blockquote", `<div id="c2" class="frame frame-default frame-type-quote"><div class="quote"><p class="quote-text">Ein Hektar Wald bindet jedes Jahr viele Tonnen Kohlendioxid.</p><p class="quote-source">Forstamt Nord</p></div></div>`,
			"Ein Hektar Wald bindet jedes Jahr viele Tonnen Kohlendioxid.", "Forstamt Nord"},
		{"cite line", `<div id="c2" class="frame frame-default frame-type-text"><blockquote><p>Jeder Baum zählt.</p><p><cite>— Landesforstmeisterin Anna Beispiel</cite></p></blockquote></div>`,
			"Jeder Baum zählt.", "Landesforstmeisterin Anna Beispiel"},
	}
	for _, tt := range tests {
		d, err := ParseHTML(strings.NewReader(strings.Replace(wrap, "%s", tt.el, 1)), "https://www.example.de/wald/")
		if err != nil {
			t.Fatal(err)
		}
		var q *umzug.Quote
		for _, b := range d.Blocks {
			if b.Type == umzug.BlockQuote {
				q = b.Quote
			}
		}
		if q == nil {
			t.Errorf("%s: no quote block in %+v", tt.name, d.Blocks)
			continue
		}
		if got := q.Body.PlainText(); got != tt.body || q.Attribution != tt.source {
			t.Errorf("%s: quote %q, attribution %q; want %q, %q", tt.name, got, q.Attribution, tt.body, tt.source)
		}
	}

	// A quote within a text is the text's.
	d, err := ParseHTML(strings.NewReader(strings.Replace(wrap, "%s", `<div id="c2" class="frame frame-default frame-type-text"><p>Die Ministerin sagte zur Eröffnung des Forstamtes in der Kreisstadt:</p><blockquote><p>Wir brauchen mehr Förster.</p><footer>Ministerin</footer></blockquote><p>Danach besichtigte sie die Pflanzgärten und die Baumschule des Amtes.</p></div>`, 1)), "https://www.example.de/wald/")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockQuote {
			t.Errorf("a quote inside a text became a quote block: %+v", b.Quote)
		}
	}
}
