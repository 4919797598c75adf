package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestIssuePromo: a magazine's note under the article that its current
// issue is on sale, with links to the kiosk finder, the subscription and
// the e-paper, is the publisher's self-promotion and dropped as
// advertising; a press release's sentence that names an issue and where
// it sells, with one link or none, stays.
func TestIssuePromo(t *testing.T) {
	page := func(last string) string {
		return `<html><head><title>Gartenjahr | Beispielmagazin</title></head><body>
<nav><a href="/">Start</a> <a href="/heft">Heft</a></nav>
<div id="content"><div class="article">
<h1>Wie der Kleingarten durch den Winter kommt</h1>
<p>Im Januar ruht der Garten, doch wer jetzt plant, erntet im Sommer mehr. Die Beete werden mit Laub abgedeckt, die Obstbäume bekommen einen Kalkanstrich gegen Frostrisse.</p>
<p>Wer Gemüse vorziehen will, beginnt im Februar auf der Fensterbank mit Paprika und Chili, die eine lange Zeit bis zur Reife brauchen.</p>
<p>Für die Stauden gilt: Stehen lassen, die hohlen Stängel sind das Winterquartier vieler Insekten.</p>
` + last + `
</div></div>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>`
	}
	promo := `<p><b>Die neue Ausgabe des Beispielmagazins</b> gibt es jetzt am <a href="https://kiosk.example/suche">Kiosk</a>, im <a href="/abo">Abo</a> und als <a href="/epaper">E-Paper</a>.</p>`
	d := parseFile(t, page(promo), "https://beispielmagazin.example/garten/winter/")
	if strings.Contains(allText(d), "neue Ausgabe") {
		t.Errorf("the issue promotion is kept: %q", allText(d))
	}
	droppedAs(t, d, "neue Ausgabe", umzug.DropAd)
	if !strings.Contains(allText(d), "Winterquartier") {
		t.Errorf("article text lost: %q", allText(d))
	}

	news := `<p>Die neue Ausgabe des Gartenkalenders ist ab dem 5. März im Zeitschriftenhandel erhältlich und kann beim <a href="/verlag">Verlag</a> bestellt werden.</p>`
	d = parseFile(t, page(news), "https://beispielmagazin.example/garten/kalender/")
	if !strings.Contains(allText(d), "Die neue Ausgabe des Gartenkalenders") {
		t.Errorf("a sentence with one link is dropped: %q", allText(d))
	}
}
