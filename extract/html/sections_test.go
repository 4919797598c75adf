package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestArticleOfSiblingSections: a theme renders an article as a row of
// sibling modules right under the body ("text with headline", "table"),
// with no wrapper around them. The best region is the longest module; the
// other modules of its kind and the table between them are the same
// article and stay. The related box and the footer after them do not.
func TestArticleOfSiblingSections(t *testing.T) {
	para := func(s string) string { return "<p>" + s + "</p>\n" }
	module := func(inner string) string {
		return `<div class="wide-row text-module"><div class="inner"><div class="col-8">` + inner + `</div></div></div>` + "\n"
	}
	page := `<html><head><title>Holzpellets im Vergleich | Energieportal</title></head><body>
<header><nav><a href="/">Start</a> <a href="/wissen">Wissen</a> <a href="/kontakt">Kontakt</a></nav></header>
<section class="post-head"><h1>Holzpellets im Vergleich</h1><p>Was Pellets, Scheitholz und Hackschnitzel kosten und wie viel Wärme sie liefern: ein Überblick.</p></section>
` + module(`<h2>Drei Brennstoffe aus Holz</h2>`+para("Pellets werden aus Sägespänen gepresst und sind deshalb gleichmäßig trocken und leicht zu lagern.")) +
		`<div class="wide-row table-module"><div class="inner"><button>Tabelle anzeigen</button><table><tr><th>Brennstoff</th><th>Heizwert</th></tr><tr><td>Pellets</td><td>4,9 kWh/kg</td></tr><tr><td>Scheitholz</td><td>4,2 kWh/kg</td></tr></table></div></div>
` + module(para("Scheitholz ist am günstigsten, wenn man es selbst schlägt, braucht aber viel Platz und mindestens zwei Jahre, bis es trocken genug ist.")+
		para("Hackschnitzel lohnen sich vor allem für größere Anlagen, etwa in Schulen, Höfen oder Nahwärmenetzen, die viel Wärme brauchen.")) +
		module(para(strings.Repeat("Wer von Öl auf Pellets umsteigt, bekommt je nach Förderprogramm einen Zuschuss zu Kessel und Lager, und die laufenden Kosten sinken in den meisten Jahren deutlich. ", 4))+
			para(strings.Repeat("Vor dem Kauf lohnt ein Blick auf den Lagerraum, den Schornstein und die Zufahrt für den Lieferwagen, der die Pellets einbläst. ", 4))) +
		`<div class="wide-row related"><h3>Verwandte Themen</h3><a href="/a">Wärmepumpe</a> <a href="/b">Solarthermie</a> <a href="/c">Fernwärme</a></div>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer></body></html>`
	d, text := extractText(t, page, "https://www.energieportal.example/wissen/pellets")
	for _, want := range []string{"Drei Brennstoffe aus Holz", "Pellets werden aus Sägespänen", "Scheitholz ist am günstigsten", "Hackschnitzel lohnen sich", "Wer von Öl auf Pellets umsteigt"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lost:\n%s", want, text)
		}
	}
	table := false
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockTable && strings.Contains(b.PlainText(), "4,9 kWh/kg") {
			table = true
		}
	}
	if !table {
		t.Errorf("the table between the sections was lost:\n%s", text)
	}
	for _, gone := range []string{"Wärmepumpe", "Impressum"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q kept:\n%s", gone, text)
		}
	}
}
