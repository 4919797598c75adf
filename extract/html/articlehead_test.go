package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestArticleHeadNamedTeaser: an article's head that the template names
// like a teaser ("figure.teaser" with the title image, a date line, the
// headline and the subheadline) holds the page's headline (og:title): it
// is the article's, kept, and its headline is the title, neither the
// headline of an outdated-browser notice nor a line of the text. A
// teaser of another article after the article still goes.
func TestArticleHeadNamedTeaser(t *testing.T) {
	d := parseFile(t, `<html lang="de"><head><title>Erneuter Verzicht auf Lehrgang | Verband</title><meta property="og:title" content="Erneuter Verzicht auf Lehrgang"></head><body>
<div id="browser-overlay"><h1>Liebe Besucherinnen und Besucher,</h1><p>Ihr Browser ist veraltet. Bitte nutzen Sie einen aktuellen Browser, um alle Funktionen der Seite zu sehen.</p></div>
<nav><a href="/">Start</a> <a href="/news/">News</a> <a href="/teams/">Teams</a></nav>
<section class="news"><figure class="teaser"><img src="/images/baelle.jpg" alt="Bälle"><figcaption>Foto: A. Muster</figcaption>
<div class="info"><span class="date">02.02.2022</span> <span class="category">Frauen</span></div>
<h1>Erneuter Verzicht auf Lehrgang</h1><p>Nächste Maßnahme der Mannschaft im März mit Länderspielen gegen die Niederlande</p></figure>
<p>Nach der für Januar geplanten Maßnahme verzichtet der Verband auch auf den im Februar angesetzten Lehrgang der Mannschaft. Grund ist die hohe Zahl von Spielausfällen in der Liga.</p>
<p>Die Vereine können die freigewordenen Termine für mögliche Nachholspiele nutzen, die sonst kaum unterzubringen wären.</p>
<p>Gemeinsam wird die Mannschaft das Jahr im März beginnen. Teil der Maßnahme werden die nächsten beiden Spiele in der Qualifikation sein.</p>
<figure class="teaser"><a href="/news/andere/"><img src="/images/andere.jpg" alt=""><h2>Ein anderer Artikel</h2><p>Ein Anriss zu einem anderen Artikel über ein anderes Spiel.</p></a></figure>
</section>
<footer>Impressum Datenschutz</footer></body></html>`, "https://verband.example/news/verzicht/")
	if d.Title != "Erneuter Verzicht auf Lehrgang" {
		t.Errorf("title %q, want the article's headline", d.Title)
	}
	var all strings.Builder
	for _, b := range d.Blocks {
		all.WriteString(b.PlainText() + "\n")
	}
	text := all.String()
	if !strings.Contains(text, "Nächste Maßnahme der Mannschaft") {
		t.Errorf("the subheadline is gone:\n%s", text)
	}
	if strings.Contains(text, "Erneuter Verzicht") {
		t.Errorf("the title is repeated in the text:\n%s", text)
	}
	if strings.Contains(text, "Ein anderer Artikel") {
		t.Errorf("the other article's teaser is kept:\n%s", text)
	}
	pictures := 0
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockImage || b.Type == umzug.BlockTextMedia {
			pictures++
		}
	}
	if pictures == 0 {
		t.Errorf("the title image is gone: %+v", d.Blocks)
	}
}
