package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// gsbPage wraps content in a Government Site Builder page (the markup of
// the trial site's template, our own).
func gsbLangPage(lang, content string) string {
	return `<!doctype html><html lang="` + lang + `"><head><meta charset="UTF-8"/><title>MWKL - Seite</title>
<meta name="generator" content="Government Site Builder"/></head><body class="gsb">
<div id="wrapperOuter"><div id="header"><div id="navPrimary"><ul><li><a href="/DE/Themen/themen_node.html">Themen</a></li><li><a href="/DE/Presse/presse_node.html">Presse</a></li></ul></div></div>
<div id="main" class="row"><div id="content" class="large-8 columns"><div class="singleview">
` + content + `
</div></div></div>
<div id="footer"><p>Ministerium für Wasser, Klima und Landentwicklung, Uferstraße 12, 65999 Lautenburg</p></div></div></body></html>`
}

// sixPage wraps content in a SixCMS page.
func sixPage(content string) string {
	return `<!DOCTYPE html><html lang="de"><head><meta charset="UTF-8"/><title>Seite | MLEV</title></head>
<body data-mais-site-id="7"><div class="row page-top"><ul class="menu"><li><a href="/sixcms/list.php/presse">Presse</a></li></ul></div>
<div class="row page-body"><div id="maincontent" class="large-9 columns"><div class="small-12 medium-9 columns bb-content-splitter-right">
` + content + `
</div></div><div id="asidecontent" class="large-3 columns"><div class="teaser-entry"><div class="teaser-headline">Verbraucherzentrale</div><p class="teaser-text">Beratung zu Verträgen.</p></div></div></div>
<div class="row page-bottom"><p>Ministerium · Am Markt 3 · 14999 Talbrück</p></div></body></html>`
}

func gsbTeaser(date, path, title, lead string) string {
	return `<div class="teaser"><p class="docData">` + date + ` | Pressemitteilung</p><h3><a href="` + path + `">` + title + `</a></h3><p>` + lead + `</p></div>`
}

func teaserItems(d umzug.Document) []umzug.TeaserItem {
	var out []umzug.TeaserItem
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockTeaser {
			out = append(out, b.Teaser.Items...)
		}
	}
	return out
}

// TestPressListIsListPage: a page of dated teasers of releases (each a
// date line, a headline linking to the release and a lead) is a list page
// with a teaser block, not a press release, and takes no date from its
// items: under a press section URL that a profile names as press releases
// (GSB), with SixCMS' headline divs, and as a plain list without a profile.
func TestPressListIsListPage(t *testing.T) {
	gsbList := gsbLangPage("de", `<h1 class="isFirstInSlot">Pressemitteilungen</h1><p>Hier finden Sie die Pressemitteilungen des Ministeriums.</p>`+
		gsbTeaser("21.02.2024", "/SharedDocs/Pressemitteilungen/DE/2024/02/pm-15.html", "Trinkwasserversorgung: Land unterstützt Verbundleitungen", "Zwölf Wasserversorger erhalten Zuschüsse für Verbindungsleitungen.")+
		gsbTeaser("08.02.2024", "/SharedDocs/Pressemitteilungen/DE/2024/02/pm-12.html", "Ministerin besucht Moorprojekt im Lautertal", "Wiedervernässung von 140 Hektar Moorfläche.")+
		gsbTeaser("29.01.2024", "/SharedDocs/Pressemitteilungen/DE/2024/01/pm-07.html", "Neue Hochwasserkarten für 43 Gewässer veröffentlicht", "Überschwemmungsgebiete jetzt grundstücksgenau im Kartendienst.")+
		`<div class="navIndex"><ul><li><strong>1</strong></li><li><a href="?gtp=1_list%253D2">2</a></li></ul></div>`)
	sixList := sixPage(`<h1>Presseinformationen</h1>` +
		`<div class="teaser-entry"><div class="bb-teaser-meta">05.03.2024</div><div class="teaser-headline"><a href="/sixcms/detail.php/bb1.c.1.de">Verbraucherzentrale erhält mehr Geld für Energieberatung</a></div></div>` +
		`<div class="teaser-entry"><div class="bb-teaser-meta">12.02.2024</div><div class="teaser-headline"><a href="/sixcms/detail.php/bb1.c.2.de">Dorfwettbewerb 2024: Anmeldung bis 30. April</a></div></div>` +
		`<div class="teaser-entry"><div class="bb-teaser-meta">30.01.2024</div><div class="teaser-headline"><a href="/sixcms/detail.php/bb1.c.3.de">Lebensmittelkontrollen: Jahresbericht 2023</a></div></div>`)
	plainList := `<html lang="de"><head><title>Pressemitteilungen | Stadt</title></head><body><nav><a href="/">Start</a></nav><main><h1>Pressemitteilungen</h1>
<ul class="press"><li><span class="date">04.03.2024</span><h2><a href="/presse/2024/zisternen">Förderung für Regenwasserzisternen startet</a></h2><p>Bis zu 1.500 Euro Zuschuss.</p></li>
<li><span class="date">21.02.2024</span><h2><a href="/presse/2024/verbund">Land unterstützt Verbundleitungen</a></h2><p>Zwölf Vorhaben werden gefördert.</p></li>
<li><span class="date">08.02.2024</span><h2><a href="/presse/2024/moor">Moorprojekt im Lautertal besucht</a></h2><p>140 Hektar Moorfläche.</p></li></ul></main></body></html>`
	for _, c := range []struct {
		name, page, url string
		dates           []string
	}{
		{"gsb", gsbList, "https://www.mwkl.land.example/DE/Presse/Pressemitteilungen/pressemitteilungen_node.html", []string{"2024-02-21", "2024-02-08", "2024-01-29"}},
		{"sixcms", sixList, "https://mlev.land.example/sixcms/list.php/presse", []string{"2024-03-05", "2024-02-12", "2024-01-30"}},
		{"plain", plainList, "https://www.stadt.example/presse/", []string{"2024-03-04", "2024-02-21", "2024-02-08"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := parseFile(t, c.page, c.url)
			if d.Kind != umzug.KindPage || d.PressRelease != nil {
				t.Errorf("kind %s, want page", d.Kind)
			}
			if d.Dates.Published != "" {
				t.Errorf("published %q, want none (the newest item's date is not the list's)", d.Dates.Published)
			}
			items := teaserItems(d)
			if len(items) != len(c.dates) {
				t.Fatalf("%d teaser items, want %d", len(items), len(c.dates))
			}
			for i, it := range items {
				if it.Date != c.dates[i] || it.Title == "" || it.Link == nil {
					t.Errorf("item %d: %+v, want date %s with title and link", i, it, c.dates[i])
				}
			}
		})
	}
}

// TestReleaseLineMakesPressRelease: a release whose only press markers
// are a meta line "05.03.2024 | Presseinformation 034/2024" above the
// headline (dropped as meta by the template's profile) and a
// "Pressekontakt:" box is a press release with its number, date and
// contact, whatever its URL; with and without the SixCMS profile. A page
// that only mentions a release in its text stays a page.
func TestReleaseLineMakesPressRelease(t *testing.T) {
	body := `<div class="bb-teaser-meta">05.03.2024 | Presseinformation 034/2024</div>
<h1>Verbraucherzentrale erhält mehr Geld für Energieberatung</h1>
<p><strong>Das Land stockt die Förderung der Energieberatung um 400.000 Euro auf.</strong></p>
<p>Talbrück – Die Nachfrage nach unabhängiger Energieberatung ist seit 2022 stark gestiegen.</p>
<p>Mit dem zusätzlichen Geld kann die Verbraucherzentrale sechs weitere Beratungsstellen in ländlichen Regionen öffnen.</p>
<div class="m2-press-contact"><p><strong>Pressekontakt:</strong><br/>Matthias Beispiel, Pressesprecher<br/>Tel.: 0331 555-7010, Fax: 0331 555-7018<br/>E-Mail: <a href="mailto:pressestelle@mlev.land.example">pressestelle@mlev.land.example</a></p></div>`
	plain := `<html lang="de"><head><title>Energieberatung | Ministerium</title></head><body><nav><a href="/">Start</a></nav><div id="content">` +
		strings.Replace(body, `class="bb-teaser-meta"`, `class="info"`, 1) + `</div><footer><p>Impressum</p></footer></body></html>`
	for _, c := range []struct{ name, page, url string }{
		{"sixcms", sixPage(body), "https://mlev.land.example/sixcms/detail.php/bb1.c.20201.de"},
		{"plain", plain, "https://www.ministerium.example/inhalt/detail.php?id=20201"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := parseFile(t, c.page, c.url)
			if d.Kind != umzug.KindPressRelease || d.PressRelease == nil {
				t.Fatalf("kind %s, want press_release", d.Kind)
			}
			pr := d.PressRelease
			if d.Dates.Published != "2024-03-05" || !strings.Contains(pr.Number, "034/2024") {
				t.Errorf("published %q number %q, want 2024-03-05 and 034/2024", d.Dates.Published, pr.Number)
			}
			if len(pr.Contacts) != 1 {
				t.Fatalf("contacts %+v, want one", pr.Contacts)
			}
			if c := pr.Contacts[0]; c.Name != "Matthias Beispiel" || c.Role != "Pressesprecher" || c.Phone != "0331 555-7010" || c.Email != "pressestelle@mlev.land.example" {
				t.Errorf("contact %+v", c)
			}
			for _, x := range d.Provenance.Accounting.Dropped {
				if strings.Contains(x.Excerpt, "034/2024") {
					t.Errorf("the number's line is dropped (%s), not a field", x.Reason)
				}
			}
		})
	}
	mention := `<html lang="de"><head><title>Wasser | Ministerium</title></head><body><div id="content"><h1>Wasser</h1>
<p class="info">Aktualisiert: 05.03.2024</p>
<p>Mehr dazu steht in unserer Presseinformation 034/2024 über die Energieberatung.</p><p>Grundwasser ist die wichtigste Quelle des Trinkwassers im Land, das Land betreibt ein Messnetz.</p></div></body></html>`
	if d := parseFile(t, mention, "https://www.ministerium.example/themen/wasser.html"); d.Kind != umzug.KindPage {
		t.Errorf("a page that mentions a release in its text: kind %s, want page", d.Kind)
	}
}

// TestTeaserAndTextDatesAreNotThePagesDate: the date line of a home page's
// news teasers (read by the profile's date selector) and a release named
// with its date inside an answer's text do not date the page; a page that
// opens with "Pressemitteilung vom …" still takes that date.
func TestTeaserAndTextDatesAreNotThePagesDate(t *testing.T) {
	home := gsbLangPage("de", `<h1 class="isFirstInSlot">Willkommen beim Ministerium</h1><p>Wir kümmern uns um sauberes Wasser und gesunde Wälder.</p><h2>Aktuelles</h2>`+
		`<div class="teaser"><p class="docData">21.02.2024</p><h3><a href="/SharedDocs/Pressemitteilungen/DE/2024/02/pm-15.html">Land unterstützt Verbundleitungen</a></h3><p>Zwölf Wasserversorger erhalten Zuschüsse.</p></div>`+
		`<div class="teaser"><p class="docData">08.02.2024</p><h3><a href="/SharedDocs/Pressemitteilungen/DE/2024/02/pm-12.html">Ministerin besucht Moorprojekt</a></h3><p>Wiedervernässung von 140 Hektar.</p></div>`+
		`<h2>Themen</h2><ul><li><a href="/DE/Themen/Wasser/wasser_node.html">Wasser</a></li><li><a href="/DE/Themen/Wald/wald_node.html">Wald</a></li></ul>`)
	faq := gsbLangPage("de", `<h1 class="isFirstInSlot">Häufig gestellte Fragen</h1><div class="accordion">
<h3 class="accordion-heading">Wer ist für Brunnen zuständig?</h3><div class="accordion-body"><p>Für Brunnen auf privaten Grundstücken ist die Untere Wasserbehörde zuständig.</p></div>
<h3 class="accordion-heading">Wo finde ich die Hochwasserkarten?</h3><div class="accordion-body"><p>Im Kartendienst des Landesamts; siehe auch unsere <a href="/SharedDocs/Pressemitteilungen/DE/2024/01/pm-07.html">Pressemitteilung vom 29. Januar 2024</a>.</p></div></div>`)
	for _, c := range []struct{ name, page, url string }{
		{"home", home, "https://www.mwkl.land.example/DE/Home/home_node.html"},
		{"faq", faq, "https://www.mwkl.land.example/DE/Service/FAQ/faq_node.html"},
	} {
		if d := parseFile(t, c.page, c.url); d.Dates.Published != "" {
			t.Errorf("%s: published %q, want none", c.name, d.Dates.Published)
		}
	}
	opening := `<html lang="de"><head><title>Verband</title></head><body><div id="content"><h1>Neue Förderung</h1>
<p>Pressemitteilung vom 18. Januar 2022</p><p>Der Verband begrüßt die neue Förderung für Kommunen und fordert eine schnelle Umsetzung im ganzen Land.</p></div></body></html>`
	if d := parseFile(t, opening, "https://www.verband.example/aktuelles/foerderung"); d.Dates.Published != "2022-01-18" {
		t.Errorf("a page opening with its release line: published %q, want 2022-01-18", d.Dates.Published)
	}
}

// TestReleaseWithDatedTeasersStaysRelease: a release (recognised by its
// opening, no news markup) with a short list of other dated releases under
// its text stays a release: the list is a teaser block, but not most of
// the page.
func TestReleaseWithDatedTeasersStaysRelease(t *testing.T) {
	page := `<html lang="de"><head><title>Förderung | Verband</title></head><body><nav><a href="/">Start</a></nav><div id="content">
<h1>Verband begrüßt neue Förderung für Kommunen</h1>
<p>Pressemitteilung vom 4. März 2024</p>
<p>Der Verband begrüßt die neue Förderung für Kommunen. Sie hilft gerade kleinen Gemeinden, sich auf Hitze und Starkregen vorzubereiten, und kommt zur rechten Zeit.</p>
<p>Die Geschäftsführerin sagte, die Mittel müssten nun schnell und ohne großen Aufwand bei den Gemeinden ankommen. Der Verband bietet dazu Beratung an und lädt im April zu einer Fachtagung ein.</p>
<p>Anträge können ab sofort gestellt werden; die Frist endet am 30. September. Weitere Informationen stehen auf den Seiten des Ministeriums.</p>
<div class="more"><div class="item"><p class="date">21.02.2024</p><h3><a href="/presse/verbund">Verband fordert Verbundleitungen</a></h3></div>
<div class="item"><p class="date">08.02.2024</p><h3><a href="/presse/moor">Moorschutz braucht die Landwirte</a></h3></div>
<div class="item"><p class="date">29.01.2024</p><h3><a href="/presse/karten">Hochwasserkarten für alle Gewässer</a></h3></div></div>
</div></body></html>`
	d := parseFile(t, page, "https://www.verband.example/aktuelles/foerderung")
	if d.Kind != umzug.KindPressRelease || d.Dates.Published != "2024-03-04" {
		t.Errorf("kind %s published %q, want press_release of 2024-03-04", d.Kind, d.Dates.Published)
	}
	if n := len(teaserItems(d)); n != 3 {
		t.Errorf("%d teaser items, want 3", n)
	}
}
