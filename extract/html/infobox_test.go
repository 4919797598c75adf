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
<aside class="note infokasten"><h3>Gut zu wissen</h3><p>Fahrpläne ändern sich an Feiertagen. Prüfen Sie vor der Abfahrt die aktuelle Verbindung.</p></aside>
` + body + `
<aside class="info-box"><h3>Hinweis</h3><p>Alle Angaben ohne Gewähr; maßgeblich sind die Aushänge an den Haltestellen und Bahnhöfen vor Ort.</p></aside>
</div>
<aside class="sidebar infobox"><h3>Service</h3><p>Unsere Bürgerservice-Hotline erreichen Sie werktags von 9 bis 15 Uhr unter der bekannten Nummer.</p></aside>
<aside class="seitenleiste"><h3>Meistgelesen</h3><p>Neue Regeln für die Einreise gelten ab dem ersten des kommenden Monats für alle Reisenden.</p></aside>
</main>
<footer>Impressum · Datenschutz</footer></body></html>`
	_, text := extractText(t, page, "https://www.amt.example/reisen/land")
	for _, want := range []string{"Fahrpläne ändern sich an Feiertagen", "maßgeblich sind die Aushänge"} {
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
