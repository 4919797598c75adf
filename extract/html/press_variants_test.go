package html_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// TestPressContactOutsideMain: a press contact that the template renders
// in a band under the article, outside the main content, is the release's
// contact and counted as that field; the site's general contact in the
// footer and a general "Kontakt" box in the side column are not.
func TestPressContactOutsideMain(t *testing.T) {
	d := parseFile(t, `<html><head><title>Presse | Verband</title></head><body><nav><a href="/">Start</a> <a href="/presse">Presse</a></nav>
<div class="wrap"><main><!--TYPO3SEARCH_begin--><div id="c12" class="frame frame-default frame-type-list"><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Mehr Tempo bei den Genehmigungen</h1></div>
<p><time itemprop="datePublished" datetime="2022-12-08">08.12.2022</time></p>
<div class="news-text-wrap" itemprop="articleBody"><p>Der Verband legt seinen Jahresbericht vor und zieht eine gemischte Bilanz der Arbeit in den Ländern.</p>
<p>Die Genehmigungen dauern noch immer zu lange, sagte die Vorsitzende bei der Vorstellung in Berlin.</p></div></div></div></div>
<!--TYPO3SEARCH_end--></main>
<aside class="col-side"><div class="box"><h3>Kontakt</h3><p>Geschäftsstelle<br>Tel. 030 555341 210<br>info@verband.example</p></div></aside></div>
<section><div class="stripe"><div class="row"><div class="col-12"><h2>Ihr Ansprechpartner für Pressefragen</h2></div>
<div class="col-4"><p>Frank Beispiel<br>Tel.: +49 (0)30-555 341-253<br>E-Mail: presse@verband.example</p></div></div></div></section>
<footer id="footer"><p>Verband e.V., Musterweg 4, 10999 Berlin, Tel. +49 30 555341 210, info@verband.example</p></footer>
</body></html>`, "https://verband.example/presse/jahresbericht/")
	if d.PressRelease == nil {
		t.Fatalf("kind %s: not a press release", d.Kind)
	}
	cs := d.PressRelease.Contacts
	if len(cs) != 1 || cs[0].Name != "Frank Beispiel" || cs[0].Email != "presse@verband.example" || cs[0].Phone == "" {
		t.Fatalf("contacts %+v, want the press officer only", cs)
	}
	for _, x := range d.Provenance.Accounting.Dropped {
		if strings.Contains(x.Excerpt, "Frank Beispiel") {
			t.Errorf("the contact's text is also dropped (%s)", x.Reason)
		}
	}
	if d.Provenance.Accounting.FieldChars == 0 {
		t.Error("no text counted as a field")
	}
}

// TestContactLinesOnePerLine: a paragraph of press contacts, one
// organisation per <br> line with its e-mail link and phone, gives one
// contact per line with name, e-mail and phone; a label "E-Mail:" is no
// name.
func TestContactLinesOnePerLine(t *testing.T) {
	d := parseFile(t, `<html><head><title>Presse | Hilfsdienst</title></head><body>
<main><div id="c12" class="frame frame-default frame-type-list"><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Gemeinsamer Aufruf der Hilfsorganisationen</h1></div>
<p><time itemprop="datePublished" datetime="2021-07-20">20.07.2021</time></p>
<div class="news-text-wrap" itemprop="articleBody"><p>Die vier Hilfsorganisationen rufen gemeinsam zu Spenden für die Betroffenen der Flut auf und bitten um Geduld.</p>
<p><strong>Pressekontakte:</strong><br> Samariter-Bund: <a href="mailto:presse@samariter.example">presse@samariter.example</a>, Tel. 030 / 5550 786 -122<br>
 Rettungs-Gesellschaft: <a href="mailto:presse@rettung.example">presse@rettung.example</a>, Tel. 05723 / 555-440<br>
 E-Mail: <a href="mailto:info@hilfe.example">info@hilfe.example</a>, Tel. 0221 / 5551 2220</p></div></div></div></div></main>
</body></html>`, "https://hilfe.example/presse/aufruf/")
	if d.PressRelease == nil {
		t.Fatalf("kind %s: not a press release", d.Kind)
	}
	type c struct{ name, email, phone string }
	var got []c
	for _, x := range d.PressRelease.Contacts {
		got = append(got, c{x.Name, x.Email, x.Phone})
	}
	want := []c{
		{"Samariter-Bund", "presse@samariter.example", "030 / 5550 786 -122"},
		{"Rettungs-Gesellschaft", "presse@rettung.example", "05723 / 555-440"},
		{"", "info@hilfe.example", "0221 / 5551 2220"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("contacts\n%+v\nwant\n%+v", got, want)
	}
}

// TestNumberAfterDateline: a release number printed bare after the
// dateline ("Berlin, 14.06.2021, 071/21") is the release's number; a
// date range or a score in a sentence is not.
func TestNumberAfterDateline(t *testing.T) {
	page := func(first string) string {
		return `<html><head><title>Presse | Verband</title></head><body><main><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Neue Ausbildungsplätze im Rettungsdienst</h1></div>
<p><time itemprop="datePublished" datetime="2021-06-14">14.06.2021</time></p>
<div class="news-text-wrap" itemprop="articleBody"><p>` + first + `</p>
<p>Im Herbst beginnen vierzig junge Menschen ihre Ausbildung an den Rettungswachen des Verbandes im ganzen Land.</p></div></div></div></main></body></html>`
	}
	for first, want := range map[string]string{
		"Berlin, 14.06.2021, 071/21":              "071/21",
		"Berlin, 14. Juni 2021 | Nr. 71/2021":     "Nr. 71/2021",
		"Berlin, 14.06.2021":                      "",
		"Das Spiel endete am 14.06.2021 mit 3/4.": "",
	} {
		d := parseFile(t, page(first), "https://verband.example/presse/ausbildung/")
		if d.PressRelease == nil {
			t.Fatalf("%q: kind %s, not a press release", first, d.Kind)
		}
		if d.PressRelease.Number != want {
			t.Errorf("%q: number %q, want %q", first, d.PressRelease.Number, want)
		}
	}
}

// TestHeadOutsideMainCountsAsFields: a headline in a page head outside
// the main content is the title, and the accounting counts it as a field,
// not as dropped text (also when its text is split over elements). On a
// Government Site Builder page the same holds for the subtitle, which is
// not also the lead.
func TestHeadOutsideMainCountsAsFields(t *testing.T) {
	d := parseFile(t, `<html><head><title>Presse | Amt</title></head><body>
<div class="headerContent"><h1>Auch im Netz gilt <em>das</em> Strafrecht</h1></div>
<div class="headerText"><p>Neue <span lang="en">Online</span>-Ermittlungsgruppe des Amtes beginnt ihre Arbeit</p></div>
<div id="content"><p>Datum: 26. Januar 2022</p>
<p>Betrug mit gefälschten Angeboten im Netz nimmt nach Einschätzung des Amtes seit Jahren zu und trifft vor allem ältere Menschen.</p>
<p>Die neue Gruppe soll Täter schneller ermitteln und arbeitet dafür mit den Ländern und den Plattformen zusammen.</p></div>
</body></html>`, "https://amt.example/presse/2022/betrug.html")
	for _, x := range d.Provenance.Accounting.Dropped {
		if strings.Contains(x.Excerpt, "gilt das Strafrecht") {
			t.Errorf("a field's text dropped as %s: %q", x.Reason, x.Excerpt)
		}
	}
	// The same head on a Government Site Builder page, whose profile reads
	// the line under the headline as the subtitle and as the lead: it is
	// the subtitle, a field, and not also the lead.
	d = parseFile(t, `<html><head><meta name="generator" content="Government Site Builder"><title>Presse | Amt</title></head><body>
<div class="headerContent"><h1>Auch im Netz gilt das Strafrecht</h1></div>
<div class="headerText"><div class="textContainer"><p>Neue Online-Ermittlungsgruppe des Amtes beginnt ihre Arbeit</p></div></div>
<div id="content"><p>Datum: 26. Januar 2022</p>
<p>Betrug mit gefälschten Angeboten im Netz nimmt nach Einschätzung des Amtes seit Jahren zu und trifft vor allem ältere Menschen.</p>
<p>Die neue Gruppe soll Täter schneller ermitteln und arbeitet dafür mit den Ländern und den Plattformen zusammen.</p></div>
</body></html>`, "https://amt.example/SharedDocs/Pressemitteilungen/DE/2022/betrug.html")
	pr := d.PressRelease
	if pr == nil || pr.Subtitle == "" {
		t.Fatalf("GSB: no press release with a subtitle: %+v", pr)
	}
	if pr.Lead == pr.Subtitle {
		t.Errorf("GSB: the subtitle is also the lead: %q", pr.Lead)
	}
	for _, x := range d.Provenance.Accounting.Dropped {
		if strings.Contains(x.Excerpt, pr.Subtitle) {
			t.Errorf("GSB: the subtitle dropped as %s", x.Reason)
		}
	}
}

// TestContactNameIsNoAddress: the lines of a contact box that name a web
// address, a handle or a hashtag are never the contact's name.
func TestContactNameIsNoAddress(t *testing.T) {
	d := parseFile(t, `<html><head><title>Presse | Bundesamt</title></head><body>
<main><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Neue Empfehlungen zur Sicherheit von Chatbots</h1></div>
<p><time itemprop="datePublished" datetime="2023-05-10">10.05.2023</time></p>
<div class="news-text-wrap" itemprop="articleBody"><p>Das Amt veröffentlicht heute Empfehlungen für Unternehmen und Behörden, die Chatbots einsetzen wollen.</p>
<h2>Pressekontakt:</h2>
<p>Bundesamt für Küstenschutz Pressestelle<br>Tel.: 0228-555582-5777<br>E-Mail: <a href="mailto:presse@amt.example">presse@amt.example</a><br>Internet: <a href="https://www.amt.example">www.amt.example</a></p>
<p>Twitter: <a href="https://twitter.com/amt">@Amt_Bund</a> <a href="https://twitter.com/hashtag/x">#DigitalSicher</a></p></div></div></div></main>
</body></html>`, "https://amt.example/presse/chatbots/")
	if d.PressRelease == nil || len(d.PressRelease.Contacts) == 0 {
		t.Fatalf("no press release with contacts: %+v", d.PressRelease)
	}
	for _, c := range d.PressRelease.Contacts {
		if strings.Contains(c.Name, "www.") || strings.Contains(c.Name, "Internet") || strings.HasPrefix(c.Name, "#") || strings.HasPrefix(c.Name, "@") {
			t.Errorf("contact named %q", c.Name)
		}
	}
}

// TestContactNamedAfterItsOffice: a press office's line ("Bundesamt für
// … Pressestelle", "Pressestelle des Ministeriums für …", compounds such
// as Bundesministerium and Landesamt) names the contact when no person
// does; a person's name on a later line wins; an office unit before a
// comma is a role, not a person.
func TestContactNamedAfterItsOffice(t *testing.T) {
	page := func(lines string) string {
		return `<html><head><title>Presse</title></head><body>
<main><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Neue Empfehlungen zur Sicherheit von Chatbots</h1></div>
<p><time itemprop="datePublished" datetime="2023-05-10">10.05.2023</time></p>
<div class="news-text-wrap" itemprop="articleBody"><p>Das Amt veröffentlicht heute Empfehlungen für Unternehmen und Behörden, die Chatbots einsetzen wollen.</p>
<h2>Pressekontakt:</h2>
<p>` + lines + `<br>Tel.: 0228-555582-5777<br>E-Mail: <a href="mailto:presse@amt.example">presse@amt.example</a></p></div></div></div></main>
</body></html>`
	}
	for lines, want := range map[string]umzug.Contact{
		"Bundesamt für Wasserwege und Küstenschutz Pressestelle":           {Name: "Bundesamt für Wasserwege und Küstenschutz Pressestelle"},
		"Pressestelle des Bundesministeriums für Bildung und Forschung":    {Name: "Pressestelle des Bundesministeriums für Bildung und Forschung"},
		"Pressestelle des Landesamts für Umwelt<br>Anna Beispiel":          {Name: "Anna Beispiel"},
		"Landesamt für Statistik<br>Referat Presse, Öffentlichkeitsarbeit": {Name: "Landesamt für Statistik", Role: "Referat Presse, Öffentlichkeitsarbeit"},
	} {
		d := parseFile(t, page(lines), "https://amt.example/presse/chatbots/")
		if d.PressRelease == nil || len(d.PressRelease.Contacts) != 1 {
			t.Errorf("%s: contacts %+v; want one", lines, d.PressRelease)
			continue
		}
		c := d.PressRelease.Contacts[0]
		if c.Name != want.Name || c.Role != want.Role || c.Phone != "0228-555582-5777" || c.Email != "presse@amt.example" {
			t.Errorf("%s: contact %+v; want name %q, role %q, phone and e-mail", lines, c, want.Name, want.Role)
		}
	}
}

// TestContactInOneCellTable: TYPO3 4.x editors boxed a release's contact
// in a table of one cell (the RTE's table, css_styled_content's
// "contenttable" classes); the box is the release's contact, named by its
// class or opened by its label, and leaves the text.
func TestContactInOneCellTable(t *testing.T) {
	for _, class := range []string{"contenttable contenttable-3 kontaktbox", "contenttable contenttable-0"} {
		page := `<html><head><title>Presse</title></head><body>
<div id="inhalt"><!--TYPO3SEARCH_begin--><div id="c501" class="csc-default"><div class="news-single-item">
<div class="news-single-rightbox">12.03.2014 10:00 &nbsp;<br /></div>
<h1>Wolfsmanagementplan vorgestellt</h1>
<p>Kassel. Nach den ersten Wolfsnachweisen im Kaufunger Wald hat das Ministerium einen Managementplan vorgelegt. Weidetierhalter erhalten Zuschüsse für Schutzzäune.</p>
<table class="` + class + `"><tr class="tr-even tr-0"><td class="td-0 td-last"><p class="bodytext"><b>Pressestelle</b></p><p class="bodytext">Konrad Albers, Pressesprecher<br />Tel.: (0561) 555-1200<br />E-Mail: <a href="mailto:konrad.albers@mlr.example">konrad.albers(at)mlr.example</a></p></td></tr></table>
</div></div><!--TYPO3SEARCH_end--></div>
</body></html>`
		d := parseFile(t, page, "https://www.mlr.example/index.php?id=21&tx_ttnews%5Btt_news%5D=109")
		if d.PressRelease == nil || len(d.PressRelease.Contacts) != 1 {
			t.Errorf("%s: press release %+v; want one contact", class, d.PressRelease)
			continue
		}
		if c := d.PressRelease.Contacts[0]; c.Name != "Konrad Albers" || c.Role != "Pressesprecher" || c.Phone != "(0561) 555-1200" || c.Email != "konrad.albers@mlr.example" {
			t.Errorf("%s: contact %+v", class, c)
		}
		for _, b := range d.Blocks {
			if strings.Contains(b.PlainText(), "Albers") {
				t.Errorf("%s: the contact stays in a %s block", class, b.Type)
			}
		}
	}
}

// TestContactFromMarkup: a contact box's person as its markup declares it
// (schema.org Person microdata, an hCard) gives name, job title, phone and
// e-mail; the credit of the contact's photo is never the name; "Role Name"
// lines are split; an office whose phone and e-mail stand in separate
// elements is one contact, not two.
func TestContactFromMarkup(t *testing.T) {
	page := func(box string) string {
		return `<html><head><title>Presse</title></head><body>
<main><div class="news news-single"><div class="article">
<h1>Neue Förderrichtlinie für kommunale Radwege veröffentlicht</h1>
<p><time datetime="2024-03-05">05.03.2024</time></p>
<div class="news-text-wrap"><p>Das Ministerium fördert kommunale Radwege mit zwanzig Millionen Euro im Jahr.</p></div>
<div class="contact-box"><h2>Ansprechpartnerin</h2>` + box + `</div></div></div></main></body></html>`
	}
	for name, c := range map[string]struct {
		box  string
		want []umzug.Contact
	}{
		"microdata with a photo credit": {`<div itemscope itemtype="http://schema.org/Person"><figure><img src="/p.jpg" alt=""><figcaption><span>© Hermann Beispiel</span></figcaption></figure>
<address><p itemprop="name">Kathrin Muster</p><p itemprop="jobTitle">Pressesprecherin</p><p itemprop="telephone"><a href="tel:03065211">030 55511-1780</a></p><a href="mailto:presse@amt.example">presse@amt.example</a></address></div>`,
			[]umzug.Contact{{Name: "Kathrin Muster", Role: "Pressesprecherin", Phone: "030 55511-1780", Email: "presse@amt.example"}}},
		"hCard": {`<div class="vcard"><span class="title">Leiter der Pressestelle</span> <span class="fn">Jan Beispiel</span><br><span class="tel">0361 5559-100</span><br><a class="email" href="mailto:jan.beispiel@amt.example">E-Mail schreiben</a></div>`,
			[]umzug.Contact{{Name: "Jan Beispiel", Role: "Leiter der Pressestelle", Phone: "0361 5559-100", Email: "jan.beispiel@amt.example"}}},
		"role then name": {`<p>Pressesprecher*in Kim Beispiel<br><a href="mailto:presse@verband.example">presse@verband.example</a></p>`,
			[]umzug.Contact{{Name: "Kim Beispiel", Role: "Pressesprecher*in", Email: "presse@verband.example"}}},
		"office in parts": {`<div class="contact"><span><strong>Pressestelle des Landesverbandes</strong><br>Musterstraße 13<br>10117 Berlin</span>
<div class="contact__phone"><a href="tel:+4930555447-42">+49 30 555447-42</a></div><div title="E-Mail"><a href="mailto:presse@verband.example">presse@verband.example</a></div></div>`,
			[]umzug.Contact{{Name: "Pressestelle des Landesverbandes", Phone: "+49 30 555447-42", Email: "presse@verband.example"}}},
	} {
		d := parseFile(t, page(c.box), "https://amt.example/presse/radwege/")
		if d.PressRelease == nil || !slices.Equal(d.PressRelease.Contacts, c.want) {
			got := any(nil)
			if d.PressRelease != nil {
				got = d.PressRelease.Contacts
			}
			t.Errorf("%s: contacts %+v; want %+v", name, got, c.want)
		}
	}
}

// TestContactPhoneForms: an area code in parentheses is a phone number
// too, and a desk telephone wins over a mobile number listed first.
func TestContactPhoneForms(t *testing.T) {
	page := func(lines string) string {
		return `<html><head><title>Presse</title></head><body>
<main><div class="news news-single"><div class="article">
<h1>Landtag verabschiedet neues Wassergesetz</h1>
<p><time datetime="2019-05-14">14.05.2019</time></p>
<div class="news-text-wrap"><p>Das Gesetz tritt am 1. Juli 2019 in Kraft. Es regelt erstmals den Umgang mit Starkregen.</p>
<h2>Pressestelle</h2><p>Ansprechpartner: Jörg Beispiel<br>` + lines + `<br>E-Mail: <a href="mailto:presse@lfu.example">presse@lfu.example</a></p></div></div></div></main></body></html>`
	}
	for lines, want := range map[string]string{
		"Telefon: (0351) 564 - 20 40<br>Telefax: (0351) 564 - 20 59": "(0351) 564 - 20 40",
		"Mobil: 0172 1234567<br>Telefon: 0351 555-2040":              "0351 555-2040",
		"Telefon: 0351 555-2040<br>Mobil: 0172 1234567":              "0351 555-2040",
		"Mobil: 0172 1234567":                                        "0172 1234567",
	} {
		d := parseFile(t, page(lines), "https://lfu.example/presse/wassergesetz/")
		if d.PressRelease == nil || len(d.PressRelease.Contacts) != 1 || d.PressRelease.Contacts[0].Phone != want || d.PressRelease.Contacts[0].Name != "Jörg Beispiel" {
			t.Errorf("%s: contacts %+v; want Jörg Beispiel, phone %q", lines, d.PressRelease, want)
		}
	}
}

// TestContactFax: a contact's fax number is its own field, whether on a
// line of its own, after a label line, on the telephone's line, or
// declared by the markup (schema.org faxNumber, an hCard's tel of type
// fax); it is never the phone.
func TestContactFax(t *testing.T) {
	page := func(box string) string {
		return `<html><head><title>Presse</title></head><body>
<main><div class="news news-single"><div class="article">
<h1>Landtag verabschiedet neues Wassergesetz</h1>
<p><time datetime="2019-05-14">14.05.2019</time></p>
<div class="news-text-wrap"><p>Das Gesetz tritt am 1. Juli 2019 in Kraft. Es regelt erstmals den Umgang mit Starkregen.</p></div>
<div class="contact-box"><h2>Pressekontakt</h2>` + box + `</div></div></div></main></body></html>`
	}
	for box, want := range map[string]umzug.Contact{
		`<p>Jörg Beispiel<br>Telefon: 0351 555-2040<br>Telefax: 0351 555-2059<br>E-Mail: <a href="mailto:presse@lfu.example">presse@lfu.example</a></p>`: {
			Name: "Jörg Beispiel", Phone: "0351 555-2040", Fax: "0351 555-2059", Email: "presse@lfu.example"},
		`<p>Jörg Beispiel<br>Fax:<br>0351 555-2059<br>Tel.:<br>0351 555-2040</p>`: {
			Name: "Jörg Beispiel", Phone: "0351 555-2040", Fax: "0351 555-2059"},
		`<p>Jörg Beispiel, Pressesprecher<br>Tel. 0351 555-2040, Fax 0351 555-2059</p>`: {
			Name: "Jörg Beispiel", Role: "Pressesprecher", Phone: "0351 555-2040", Fax: "0351 555-2059"},
		`<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jörg Beispiel</span> <span itemprop="faxNumber">0351 555-2059</span> <span itemprop="telephone">0351 555-2040</span> <a itemprop="email" href="mailto:presse@lfu.example">presse@lfu.example</a></div>`: {
			Name: "Jörg Beispiel", Phone: "0351 555-2040", Fax: "0351 555-2059", Email: "presse@lfu.example"},
		`<div class="vcard"><span class="fn">Jörg Beispiel</span><br><span class="tel"><span class="type">Fax</span> 0351 555-2059</span><br><span class="tel">0351 555-2040</span><br><a class="email" href="mailto:presse@lfu.example">presse@lfu.example</a></div>`: {
			Name: "Jörg Beispiel", Phone: "0351 555-2040", Fax: "0351 555-2059", Email: "presse@lfu.example"},
	} {
		d := parseFile(t, page(box), "https://lfu.example/presse/wassergesetz/")
		if d.PressRelease == nil || len(d.PressRelease.Contacts) != 1 || d.PressRelease.Contacts[0] != want {
			got := any(nil)
			if d.PressRelease != nil {
				got = d.PressRelease.Contacts
			}
			t.Errorf("%.60s…: contacts %+v; want %+v", box, got, want)
		}
	}
}

// TestCMSErrorPage: the error pages TYPO3 renders for a whole page are no
// documents (ErrCMSErrorPage); a page that writes about such errors at
// length is one.
func TestCMSErrorPage(t *testing.T) {
	for _, page := range []string{
		`<html><head><title>Oops, an error occurred!</title></head><body><div class="typo3-error-page"><h1>Oops, an error occurred!</h1><p>Code: 20240312a1b2c3d4</p></div></body></html>`,
		`<html><head><title>Page Not Found</title></head><body><h1>Page Not Found</h1><p>The page did not exist or was inaccessible. Reason: The requested page does not exist</p></body></html>`,
		`<html><head><title>Ministerium</title></head><body><h1>No TypoScript template found!</h1></body></html>`,
	} {
		_, err := html.ParseHTML(strings.NewReader(page), "https://amt.example/service/")
		if !errors.Is(err, umzug.ErrCMSErrorPage) {
			t.Errorf("%.60s…: err %v; want ErrCMSErrorPage", page, err)
		}
	}
	long := `<html><head><title>Page not found</title></head><body><main><h1>Page not found</h1><p>` +
		strings.Repeat("Wenn eine Seite nicht gefunden wird, antwortet der Server mit dem Status 404 und einer Fehlerseite. ", 10) + `</p></main></body></html>`
	if d, err := html.ParseHTML(strings.NewReader(long), "https://amt.example/hilfe/404/"); err != nil || len(d.Blocks) == 0 {
		t.Errorf("an article about error pages: err %v, %d blocks; want a document", err, len(d.Blocks))
	}
}

// TestTitleWithoutNumber: a release number that opens the headline is the
// number field, not part of the title.
func TestTitleWithoutNumber(t *testing.T) {
	for headline, want := range map[string]string{
		"PM 17/2019: Landtag verabschiedet neues Wassergesetz":                     "Landtag verabschiedet neues Wassergesetz",
		"Pressemitteilung Nr. 058/2024 – Landtag verabschiedet neues Wassergesetz": "Landtag verabschiedet neues Wassergesetz",
		"Landtag verabschiedet neues Wassergesetz":                                 "Landtag verabschiedet neues Wassergesetz",
	} {
		page := `<html><head><title>Presse</title></head><body><div id="c512" class="csc-default"><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h3 itemprop="headline">` + headline + `</h3></div>
<div class="footer"><p><span class="news-list-date">14.05.2019</span></p></div>
<div class="news-text-wrap" itemprop="articleBody"><p>Das Gesetz tritt am 1. Juli 2019 in Kraft. Es regelt erstmals den Umgang mit Starkregen.</p></div></div></div></div></body></html>`
		d := parseFile(t, page, "https://lfu.example/aktuelles/detail/wassergesetz/")
		if d.Title != want || d.Kind != umzug.KindPressRelease {
			t.Errorf("%q: kind %s, title %q; want a press release titled %q", headline, d.Kind, d.Title, want)
		}
		if headline != want && (d.PressRelease == nil || d.PressRelease.Number == "") {
			t.Errorf("%q: no release number", headline)
		}
	}
}

// TestContactPersonsInParagraphs: the person in the paragraph after a
// labelled contact paragraph ("<p><strong>Pressekontakt:</strong><br>…")
// is a contact too; TYPO3's URL-encoded linkTo_UnCryptMailto link is
// decoded, and the hidden "remove-this." of its spam protection is no
// part of an address.
func TestContactPersonsInParagraphs(t *testing.T) {
	page := `<html><head><title>Presse</title></head><body><main><div class="news news-single"><div class="article">
<h1>Förderung für Kleinkläranlagen verlängert</h1>
<p><time datetime="2024-03-05">05.03.2024</time></p>
<div class="news-text-wrap"><p>Anträge nimmt die Aufbaubank bis Ende des Jahres entgegen. Gefördert werden bis zu 50 Prozent der Kosten.</p>
<p><strong>Pressekontakt:</strong><br>Claudia Beispiel, Pressesprecherin<br>Telefon: +49 351 555-2020<br>E-Mail: <a href="mailto:presse@amt.example">presse@amt.example</a></p>
<p>Anna Beispiel, stellv. Pressesprecherin<br>Telefon: 0351 555-2021<br><a href="javascript:linkTo_UnCryptMailto(%27nbjmup%2Bboob%2FcfjtqjfmAbnu%2Ffybnqmf%27);">E-Mail senden</a></p>
<p>Max Muster, Referent<br>Telefon: 0351 555-2022<br>E-Mail: max.muster<span style="display:none;">remove-this.</span>@amt.example</p>
</div></div></div></main></body></html>`
	d := parseFile(t, page, "https://amt.example/presse/kka/")
	want := []umzug.Contact{
		{Name: "Claudia Beispiel", Role: "Pressesprecherin", Phone: "+49 351 555-2020", Email: "presse@amt.example"},
		{Name: "Anna Beispiel", Role: "stellv. Pressesprecherin", Phone: "0351 555-2021", Email: "anna.beispiel@amt.example"},
		{Name: "Max Muster", Role: "Referent", Phone: "0351 555-2022", Email: "max.muster@amt.example"},
	}
	if d.PressRelease == nil || !slices.Equal(d.PressRelease.Contacts, want) {
		t.Errorf("contacts = %+v; want %+v", d.PressRelease, want)
	}
}

// pressPortalPage is a release as a press portal prints it: the word
// "Pressemitteilung" over the headline, a publisher line, a date line
// (or none), a contact headline with its lines at the end.
func pressPortalPage(kicker, publisher, date string) string {
	return `<html><head><title>Pressedienst</title></head><body><nav><a href="/">Start</a> <a href="/themen">Themen</a></nav>
<main class="content"><h2>` + kicker + `</h2><h6 class="headline-detail">` + publisher + `</h6>
<div class="release-body"><h1>Windpark Nord erhält Genehmigung für zwölf Anlagen</h1>` + date + `
<h3>Baubeginn im Frühjahr, Strom für 40.000 Haushalte</h3>
<p>Hamburg (pressedienst) - Der Windpark Nord hat die Genehmigung für zwölf neue Anlagen erhalten. Der Bau soll im Frühjahr beginnen und zwei Jahre dauern.</p>
<p>Die Anlagen erzeugen zusammen Strom für rund 40.000 Haushalte. Das Land hatte das Verfahren nach dem neuen Beschleunigungsgesetz geführt.</p>
<h3>Ansprechpartner Presse bei Windpark Nord GmbH</h3>
<div>Erika Beispiel<br>E-Mail: presse@windpark-nord.example<br>Telefon: +49 40 555 30 1141</div></div>
</main><footer>Impressum · Datenschutz</footer></body></html>`
}

// TestPressKickerAndPublisherLine checks a release that names itself one
// over its headline: the line is its kicker, the publisher line its
// publisher, both fields and not blocks. Without a date the page stays
// a page (as a news record without a date does); a line that names
// people is no publisher; a list whose items each say "Pressemitteilung"
// has no kicker and is no release.
func TestPressKickerAndPublisherLine(t *testing.T) {
	const dated = `<p class="date">24.01.2022</p>`
	d := parseFile(t, pressPortalPage("Pressemitteilung", "Herausgeber: Windpark Nord GmbH", dated), "https://presse.example/pm-7663-windpark")
	pr := d.PressRelease
	if d.Kind != umzug.KindPressRelease || pr == nil {
		t.Fatalf("kind %s, want a press release", d.Kind)
	}
	if pr.Kicker != "Pressemitteilung" {
		t.Errorf("kicker %q", pr.Kicker)
	}
	if pr.Publisher == nil || pr.Publisher.Name != "Windpark Nord GmbH" {
		t.Errorf("publisher %+v", pr.Publisher)
	}
	if len(pr.Contacts) != 1 || pr.Contacts[0].Name != "Erika Beispiel" {
		t.Errorf("contacts %+v", pr.Contacts)
	}
	var all strings.Builder
	for _, b := range d.Blocks {
		all.WriteString(b.PlainText() + "\n")
	}
	for _, gone := range []string{"Herausgeber", "Erika Beispiel", "Pressemitteilung"} {
		if strings.Contains(all.String(), gone) {
			t.Errorf("%q still in the blocks:\n%s", gone, all.String())
		}
	}

	if d := parseFile(t, pressPortalPage("Pressemitteilung", "Herausgeber: Windpark Nord GmbH", ""), "https://presse.example/pm-7663-windpark"); d.Kind != umzug.KindPage {
		t.Errorf("without a date: kind %s, want page", d.Kind)
	}
	d = parseFile(t, pressPortalPage("Pressemitteilung", "Herausgeber: Prof. Dr. Anna Schmidt und Dr. Peter Müller", dated), "https://presse.example/pm-7663-windpark")
	if pr := d.PressRelease; pr == nil || pr.Publisher != nil && strings.Contains(pr.Publisher.Name, "Schmidt") {
		t.Errorf("people as publisher: %+v", d.PressRelease)
	}

	far := strings.Replace(pressPortalPage("Pressemitteilung", "", dated), "<h6", "<p>"+strings.Repeat("Der Pressedienst verbreitet Meldungen von Unternehmen der Energiewirtschaft. ", 6)+"</p><h6", 1)
	if d := parseFile(t, far, "https://presse.example/pm-7663-windpark"); d.PressRelease != nil && d.PressRelease.Kicker != "" {
		t.Errorf("the word far above the headline: kicker %q", d.PressRelease.Kicker)
	}

	list := `<html><head><title>Pressemitteilungen</title></head><body><main>
<article><p>Pressemitteilung</p><h1><a href="/pm/1">Windpark Nord erhält Genehmigung</a></h1><p>24.01.2022</p><p>Der Windpark Nord hat die Genehmigung für zwölf neue Anlagen erhalten.</p></article>
<article><p>Pressemitteilung</p><h1><a href="/pm/2">Neue Radwege in der Innenstadt</a></h1><p>20.01.2022</p><p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen Bahnhof und Universität.</p></article>
<article><p>Pressemitteilung</p><h1><a href="/pm/3">Schwimmbad öffnet im Mai</a></h1><p>18.01.2022</p><p>Nach zwei Jahren Sanierung öffnet das Hallenbad am ersten Mai wieder für alle.</p></article>
</main></body></html>`
	if d := parseFile(t, list, "https://presse.example/liste"); d.PressRelease != nil && d.PressRelease.Kicker != "" {
		t.Errorf("a list of releases: kind %s, kicker %q", d.Kind, d.PressRelease.Kicker)
	}
}

// TestDateInPluginFrame: a site package's news detail template inside
// TYPO3's plugin frame (frame-type-list, the frame of every plugin up to
// TYPO3 11) states its date as microdata on a line over the text. The
// plugin frame is no list of teasers: the date is the page's, the page a
// press release, and the date line is the date field, not the text's first
// paragraph.
func TestDateInPluginFrame(t *testing.T) {
	d := parseFile(t, `<html><head><title>Stadtbahn meldet Rekord | Fachverlag</title><meta property="og:type" content="Article"></head><body>
<nav><a href="/">Start</a> <a href="/nachrichten/">Nachrichten</a></nav>
<main><div id="c17" class="section frame-default frame-type-list frame-layout-0"><article itemscope itemtype="http://schema.org/Article">
<h1 class="hx hx--one" itemprop="headline">Stadtbahn meldet Rekord bei den Fahrgästen</h1>
<div class="row"><div class="columns"><div class="hx hx--pre" itemprop="datePublished" datetime="2022-02-04">04. Februar 2022</div>
<div class="article-text"><p>Die Stadtbahn beförderte im vergangenen Jahr so viele Fahrgäste wie nie zuvor, meldet der Verkehrsbetrieb.</p>
<p>Grund dafür sind unter anderem zwei neue Linien, die die Vororte ohne Umsteigen mit der Innenstadt verbinden.</p></div></div></div>
</article></div></main><footer><p>Fachverlag GmbH</p></footer></body></html>`, "https://verlag.example/nachrichten/detail/news/stadtbahn-rekord.html")
	if d.Dates.Published != "2022-02-04" {
		t.Fatalf("published %q, want 2022-02-04", d.Dates.Published)
	}
	if d.Kind != umzug.KindPressRelease {
		t.Errorf("kind %s, want a press release", d.Kind)
	}
	for _, b := range d.Blocks {
		if strings.Contains(b.PlainText(), "04. Februar 2022") {
			t.Errorf("the date line stays in block %s: %q", b.Key, b.PlainText())
		}
	}
	var kept strings.Builder
	for _, b := range d.Blocks {
		kept.WriteString(b.PlainText())
	}
	if !strings.Contains(kept.String(), "so viele Fahrgäste") || !strings.Contains(kept.String(), "zwei neue Linien") {
		t.Errorf("text lost: %q", kept.String())
	}
}

// TestClosingDateline: a release that states its date only where it signs
// off under the text ("Kiel, den 07. November 2022" on a line of its
// own) is dated by that line; a page with two such lines of different
// dates (a collection of letters) is dated by neither.
func TestClosingDateline(t *testing.T) {
	page := func(lines string) string {
		return `<html><head><title>Pressedienst</title></head><body><nav><a href="/">Start</a></nav>
<main><h2>Pressemitteilung</h2><h1>Werk und Institut bauen gemeinsamen Prüfstand</h1>
<div class="release-body"><p>Ein gemeinsam entwickelter Prüfstand verkürzt die Messungen für die Netzanbindung neuer Anlagen deutlich.<br>
Die Partner wollen die Zusammenarbeit in den kommenden Jahren ausbauen.<br><br>` + lines + `<br><br>
Veröffentlichung und Nachdruck honorarfrei.</p></div></main><footer>Pressedienst</footer></body></html>`
	}
	d := parseFile(t, page("Kiel, den 07. November 2022"), "https://pressedienst.example/themen/pm-0815-pruefstand")
	if d.Dates.Published != "2022-11-07" {
		t.Errorf("published %q, want 2022-11-07 from the closing line", d.Dates.Published)
	}
	if d.Kind != umzug.KindPressRelease {
		t.Errorf("kind %s, want a press release", d.Kind)
	}
	d = parseFile(t, page("Kiel, den 07. November 2022<br>Bremen, den 5. Januar 2023"), "https://pressedienst.example/themen/briefe")
	if d.Dates.Published != "" {
		t.Errorf("published %q from one of two different closing lines", d.Dates.Published)
	}
}

// TestDateSourcesWithoutMarkup: pages that state their date in no date
// markup: a line of its own under the headline (Government Site Builder's
// "<p><em>16.03.2021</em></p>"), a dateline in brackets opening the text
// ("Freiburg, (05.10.2021). …"), a byline's "Veröffentlicht am …" that is
// left out as post meta. A GSB path numbers its sections
// ("/04Aktuelles/01Meldungen/"): still a news path. A "Datum:" in the text
// itself may date an event and dates nothing.
func TestDateSourcesWithoutMarkup(t *testing.T) {
	cases := []struct{ name, body, url, want string }{
		{"line under the headline", `<div id="content"><h1><strong>Mehr Kontrollen an den Bahnhöfen im laufenden Jahr</strong></h1><p class="MsoNormal"><em>16.03.2021</em></p>
<p>Bis Mitte März kontrollierte die Behörde an den Bahnhöfen des Landes mehr Reisende als im ganzen Vorjahr.</p>
<p>Hintergrund: Seit Januar verstärkt die Behörde ihre Streifen in den Zügen und auf den Bahnsteigen.</p></div>`,
			"https://behoerde.example/DE/02Aktuell/03Meldungen/2021/03/kontrollen.html", "2021-03-16"},
		{"dateline in brackets", `<main><h1>Erntedank in den Gemeinden</h1><p><strong>Freiburg, (05.10.2021). Zum Erntedankfest schmücken die Gemeinden ihre Kirchen mit Früchten aus den Gärten der Region.</strong></p>
<p>Viele Gemeinden sammeln dabei auch Spenden für die Tafeln in ihrer Stadt.</p></main>`,
			"https://kirche.example/aktuelles/meldung/erntedank/", "2021-10-05"},
		{"byline left out", `<main><article><h1>Ein Jahr im Gemüsebeet</h1><div class="entry-content"><p>Nach einem Jahr im eigenen Gemüsebeet ziehe ich eine erste Bilanz mit Tomaten, Bohnen und viel Unkraut.</p>
<p>Am besten wuchsen die Bohnen, die Tomaten litten dagegen unter dem nassen Sommer.</p></div>
<footer class="entry-footer"><span class="byline">Autor <a href="/author/jo">jo</a></span> <span class="posted-on">Veröffentlicht am <time>9. Mai 2015</time></span></footer></article></main>`,
			"https://garten.example/index.php/ein-jahr-im-beet/", "2015-05-09"},
		{"event date in the text", `<main><h1>Tag der offenen Tür im Ministerium</h1><p>Datum: 14.09.2025, 10 bis 16 Uhr</p>
<p>Das Ministerium öffnet seine Türen für alle Bürgerinnen und Bürger und zeigt, wie Verwaltung arbeitet.</p><p>Der Eintritt ist frei, eine Anmeldung ist nicht nötig.</p></main>`,
			"https://ministerium.example/service/tag-der-offenen-tuer/", ""},
	}
	for _, c := range cases {
		d := parseFile(t, `<html><head><title>`+c.name+`</title></head><body><nav><a href="/">Start</a></nav>`+c.body+`<footer>Impressum</footer></body></html>`, c.url)
		if d.Dates.Published != c.want {
			t.Errorf("%s: published %q, want %q", c.name, d.Dates.Published, c.want)
		}
	}
	d := parseFile(t, `<html><head><title>Grenze</title></head><body><div id="content"><h1>Mehr Kontrollen an den Bahnhöfen im laufenden Jahr</h1><p><em>16.03.2021</em></p>
<p>Bis Mitte März kontrollierte die Behörde an den Bahnhöfen des Landes mehr Reisende als im ganzen Vorjahr.</p></div></body></html>`,
		"https://behoerde.example/DE/02Aktuell/03Meldungen/2021/03/kontrollen.html")
	if d.Kind != umzug.KindPressRelease {
		t.Errorf("GSB news path: kind %s, want a press release", d.Kind)
	}
	for _, b := range d.Blocks {
		if strings.Contains(b.PlainText(), "16.03.2021") {
			t.Errorf("the date line stays in block %s", b.Key)
		}
	}
}

// TestBylineWithDate: a byline line that ends in the post's date
// ("Verfasst von: gartenfreund | 31. Dezember 2008") is post meta, left
// out as such, and dates the page; a sentence that happens to start with
// "Von" and end in a date stays text.
func TestBylineWithDate(t *testing.T) {
	d := parseFile(t, `<html><head><title>Frühling</title></head><body><main><article><h1>Frühling im Garten</h1>
<p>Verfasst von: gartenfreund | 31. Dezember 2008</p>
<p>Endlich ist der Frühling da, und im Garten regt sich überall neues Leben zwischen den Beeten und Hecken.</p>
<p>Von der Gemeinde gepflanzt wurden die Linden am Markt am 3. Mai 1998</p>
<p>Die ersten Krokusse blühen schon, bald folgen Tulpen und Narzissen in allen Farben.</p></article></main></body></html>`, "https://garten.example/2008/12/fruehling/")
	if d.Dates.Published != "2008-12-31" {
		t.Errorf("published %q, want 2008-12-31 from the byline", d.Dates.Published)
	}
	var kept strings.Builder
	for _, b := range d.Blocks {
		kept.WriteString(b.PlainText() + "\n")
	}
	if strings.Contains(kept.String(), "Verfasst von") {
		t.Errorf("the byline stays in the text:\n%s", kept.String())
	}
	if !strings.Contains(kept.String(), "Linden am Markt") {
		t.Errorf("a sentence starting with 'Von' is gone:\n%s", kept.String())
	}
	meta := false
	for _, x := range d.Provenance.Accounting.Dropped {
		meta = meta || x.Reason == umzug.DropMeta && strings.Contains(x.Excerpt, "gartenfreund")
	}
	if !meta {
		t.Errorf("the byline is not accounted as meta: %+v", d.Provenance.Accounting.Dropped)
	}
	// An English theme's byline, the same way.
	d = parseFile(t, `<html lang="en"><head><title>Spring</title></head><body><main><article><h1>Spring in the garden</h1>
<p>Posted by gardener | 31 December 2008</p>
<p>Spring has finally arrived, and new life is stirring everywhere in the garden between the beds and the hedges.</p>
<p>The first crocuses are already in bloom, soon to be followed by tulips and daffodils in every colour.</p></article></main></body></html>`, "https://garden.example/2008/12/spring/")
	if d.Dates.Published != "2008-12-31" {
		t.Errorf("posted by: published %q, want 2008-12-31 from the byline", d.Dates.Published)
	}
	for _, b := range d.Blocks {
		if strings.Contains(b.PlainText(), "Posted by") {
			t.Errorf("posted by: the byline stays in block %s", b.Key)
		}
	}
}

// TestPublicationLabelOverMetadata: a page that says when it was
// published ("Erschienen am: 14.03.2021" in a meta line of its own) is
// dated so, even when <meta name="date"> differs (TYPO3 writes the page
// record's last change there); the metadata still dates a page whose
// line says only "Datum", or nothing.
func TestPublicationLabelOverMetadata(t *testing.T) {
	page := func(meta string) string {
		return `<html lang="de"><head><title>Förderrichtlinie</title><meta name="date" content="2023-01-10"></head><body><nav><a href="/">Start</a></nav>
<main><article><h1>Neue Förderrichtlinie veröffentlicht</h1>` + meta + `
<p>Das Ministerium hat heute die neue Förderrichtlinie für kommunale Klimaschutzprojekte veröffentlicht. Gemeinden können ab sofort Anträge stellen.</p>
<p>Die Mittel stehen bis Ende des Jahres bereit. Anträge sind schriftlich bei der Bewilligungsstelle einzureichen, die auch berät.</p></article></main><footer>Impressum</footer></body></html>`
	}
	for _, c := range []struct{ meta, want string }{
		{`<div class="meta"><span class="label">Erschienen am:</span> <span class="value">14.03.2021</span></div>`, "2021-03-14"},
		{`<div class="meta"><span>Veröffentlicht</span> <time>14. März 2021</time></div>`, "2021-03-14"},
		{`<div class="meta"><span class="label">Erschienen am:</span> <span class="value">10.01.2023</span></div>`, "2023-01-10"},
		{`<div class="meta">Datum: 14.03.2021</div>`, "2023-01-10"},
		{``, "2023-01-10"},
	} {
		d := parseFile(t, page(c.meta), "https://ministerium.example/service/foerderrichtlinie/")
		if d.Dates.Published != c.want {
			t.Errorf("%q: published %q, want %q", c.meta, d.Dates.Published, c.want)
		}
	}
}

// TestKickerInArticleHeader: an article header with a line marked as the
// kicker, the headline and a meta line (`<header><p class="headline-kicker">…
// </p><h1>…</h1><p class="meta-info">…</p></header>`): on a release the
// line is the kicker field; on a page it stays a line; on both the
// headline is the title and not repeated in the text. A release's intro
// section is its lead.
func TestKickerInArticleHeader(t *testing.T) {
	page := func(path string) string {
		return `<html><head><title>Verband</title></head><body><nav><a href="/">Start</a></nav>
<main class="main-story"><article><header><p class="headline-kicker"> Verband </p><h1>Erste Bilanz nach einem Jahr Jugendprogramm</h1><p class="meta-line">11.05.2022 09:12</p></header>
<section class="intro"><p>Ein Jahr nach dem Start des Programms zieht der Verband eine erste Bilanz.</p></section>
<p>Der Verband hat im vergangenen Frühjahr ein Programm für junge Trainerinnen und Trainer gestartet und seitdem dreißig Kurse angeboten.</p>
<p>Die Vereine melden mehr Nachwuchs als erwartet, im Herbst kommen deshalb zwei weitere Kurse hinzu.</p></article></main></body></html>`
	}
	all := func(d umzug.Document) string {
		var b strings.Builder
		for _, bl := range d.Blocks {
			b.WriteString(bl.PlainText() + "\n")
		}
		return b.String()
	}
	d := parseFile(t, page(""), "https://verband.example/nachrichten/artikel/erste-bilanz")
	if d.PressRelease == nil || d.PressRelease.Kicker != "Verband" {
		t.Fatalf("kind %s, press fields %+v: want the kicker Verband", d.Kind, d.PressRelease)
	}
	if txt := all(d); strings.Contains(txt, "Erste Bilanz") || strings.HasPrefix(txt, "Verband") {
		t.Errorf("release: the headline or the kicker stays in the text:\n%s", txt)
	}
	// The intro section is the lead (its class names it), not the text's
	// first paragraph.
	if lead := d.PressRelease.Lead; !strings.HasPrefix(lead, "Ein Jahr nach dem Start") || strings.Contains(all(d), "Ein Jahr nach dem Start") {
		t.Errorf("release: lead %q, text\n%s", lead, all(d))
	}
	d = parseFile(t, page(""), "https://verband.example/ueber-uns/erste-bilanz")
	if d.Title != "Erste Bilanz nach einem Jahr Jugendprogramm" || strings.Contains(all(d), "Erste Bilanz") {
		t.Errorf("page: title %q, text\n%s", d.Title, all(d))
	}
}

// TestKickerLineThatIsADate: a release's date set over the headline in a
// line classed like a kicker ("<p class=topline>12.03.2024</p><h1>") is
// its date, not its kicker.
func TestKickerLineThatIsADate(t *testing.T) {
	p := "Das Landesamt hat heute die neue Deichschau für das kommende Frühjahr vorgestellt und lädt alle Bürgerinnen und Bürger herzlich ein."
	d := parseFile(t, `<html lang="de"><head><title>Deichschau vorgestellt</title></head><body>
<main><article><header><p class="topline">12.03.2024</p><h1>Deichschau vorgestellt</h1></header>
<p>Pressemitteilung</p><p>`+p+`</p><p>`+p+`</p></article></main></body></html>`, "https://amt.example/presse/deichschau")
	if d.PressRelease == nil || d.PressRelease.Kicker != "" || d.Dates.Published != "2024-03-12" {
		t.Errorf("kind %s, press fields %+v, dates %+v: want the date and no kicker", d.Kind, d.PressRelease, d.Dates)
	}
}

// TestLeadClassWrapsWholeText: a wrapper whose class names a lead
// ("content-intro") around all of a release's text makes no lead of its
// first paragraph: only an element that holds the paragraph alone does.
func TestLeadClassWrapsWholeText(t *testing.T) {
	p := "Das Landesamt hat heute die neue Deichschau für das kommende Frühjahr vorgestellt und lädt alle Bürgerinnen und Bürger herzlich ein."
	d := parseFile(t, `<html lang="de"><head><title>Deichschau vorgestellt</title></head><body>
<main><article><p class="kicker-line">Pressemitteilung</p><h1>Deichschau vorgestellt</h1><p class="date">12.03.2024</p>
<div class="content-intro"><div id="c1" class="frame frame-type-text"><p>Erster Absatz. `+p+`</p></div><div id="c2" class="frame frame-type-text"><p>Zweiter Absatz. `+p+`</p><p>Dritter Absatz. `+p+`</p></div></div>
</article></main></body></html>`, "https://amt.example/pressemitteilungen/deichschau")
	if d.PressRelease == nil || d.PressRelease.Lead != "" {
		t.Errorf("kind %s, press fields %+v: want no lead", d.Kind, d.PressRelease)
	}
}

// TestModifiedFromMetadata: the metadata's last change is the modified
// date when it is later than the publication (article:modified_time,
// JSON-LD's dateModified); the same instant or an earlier one is not
// given, nor a dateModified that microdata states for each item of a
// list.
func TestModifiedFromMetadata(t *testing.T) {
	body := `<main><article><h1>Neue Förderrichtlinie</h1><p>Das Ministerium hat die neue Förderrichtlinie für kommunale Klimaschutzprojekte veröffentlicht. Gemeinden können ab sofort Anträge stellen.</p></article></main>`
	cases := []struct{ name, head, body, want string }{
		{"later", `<meta property="article:published_time" content="2023-01-10T09:00:00+01:00"><meta property="article:modified_time" content="2023-02-01T12:30:00+01:00">`, body, "2023-02-01T12:30:00+01:00"},
		{"same instant", `<meta property="article:published_time" content="2023-01-10T09:00:00+01:00"><meta property="article:modified_time" content="2023-01-10T08:00:00Z">`, body, ""},
		{"earlier", `<meta property="article:published_time" content="2023-01-10T09:00:00+01:00"><meta property="article:modified_time" content="2022-12-01T09:00:00+01:00">`, body, ""},
		{"json-ld", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2023-01-10","dateModified":"2023-03-05"}</script>`, body, "2023-03-05"},
		{"items' microdata", ``, body + `<ul class="news-list"><li itemscope><span itemprop="dateModified" content="2023-04-01">1.4.</span> Eins</li><li itemscope><span itemprop="dateModified" content="2023-05-01">1.5.</span> Zwei</li></ul>`, ""},
	}
	for _, c := range cases {
		d := parseFile(t, `<html lang="de"><head><title>Förderrichtlinie</title>`+c.head+`</head><body>`+c.body+`</body></html>`, "https://ministerium.example/service/foerderrichtlinie/")
		if d.Dates.Modified != c.want {
			t.Errorf("%s: modified %q, want %q (published %q)", c.name, d.Dates.Modified, c.want, d.Dates.Published)
		}
	}
}

// TestLastChangeLine: a line that states the page's last change and
// nothing else ("Stand: 04.02.2022", "Letzte Änderung 23.09.2019") is the
// modified date, a field, not text; one that only repeats the
// publication leaves modified empty but goes from the text too. A
// sentence that starts with "Stand:", a table's "Stand" cell and the
// "Stand" line of a titled box of figures stay.
func TestLastChangeLine(t *testing.T) {
	text := `<p>Das Ministerium hat die neue Förderrichtlinie für kommunale Klimaschutzprojekte veröffentlicht. Gemeinden können ab sofort Anträge stellen.</p>`
	cases := []struct{ name, head, body, want, gone, stays string }{
		{"stand", ``, text + `<div class="last-change">Stand: 04.02.2022</div>`, "2022-02-04", "Stand: 04.02.2022", ""},
		{"letzte änderung", `<meta name="date" content="2007-08-17">`, text + `<p class="pull-left">Letzte Änderung 23.09.2019</p>`, "2019-09-23", "Letzte Änderung", ""},
		{"the publication", `<meta property="article:published_time" content="2023-08-15T18:45:00+02:00">`, text + `<p class="stand">Stand: 15.08.2023, 18:45 Uhr</p>`, "", "Stand:", ""},
		{"a sentence", ``, text + `<p>Stand: 04.02.2022 wurden 120 Anträge bewilligt.</p>`, "", "", "120 Anträge"},
		{"a table", ``, text + `<table><tr><th>Programm</th><th>Stand</th></tr><tr><td>Klimaschutz</td><td>Stand: 01.01.2020</td></tr></table>`, "", "", "01.01.2020"},
		// A titled box of figures: its "Stand" dates the figures.
		{"a data box", ``, text + `<div class="infobox"><h2>Förderung in Zahlen</h2><p>Bewilligte Anträge: 1.204</p><p>Stand: 31.12.2022</p></div>` + text, "", "", "Stand: 31.12.2022"},
		{"before the publication", `<meta name="date" content="2023-06-05">`, text + `<p>Stand: 01.01.2020</p>`, "", "", "Stand: 01.01.2020"},
		{"a law's Stand", ``, text + `<p>Stand: Zuletzt geändert durch Art. 2 G v. 22.12.2023 I Nr. 411</p>`, "", "", "Zuletzt geändert"},
	}
	for _, c := range cases {
		d := parseFile(t, `<html lang="de"><head><title>Förderrichtlinie</title>`+c.head+`</head><body><nav><a href="/">Start</a></nav><main><h1>Neue Förderrichtlinie</h1>`+c.body+`</main></body></html>`, "https://ministerium.example/service/foerderrichtlinie/")
		if d.Dates.Modified != c.want {
			t.Errorf("%s: modified %q, want %q", c.name, d.Dates.Modified, c.want)
		}
		var all strings.Builder
		for _, b := range d.Blocks {
			all.WriteString(b.PlainText() + "\n")
		}
		if c.gone != "" && strings.Contains(all.String(), c.gone) {
			t.Errorf("%s: %q is still text:\n%s", c.name, c.gone, all.String())
		}
		if c.stays != "" && !strings.Contains(all.String(), c.stays) {
			t.Errorf("%s: %q is gone:\n%s", c.name, c.stays, all.String())
		}
	}
}

// TestPublicationBoxDateUnderText: a box under the article that presents
// a publication ("Radverkehrsbericht 2019", "Erschienen am: 01.02.2019",
// the PDF) dates the brochure, not the page: the metadata's date stays
// the page's.
func TestPublicationBoxDateUnderText(t *testing.T) {
	d := parseFile(t, `<html lang="de"><head><title>Neue Radwege in der Innenstadt | Ministerium</title><meta name="date" content="2023-06-05"></head><body>
<nav><a href="/">Start</a> <a href="/verkehr">Verkehr</a> <a href="/umwelt">Umwelt</a></nav>
<main><article><h1>Neue Radwege in der Innenstadt</h1>
<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p>
<p>Die Kosten von 2,4 Millionen Euro trägt zu einem Drittel das Land. Grundlage ist der Radverkehrsbericht, den das Ministerium vor vier Jahren vorgelegt hat.</p>
<div class="publication"><img src="/SharedDocs/cover.jpg" alt="Titelbild"><h3>Radverkehrsbericht 2019</h3><div class="meta"><span class="date">Erschienen am: 01.02.2019</span></div><a href="/SharedDocs/bericht.pdf">Herunterladen (PDF, 2 MB)</a></div>
</article></main><footer>Impressum · Datenschutz</footer></body></html>`, "https://ministerium.example/verkehr/radwege/")
	if d.Dates.Published != "2023-06-05" {
		t.Errorf("published %q, want 2023-06-05 from the metadata (the brochure's date is not the page's)", d.Dates.Published)
	}
}

// TestModifiedStampedAtRender: a CMS that puts the time of the response
// into og:updated_time gives no last change (every crawl would differ);
// an earlier change stays.
func TestModifiedStampedAtRender(t *testing.T) {
	fetched := time.Date(2024, 5, 14, 9, 30, 12, 0, time.UTC)
	for _, c := range []struct{ meta, want string }{
		{"2024-05-14T11:30:12+02:00", ""},
		{"2024-05-14T09:30:11Z", ""},
		{"2024-05-02T08:00:00+02:00", "2024-05-02T08:00:00+02:00"},
	} {
		body := `<html lang="de"><head><title>Förderrichtlinie</title><meta property="article:published_time" content="2024-04-30T10:00:00+02:00"><meta property="og:updated_time" content="` + c.meta + `"></head><body><main><h1>Neue Förderrichtlinie</h1><p>Das Ministerium hat die neue Förderrichtlinie für kommunale Klimaschutzprojekte veröffentlicht. Gemeinden können ab sofort Anträge stellen.</p></main></body></html>`
		u := "https://ministerium.example/service/foerderrichtlinie/"
		d, err := html.Parse(&umzug.Snapshot{URL: u, FinalURL: u, Status: 200, ContentType: "text/html", Body: []byte(body), FetchedAt: fetched})
		if err != nil {
			t.Fatal(err)
		}
		if d.Dates.Modified != c.want {
			t.Errorf("og:updated_time %s fetched %s: modified %q, want %q", c.meta, fetched.Format(time.RFC3339), d.Dates.Modified, c.want)
		}
	}
}
