package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestActionBox: a box beside the release whose headline (the
// publisher's name) stands over nothing but the page's action buttons,
// recommend, print view, bookmark and "Teilen bei" with icon links, is
// page utility and dropped with its headline; a box whose headline stands
// over a file to download keeps both, also when the file's link says
// "PDF Ansicht".
func TestActionBox(t *testing.T) {
	page := func(box string) string {
		return `<html><head><title>Neues Messgerät | Fachportal</title></head><body>
<nav><a href="/">Start</a> <a href="/news">News</a></nav>
<main><div class="row"><div class="col-main"><article>
<h1>Ausgründung bringt Messgerät für Luftschadstoffe auf den Markt</h1>
<p>Das vor vier Jahren gegründete Unternehmen misst mit einem Gerät zehn Gase zugleich. Die Methode verbindet mehrere Laser in einem Strahl.</p>
<p>Erste Kunden sind Forschungseinrichtungen und Messnetze der Länder, die bisher mehrere Geräte nebeneinander betreiben.</p>
</article></div>
<div class="col-side">` + box + `</div></div></main>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>`
	}
	actions := `<div class="info-box"><div class="info-head"><h3>Beispiel-Institut für Werkstoffe</h3></div>
<a class="btn" href="/kontakt/empfehlen/123/"><span>Meldung weiterempfehlen</span></a>
<a class="btn" href="/news/pdf/123.pdf"><span>PDF Ansicht / Drucken</span></a>
<a class="btn" href="#"><span>Meldung zur Merkliste</span></a>
<div class="btn-share"><p>Teilen bei</p><a href="https://social.example/share?u=1"><i class="icon-a"></i></a><a href="https://other.example/share?u=1"><i class="icon-b"></i></a></div></div>`
	d := parseFile(t, page(actions), "https://fachportal.example/news/123/")
	if txt := allText(d); strings.Contains(txt, "Beispiel-Institut") || strings.Contains(txt, "PDF Ansicht") {
		t.Errorf("the action box is kept: %q", txt)
	}
	droppedAs(t, d, "Beispiel-Institut für Werkstoffe", umzug.DropUtility)
	if !strings.Contains(allText(d), "Erste Kunden sind") {
		t.Errorf("article text lost: %q", allText(d))
	}

	files := `<div class="info-box"><h3>Downloads</h3>
<a class="btn" href="/files/jahresbericht-2021.pdf">Jahresbericht 2021</a>
<a class="btn" href="/news/pdf/123.pdf">PDF Ansicht / Drucken</a></div>`
	d = parseFile(t, page(files), "https://fachportal.example/news/123/")
	if !strings.Contains(allText(d), "Jahresbericht 2021") {
		t.Errorf("a download box is dropped: %q", allText(d))
	}

	view := `<div class="info-box"><h3>Jahresbericht 2021</h3>
<a class="btn" href="/files/jahresbericht-2021.pdf">PDF Ansicht</a>
<a class="btn" href="#">Zur Merkliste</a></div>`
	d = parseFile(t, page(view), "https://fachportal.example/news/123/")
	if !strings.Contains(allText(d), "Jahresbericht 2021") {
		t.Errorf("a headline over a file's \"PDF Ansicht\" link is dropped: %q", allText(d))
	}
}
