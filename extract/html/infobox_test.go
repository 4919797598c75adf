package html_test

import (
	"strings"
	"testing"
)

// TestInfoBoxAsideInArticle: an <aside> named as an info box in the
// article's rich text (a callout with advice, a disclaimer under the
// text), in a main landmark without an <article> element (inside one an
// <aside> was kept already), is the article's, not a side column. Side
// columns stay out, also one whose classes name an info box besides.
func TestInfoBoxAsideInArticle(t *testing.T) {
	body := strings.Repeat(`<p>Die Lage im Land ist ruhig, doch es kommt immer wieder zu Streiks im Verkehr, die Bahn- und Flugverbindungen für einige Stunden unterbrechen.</p>
`, 6)
	page := `<html><head><title>Reisehinweise für das Land | Amt</title></head><body>
<header><nav><a href="/">Start</a> <a href="/reisen">Reisen</a></nav></header>
<main><h1>Reisehinweise für das Land</h1><div class="rich-text">
<aside class="c-infobox c-infobox--default"><h3>Info</h3><p>Lagen können sich schnell ändern. Wir empfehlen Ihnen, Nachrichten und Wetterberichte zu verfolgen.</p></aside>
` + body + `
<aside class="info-box"><h3>Haftungsausschluss</h3><p>Die Hinweise beruhen auf den zum angegebenen Zeitpunkt verfügbaren Informationen; eine Gewähr für ihre Vollständigkeit wird nicht übernommen.</p></aside>
</div>
<aside class="sidebar infobox"><h3>Service</h3><p>Unsere Bürgerservice-Hotline erreichen Sie werktags von 9 bis 15 Uhr unter der bekannten Nummer.</p></aside>
<aside class="seitenleiste"><h3>Meistgelesen</h3><p>Neue Regeln für die Einreise gelten ab dem ersten des kommenden Monats für alle Reisenden.</p></aside>
</main>
<footer>Impressum · Datenschutz</footer></body></html>`
	_, text := extractText(t, page, "https://www.amt.example/reisen/land")
	for _, want := range []string{"Lagen können sich schnell ändern", "eine Gewähr für ihre Vollständigkeit"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lost:\n%s", want, text)
		}
	}
	for _, gone := range []string{"Bürgerservice-Hotline", "Neue Regeln für die Einreise"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q kept: a side column:\n%s", gone, text)
		}
	}
}
