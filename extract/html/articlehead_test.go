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
	d := parseFile(t, `<html lang="de"><head><title>Sommerfest des Vereins fällt aus | Verband</title><meta property="og:title" content="Sommerfest des Vereins fällt aus"></head><body>
<div id="browser-overlay"><h1>Liebe Besucherinnen und Besucher,</h1><p>Ihr Browser ist veraltet. Bitte nutzen Sie einen aktuellen Browser, um alle Funktionen der Seite zu sehen.</p></div>
<nav><a href="/">Start</a> <a href="/news/">News</a> <a href="/teams/">Teams</a></nav>
<section class="news"><figure class="teaser"><img src="/images/platz.jpg" alt="Bälle"><figcaption>Foto: A. Muster</figcaption>
<div class="info"><span class="date">11.07.2022</span> <span class="category">Verein</span></div>
<h1>Sommerfest des Vereins fällt aus</h1><p>Nächstes Treffen der Mitglieder im September mit einem Turnier auf dem neuen Platz</p></figure>
<p>Nach dem Frühjahrsturnier sagt der Verein auch das für Juli geplante Sommerfest ab. Grund sind die Bauarbeiten am Vereinsheim, die länger dauern als geplant.</p>
<p>Die Abteilungen können den freien Samstag für eigene Trainingstage nutzen, die sonst kaum Platz fänden.</p>
<p>Gemeinsam feiern wollen die Mitglieder dann im September. Dazu gehört ein Turnier aller Jugendmannschaften auf dem neuen Platz.</p>
<figure class="teaser"><a href="/news/andere/"><img src="/images/andere.jpg" alt=""><h2>Ein anderer Artikel</h2><p>Ein Anriss zu einem anderen Artikel über ein anderes Spiel.</p></a></figure>
</section>
<footer>Impressum Datenschutz</footer></body></html>`, "https://verband.example/news/sommerfest/")
	if d.Title != "Sommerfest des Vereins fällt aus" {
		t.Errorf("title %q, want the article's headline", d.Title)
	}
	if d.Dates.Published != "2022-07-11" {
		t.Errorf("published %q, want 2022-07-11 from the head's date line", d.Dates.Published)
	}
	var all strings.Builder
	for _, b := range d.Blocks {
		all.WriteString(b.PlainText() + "\n")
	}
	text := all.String()
	if !strings.Contains(text, "Nächstes Treffen der Mitglieder") {
		t.Errorf("the subheadline is gone:\n%s", text)
	}
	if strings.Contains(text, "Sommerfest des Vereins") {
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

// TestTeaserOfThePageItself: a list of the latest news after the article
// (HTML5 teasers, each with its own h1) that holds a teaser of the page
// itself, its headline the page's title, is still dropped as related,
// whether its headline is the link or a "Weiterlesen" link follows.
func TestTeaserOfThePageItself(t *testing.T) {
	for _, self := range []string{
		`<h1><a href="/radwege/">Neue Radwege in der Innenstadt</a></h1><p>Vier neue Verbindungen zwischen Bahnhof und Universität.</p>`,
		`<h1>Neue Radwege in der Innenstadt</h1><p>Vier neue Verbindungen zwischen Bahnhof und Universität.</p><a href="/radwege/">Weiterlesen</a>`,
	} {
		d := parseFile(t, `<html lang="de"><head><title>Neue Radwege in der Innenstadt | Stadt</title><meta property="og:title" content="Neue Radwege in der Innenstadt"></head><body>
<nav><a href="/">Start</a> <a href="/verkehr/">Verkehr</a> <a href="/umwelt/">Umwelt</a></nav>
<main><article class="news-detail"><h1>Neue Radwege in der Innenstadt</h1>
<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land. Anwohnerinnen und Anwohner werden vor Beginn jeder Bauphase schriftlich informiert.</p>
<p>Der Radverkehrsplan sieht bis 2030 weitere Verbindungen in die Stadtteile vor. Die nächste Strecke führt vom Markt zum Sportpark.</p></article>
<section class="more"><article class="teaser">`+self+`</article>
<article class="teaser"><h1><a href="/stadtlauf/">Stadtlauf im Park</a></h1><p>Der Stadtlauf führt zum ersten Mal durch den neuen Park.</p></article>
<article class="teaser"><h1><a href="/weinfest/">Weinfest am Rathaus</a></h1><p>Drei Tage Wein und Musik auf dem Rathausplatz.</p></article></section></main>
<footer>Impressum · Datenschutz</footer></body></html>`, "https://stadt.example/radwege/")
		var all strings.Builder
		for _, b := range d.Blocks {
			all.WriteString(b.PlainText() + "\n")
		}
		if strings.Contains(all.String(), "Vier neue Verbindungen") || !strings.Contains(all.String(), "Umleitungen sind ausgeschildert") {
			t.Errorf("the page's own teaser is kept, or the article is lost:\n%s", all.String())
		}
		related := false
		for _, dr := range d.Provenance.Accounting.Dropped {
			if strings.HasPrefix(dr.Excerpt, "Neue Radwege in der Innenstadt Vier neue") && dr.Reason == umzug.DropRelated {
				related = true
			}
		}
		if !related {
			t.Errorf("the page's own teaser is not dropped whole as related: %+v", d.Provenance.Accounting.Dropped)
		}
	}
}
