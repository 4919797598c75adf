package html_test

import (
	"strings"
	"testing"
)

// TestHeadBetweenHeadlineAndBody: a template shows the page's <h1> small
// in its breadcrumb bar and puts the article's head (its headline as
// shown, the lead, the title picture with caption and credit) in a box of
// its own between it and the body's column. The head stays with the body;
// a notification prompt and a list of teasers that stand in the same
// stretch stay out.
func TestHeadBetweenHeadlineAndBody(t *testing.T) {
	body := strings.Repeat(`<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst, die Umleitungen sind ausgeschildert.</p>
`, 12)
	page := `<html><head><title>Vier neue Radwege für die Innenstadt | Stadtblatt</title></head><body>
<header class="site-header"><nav><a href="/">Start</a> <a href="/verkehr">Verkehr</a> <a href="/umwelt">Umwelt</a></nav></header>
<div class="wrapper">
<div class="topbar"><nav class="breadcrumb"><a href="/">Start</a> <a href="/verkehr">Verkehr</a></nav><h1 class="small-title">Vier neue Radwege für die Innenstadt</h1></div>
<div class="notify-prompt"><div class="notify-row"><span>Benachrichtigungen aktivieren</span><span>Dürfen wir Sie über die wichtigsten Nachrichten aus der Stadt informieren? Sie erhalten zwei Meldungen am Tag.</span></div></div>
<div class="story-head">
<h2 class="overline">Verkehrswende</h2>
<h2 class="display-title">Die Stadt macht Platz fürs Rad</h2>
<div class="title-picture"><img src="/bilder/radweg.jpg" width="800" height="450" alt="Ein neuer Radweg"><div class="title-picture-text"><p>Der erste Abschnitt am Bahnhof ist schon markiert.</p><small>© Stadtblatt / M. Muster</small></div></div>
<span class="story-head-introduction">Zwischen Bahnhof und Universität entstehen bis zum Herbst vier Radwege, und der Autoverkehr wird an den Baustellen einspurig vorbeigeführt.</span>
</div>
<div class="teaser-row"><h3><a href="/verkehr/busse">Neue Busse ab Mai im Einsatz</a></h3><h3><a href="/verkehr/parken">Parkgebühren steigen zum Sommer</a></h3></div>
<div class="grid"><div id="main-content">` + body + `</div>
<aside class="sidebar"><h3>Meistgelesen</h3><ul><li><a href="/a">Stadtfest abgesagt</a></li><li><a href="/b">Neue Kita eröffnet</a></li></ul></aside></div>
</div>
<footer>Impressum · Datenschutz</footer></body></html>`
	d, text := extractText(t, page, "https://www.stadtblatt.example/verkehr/radwege")
	for _, want := range []string{"Die Stadt macht Platz fürs Rad", "Zwischen Bahnhof und Universität entstehen", "Die Arbeiten beginnen im April"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lost:\n%s", want, text)
		}
	}
	caption := false
	for _, b := range d.Blocks {
		if b.Image != nil && strings.Contains(b.Image.Caption, "erste Abschnitt am Bahnhof") {
			caption = true
		}
	}
	if !caption && !strings.Contains(text, "erste Abschnitt am Bahnhof") {
		t.Errorf("the title picture and its caption were lost:\n%s", text)
	}
	for _, gone := range []string{"Benachrichtigungen aktivieren", "Dürfen wir Sie", "Neue Busse ab Mai", "Stadtfest abgesagt"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q kept: it is no head of the article:\n%s", gone, text)
		}
	}
}
