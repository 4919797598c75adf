package html_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// extractText extracts page and returns the document and the plain text
// of its blocks, a line each.
func extractText(t *testing.T, page, url string) (umzug.Document, string) {
	t.Helper()
	d, err := html.ParseHTML(strings.NewReader(page), url)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, b := range d.Blocks {
		all.WriteString(b.PlainText() + "\n")
	}
	return d, all.String()
}

// articleWith is a news page whose article holds box after its prose.
func articleWith(box string) string {
	return `<html><head><title>Neue Radwege | Stadt</title></head><body>
<nav><a href="/">Start</a> <a href="/verkehr">Verkehr</a> <a href="/umwelt">Umwelt</a></nav>
<main><article>
<h1>Neue Radwege in der Innenstadt</h1>
<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land. Anwohnerinnen und Anwohner werden vor Beginn jeder Bauphase schriftlich informiert.</p>
` + box + `
</article></main>
<footer>Impressum · Datenschutz</footer></body></html>`
}

// TestBoxesDroppedWithReason checks boxes inside an article that the
// extraction leaves out, each with its reason, and the look-alikes it
// keeps.
func TestBoxesDroppedWithReason(t *testing.T) {
	cases := []struct {
		name, box string
		gone      string // text that must be dropped with reason
		reason    string
		kept      []string // text that must stay in the blocks
		// A tag or category list is read into the document's taxonomy
		// (a field, no longer dropped): its terms.
		tags, categories []string
	}{
		{
			name:   "related headline with a place",
			box:    `<h3>Mehr zum Thema auf stadt.example</h3><ul><li><a href="/a">Radverkehrsplan 2030</a></li><li><a href="/b">Fahrradstraßen</a></li></ul>`,
			gone:   "Radverkehrsplan 2030",
			reason: umzug.DropRelated,
		},
		{
			name:   "more about the publisher",
			box:    `<div class="box"><div class="h3">Mehr über Empa</div><ul><li><a href="/n1">Papierbatterie unter den Erfindungen des Jahres</a></li><li><a href="/n2">Infrarot-Detektoren</a></li></ul></div>`,
			gone:   "Papierbatterie unter den Erfindungen",
			reason: umzug.DropRelated,
		},
		{
			name:   "more posts of a column",
			box:    `<h2>Weitere Beiträge aus der Kolumne:</h2><p><a href="/k1">Warum Radfahren glücklich macht</a></p>`,
			gone:   "Warum Radfahren glücklich macht",
			reason: umzug.DropRelated,
		},
		{
			name:   "you might be interested",
			box:    `<div class="box"><h3>Sie könnten auch an folgenden Artikeln interessiert sein</h3><a href="/x">Lastenräder im Test</a></div>`,
			gone:   "Lastenräder im Test",
			reason: umzug.DropRelated,
		},
		{
			name:   "authors headline",
			box:    `<section><h4>Autorinnen:</h4><p>Anna Beispiel schreibt seit 2010 über Verkehr.</p></section>`,
			gone:   "Anna Beispiel schreibt",
			reason: umzug.DropAuthor,
		},
		{
			name:   "call for donations",
			box:    `<div id="support"><h4>Unterstütze das Projekt:</h4><p>Mit einer Spende hilfst du uns weiterzumachen.</p></div>`,
			gone:   "Mit einer Spende",
			reason: umzug.DropAd,
		},
		{
			name:   "entry footer",
			box:    `<div class="entryfooter"><p>Kategorie: Verkehr | Kommentare geschlossen</p></div>`,
			gone:   "Kommentare geschlossen",
			reason: umzug.DropMeta,
		},
		{
			name:   "ad labelled in its first words",
			box:    `<div class="code-block"><b>ANZEIGE - Heute mal essen gehen? Wie wäre es mit:</b><br><a href="https://ad.example/">Pizzeria am Markt</a></div>`,
			gone:   "Pizzeria am Markt",
			reason: umzug.DropAd,
		},
		{
			name:   "ad label on its own line",
			box:    `<center>- Anzeige- <br><a href="https://ad.example/"><img src="https://ad.example/b.png" alt="">Jetzt Preise vergleichen</a></center>`,
			gone:   "Jetzt Preise vergleichen",
			reason: umzug.DropAd,
		},
		{
			name:   "the text of an affiliate box is the box",
			box:    `<div id="affiliateText" class="affiliate-text"><p>Geld erhalten wir, wenn Sie über unsere Links einen Vertrag abschließen.</p></div>`,
			gone:   "Geld erhalten wir",
			reason: umzug.DropAd,
		},
		{
			name:   "an unknown element names itself",
			box:    `<teaserparagraph><teaser class="media"><a href="/andere"><h2>Neue Buslinie zum Flughafen</h2></a><p>Seit Montag fährt der Bus alle zehn Minuten.</p></teaser></teaserparagraph>`,
			gone:   "Neue Buslinie zum Flughafen",
			reason: umzug.DropRelated,
		},
		{
			name:   "a modifier of a bare list names its kind",
			box:    `<ul class="list list--breadcrumb"><li><a href="/">Startseite</a></li><li><a href="/verkehr">Verkehr und Mobilität</a></li></ul>`,
			gone:   "Verkehr und Mobilität",
			reason: umzug.DropBreadcrumb,
		},
		{
			name:   "a footer menu inside a TYPO3 grid element",
			box:    `<section id="c501" class="frame frame-type-gridelements_pi1"><div class="row"><div class="columns"><a id="c502"></a><ul class="menu menu--footer"><li><a href="/impressum">Impressum und Datenschutz</a></li><li><a href="/kontakt">Kontaktformular</a></li></ul></div></div></section>`,
			gone:   "Impressum und Datenschutz",
			reason: umzug.DropNavigation,
		},
		{
			name: "a menu inside an ordinary content element is its own",
			box:  `<div id="c512" class="frame frame-type-menu_subpages"><ul class="menu"><li><a href="/radwege/karte">Karte der neuen Radwege</a></li></ul></div>`,
			kept: []string{"Karte der neuen Radwege"},
		},
		{
			name: "a teaser after the headline that links nowhere is the lead",
			box:  `<div class="story-teaser"><p>Ab Mai gilt auf allen neuen Radwegen Tempo 20 für E-Scooter.</p></div>`,
			kept: []string{"Tempo 20 für E-Scooter"},
		},
		{
			name:   "a teaser that links elsewhere is a teaser",
			box:    `<div class="teaser"><a href="/buslinie"><img src="/bus.jpg" alt=""> Neue Buslinie zum Flughafen</a><p>Seit Montag fährt der Bus alle zehn Minuten.</p></div>`,
			gone:   "Neue Buslinie zum Flughafen",
			reason: umzug.DropRelated,
		},
		{
			name:   "interesting articles",
			box:    `<h2>Interessante Artikel</h2><h3><a href="/a">Radverkehrsplan 2030 beschlossen</a></h3><h3><a href="/b">Fahrradstraßen im Überblick</a></h3>`,
			gone:   "Fahrradstraßen im Überblick",
			reason: umzug.DropRelated,
		},
		{
			name:   "a snippet (Drupal's teaser view) that links elsewhere is a teaser",
			box:    `<div class="paragraph"><div class="snippet snippet--article"><h3><a href="/buslinie">Neue Buslinie zum Flughafen</a></h3><div class="snippet__text">Seit Montag fährt der Bus alle zehn Minuten. <a href="/buslinie">Weiterlesen</a></div></div></div>`,
			gone:   "Neue Buslinie zum Flughafen",
			reason: umzug.DropRelated,
		},
		{
			name: "a code snippet that links nowhere stays",
			box:  `<div class="snippet"><pre>radweg-planer --stadt Musterstadt --jahr 2024</pre></div>`,
			kept: []string{"radweg-planer --stadt Musterstadt"},
		},
		{
			name:   "a box of share buttons",
			box:    `<div class="pane-2"><hr>Den Artikel mit anderen teilen/diskutieren:<ul><li><a href="https://www.facebook.com/sharer/sharer.php?u=x"><i class="fa"></i></a></li><li><a href="https://twitter.com/intent/tweet?url=x"><i></i></a></li><li><a href="mailto:?subject=Radwege&body=x"><i></i></a></li><li><a href="/radwege">Permalink</a></li></ul></div>`,
			gone:   "Den Artikel mit anderen teilen",
			reason: umzug.DropShare,
		},
		{
			name: "a head with share buttons beside it is not a share box",
			box:  `<div><h2>Baustelle am Ring für mehrere Stunden gesperrt</h2><p>06.11.2023 | 14:10 Redaktion</p><a href="https://www.facebook.com/sharer/sharer.php?u=x"></a><a href="https://twitter.com/intent/tweet?url=x"></a></div>`,
			kept: []string{"Baustelle am Ring für mehrere Stunden gesperrt"},
		},
		{
			name: "a picture and its text with share buttons is not a share box",
			box:  `<div><figure><img src="/radweg.jpg" alt=""><figcaption>Foto: Stadt</figcaption></figure><p>Der neue Radweg am Ring ist seit Montag offen, mit eigener Ampel an jeder Kreuzung.</p><a href="https://pinterest.com/pin/create/button/?url=x"></a><a href="https://www.facebook.com/sharer/sharer.php?u=x"></a></div>`,
			kept: []string{"Der neue Radweg am Ring ist seit Montag offen"},
		},
		{
			name: "links to the ministry's own profiles are not share buttons",
			box:  `<p>Fragen beantwortet das Bürgertelefon, Hinweise nehmen wir auch über <a href="https://www.facebook.com/stadt.example">Facebook</a> und <a href="https://twitter.com/stadt_example">Twitter</a> entgegen.</p>`,
			kept: []string{"Hinweise nehmen wir auch über"},
		},
		{
			name: "a line of links to tag pages",
			box:  `<div class="c-sheet__extra">Schlagworte: <a href="https://stadt.example/tag/radverkehr/">Radverkehr</a>, <a href="https://stadt.example/tag/baustellen/">Baustellen</a></div>`,
			gone: "Schlagworte:",
			tags: []string{"Radverkehr", "Baustellen"},
		},
		{
			name: "a sentence with a link to a category page is text",
			box:  `<p>Alle Meldungen zum Umbau der Innenstadt finden Sie in der Rubrik <a href="/category/innenstadt/">Innenstadt</a> unseres Pressebereichs.</p>`,
			kept: []string{"finden Sie in der Rubrik Innenstadt"},
		},
		{
			name: "an embedded post is a quote, not a share button",
			box:  `<blockquote class="twitter-tweet"><p lang="de">Super, so breit war der Radweg am Fluss noch nie. Gern mehr davon!</p>— Anja (@anja) <a href="https://twitter.com/anja/status/1">5. Dezember 2018</a></blockquote>`,
			kept: []string{"so breit war der Radweg am Fluss noch nie"},
		},
		{
			name: "a list whose items link a word among their own text is content",
			box:  `<div><h3>Zutaten</h3><ul><li>300 Gramm <a href="https://shop.example/butter">Butter</a>, weich</li><li>200 Gramm <a href="https://shop.example/zucker">Zucker</a></li><li>6 mittelgroße Eier</li><li>350 Gramm <a href="https://shop.example/mehl">Weizenmehl</a></li><li>2 Teelöffel <a href="https://shop.example/backpulver">Backpulver</a></li></ul></div>`,
			kept: []string{"6 mittelgroße Eier", "300 Gramm Butter"},
		},
		{
			name:   "a box of short links is a link list",
			box:    `<div><ul><li><a href="/a">Abfall</a></li><li><a href="/b">Parken</a></li><li><a href="/c">Bäder</a></li><li><a href="/d">Kitas</a></li><li><a href="/e">Wahlen</a></li></ul></div>`,
			gone:   "Parken",
			reason: umzug.DropLinks,
		},
		{
			name: "recommendations of an authority are content",
			box:  `<h4>Empfehlungen</h4><ul><li>Lesen Sie vor der Abreise die Hinweise zur Lage vor Ort auf <a href="https://reise.example/hinweise">unserer Reiseseite</a>.</li><li>Informieren Sie sich vor der Reise über die <a href="https://example.org/einreise">Einreisebestimmungen</a>.</li></ul>`,
			kept: []string{"Lesen Sie vor der Abreise die Hinweise"},
		},
		{
			name: "a component prefix is not a consent platform",
			box:  `<div class="cmp_notification">Um Beiträge online einzureichen, müssen Sie registriert und eingeloggt sein.</div>`,
			kept: []string{"müssen Sie registriert und eingeloggt sein"},
		},
		{
			name:   "a consent platform's banner",
			box:    `<div class="cmp-banner"><p>Wir verwenden Cookies und ähnliche Techniken, um unser Angebot zu verbessern.</p><button>Alle akzeptieren</button></div>`,
			gone:   "Wir verwenden Cookies",
			reason: umzug.DropCookie,
		},
		{
			name: "the latest news under an article, as cards that are one link each",
			box: `<div class="content"><h2>News</h2></div><div class="hr"></div><div id="news-gallery"><div class="row">
<a class="news" href="/news/brueckensanierung"><div class="info"><em class="date">02.11.2021</em><h2>Brückensanierung beginnt</h2><p>Die Brücke am Hafen wird ab Montag saniert.</p></div></a>
<a class="news" href="/news/wochenmarkt"><div class="info"><em class="date">19.10.2021</em><h2>Wochenmarkt zieht um</h2><p>Der Markt findet bis Mai auf dem Schulhof statt.</p></div></a></div></div>`,
			gone:   "Brückensanierung beginnt",
			reason: umzug.DropRelated,
		},
		{
			name: "an article's own dates under a Termine headline, each linked to its sign-up",
			box:  `<h2>Termine</h2><ul><li><a href="/anmeldung?termin=1">12. März 2024, 10 Uhr, Rathaus</a></li><li><a href="/anmeldung?termin=2">19. März 2024, 16 Uhr, Stadtteilzentrum</a></li></ul>`,
			kept: []string{"12. März 2024, 10 Uhr, Rathaus"},
		},
		{
			name: "a plain News headline over text is a section of the article",
			box:  `<h2>News</h2><p>Seit Oktober meldet die Stadt neue Baustellen auch per SMS. Anmelden können sich alle Bürgerinnen und Bürger im Rathaus.</p>`,
			kept: []string{"Seit Oktober meldet die Stadt neue Baustellen"},
		},
		{
			name:   "a card link named related",
			box:    `<div class="media"><a class="relatedPost" href="/heu"><h4>Heu richtig lagern</h4><p>Staub und Schimmel: worauf es beim Einlagern ankommt.</p></a></div>`,
			gone:   "worauf es beim Einlagern ankommt",
			reason: umzug.DropRelated,
		},
		{
			name:   "a teaser card link of an article kind, in the article's flow",
			box:    `<figure class="teaser-layout"><a href="/bus-takt" class="card-teaser card-teaser--article"><div class="card-teaser__overline">Neues Buskonzept</div><h3 class="card-teaser__title">Busse im Zehn-Minuten-Takt</h3><p class="card-teaser__summary">Die Stadt will ab 2025 die ersten Buslinien im Zehn-Minuten-Takt fahren lassen.</p></a></figure>`,
			gone:   "Busse im Zehn-Minuten-Takt",
			reason: umzug.DropRelated,
		},
		{
			name:       "an article's info line (Joomla)",
			box:        `<dl class="article-info"><dd class="createdby">Redaktion Stadtwerke</dd><dd class="category-name">Kategorie: Verkehr</dd></dl>`,
			gone:       "Kategorie: Verkehr",
			categories: []string{"Verkehr"}, // the category is the page's taxonomy
		},
		{
			name:   "the site's footer line inside the region",
			box:    `<p>IMPRESSUM | DATENSCHUTZ | COPYRIGHT STADT BEISPIEL 2024</p>`,
			gone:   "COPYRIGHT STADT BEISPIEL",
			reason: umzug.DropFooter,
		},
		{
			name: "a sentence about the legal pages stays",
			box:  `<p>Wie wir Ihre Daten schützen, steht in der Datenschutzerklärung; wer für diese Seiten verantwortlich ist, steht im Impressum.</p>`,
			kept: []string{"steht in der Datenschutzerklärung"},
		},
		{
			name:   "the link line of an embedded Instagram post",
			box:    `<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/abc/"><div><a href="https://www.instagram.com/p/abc/"><div>Sieh dir diesen Beitrag auf Instagram an</div></a><p><a href="https://www.instagram.com/p/abc/">Ein Beitrag geteilt von Stadt Beispiel (@stadt_beispiel)</a></p></div></blockquote>`,
			gone:   "Sieh dir diesen Beitrag auf Instagram an",
			reason: umzug.DropUtility,
			kept:   []string{"Ein Beitrag geteilt von Stadt Beispiel"},
		},
		{
			name:   "the date line with a category",
			box:    `<p class="date">8. November 2021 | Aktuelles</p>`,
			gone:   "Aktuelles",
			reason: umzug.DropMeta,
		},
		{
			name: "a date with a sentence stays",
			box:  `<p>8. November 2021 | Die Synode tagt zum ersten Mal in Bern und berät über den Haushalt.</p>`,
			kept: []string{"Die Synode tagt zum ersten Mal in Bern"},
		},
		{
			name:   "a link to another article between paragraphs",
			box:    `<p><a href="/verkehr/radwege-sued">&gt;&gt; Neue Radwege auch im Süden der Stadt &lt;&lt;</a></p>`,
			gone:   "Neue Radwege auch im Süden der Stadt",
			reason: umzug.DropRelated,
		},
		{
			name: "a link to a document stays",
			box:  `<p><a href="/fileadmin/radverkehrsplan.pdf">» Radverkehrsplan 2030 (PDF, 2 MB)</a></p>`,
			kept: []string{"Radverkehrsplan 2030"},
		},
		{
			name:   "a gallery's counter",
			box:    `<div class="gallery"><figure><img src="/a.jpg" alt="Lawine"><a class="lightbox" href="/a.jpg">Vollbild</a><div class="count">Bild 1 von 3</div><figcaption>Die größte Lawine der Woche</figcaption></figure></div>`,
			gone:   "Bild 1 von 3",
			reason: umzug.DropControl,
			kept:   []string{"Die größte Lawine der Woche"},
		},
		{
			name:       "categories without links",
			box:        `<div class="cat"><ul><li>Pressemitteilung</li><li>Verkehr und Mobilität</li><li>Stadtentwicklung</li></ul></div>`,
			gone:       "Verkehr und Mobilität",
			categories: []string{"Pressemitteilung", "Verkehr und Mobilität", "Stadtentwicklung"},
		},
		{
			name:   "a read-more link beside its teaser's headline link",
			box:    `<div class="box"><h3><a href="/radweg-nord">Radweg Nord</a></h3><p>Der Bau des Radwegs beginnt im Mai und dauert bis zum Herbst.</p><a href="/radweg-nord">Mehr erfahren</a></div>`,
			gone:   "Mehr erfahren",
			reason: umzug.DropUtility,
			kept:   []string{"Radweg Nord", "Der Bau des Radwegs beginnt im Mai"},
		},
		{
			name: "a read-more link of its own stays",
			box:  `<div class="box"><p>Die Anmeldung für den Radfahrkurs ist ab sofort möglich.</p><p><a href="/anmeldung">Mehr erfahren</a></p></div>`,
			kept: []string{"Mehr erfahren"},
		},
		{
			name:   "a link to the site's listing",
			box:    `<div class="news-more"><a href="/news">Alle News im Überblick</a></div>`,
			gone:   "Alle News im Überblick",
			reason: umzug.DropUtility,
		},
		{
			name: "a link to a resource and a sentence about listings stay",
			box:  `<p><a href="/foerderung.pdf">Weitere Informationen zum Förderprogramm</a></p><p>Alle Termine finden im Rathaus statt.</p>`,
			kept: []string{"Weitere Informationen zum Förderprogramm", "Alle Termine finden im Rathaus statt."},
		},
		{
			name:   "more information on a topic, as links",
			box:    `<div class="box"><h3>Weitere Informationen zum Coronavirus in Mitteldeutschland</h3><ul><li><a href="/c1">Impfzentren in Sachsen</a></li><li><a href="/c2">Regeln in Thüringen</a></li></ul></div>`,
			gone:   "Impfzentren in Sachsen",
			reason: umzug.DropRelated,
		},
		{
			name: "more information on a topic, as prose",
			box:  `<h3>Weitere Informationen zur Antragstellung</h3><p>Anträge auf Förderung stellen Sie bis zum 30. Juni beim Amt für Verkehr, ein Formular ist nicht nötig.</p>`,
			kept: []string{"Anträge auf Förderung stellen Sie bis zum 30. Juni"},
		},
		{
			name:   "a numbered class word",
			box:    `<section class="vc_cta3-container"><h2>Seminar Radverkehrsplanung</h2><p>In unserem Seminar lernen Sie, Radwege sicher zu planen.</p><a href="/seminar">mehr erfahren</a></section>`,
			gone:   "In unserem Seminar lernen Sie",
			reason: umzug.DropAd,
		},
		{
			name: "a sentence beginning with the word is text",
			box:  `<p>Anzeige gegen Unbekannt wurde erstattet, die Polizei bittet um Hinweise.</p>`,
			kept: []string{"Anzeige gegen Unbekannt wurde erstattet"},
		},
		{
			name: "mobile copy of a box",
			box: `<div class="hide-for-small-only"><div class="contact">Ansprechpartnerin: Maria Muster, Telefon 0361 12345</div></div>
<div class="show-for-small-only"><div class="contact">Ansprechpartnerin: Maria Muster, Telefon 0361 12345 <a href="https://wa.example/">WhatsApp</a></div></div>`,
			gone:   "WhatsApp",
			reason: umzug.DropDuplicate,
			kept:   []string{"Maria Muster"},
		},
		{
			name: "a template's own mobile copy",
			box: `<div class="contact-desktop"><div class="contact">Ansprechpartnerin: Maria Muster, Telefon 0361 12345</div></div>
<div class="contact-mobile"><div class="contact">Ansprechpartnerin: Maria Muster, Telefon 0361 12345 <a href="https://wa.example/">WhatsApp</a></div></div>`,
			gone:   "WhatsApp",
			reason: umzug.DropDuplicate,
			kept:   []string{"Maria Muster"},
		},
		{
			name: "the wide screens' copy stays",
			box:  `<div class="hidden-mobile"><p>Hinweis: Die Karte der Baustellen finden Sie am Ende der Seite.</p></div><div class="visible-xs"><p>Hinweis: Die Karte der Baustellen finden Sie am Ende der Seite.</p></div>`,
			kept: []string{"Die Karte der Baustellen"},
		},
		{
			name:   "a named anchor as related headline",
			box:    `<div class="intro"><div class="wrapper"><a class="title" name="#">Empfehlungen aus der Redaktion</a></div><hr></div><ul class="timeline"><li><a href="/touren">Die besten Touren finden</a></li><li><a href="/gps">GPS-Apps im Test</a></li></ul>`,
			gone:   "Empfehlungen aus der Redaktion",
			reason: umzug.DropRelated,
		},
		{
			name:   "related headline over cards of linked headlines",
			box:    `<div class="panel"><h2 class="heading">Mehr zum Thema</h2><div class="slider"><div class="slide"><a href="/touren"><img src="/t.jpg" alt=""></a><div class="subtitle">News</div><h3><a href="/touren">Top 10 Radtouren</a></h3><p>Die schönsten Strecken zwischen Fluss und Weinbergen, ausgewählt von der Redaktion.</p></div><div class="slide"><a href="/wind"><img src="/w.jpg" alt=""></a><div class="subtitle">News</div><h3><a href="/wind">Wandern am Deich</a></h3><p>Drei Rundwege führen am Deich entlang zu den Wiesen am Wasser.</p></div></div></div>`,
			gone:   "Top 10 Radtouren",
			reason: umzug.DropRelated,
		},
		{
			name:   "headline left of a box pruning emptied",
			box:    `<div class="contentbox"><div class="boxhead">Dieses Skript als PDF herunterladen</div><div class="related-item"><a href="/skript.pdf">Wir brauchen neue Regeln bei der Grundsteuer</a><span>Themen: der neue Bescheid vom Finanzamt, Fristen für Einsprüche, die Hebesätze der Gemeinden und was sie für den Herbst bedeuten.</span></div></div>`,
			gone:   "Dieses Skript als PDF herunterladen",
			reason: umzug.DropRelated,
		},
		{
			name: "a short section around a related box stays",
			box:  `<div class="section"><h2>Kosten</h2><p>Das Land trägt ein Drittel.</p><div class="related-item"><a href="/haushalt">Der Haushalt der Stadt</a><span>Wofür die Stadt im kommenden Jahr Geld ausgibt, wo sie spart und welche Vorhaben verschoben werden: alle Zahlen im Überblick.</span></div></div>`,
			kept: []string{"Kosten", "Das Land trägt ein Drittel."},
		},
		{
			name:   "a lightbox's buttons",
			box:    `<div class="gallery-controls"><div class="slides"></div><a class="prev">‹</a> <a class="next">›</a></div>`,
			gone:   "‹",
			reason: umzug.DropControl,
		},
		{
			name: "the arrow after a link's label stays with it",
			box:  `<p>Mehr dazu im <a href="/plan">Radverkehrsplan</a> <span>›</span> und im Stadtrat.</p>`,
			kept: []string{"Radverkehrsplan › und im Stadtrat"},
		},
		{
			name: "arrows and crosses in a table are values",
			box:  `<table><tr><th>Tag</th><th>Trend</th><th>Geöffnet</th></tr><tr><td>Montag</td><td><span>↑</span></td><td><b>×</b></td></tr></table>`,
			kept: []string{"↑", "×"},
		},
		{
			name: "a list headed 'Ihre Merkliste' stays",
			box:  `<h3>Ihre Merkliste</h3><ul><li>Personalausweis mitbringen</li><li><a href="/termin">Termin vereinbaren</a></li></ul>`,
			kept: []string{"Ihre Merkliste", "Termin vereinbaren"},
		},
		{
			name:   "a bookmark link",
			box:    `<div class="links-box"><a href="/merken?id=4">Auf meine Merkliste</a></div>`,
			gone:   "Auf meine Merkliste",
			reason: umzug.DropUtility,
		},
		{
			name:   "the headline over a dropped share bar goes with it",
			box:    `<h2>Teile mit Freunden</h2><div class="shariff"><ul><li><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a></li><li><a href="https://twitter.com/intent/tweet?url=x">Twitter</a></li></ul></div>`,
			gone:   "Teile mit Freunden",
			reason: umzug.DropShare,
		},
		{
			name:   "the headline over a dropped box of related articles goes with it",
			box:    `<h3>Verwandte Inhalte zu dieser Meldung</h3><div class="news-related"><ul><li><a href="/news/ampel-ring">Neue Ampel am Ring</a></li><li><a href="/news/parkhaus">Parkhaus Mitte wird saniert</a></li><li><a href="/news/busspur">Busspur in der Hauptstraße</a></li></ul></div><h2>Ihre Ansprechpartnerin</h2><p>Sabine Keller, Tiefbauamt, Telefon 0711 216-0</p>`,
			gone:   "Verwandte Inhalte zu dieser Meldung",
			reason: umzug.DropRelated,
			kept:   []string{"Ihre Ansprechpartnerin", "Sabine Keller"},
		},
		{
			name: "a headline over a dropped search form stays",
			box:  `<h2>Baustellen finden</h2><form class="searchform" action="/suche"><input name="q"><button>Suchen</button></form>`,
			kept: []string{"Baustellen finden"},
		},
		{
			name: "a question over a dropped teaser stays",
			box:  `<h2>Wie lange dauern die Arbeiten?</h2><div class="teaser"><a href="/baustellen"><h3>Alle Baustellen</h3><p>Die Übersicht der Stadt</p></a></div><h2>Wer ist zuständig?</h2><p>Das Tiefbauamt der Stadt.</p>`,
			kept: []string{"Wie lange dauern die Arbeiten?"},
		},
		{
			name: "a headline over a dropped side box stays",
			box:  `<h2>Öffnungszeiten</h2><aside class="sidebar"><p>Montag bis Freitag 8 bis 12 Uhr</p></aside>`,
			kept: []string{"Öffnungszeiten"},
		},
		{
			name: "a headline over the next section's headline stays",
			box:  `<h2>Die Bauabschnitte</h2><h2>Abschnitt 1: Bahnhof bis Markt</h2><p>Von April bis Juni wird zwischen dem Bahnhof und dem Markt gebaut.</p>`,
			kept: []string{"Die Bauabschnitte", "Abschnitt 1"},
		},
		{
			name: "mobile-only text shown once stays",
			box:  `<div class="visible-xs"><p>Hinweis: Die Karte der Baustellen finden Sie am Ende der Seite.</p></div>`,
			kept: []string{"Die Karte der Baustellen"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, all := extractText(t, articleWith(c.box), "https://stadt.example/radwege")
			if !strings.Contains(all, "Umleitungen sind ausgeschildert") {
				t.Fatalf("the article's prose is missing:\n%s", all)
			}
			for _, k := range c.kept {
				if !strings.Contains(all, k) {
					t.Errorf("%q dropped; blocks:\n%s", k, all)
				}
			}
			if c.gone == "" {
				return
			}
			if strings.Contains(all, c.gone) {
				t.Errorf("%q kept; blocks:\n%s", c.gone, all)
			}
			if c.tags != nil || c.categories != nil {
				if !slices.Equal(d.Tags, c.tags) || !slices.Equal(d.Categories, c.categories) {
					t.Errorf("tags %q, categories %q; want %q, %q", d.Tags, d.Categories, c.tags, c.categories)
				}
				return
			}
			acc := d.Provenance.Accounting
			if acc == nil {
				t.Fatal("no accounting")
			}
			found := false
			for _, dr := range acc.Dropped {
				if strings.Contains(dr.Excerpt, c.gone) || strings.Contains(c.box, dr.Excerpt) && strings.Contains(dr.Excerpt, strings.Fields(c.gone)[0]) {
					found = true
					if dr.Reason != c.reason {
						t.Errorf("%q dropped as %q; want %q", c.gone, dr.Reason, c.reason)
					}
				}
			}
			if !found {
				t.Errorf("%q not in the dropped records %+v", c.gone, acc.Dropped)
			}
		})
	}
}

// TestDiscussionPageKeepsItsPosts checks a forum thread, a page that
// holds nothing but a discussion: its posts are the content, while the
// comments under an article are not.
func TestDiscussionPageKeepsItsPosts(t *testing.T) {
	var posts strings.Builder
	for i, p := range []string{
		"Seit dem Einbau der neuen Kette springt bei meinem Rad der dritte Gang ständig heraus, bergauf wie bergab. Hat jemand eine Idee, woran das liegen könnte?",
		"Bei mir lief eine neue Kette auf dem alten Ritzelpaket auch nicht sauber, erst mit neuen Ritzeln war Ruhe im Antrieb.",
		"Stell zuerst die Zugspannung am Schaltwerk nach, eine halbe Umdrehung reicht oft, dann sieht man, ob es am Zug liegt.",
		"Die Zugspannung habe ich schon verstellt, es ist genauso. Nur wenn ich langsam schalte, bleibt der Gang eine Weile drin.",
		"Gleiches Problem hier nach dem Kettenwechsel, Schaltauge geprüft, ohne Erfolg. Auch ein neuer Zug hat nur kurz geholfen.",
		"Ich habe beim Händler nachgefragt und warte auf einen Termin; sobald ich mehr weiß, schreibe ich es hier in den Thread.",
		"Bei mir springt die Kette ebenfalls, egal ob mit dem alten oder dem neuen Schalthebel und bei jedem Wetter, nass wie trocken.",
		"Auffallend ist, dass es nur unter Last passiert, und zwar immer dann, wenn man am Berg aus dem Sattel geht und kräftig tritt.",
		"Das spricht dafür, dass die Ritzel verschlissen sind; mit einem neuen Ritzelpaket läuft bei mir seit Wochen alles ohne jeden Aussetzer.",
		"Nach dem Tausch der Ritzel ist der Fehler bei mir verschwunden, vielleicht hilft das auch euch weiter.",
	} {
		fmt.Fprintf(&posts, `<div class="comment" id="comment-%d"><div class="comment-author">Nutzer%d</div><div class="comment-text"><p>%s</p></div></div>`, i, i, p)
	}
	thread := `<html><head><title>Dritter Gang springt heraus | Forum</title></head><body>
<nav><a href="/">Forum</a> <a href="/technik">Technik</a></nav>
<main><h1>Dritter Gang springt heraus</h1>` + posts.String() + `
<h2>Kommentieren</h2><h3>Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.</h3></main>
<footer>Impressum · Datenschutz</footer></body></html>`
	_, all := extractText(t, thread, "https://forum.example/thread/1")
	for _, want := range []string{"Seit dem Einbau der neuen Kette", "Nach dem Tausch der Ritzel"} {
		if !strings.Contains(all, want) {
			t.Errorf("post %q dropped from a discussion page; blocks:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Sie müssen sich einloggen") {
		t.Errorf("the comment form's note kept:\n%s", all)
	}

	// The same posts under an article are comments.
	_, all = extractText(t, articleWith(`<section class="comments"><h2>7 Kommentare</h2>`+posts.String()+`</section>`), "https://stadt.example/radwege")
	if strings.Contains(all, "Seit dem Einbau der neuen Kette") {
		t.Errorf("comments under an article kept:\n%s", all)
	}
}

// TestArticleHeadAboveTheColumn checks that the head of an article that a
// template puts above its content column (headline and lead) joins the
// main content, while a logo headline in the page header does not.
func TestArticleHeadAboveTheColumn(t *testing.T) {
	body := `<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land. Anwohnerinnen und Anwohner werden vor Beginn jeder Bauphase schriftlich informiert.</p>`
	cases := []struct {
		name, page string
		want       []string
		not        []string
	}{
		{
			name: "head and lead above the column",
			page: `<html><body><header class="site"><a href="/"><img src="/logo.png" alt="Stadt"></a><nav><a href="/a">Verkehr</a> <a href="/b">Umwelt</a></nav></header>
<div class="article-page-head"><ol class="breadcrumb"><li><a href="/">Start</a></li><li><a href="/verkehr">Verkehr</a></li></ol>
<h1>Neue Radwege in der Innenstadt</h1><p class="intro">Vier Verbindungen für den Alltag: Was sich für Radfahrende ab dem Herbst ändert.</p></div>
<div class="row"><div class="col-8"><article>` + body + `</article></div><div class="col-4"><ul><li><a href="/x">Abfallkalender</a></li><li><a href="/y">Stellenangebote</a></li></ul></div></div></body></html>`,
			want: []string{"Vier Verbindungen für den Alltag", "Umleitungen sind ausgeschildert"},
			not:  []string{"Abfallkalender"},
		},
		{
			name: "a logo headline is no article head",
			page: `<html><body><div class="top"><h1><a href="/"><img src="/logo.png" alt="Stadt Beispiel"></a></h1><p>Das Portal der Stadt Beispiel für Bürgerinnen und Bürger</p></div>
<div class="row"><div class="col-8"><article><h2>Neue Radwege in der Innenstadt</h2>` + body + `</article></div></div></body></html>`,
			want: []string{"Umleitungen sind ausgeschildert"},
			not:  []string{"Das Portal der Stadt Beispiel"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, all := extractText(t, c.page, "https://stadt.example/radwege")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("%q missing; blocks:\n%s", w, all)
				}
			}
			for _, n := range c.not {
				if strings.Contains(all, n) {
					t.Errorf("%q kept; blocks:\n%s", n, all)
				}
			}
		})
	}
}

// TestNewsRecordRelatedLinksStayFields checks that a related-content
// headline over a news record's related links does not drop them: they
// are the press release's related links.
func TestNewsRecordRelatedLinksStayFields(t *testing.T) {
	page := `<html><head><title>Radwege | Stadt</title></head><body><nav><a href="/">Start</a></nav>
<main><div id="c12" class="frame frame-default frame-type-list"><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Neue Radwege in der Innenstadt</h1></div>
<div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="2024-03-01">01.03.2024</time></span></p></div>
<div class="teaser-text" itemprop="description"><p>Die Stadt baut vier neue Radwege.</p></div>
<div class="news-text-wrap" itemprop="articleBody"><p>Die Arbeiten beginnen im April und dauern bis zum Herbst. Während der Bauzeit wird der Verkehr an den Baustellen einspurig vorbeigeführt.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land.</p></div>
<div class="news-related-wrap"><div class="news-related news-related-links"><h4>Mehr zum Thema auf stadt.example:</h4>
<ul><li><a href="/radverkehrsplan">Radverkehrsplan 2030</a></li><li><a href="/fahrradstrassen">Fahrradstraßen</a></li></ul></div></div>
</div></div></div></main></body></html>`
	d, err := html.ParseHTML(strings.NewReader(page), "https://stadt.example/presse/radwege")
	if err != nil {
		t.Fatal(err)
	}
	if d.PressRelease == nil {
		t.Fatalf("kind %s: not a press release", d.Kind)
	}
	var got []string
	for _, l := range d.PressRelease.Related {
		got = append(got, l.Text)
	}
	if strings.Join(got, "|") != "Radverkehrsplan 2030|Fahrradstraßen" {
		t.Errorf("related links = %q; want the record's two", got)
	}
}

// TestColumnsBelowTheFooter checks a float layout that puts the page's
// footer inside the region of the article and a side column after it in
// the source: the column is left out (sidebar), while an article that goes
// on below a footer-named box, or a footer without the legal links, keeps
// what follows.
func TestColumnsBelowTheFooter(t *testing.T) {
	article := `<h1>Adventsmarkt an der Kirche</h1>
<div class="text">Neustadt. Am ersten Adventswochenende lädt die Gemeinde wieder zum Markt rund um die Kirche ein. In diesem Jahr gibt es dazu ein Krippenspiel der Kinder.</div>
<div class="text">Der Markt, den es seit zwanzig Jahren gibt, wird von Ehrenamtlichen getragen; der Erlös geht an die Kindergärten der Gemeinde und an die Tafel.</div>
<div class="text">Wer einen Stand anbieten möchte, kann sich ab sofort in eine Liste im Gemeindebüro eintragen. Die Plätze werden verlost.</div>`
	column := `<div id="col2"><h5>Kalender</h5><form><select name="month"><option>Januar</option><option>Februar</option></select></form>
<h5>Veranstaltungen</h5><div class="box">Sa. 02.12.2023 <a href="/termin/1">Orgelkonzert</a> So. 03.12.2023 <a href="/termin/2">Familiengottesdienst</a></div>
<div class="box"><a href="/termine">weitere Veranstaltungen ...</a></div></div>`
	cases := []struct {
		name, footer string
		keep         bool
	}{
		{"page footer with the legal links", `<div id="footer"><a href="/kontakt">Kontakt</a> | <a href="/impressum">Impressum</a> | <a href="/datenschutz">Datenschutz</a></div>`, false},
		{"footer-named box without them", `<div id="footer"><a href="/kirchenjahr">Mehr zum Kirchenjahr</a></div>`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><body><div id="nav"><a href="/">Start</a> <a href="/glaube">Glaube</a></div>
<div id="main"><div id="col1">` + article + c.footer + `</div>` + column + `</div></body></html>`
			_, all := extractText(t, page, "https://kirche.example/advent")
			if !strings.Contains(all, "Liste im Gemeindebüro") {
				t.Fatalf("article lost:\n%s", all)
			}
			if got := strings.Contains(all, "Familiengottesdienst"); got != c.keep {
				t.Errorf("column below the footer kept = %v, want %v; blocks:\n%s", got, c.keep, all)
			}
		})
	}
	// An article that goes on below the box keeps its second part.
	page := `<html><body><div id="main"><div id="col1">` + article + `<div id="footer"><a href="/kontakt">Kontakt</a> <a href="/impressum">Impressum</a></div></div>
<div><h1>Zweiter Teil</h1><p>Die Andacht wird am Sonntag um 18 Uhr auf trauernetz.de übertragen und bleibt danach eine Woche lang abrufbar.</p></div></div></body></html>`
	_, all := extractText(t, page, "https://kirche.example/advent")
	if !strings.Contains(all, "eine Woche lang abrufbar") {
		t.Errorf("the article's part below a footer-named box lost:\n%s", all)
	}
}

// TestNewsListPageKeepsItsList checks that a list page whose list stands
// under a plain "News" headline keeps the list: there the items are the
// content, not the latest news beside an article.
func TestNewsListPageKeepsItsList(t *testing.T) {
	item := func(href, head, text string) string {
		return `<div class="news-item"><em class="date">02.11.2021</em><h3><a href="/news/` + href + `">` + head + `</a></h3><p>` + text + `</p><a href="/news/` + href + `">mehr</a></div>`
	}
	page := `<html><head><title>News | Stadt</title></head><body><main><h1>Aktuelles aus der Stadt</h1>
<div class="content"><h2>News</h2></div><div class="news-list">` +
		item("bruecke", "Brückensanierung beginnt", "Die Brücke am Hafen wird ab Montag saniert, der Verkehr wird umgeleitet.") +
		item("markt", "Wochenmarkt zieht um", "Der Markt findet bis Mai auf dem Schulhof statt, die Zeiten bleiben.") +
		item("bad", "Hallenbad öffnet wieder", "Nach der Sanierung ist das Hallenbad ab Samstag wieder geöffnet.") + `</div></main></body></html>`
	_, all := extractText(t, page, "https://www.stadt.example/news")
	for _, want := range []string{"News", "Brückensanierung beginnt", "Wochenmarkt zieht um", "Hallenbad öffnet wieder"} {
		if !strings.Contains(all, want) {
			t.Errorf("list item %q lost:\n%s", want, all)
		}
	}

	// The same list as cards that are one link each: no prose at all but
	// the page's headline. The list is the page, not a box of links
	// beside it, and not outside its main content.
	card := func(href, head, text string) string {
		return `<a class="news" href="/news/` + href + `"><div class="info"><em class="date">02.11.2021</em><h2>` + head + `</h2><p>` + text + `</p></div></a>`
	}
	page = `<html><head><title>News | Stadt</title></head><body><nav><a href="/">Start</a> <a href="/rathaus">Rathaus</a></nav>
<main><h1>Aktuelles aus der Stadt</h1><div id="news-gallery">` +
		card("bruecke", "Brückensanierung beginnt", "Die Brücke am Hafen wird ab Montag saniert, der Verkehr wird umgeleitet.") +
		card("markt", "Wochenmarkt zieht um", "Der Markt findet bis Mai auf dem Schulhof statt, die Zeiten bleiben.") +
		card("bad", "Hallenbad öffnet wieder", "Nach der Sanierung ist das Hallenbad ab Samstag wieder geöffnet.") + `</div></main>
<footer>Impressum · Datenschutz</footer></body></html>`
	d, all := extractText(t, page, "https://www.stadt.example/news")
	for _, want := range []string{"Brückensanierung beginnt", "Wochenmarkt zieht um", "Der Markt findet bis Mai"} {
		if !strings.Contains(all, want) {
			t.Errorf("card %q lost:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Impressum") || d.Title != "Aktuelles aus der Stadt" {
		t.Errorf("title %q, blocks:\n%s", d.Title, all)
	}
}

// TestSectionLinkDropped checks a line that is nothing but a link to a
// section the breadcrumb leads to (the category over a news headline, a
// back link under it): navigation. The same link inside a sentence,
// after a line that leads to it, between paragraphs or in a list, and a
// link to the home page, stay.
func TestSectionLinkDropped(t *testing.T) {
	page := `<html><head><title>Neue Radwege | Stadt</title></head><body>
<div class="row"><ul class="breadcrumb"><li><a href="/">Startseite</a></li><li><a href="/nachrichten.html">Nachrichten</a></li><li><a href="/nachrichten/verkehr.html">Verkehr &amp; Bauen</a></li><li class="current"><a>Neue Radwege</a></li></ul></div>
<main><article>
<div><a class="kicker" href="/nachrichten/verkehr.html">Verkehr &amp; Bauen</a></div>
<h1>Neue Radwege in der Innenstadt</h1>
<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Weitere Vorhaben stehen unter <a href="/nachrichten/verkehr.html">Verkehr &amp; Bauen</a> im Überblick, mit allen Terminen der Bauphasen.</p>
<div><a href="/nachrichten/verkehr.html">Verkehr und Bauen im Überblick</a></div>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<div class="article-bottom"><a class="icon-back" href="https://stadt.example/nachrichten/verkehr.html#top">Verkehr &amp; Bauen</a></div>
<p>Fragen beantwortet:</p>
<p><a href="/nachrichten.html">Nachrichten der Stadt</a></p>
<ul><li><a href="/nachrichten.html">Nachrichten der Region</a></li><li><a href="/verkehr/plan.html">Der Radverkehrsplan</a></li></ul>
<div><a href="https://stadt.example/">stadt.example</a></div>
</article></main>
<footer>Impressum · Datenschutz</footer></body></html>`
	d, all := extractText(t, page, "https://stadt.example/nachrichten/verkehr/detail/neue-radwege.html")
	if d.Title != "Neue Radwege in der Innenstadt" {
		t.Errorf("title %q", d.Title)
	}
	for _, k := range []string{"unter Verkehr & Bauen im Überblick", "Nachrichten der Stadt", "Verkehr und Bauen im Überblick", "Nachrichten der Region", "stadt.example"} {
		if !strings.Contains(all, k) {
			t.Errorf("%q is gone (a link in a sentence, after a line that leads to it, between paragraphs, in a list, to the home page):\n%s", k, all)
		}
	}
	if n := strings.Count(all, "Verkehr & Bauen\n"); n != 0 {
		t.Errorf("%d lines are only the section's name:\n%s", n, all)
	}
	nav := 0
	for _, dr := range d.Provenance.Accounting.Dropped {
		if dr.Reason == umzug.DropNavigation && strings.TrimSpace(dr.Excerpt) == "Verkehr & Bauen" {
			nav++
		}
	}
	if nav != 2 {
		t.Errorf("%d section links dropped as navigation, want 2: %+v", nav, d.Provenance.Accounting.Dropped)
	}
}
