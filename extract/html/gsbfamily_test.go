package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug"
)

// gsbPage wraps the content column of a Government Site Builder page
// (GSB 7 "singleview" theme) in its chrome. The text is invented.
func gsbPage(content string) string {
	return `<html lang="de"><head><meta name="generator" content="Government Site Builder"><title>Ministerium für Forst und Fischerei - Startseite</title></head><body>
<div id="header"><a href="/DE/Home/home_node.html">Startseite</a> <a href="/DE/Presse/presse_node.html">Presse</a> <a href="/DE/Service/service_node.html">Service</a></div>
<div class="navBreadcrumbs"><p>Sie befinden sich hier:</p><ul><li><a href="/DE/Home/home_node.html">Startseite</a></li><li>Presse</li></ul></div>
<div id="main"><div id="content" class="large-8 columns"><div class="singleview">
` + content + `
</div><div class="sectionButtons"><ul><li class="print"><a href="?view=renderPrint">Druckversion</a></li></ul></div></div>
<div id="complementary" class="large-4 columns"><h2>Newsletter</h2><p>Meldungen des Ministeriums per E-Mail.</p></div></div>
<div id="footer"><p>Ministerium für Forst und Fischerei, Am Hafen 3, 24999 Seestadt</p></div></body></html>`
}

// TestFileBoxBecomesAttachments: a box of file links in the main content
// that GSB names "sectionRelated downloads" is the release's attachments
// (title without its size label, the size), not related content; the
// box of page links beside it stays dropped; the accounting counts the
// box as the attachments field.
func TestFileBoxBecomesAttachments(t *testing.T) {
	d := parseFile(t, gsbPage(`<p class="docData"><span class="label">Datum</span> <span class="value">04.03.2024</span></p>
<h1 class="isFirstInSlot">Neue Schonzeiten für den Dorsch beschlossen</h1>
<p>Seestadt, 04.03.2024. Das Ministerium hat die Schonzeiten für den Dorsch in den Küstengewässern um vier Wochen verlängert.</p>
<p>Die Regelung gilt ab dem 1. April und wird nach zwei Jahren überprüft. Die Fischereiverbände waren beteiligt.</p>
<div class="sectionRelated downloads"><h2>Downloads</h2><ul class="links"><li class="download"><a class="RichTextDownloadLink Publication FileLink" href="/SharedDocs/Downloads/DE/Fischerei/schonzeitverordnung.pdf?__blob=publicationFile&amp;v=2" title="Datei ist nicht barrierefrei">Schonzeitverordnung 2024 <span class="fileInfo">(PDF, 312 KB)</span></a></li>
<li class="download"><a class="RichTextDownloadLink Publication FileLink" href="/SharedDocs/Downloads/DE/Fischerei/fangmengen.xlsx?__blob=publicationFile&amp;v=1">Fangmengen der letzten Jahre <span class="fileInfo">(XLSX, 1,2 MB)</span></a></li></ul></div>
<div class="sectionRelated"><h2>Zum Thema</h2><ul class="links"><li><a class="RichTextIntLink Basepage" href="/DE/Themen/Fischerei/fischerei_node.html">Themenseite Fischerei</a></li><li><a class="RichTextIntLink Basepage" href="/DE/Presse/presse_node.html">Alle Pressemitteilungen</a></li></ul></div>`),
		"https://www.mff.land.example/SharedDocs/Pressemitteilungen/DE/2024/03/pm-21.html")
	if d.PressRelease == nil {
		t.Fatalf("kind %s: not a press release", d.Kind)
	}
	var got []string
	for _, f := range d.PressRelease.Attachments {
		got = append(got, f.Title+" | "+f.SizeText)
	}
	want := []string{"Schonzeitverordnung 2024 | 312 KB", "Fangmengen der letzten Jahre | 1,2 MB"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("attachments\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, b := range d.Blocks {
		if txt := b.PlainText(); strings.Contains(txt, "Themenseite Fischerei") || strings.Contains(txt, "Schonzeitverordnung") {
			t.Errorf("block %s holds a box's links: %q", b.Type, txt)
		}
	}
	for _, x := range d.Provenance.Accounting.Dropped {
		if strings.Contains(x.Excerpt, "Schonzeitverordnung") || strings.Contains(x.Excerpt, "312 KB") {
			t.Errorf("the attachments' box dropped as %s: %q", x.Reason, x.Excerpt)
		}
	}
}

// TestFileBoxOnPage: on a page that is not a press release, a related box
// of files in the content (any template: here no profile applies) is a
// downloads block with the box's headline; a related box of page links
// is still dropped.
func TestFileBoxOnPage(t *testing.T) {
	d := parseFile(t, `<html><head><title>Angeln | Amt</title></head><body>
<nav><a href="/">Start</a> <a href="/themen/">Themen</a> <a href="/service/">Service</a></nav>
<main><h1>Angeln in Binnengewässern</h1>
<p>Wer in den Seen und Flüssen des Landes angeln möchte, braucht einen Fischereischein und eine Angelkarte des Gewässers.</p>
<p>Die Prüfung zum Fischereischein nehmen die unteren Fischereibehörden ab. Sie findet viermal im Jahr statt.</p>
<div class="related-downloads"><h2>Formulare</h2><ul><li><a href="/media/antrag-fischereischein.pdf">Antrag auf den Fischereischein (PDF, 80 KB)</a></li><li><a href="/media/pruefungsordnung.docx">Prüfungsordnung</a> (DOCX, 40 KB)</li></ul></div>
<div class="related-links"><h2>Mehr zum Thema</h2><ul><li><a href="/themen/seen/">Seen im Land</a></li><li><a href="/themen/fluesse/">Flüsse im Land</a></li></ul></div>
</main><footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer></body></html>`, "https://amt.example/themen/angeln/")
	var dl *umzug.Block
	for i, b := range d.Blocks {
		if strings.Contains(b.PlainText(), "Seen im Land") {
			t.Errorf("the related box of page links is kept: %s %q", b.Type, b.PlainText())
		}
		if b.Type == umzug.BlockDownloads {
			dl = &d.Blocks[i]
		}
	}
	if dl == nil {
		t.Fatalf("no downloads block; blocks %v", blockTypes(d))
	}
	if dl.Header == nil || dl.Header.Text != "Formulare" || len(dl.Downloads.Items) != 2 {
		t.Fatalf("downloads %+v header %+v", dl.Downloads, dl.Header)
	}
	if f := dl.Downloads.Items[0]; f.Title != "Antrag auf den Fischereischein" || f.SizeText != "80 KB" || f.Format != "PDF" {
		t.Errorf("first file %+v", f)
	}
}

func blockTypes(d umzug.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, string(b.Type))
	}
	return out
}

// TestLabeledNumber: a release number printed as a labelled value in a
// meta line is the release's number, as printed: GSB's docData line
// (which the profile removes as chrome once its date is read) and a
// definition list of another template; the line counts as the number
// field. A label naming something else gives no number.
func TestLabeledNumber(t *testing.T) {
	for _, tc := range []struct{ name, page, url, want string }{
		{"gsb docData", gsbPage(`<p class="docData"><span class="label">Datum</span> <span class="value">11.03.2024</span> <span class="label">Nummer</span> <span class="value">Nr. 014/2024</span></p>
<h1 class="isFirstInSlot">Fischtreppe am Mühlenwehr fertiggestellt</h1>
<p>Seestadt, 11.03.2024. Lachse und Meerforellen können das Mühlenwehr bei Altdorf wieder überwinden. Die neue Fischtreppe hat 1,4 Millionen Euro gekostet.</p>
<p>Das Land hat den Bau zu 80 Prozent gefördert; den Rest trägt der Wasserverband.</p>`),
			"https://www.mff.land.example/SharedDocs/Pressemitteilungen/DE/2024/03/pm-14.html", "Nr. 014/2024"},
		{"definition list", `<html><head><title>Presse | Amt</title></head><body><main><div class="news news-single"><div class="article" itemscope itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">Hafenfest fällt aus</h1></div>
<dl class="meta"><dt>Datum</dt><dd><time itemprop="datePublished" datetime="2024-05-02">02.05.2024</time></dd><dt>Pressemitteilungsnummer:</dt><dd>17/2024</dd></dl>
<div class="news-text-wrap" itemprop="articleBody"><p>Wegen der Bauarbeiten an der Kaimauer fällt das Hafenfest in diesem Jahr aus. Es soll im nächsten Sommer nachgeholt werden.</p></div></div></div></main></body></html>`,
			"https://amt.example/presse/hafenfest/", "17/2024"},
		{"other label", gsbPage(`<p class="docData"><span class="label">Datum</span> <span class="value">11.03.2024</span> <span class="label">Aktenzeichen</span> <span class="value">14/2024</span></p>
<h1 class="isFirstInSlot">Fischtreppe am Mühlenwehr fertiggestellt</h1>
<p>Seestadt, 11.03.2024. Lachse und Meerforellen können das Mühlenwehr bei Altdorf wieder überwinden. Die neue Fischtreppe hat 1,4 Millionen Euro gekostet.</p>`),
			"https://www.mff.land.example/SharedDocs/Pressemitteilungen/DE/2024/03/pm-14.html", ""},
	} {
		d := parseFile(t, tc.page, tc.url)
		if d.PressRelease == nil {
			t.Errorf("%s: kind %s, not a press release", tc.name, d.Kind)
			continue
		}
		if d.PressRelease.Number != tc.want {
			t.Errorf("%s: number %q, want %q", tc.name, d.PressRelease.Number, tc.want)
		}
		for _, x := range d.Provenance.Accounting.Dropped {
			if tc.want != "" && strings.Contains(x.Excerpt, tc.want) {
				t.Errorf("%s: the number's line dropped as %s: %q", tc.name, x.Reason, x.Excerpt)
			}
		}
	}
}

// TestRuleOnListItems: a profile rule that types the items of a list (the
// GSB profile's `.c-download-list__li` as downloads) applies although the
// list is running text: one downloads block of the list's files. A rule
// whose markup does not fit says so with profile-rule-mismatch.
func TestRuleOnListItems(t *testing.T) {
	d := parseFile(t, gsbPage(`<h1 class="isFirstInSlot">Publikationen</h1>
<ul class="c-download-list"><li class="c-download-list__li"><a class="RichTextDownloadLink Publication FileLink" href="/SharedDocs/Downloads/DE/Fischerei/fischereibericht-2023.pdf?__blob=publicationFile&amp;v=1">Fischereibericht 2023</a> <span class="c-download-list__info">PDF, 2,1 MB</span></li>
<li class="c-download-list__li"><a class="RichTextDownloadLink Publication FileLink" href="/SharedDocs/Downloads/DE/Fischerei/kuestenfischerei.pdf?__blob=publicationFile&amp;v=1">Küstenfischerei im Wandel</a> <span class="c-download-list__info">PDF, 800 KB, barrierefrei</span></li></ul>`),
		"https://www.mff.land.example/DE/Service/Publikationen/publikationen_node.html")
	if len(d.Blocks) != 1 || d.Blocks[0].Type != umzug.BlockDownloads || len(d.Blocks[0].Downloads.Items) != 2 {
		t.Fatalf("blocks %v, want one downloads block of 2 files", blockTypes(d))
	}
	if f := d.Blocks[0].Downloads.Items[1]; f.Title != "Küstenfischerei im Wandel" || f.SizeText != "800 KB" || f.Description != "barrierefrei" {
		t.Errorf("file %+v", f)
	}
	// One file in a paragraph, its item an inline element.
	d = parseFile(t, gsbPage(`<h1 class="isFirstInSlot">Neue Fangquoten</h1><p>Die Quoten für 2024 stehen fest. Sie gelten ab dem 1. Januar für alle Kutter des Landes.</p>
<p><span class="c-download-list__li"><a class="c-download-list__a" href="/SharedDocs/Downloads/DE/Fischerei/quoten-2024.pdf?__blob=publicationFile&amp;v=3">Fangquoten 2024</a><span class="c-download-list__info">PDF | 212 KB | nicht barrierefrei</span></span></p>`),
		"https://www.mff.land.example/DE/Themen/Fischerei/quoten_node.html")
	var files []umzug.File
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockDownloads {
			files = append(files, b.Downloads.Items...)
		}
	}
	if len(files) != 1 || files[0].Title != "Fangquoten 2024" || files[0].SizeText != "212 KB" || files[0].Description != "nicht barrierefrei" {
		t.Errorf("a file in a paragraph: %+v", files)
	}
	d = parseFile(t, gsbPage(`<h1 class="isFirstInSlot">Publikationen</h1>
<ul class="c-download-list"><li class="c-download-list__li">Fischereibericht 2023 (vergriffen)</li><li class="c-download-list__li">Küstenfischerei im Wandel (vergriffen)</li></ul>`),
		"https://www.mff.land.example/DE/Service/Publikationen/publikationen_node.html")
	found := false
	for _, w := range d.Warnings {
		found = found || w.Code == "profile-rule-mismatch"
	}
	if !found || !strings.Contains(allText(d), "Küstenfischerei im Wandel (vergriffen)") {
		t.Errorf("a list the rule does not fit: warnings %+v, text %q", d.Warnings, allText(d))
	}
}

func allText(d umzug.Document) string {
	var sb strings.Builder
	for _, b := range d.Blocks {
		sb.WriteString(b.PlainText() + "\n")
	}
	return sb.String()
}

// TestPictureList: a list of pictures with captions is a gallery, each
// picture with its alt text, caption and credit ("Foto: …" in a source
// span): on a GSB page (whose profile types `.picture`) and in any
// template.
func TestPictureList(t *testing.T) {
	items := ""
	for i, x := range [][2]string{{"Kutter im Hafen von Altdorf", "Kutter im Morgenlicht"}, {"Netze zum Trocknen aufgehängt", "Netzboden am Kai"}, {"Fischtreppe aus Beton mit zwölf Becken", "Die neue Fischtreppe"}} {
		items += `<li class="picture"><a href="/SharedDocs/Bilder/DE/Fischerei/bild-` + string(rune('1'+i)) + `.jpg?__blob=poster&amp;v=1"><img src="/SharedDocs/Bilder/DE/Fischerei/bild-` + string(rune('1'+i)) + `.jpg?__blob=normal&amp;v=1" alt="` + x[0] + `"/></a><p class="caption">` + x[1] + ` <span class="source">Foto: MFF/Presse</span></p></li>`
	}
	check := func(name string, d umzug.Document) {
		t.Helper()
		var g *umzug.Gallery
		for _, b := range d.Blocks {
			if b.Type == umzug.BlockGallery {
				g = b.Gallery
			}
		}
		if g == nil || len(g.Items) != 3 {
			t.Fatalf("%s: blocks %v, want a gallery of 3", name, blockTypes(d))
		}
		if m := g.Items[1]; m.Alt != "Netze zum Trocknen aufgehängt" || m.Caption != "Netzboden am Kai" || m.Credit != "Foto: MFF/Presse" {
			t.Errorf("%s: picture %+v", name, m)
		}
		for _, b := range d.Blocks {
			if b.Type == umzug.BlockText && strings.Contains(b.PlainText(), "Netzboden am Kai") {
				t.Errorf("%s: the captions are also a text block", name)
			}
		}
	}
	check("gsb", parseFile(t, gsbPage(`<h1 class="isFirstInSlot">Bilder aus der Fischerei</h1><p>Eindrücke aus den Häfen des Landes.</p><div class="gallery"><ul>`+items+`</ul></div>`),
		"https://www.mff.land.example/DE/Themen/Fischerei/bilder_node.html"))
	check("any template", parseFile(t, `<html><head><title>Bilder | Amt</title></head><body><nav><a href="/">Start</a></nav><main><h1>Bilder aus der Fischerei</h1>
<p>Eindrücke aus den Häfen des Landes, fotografiert von den Mitarbeiterinnen und Mitarbeitern des Amtes.</p><ul class="bilder">`+items+`</ul></main></body></html>`, "https://amt.example/themen/fischerei/bilder/"))
}

// TestPictureInList: a picture in a list of text is kept as an image after
// the list (the list's rich text has no place for it), never lost.
func TestPictureInList(t *testing.T) {
	d := parseFile(t, `<html><head><title>Hafen | Amt</title></head><body><main><h1>Der Hafen</h1>
<p>Der Hafen von Altdorf ist der größte Fischereihafen des Landes. Hier landen die Kutter ihren Fang an.</p>
<ul><li>Liegeplätze für 40 Kutter</li><li><img src="/bilder/kran.jpg" alt="Der neue Kran am Kai"> Ein Kran für Lasten bis 12 Tonnen</li><li>Eine Eisfabrik</li></ul></main></body></html>`, "https://amt.example/themen/hafen/")
	var srcs []string
	for _, m := range images(d) {
		srcs = append(srcs, m.Src+" "+m.Alt)
	}
	if len(srcs) != 1 || srcs[0] != "https://amt.example/bilder/kran.jpg Der neue Kran am Kai" || !strings.Contains(allText(d), "Ein Kran für Lasten bis 12 Tonnen") {
		t.Errorf("a list with a picture: images %q, text %q", srcs, allText(d))
	}
}

// TestProfileLeadAndTitleOnce: a release read with a profile whose lead
// selector names a paragraph of the content (GSB's p.abstract) has the
// lead once, as the lead, not also as the body's first paragraph; a
// number line above the headline (a GSB dachzeile) does not leave the
// headline behind as a level-1 heading block.
func TestProfileLeadAndTitleOnce(t *testing.T) {
	const lead = "Zwölf Kutter erhalten Zuschüsse für sparsamere Motoren und neue Netze."
	d := parseFile(t, gsbPage(`<p class="dachzeile">Pressemitteilung Nr. 019/2024</p><h1 class="isFirstInSlot">Land fördert moderne Fischkutter</h1><p class="docData">Erscheinungsdatum 18.03.2024</p>
<p class="abstract">`+lead+`</p>
<p>Seestadt, 18.03.2024. Die Förderung beträgt bis zu 40 Prozent der Kosten. Anträge nimmt das Landesamt für Fischerei entgegen.</p>
<p>Das Programm läuft bis Ende 2025 und ist mit 2,5 Millionen Euro ausgestattet.</p>`),
		"https://www.mff.land.example/SharedDocs/Pressemitteilungen/DE/2024/03/pm-19.html")
	if d.PressRelease == nil || d.PressRelease.Lead != lead {
		t.Fatalf("press release %+v, want the lead", d.PressRelease)
	}
	if d.Title != "Land fördert moderne Fischkutter" || d.PressRelease.Number == "" {
		t.Errorf("title %q number %q", d.Title, d.PressRelease.Number)
	}
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockHeading && b.Heading.Level == 1 {
			t.Errorf("the headline is also a heading block: %q", b.Heading.Text)
		}
		if strings.Contains(b.PlainText(), "Zwölf Kutter") {
			t.Errorf("the lead is also in the body: %s %q", b.Type, b.PlainText())
		}
	}
	if len(d.Blocks) == 0 || !strings.HasPrefix(d.Blocks[0].PlainText(), "Seestadt, 18.03.2024.") {
		t.Errorf("blocks %v: the body does not open with the dateline", blockTypes(d))
	}
}

// TestProfileTitleUnderLines: on a page a profile reads, the headline
// under a kicker line and a picture is the title, not also a heading
// block; the kicker line stays.
func TestProfileTitleUnderLines(t *testing.T) {
	d := parseFile(t, gsbPage(`<p class="dachzeile">Fischerei</p><div class="picture"><img src="/SharedDocs/Bilder/kutter.jpg" alt="Ein Kutter im Hafen" width="800" height="500"></div><h1 class="isFirstInSlot">Land fördert moderne Fischkutter</h1>
<p>Zwölf Kutter erhalten Zuschüsse für sparsamere Motoren und neue Netze. Die Förderung beträgt bis zu 40 Prozent der Kosten.</p>
<p>Das Programm läuft bis Ende 2025 und ist mit 2,5 Millionen Euro ausgestattet.</p>`),
		"https://www.mff.land.example/DE/Themen/Fischerei/kutter.html")
	if d.Title != "Land fördert moderne Fischkutter" {
		t.Fatalf("title %q", d.Title)
	}
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockHeading && b.Heading.Text == d.Title {
			t.Errorf("the headline is also a heading block: %v", blockTypes(d))
		}
	}
	if ps := strings.Join(paragraphs(d), "\n"); !strings.Contains(ps, "Fischerei") {
		t.Errorf("the kicker line was lost:\n%s", ps)
	}
}

// TestAccordionOfSiblings: an accordion box whose panels are a headline
// and a body as siblings (`div.accordion > h3.accordion-heading +
// div.accordion-body`, a common FAQ) is an accordion block, on a GSB page
// and on a page no profile reads; a box named so with one panel stays
// text.
func TestAccordionOfSiblings(t *testing.T) {
	faq := `<div class="accordion">
<h3 class="accordion-heading">Brauche ich für das Angeln im Meer einen Schein?</h3><div class="accordion-body"><p>Ja, auch an der Küste ist der Fischereischein vorgeschrieben.</p></div>
<h3 class="accordion-heading">Wie lange gilt der Fischereischein?</h3><div class="accordion-body"><p>Er gilt lebenslang; die Abgabe wird jährlich entrichtet.</p></div>
</div>`
	for name, d := range map[string]umzug.Document{
		"gsb": parseFile(t, gsbPage(`<h1 class="isFirstInSlot">Häufige Fragen</h1>`+faq), "https://www.mff.land.example/DE/Service/FAQ/faq_node.html"),
		"any": parseFile(t, `<html><head><title>FAQ | Amt</title></head><body><main><h1>Häufige Fragen</h1>`+faq+`</main></body></html>`, "https://amt.example/faq/"),
	} {
		var acc *umzug.Accordion
		for _, b := range d.Blocks {
			if b.Type == umzug.BlockAccordion {
				acc = b.Accordion
			}
		}
		if acc == nil || len(acc.Items) != 2 {
			t.Errorf("%s: blocks %v, want an accordion of 2", name, blockTypes(d))
			continue
		}
		if it := acc.Items[1]; it.Title != "Wie lange gilt der Fischereischein?" || it.Body.PlainText() != "Er gilt lebenslang; die Abgabe wird jährlich entrichtet." {
			t.Errorf("%s: panel %q %q", name, it.Title, it.Body.PlainText())
		}
	}
	d := parseFile(t, `<html><head><title>FAQ | Amt</title></head><body><main><h1>Eine Frage</h1><div class="accordion"><h3 class="accordion-heading">Wo liegt der Hafen?</h3><div class="accordion-body"><p>Am Ende der Hafenstraße.</p></div></div></main></body></html>`, "https://amt.example/frage/")
	if strings.Join(blockTypes(d), " ") == "accordion" || !strings.Contains(allText(d), "Am Ende der Hafenstraße.") {
		t.Errorf("one panel: blocks %v %q", blockTypes(d), allText(d))
	}
}

// TestRenditionOriginal: a picture linked to the same file in another
// rendition (GSB's `?__blob=normal` around `?__blob=poster`) is listed as
// an asset whose original is the linked rendition, so the large version
// is migrated with the picture, not reported as a file of the chrome.
func TestRenditionOriginal(t *testing.T) {
	d := parseFile(t, gsbPage(`<h1 class="isFirstInSlot">Der Hafen</h1><p>Der Hafen von Altdorf ist der größte Fischereihafen des Landes.</p>
<div class="picture"><a href="/SharedDocs/Bilder/DE/Fischerei/hafen.jpg?__blob=poster&amp;v=2"><img src="/SharedDocs/Bilder/DE/Fischerei/hafen.jpg?__blob=normal&amp;v=2" alt="Kutter im Hafen"/></a></div>`),
		"https://www.mff.land.example/DE/Themen/Fischerei/hafen_node.html")
	for _, a := range d.Assets {
		if a.URL == "https://www.mff.land.example/SharedDocs/Bilder/DE/Fischerei/hafen.jpg?__blob=normal&v=2" {
			if a.Original != "https://www.mff.land.example/SharedDocs/Bilder/DE/Fischerei/hafen.jpg?__blob=poster&v=2" {
				t.Errorf("original %q", a.Original)
			}
			return
		}
	}
	t.Errorf("no asset of the picture: %+v", d.Assets)
}
