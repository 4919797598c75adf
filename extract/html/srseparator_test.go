package html_test

import (
	"bytes"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/umzug/umzug/extract/html"
)

// A separator for screen readers between a headline's kicker and its
// title ("<span class=visually-hidden>: </span>") is left out, but the
// two stay two words; the tree is given back as parsed.
func TestScreenReaderSeparatorKeepsWordsApart(t *testing.T) {
	const page = `<!DOCTYPE html><html lang="de"><head><title>Bahn</title></head><body><main><article>
<h1>Mit dem Zug ans Meer</h1>
<p>Im Sommer fahren zusätzliche Züge von der Hauptstadt an die Küste. Die Fahrt dauert vier Stunden. Lohnt sich das für Familien mit Kindern?</p>
<h2 class="article-heading"><span>Nachtzug</span><span class="visually-hidden">: </span><span>Die Rückkehr der Schlafwagen</span></h2>
<p>Noch ein Absatz mit genug Text, damit die Seite als Inhalt gilt: Die Bahnen bestellen neue Wagen für das ganze Netz.</p>
<h2><span>Fahrplan</span><span class="sr-only">(öffnet Tabelle)</span><span>wechsel</span></h2>
<p>Und ein dritter Absatz, der zeigt, dass nur Leerraum am Rand des Textes zwei Wörter trennt.</p>
</article></main></body></html>`
	root, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var before bytes.Buffer
	_ = xhtml.Render(&before, root)
	d, err := html.NewParser().ParseNode(root, "https://www.land.example/bahn/")
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, b := range d.Blocks {
		if b.Heading != nil {
			heads = append(heads, b.Heading.Text)
		}
	}
	want := "Nachtzug Die Rückkehr der Schlafwagen|Fahrplanwechsel"
	if got := strings.Join(heads, "|"); got != want {
		t.Errorf("headings %q; want %q", got, want)
	}
	var after bytes.Buffer
	_ = xhtml.Render(&after, root)
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("extraction changed the parsed tree")
	}
}
