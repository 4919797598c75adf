package html_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// TestFileListInBody: on a page that is no press release, a list of the
// site's files in a rich text body ("Downloads" over items of a link and
// a size label) is a downloads block with the headline before it as its
// header; a paragraph that is a link to a file stays a sentence of the
// text, and a list of documents on another site stays a list of links.
func TestFileListInBody(t *testing.T) {
	d := parseFile(t, `<html><head><title>Sperrmüll | Gemeinde Talheim</title></head><body>
<nav><a href="/">Start</a> <a href="/rathaus/">Rathaus</a></nav>
<main><div class="item-page"><h1>Sperrmüll anmelden</h1>
<div class="com-content-article__body">
<p>Sperrmüll wird zweimal im Jahr kostenlos abgeholt. Die Anmeldung ist bis eine Woche vor dem Termin möglich.</p>
<p><a href="/images/downloads/abfuhrkalender-2025.pdf">Abfuhrkalender 2025</a></p>
<h3>Downloads</h3>
<ul>
<li><a href="/images/downloads/sperrmuell-antrag.pdf">Antrag auf Abholung</a> (PDF, 95 KB)</li>
<li><a href="https://www.talheim.example/images/downloads/gebuehren.pdf">Gebührensatzung</a> (PDF, 210 KB)</li>
</ul>
<h3>Gesetze</h3>
<ul>
<li><a href="https://www.gesetze.example/krwg.pdf">Kreislaufwirtschaftsgesetz</a> (PDF, 1 MB)</li>
</ul>
</div></div></main>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer></body></html>`, "https://www.talheim.example/rathaus/sperrmuell")
	if d.Kind != umzug.KindPage {
		t.Fatalf("kind %s", d.Kind)
	}
	var got []string
	for _, b := range d.Blocks {
		s := string(b.Type)
		if b.Header != nil {
			s += ":" + b.Header.Text
		}
		got = append(got, s)
	}
	want := []string{"text", "downloads:Downloads", "heading", "text"}
	if !slices.Equal(got, want) {
		t.Fatalf("blocks = %q; want %q", got, want)
	}
	dl := d.Blocks[1].Downloads
	if len(dl.Items) != 2 || dl.Items[0].Title != "Antrag auf Abholung" || dl.Items[0].SizeText != "95 KB" || dl.Items[1].Format != "PDF" {
		t.Errorf("downloads = %+v", dl.Items)
	}
	if !strings.Contains(d.Blocks[0].PlainText(), "Abfuhrkalender 2025") || !strings.Contains(d.Blocks[3].PlainText(), "Kreislaufwirtschaftsgesetz") {
		t.Errorf("the paragraph's link or the other site's list left the text: %q / %q", d.Blocks[0].PlainText(), d.Blocks[3].PlainText())
	}
	for _, x := range d.Provenance.Accounting.Dropped {
		if x.Reason == umzug.DropUnconverted {
			t.Errorf("unconverted: %q", x.Excerpt)
		}
	}
}

// TestFileLinkByType: a link that declares a document's media type is a
// link to a file whatever its address (Drupal's file field, Contao's
// download elements); one that declares a feed is not.
func TestFileLinkByType(t *testing.T) {
	d := parseFile(t, `<html><head><title>Satzungen | Amt</title></head><body>
<main><h1>Satzungen</h1>
<p>Die Satzungen des Amtes gelten in der hier veröffentlichten Fassung. Ältere Fassungen schickt die Verwaltung auf Anfrage.</p>
<div class="field field--type-file"><div class="field__item"><a href="/dokument/4711" type="application/pdf">Hauptsatzung</a></div><div class="field__item"><a href="/dokument/4712" type="application/pdf">Gebührensatzung</a></div></div>
<h2>Abonnieren</h2>
<ul><li><a href="/satzungen/feed" type="application/rss+xml">Neue Satzungen als Feed</a></li></ul>
</main></body></html>`, "https://www.amt.example/satzungen")
	var got []string
	for _, b := range d.Blocks {
		got = append(got, string(b.Type))
	}
	if want := []string{"text", "downloads", "heading", "text"}; !slices.Equal(got, want) {
		t.Errorf("blocks = %q; want %q", got, want)
	}
}

// TestFileListWithLine: a box of files with a line of its own beside
// them ("Bitte …") is no downloads block as a whole, which would hold the
// files' titles and sizes, not the line: the headline and the line stay,
// the list in it is the downloads block.
func TestFileListWithLine(t *testing.T) {
	d := parseFile(t, `<html><head><title>Wahlhelfer | Stadt</title></head><body>
<main><h1>Wahlhelfer werden</h1>
<p>Für die Kommunalwahl sucht die Stadt noch 200 Wahlhelferinnen und Wahlhelfer für die Wahllokale.</p>
<div class="box"><h3>Formulare</h3><p>Bitte vollständig ausfüllen.</p><ul><li><a href="/dateien/anmeldung-wahlhelfer.pdf">Anmeldung als Wahlhelferin oder Wahlhelfer</a> (PDF, 60 KB)</li><li><a href="/dateien/erfrischungsgeld.pdf">Merkblatt zum Erfrischungsgeld für Wahlhelfer</a> (PDF, 45 KB)</li></ul></div>
</main></body></html>`, "https://www.stadt.example/wahlen/wahlhelfer")
	var got []string
	for _, b := range d.Blocks {
		s := string(b.Type)
		if b.Header != nil {
			s += ":" + b.Header.Text
		}
		got = append(got, s)
	}
	if want := []string{"text", "heading", "text", "downloads"}; !slices.Equal(got, want) {
		t.Errorf("blocks = %q; want %q", got, want)
	}
	if !strings.Contains(documentText(d), "Bitte vollständig ausfüllen.") {
		t.Errorf("the line is lost: %q", documentText(d))
	}
	for _, x := range d.Provenance.Accounting.Dropped {
		if x.Reason == umzug.DropUnconverted {
			t.Errorf("unconverted: %q", x.Excerpt)
		}
	}
}

// TestFileListOneItem: the link of a list's only file is its title, not
// a label over the list.
func TestFileListOneItem(t *testing.T) {
	d := parseFile(t, `<html><head><title>Haushalt | Stadt</title></head><body>
<main><h1>Haushalt 2025</h1>
<p>Der Stadtrat hat den Haushalt für das kommende Jahr im November beschlossen. Er umfasst 84 Millionen Euro.</p>
<ul><li><a href="/dateien/haushaltsplan-2025.pdf">Haushaltsplan</a> (PDF, 4 MB)</li></ul>
</main></body></html>`, "https://www.stadt.example/haushalt")
	b := blockOf(d, umzug.BlockDownloads)
	if b == nil || b.Header != nil || len(b.Downloads.Items) != 1 || b.Downloads.Items[0].Title != "Haushaltsplan" {
		t.Errorf("downloads = %+v", b)
	}
}

// TestFileListInSection: a headline whose section goes on after the list
// of files ("Unterlagen" over the files and the paragraph after them)
// stays the section's headline; the list is a downloads block without a
// header. Only a headline over the list alone heads the block.
func TestFileListInSection(t *testing.T) {
	d := parseFile(t, `<html><head><title>Bauantrag | Gemeinde</title></head><body>
<main><div class="content"><h1>Bauantrag stellen</h1>
<p>Wer bauen will, braucht in den meisten Fällen eine Baugenehmigung. Der Antrag wird bei der Gemeinde eingereicht und weitergeleitet.</p>
<h2>Unterlagen</h2>
<ul><li><a href="/files/antrag.pdf">Bauantrag</a> (PDF, 95 KB)</li><li><a href="/files/beschreibung.pdf">Baubeschreibung</a> (PDF, 80 KB)</li></ul>
<p>Zum Antrag gehören außerdem Lageplan und Bauzeichnungen. Unvollständige Anträge verzögern das Verfahren erheblich.</p>
</div></main></body></html>`, "https://www.gemeinde.example/bauen/bauantrag")
	var got []string
	for _, b := range d.Blocks {
		s := string(b.Type)
		if b.Header != nil {
			s += ":" + b.Header.Text
		}
		got = append(got, s)
	}
	if want := []string{"text", "heading", "downloads", "text"}; !slices.Equal(got, want) {
		t.Errorf("blocks = %q; want %q", got, want)
	}
}

// TestFeedListNoDownloads: a list of a site's feeds by their ".xml"
// addresses is a list of links, not the page's files: the crawl never
// fetches ".xml" (feeds and sitemaps are machinery), so a downloads block
// of them would name attachments the migration cannot carry.
func TestFeedListNoDownloads(t *testing.T) {
	d := parseFile(t, `<html><head><title>Newsfeeds | Gemeinde</title></head><body>
<main><div class="content"><h1>Newsfeeds</h1>
<p>Mit einem Feedreader erfahren Sie sofort, wenn wir etwas Neues veröffentlichen. Wählen Sie die Feeds, die Sie interessieren.</p>
<ul><li><a href="/aktuelles/feed.xml">Pressemitteilungen</a></li><li><a href="/termine/feed.xml">Veranstaltungen</a></li><li><a href="/stellen/feed.xml">Stellenangebote</a></li></ul>
</div></main></body></html>`, "https://www.gemeinde.example/service/feeds")
	if b := blockOf(d, umzug.BlockDownloads); b != nil {
		t.Errorf("feeds as downloads: %+v", b.Downloads.Items)
	}
	for _, a := range d.Assets {
		if strings.HasSuffix(a.URL, ".xml") {
			t.Errorf("feed among the assets: %s", a.URL)
		}
	}
}
