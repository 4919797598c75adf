package html_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/fixtures"
	"github.com/umzug/umzug/internal/testkit"
)

const ministryBase = "https://www.tmdi.thueringen.example"

func parseFixture(t *testing.T, p string) (umzug.Document, []byte) {
	t.Helper()
	d, b, _ := parseFixtureSkipped(t, p)
	return d, b
}

// parseFixtureSkipped is parseFixture with the reason a page is not a
// document of the export ("" for a document): a list's later page is
// extracted all the same (its document comes with the NotContentError).
func parseFixtureSkipped(t *testing.T, p string) (umzug.Document, []byte, string) {
	t.Helper()
	file := strings.TrimPrefix(path.Join(p, "index.html"), "/")
	b, err := fs.ReadFile(fixtures.Ministry, file)
	if err != nil {
		t.Fatal(err)
	}
	d, err := html.ParseHTML(bytes.NewReader(b), ministryBase+p)
	var nc *umzug.NotContentError
	if errors.As(err, &nc) {
		return d, b, nc.Reason
	}
	if err != nil {
		t.Fatalf("ParseHTML(%s): %v", p, err)
	}
	return d, b, ""
}

// TestMinistryGroundTruth checks every fixture page against what the
// fixture's author wrote down: kind, title, date, number, publisher.
func TestMinistryGroundTruth(t *testing.T) {
	for _, want := range testkit.MinistryPages(t) {
		t.Run(want.Path, func(t *testing.T) {
			d, _, skipped := parseFixtureSkipped(t, want.Path)
			kind := string(d.Kind)
			if skipped != "" {
				kind = "skipped:" + skipped // not a document: a list's later page
			}
			if kind != want.Kind {
				t.Errorf("kind = %q; want %q", kind, want.Kind)
			}
			if d.Title != want.Title {
				t.Errorf("title = %q; want %q", d.Title, want.Title)
			}
			if want.Kind != "press_release" {
				return
			}
			if d.Dates.Published != want.Published {
				t.Errorf("published = %q; want %q", d.Dates.Published, want.Published)
			}
			pr := d.PressRelease
			if pr == nil {
				t.Fatalf("no pressRelease fields")
			}
			if pr.Number != want.Number {
				t.Errorf("number = %q; want %q", pr.Number, want.Number)
			}
			if pr.Publisher == nil || pr.Publisher.Name != want.Publisher {
				t.Errorf("publisher = %+v; want %q", pr.Publisher, want.Publisher)
			}
			if pr.Lead == "" {
				t.Errorf("no lead")
			}
			text := 0
			for _, b := range d.Blocks {
				if b.Type == umzug.BlockText {
					text += len(b.Text.Body.PlainText())
				}
			}
			if text < 300 {
				t.Errorf("body text blocks hold %d characters; want the release's body", text)
			}
		})
	}
}

// chromeTexts returns the texts of the page chrome: everything outside the
// TYPO3SEARCH region of the fixture page that the region does not also
// contain (a topic named in the menu may be a headline in the content).
func chromeTexts(t *testing.T, raw []byte) []string {
	page := string(raw)
	i := strings.Index(page, "<!--TYPO3SEARCH_begin-->")
	j := strings.Index(page, "<!--TYPO3SEARCH_end-->")
	if i < 0 || j < i {
		t.Fatalf("fixture page without TYPO3SEARCH markers")
	}
	region := strings.Join(strings.Fields(htmlText(t, page[i:j])), " ")
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page[:i] + page[j:]))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	doc.Find("body").Find("a, p, li, h1, h2, h3, span, label, button, div").Each(func(_ int, e *goquery.Selection) {
		if e.Children().Length() > 0 && goquery.NodeName(e) == "div" {
			return
		}
		txt := strings.Join(strings.Fields(e.Text()), " ")
		if len(txt) >= 8 && !strings.Contains(region, txt) {
			out = append(out, txt)
		}
	})
	return out
}

func htmlText(t *testing.T, frag string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(frag))
	if err != nil {
		t.Fatal(err)
	}
	doc.Find("script, style").Remove()
	return doc.Text()
}

func blocksJSON(t *testing.T, d umzug.Document) string {
	b, err := json.Marshal(d.Blocks)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMinistryNoChromeInBlocks: no text of the page chrome ends up in the
// blocks of any page.
func TestMinistryNoChromeInBlocks(t *testing.T) {
	for _, p := range testkit.MinistryPages(t) {
		d, raw := parseFixture(t, p.Path)
		blocks := blocksJSON(t, d)
		chrome := chromeTexts(t, raw)
		if len(chrome) < 5 {
			t.Fatalf("%s: found only %d chrome texts; the test's selectors no longer match the fixture", p.Path, len(chrome))
		}
		for _, c := range chrome {
			js, _ := json.Marshal(c)
			if strings.Contains(blocks, strings.Trim(string(js), `"`)) {
				t.Errorf("%s: chrome text %q in blocks", p.Path, c)
			}
		}
	}
}

func TestStyleGuideBlockTypes(t *testing.T) {
	d, _ := parseFixture(t, "/service/styleguide/")
	if d.Kind != umzug.KindPage {
		t.Errorf("kind = %q; the style guide is a page that shows a press release, not one", d.Kind)
	}
	types := map[umzug.BlockType]int{}
	for _, b := range d.Blocks {
		types[b.Type]++
		if err := b.Validate(); err != nil {
			t.Error(err)
		}
	}
	for _, want := range []umzug.BlockType{umzug.BlockHeading, umzug.BlockText, umzug.BlockTable,
		umzug.BlockAccordion, umzug.BlockGallery, umzug.BlockTeaser, umzug.BlockTextMedia,
		umzug.BlockForm, umzug.BlockTimeline, umzug.BlockInfoBox} {
		if types[want] == 0 {
			t.Errorf("no %s block; got %v", want, types)
		}
	}
	// The broken mask element is not content: it is left out, with a warning.
	js := blocksJSON(t, d)
	if strings.Contains(js, "has no rendering definition") {
		t.Errorf("the TYPO3 rendering error ended up in a block")
	}
	found := false
	for _, w := range d.Warnings {
		if w.Code == "broken-element" && w.BlockKey == "c4735" {
			found = true
		}
	}
	if !found {
		t.Errorf("no broken-element warning for c4735; warnings: %+v", d.Warnings)
	}
	// Elements of the two-column container carry their column.
	cols := map[int]bool{}
	for _, b := range d.Blocks {
		if b.Source != nil {
			cols[b.Source.Column] = true
		}
	}
	if !cols[1] || !cols[2] {
		t.Errorf("no blocks marked as columns 1 and 2: %v", cols)
	}
}

func TestBlockPayloads(t *testing.T) {
	d, _ := parseFixture(t, "/service/styleguide/")
	for _, b := range d.Blocks {
		switch b.Type {
		case umzug.BlockTable:
			if len(b.Table.Rows) < 2 || len(b.Table.Rows[0].Cells) < 2 {
				t.Errorf("%s: table %+v too small", b.Key, b.Table)
			}
		case umzug.BlockAccordion:
			if len(b.Accordion.Items) < 2 {
				t.Errorf("%s: accordion with %d items", b.Key, len(b.Accordion.Items))
			}
			for _, it := range b.Accordion.Items {
				if len(it.Body) == 0 {
					t.Errorf("%s: accordion item %q without body", b.Key, it.Title)
				}
			}
		case umzug.BlockGallery:
			for _, m := range b.Gallery.Items {
				if !strings.HasPrefix(m.Src, ministryBase+"/") {
					t.Errorf("%s: image src %q not absolute on the site", b.Key, m.Src)
				}
			}
		case umzug.BlockForm:
			if len(b.Form.Fields) < 2 {
				t.Errorf("%s: form with %d fields", b.Key, len(b.Form.Fields))
			}
			req := false
			for _, f := range b.Form.Fields {
				req = req || f.Required
			}
			if !req {
				t.Errorf("%s: no required field; the style guide marks some with *", b.Key)
			}
		case umzug.BlockInfoBox:
			if b.InfoBox.Variant == "" || len(b.InfoBox.Body) == 0 {
				t.Errorf("%s: info box %+v", b.Key, b.InfoBox)
			}
		}
	}
}

func TestPressListHoldsTeasersNotCopies(t *testing.T) {
	d, _ := parseFixture(t, "/presse/pressemitteilungen/")
	if d.Kind != umzug.KindPage {
		t.Fatalf("kind = %q; a press list is a page", d.Kind)
	}
	links := 0
	for _, b := range d.Blocks {
		if b.Type != umzug.BlockTeaser {
			continue
		}
		for _, it := range b.Teaser.Items {
			if it.Link != nil && strings.Contains(it.Link.Href, "/presse/pressemitteilungen/detail/") {
				links++
			}
			if it.Date == "" {
				t.Errorf("teaser %q has no date", it.Title)
			}
		}
	}
	if links < 5 {
		t.Errorf("%d teasers link to releases; want the list's items", links)
	}
}

func TestAssets(t *testing.T) {
	d, raw := parseFixture(t, "/service/styleguide/")
	byURL := map[string]umzug.Asset{}
	for _, a := range d.Assets {
		if _, dup := byURL[a.URL]; dup {
			t.Errorf("asset %s listed twice", a.URL)
		}
		byURL[a.URL] = a
	}
	// Every image of the gallery blocks is an asset.
	for _, b := range d.Blocks {
		if b.Type != umzug.BlockGallery {
			continue
		}
		for _, m := range b.Gallery.Items {
			a, ok := byURL[m.Src]
			if !ok {
				t.Errorf("gallery image %s is not an asset", m.Src)
				continue
			}
			if a.Kind != "image" || a.MimeType != "image/jpeg" && a.MimeType != "image/png" {
				t.Errorf("asset %s: kind %q, type %q", a.URL, a.Kind, a.MimeType)
			}
		}
	}
	// Processed variants name their original file; where the page links
	// the original (lightbox), it is recorded.
	originals := 0
	for _, a := range d.Assets {
		if strings.Contains(a.URL, "/_processed_/") {
			if strings.HasPrefix(a.FileName, "csm_") || a.FileName == "" {
				t.Errorf("processed asset %s: file name %q not mapped to the original", a.URL, a.FileName)
			}
			if a.Original != "" {
				originals++
				if !strings.HasSuffix(a.Original, "/"+a.FileName) {
					t.Errorf("asset %s: original %s does not match file name %s", a.URL, a.Original, a.FileName)
				}
			}
		}
		if strings.HasPrefix(a.URL, "data:") {
			t.Errorf("placeholder %s listed as an asset", a.URL[:20])
		}
	}
	if originals == 0 && strings.Contains(string(raw), "_processed_") {
		t.Errorf("no processed image mapped to its linked original")
	}
	// A press release lists its image and its attachments.
	pr, _ := parseFixture(t, "/presse/pressemitteilungen/detail/gigabitfoerderung-48-millionen/")
	files, images := 0, 0
	for _, a := range pr.Assets {
		switch a.Kind {
		case "file":
			files++
		case "image":
			images++
		}
	}
	if files != len(pr.PressRelease.Attachments) || images == 0 {
		t.Errorf("press release assets: %d files (want %d), %d images", files, len(pr.PressRelease.Attachments), images)
	}
}

// TestProcessedLightboxOriginal: a TYPO3 processed image linked to a
// larger processed rendition of the same file (tx_news's and
// bootstrap_package's lightbox, f:uri.image) is listed under the linked
// rendition, as a picture linked to its original is.
func TestProcessedLightboxOriginal(t *testing.T) {
	const site = "https://www.mue.example"
	d := parseFile(t, `<html><head><title>Moorschutz | Ministerium</title><meta name="generator" content="TYPO3 CMS"></head><body><main>
<div id="c12" class="frame frame-default frame-type-textpic"><h1>Moorschutz</h1>
<div class="ce-textpic ce-right ce-intext"><div class="ce-gallery"><div class="ce-row"><div class="ce-column"><figure class="image">
<a href="/fileadmin/_processed_/3/f/csm_moor-heideland_b1c2d3e4f5.jpg" class="lightbox" rel="lightbox[12]"><img class="image-embed-item" src="/fileadmin/_processed_/3/f/csm_moor-heideland_0a9b8c7d6e.jpg" width="300" height="200" alt="Moor im Heideland"></a>
<figcaption class="image-caption">Das Moor im Heideland. Foto: MUKE</figcaption></figure></div></div></div>
<div class="ce-bodytext"><p>Moore bedecken drei Prozent der Landesfläche, speichern aber ein Drittel des Kohlenstoffs im Boden.</p></div></div></div>
</main></body></html>`, site+"/themen/moorschutz/")
	for _, a := range d.Assets {
		if a.URL == site+"/fileadmin/_processed_/3/f/csm_moor-heideland_0a9b8c7d6e.jpg" {
			if a.Original != site+"/fileadmin/_processed_/3/f/csm_moor-heideland_b1c2d3e4f5.jpg" || a.FileName != "moor-heideland.jpg" {
				t.Errorf("asset %+v; want the lightbox rendition as its original", a)
			}
			return
		}
	}
	t.Errorf("no asset of the picture: %+v", d.Assets)
}

func TestLazyImagesResolved(t *testing.T) {
	page := `<html><body><main><div id="c1" class="frame frame-type-image"><figure class="image">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/fileadmin/a/karte.jpg" alt="Karte"></figure></div></main></body></html>`
	d, err := html.ParseHTML(strings.NewReader(page), "https://x.example/p/")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 1 || d.Blocks[0].Type != umzug.BlockImage || d.Blocks[0].Image.Src != "https://x.example/fileadmin/a/karte.jpg" {
		t.Fatalf("blocks %+v", d.Blocks)
	}
	if len(d.Assets) != 1 || d.Assets[0].URL != "https://x.example/fileadmin/a/karte.jpg" {
		t.Errorf("assets %+v", d.Assets)
	}
}

// TestLazyPlaceholdersLookedPast: lazy-loading scripts put a placeholder
// into src and the picture into data-src (a3-lazy-load's
// lazy_placeholder.gif, TYPO3's processed csm_blank gif, a grey gif of
// jQuery lazyload under any name), or in another data attribute, or in
// a <noscript> beside it: the picture is migrated, not the placeholder.
// A gif without a lazy address is a picture of its own, a file named
// 801x1024 no 1x1 placeholder, and a spinner with no picture behind it
// no picture at all.
func TestLazyPlaceholdersLookedPast(t *testing.T) {
	const site = "https://www.mlr.example"
	d := parseFile(t, `<html><head><title>Streuobst | Ministerium</title></head><body><main><article><h1>Streuobstwiesen</h1>
<p>Streuobstwiesen gehören zu den artenreichsten Lebensräumen Mitteleuropas und prägen die Landschaft vieler Regionen.</p>
<figure class="wp-caption"><img class="lazy lazy-hidden" src="/wp-content/plugins/a3-lazy-load/assets/images/lazy_placeholder.gif" data-src="/uploads/streuobst-1.jpg" alt="Apfelbäume" width="678" height="381"><figcaption>Apfelbäume im Frühjahr</figcaption></figure>
<p>Das Land fördert die Pflege alter Bäume und die Pflanzung neuer Hochstämme mit einem eigenen Programm.</p>
<figure><img src="/typo3temp/assets/_processed_/d/4/csm_blank_2b7e91c04d.gif" data-src="/fileadmin/bilder/streuobst-2.jpg" alt="Birnbaum" width="570" height="469"><figcaption>Ein alter Birnbaum</figcaption></figure>
<p>Anträge stellen Eigentümer und Pächter bei der unteren Landwirtschaftsbehörde ihres Landkreises.</p>
<figure><img src="/img/leer.gif" data-original="/bilder/streuobst-3.jpg" alt="Obsternte" width="820" height="367"><figcaption>Die Ernte im Herbst</figcaption></figure>
<p>Die Förderung gilt für Flächen ab zehn Bäumen und wird für fünf Jahre bewilligt.</p>
<figure><img src="/bilder/foerderablauf.gif" alt="Ablauf der Förderung als Schaubild" width="600" height="400"><figcaption>Der Ablauf der Förderung</figcaption></figure>
<p>Beratung gibt es bei den Landschaftserhaltungsverbänden, die auch bei der Antragstellung helfen.</p>
<figure><img src="/typo3conf/ext/site/Resources/Public/Images/placeholder.png" class="lazyloading" alt="Wiese" data-replaced="0" data-lg="/fileadmin/_processed_/b/e/csm_wiese_81ab44c2d7.jpg" data-sm="/fileadmin/_processed_/b/e/csm_wiese_5e0c2f7a19.jpg"><figcaption>Eine Wiese im Mai</figcaption></figure>
<p>Die Verbände kennen die Flächen und die Eigentümer in ihrem Landkreis oft seit vielen Jahren.</p>
<figure><div class="imageWrapper"><img alt="Schafe" class="img responsive-img" src="https://cdn.mlr.example/blank-transparent_300x200.gif"/><span class="icon"></span><noscript><img class="img" alt="Schafe" src="/bilder/schafe_w-576.jpg?version=2"/></noscript></div><figcaption>Schafe halten das Gras kurz</figcaption></figure>
<p>Auch Schafe und Ziegen dürfen auf den geförderten Flächen weiden, wenn die Bäume geschützt sind.</p>
<figure><img src="/bilder/broschuere-801x1024.png" alt="Titel der Broschüre" width="332" height="425"><figcaption>Die Broschüre zum Programm</figcaption></figure>
<p>Die Broschüre liegt in allen Landwirtschaftsämtern aus und kann kostenlos bestellt werden.</p>
<div class="loading"><img class="wait-spinner" src="/img/loader.gif"></div>
<figure><img src="/bilder/elbufer-lazy-sunday.png" width="800" height="450" alt="Elbufer"><figcaption>Das Elbufer</figcaption></figure>
<p>Auch an der Elbe gibt es Streuobstwiesen, die der Verband betreut und für Besucher öffnet.</p>
<figure><img src="/bilder/wappen-transparent.png" width="120" height="140" alt="Wappen des Landes"><figcaption>Das Landeswappen</figcaption></figure>
<p>Die Förderung ist ein Programm des Landes und wird aus dem Landeshaushalt bezahlt.</p>
<figure><picture><source srcset="/bilder/ernte-2.webp 1x"><source srcset="/bilder/ernte-2.jpg 1x"><img alt="Kisten mit Äpfeln"></picture><figcaption>Die Ernte in Kisten</figcaption></figure>
<p>Die Äpfel werden zu Saft gepresst, den die Mostereien der Region abfüllen.</p>
<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Mosterei"><noscript><iframe src="https://player.example/embed/1"></iframe><img src="https://stats.example/matomo.php?idsite=3&amp;rec=1"></noscript><figcaption>Die Mosterei</figcaption></figure>
</article></main></body></html>`, site+"/streuobst/")
	var got []string
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockImage {
			got = append(got, strings.TrimPrefix(b.Image.Src, site))
		}
	}
	want := []string{"/uploads/streuobst-1.jpg", "/fileadmin/bilder/streuobst-2.jpg", "/bilder/streuobst-3.jpg", "/bilder/foerderablauf.gif",
		"/fileadmin/_processed_/b/e/csm_wiese_81ab44c2d7.jpg", "/bilder/schafe_w-576.jpg?version=2", "/bilder/broschuere-801x1024.png",
		"/bilder/elbufer-lazy-sunday.png", "/bilder/wappen-transparent.png", "/bilder/ernte-2.webp"}
	if !slices.Equal(got, want) {
		t.Errorf("image sources = %q; want %q", got, want)
	}
}

// TestPictureBetweenParagraphs: a picture between the paragraphs of an
// article outside any content element, in a lightbox link with its
// caption in a paragraph beside it, is an image block; it was lost as
// running text. A flag that switches the page's language is none.
func TestPictureBetweenParagraphs(t *testing.T) {
	const site = "https://www.news.example"
	d := parseFile(t, `<html><head><title>Wahl | News</title></head><body><div class="contentwrapper"><div id="news">
<h1 class="headline">Neuer Bürgermeister in Talheim</h1>
<p>Der 41 Jahre alte Kandidat gewinnt die Wahl im ersten Wahlgang und folgt auf die Amtsinhaberin, die nicht mehr antrat.</p>
<h2>Was jetzt ansteht</h2>
<div style="width: 240px; float:left"><div class="picbox"><a class="fancybox" data-fancybox="galerie" href="/images/xl/rathaus.jpeg"><img class="picbox__img" src="/images/rathaus.jpeg"></a><p class="img-text">Das Rathaus am Marktplatz <cite>Foto: Gemeinde Talheim</cite></p></div></div>
<p>Die Wahlbeteiligung lag mit 61 Prozent deutlich über dem Wert der letzten Wahl vor sechs Jahren.</p>
<p><a href="?lang=en"><img src="/img/en.gif" alt=""></a> <a href="?lang=fr"><img src="/img/fr.gif" alt=""></a></p>
<p>Der neue Bürgermeister tritt sein Amt im Frühjahr an und will zuerst den Haushalt vorlegen.</p>
<div class="post-thumbnail"><span><a data-fancybox href="/uploads/markt.jpg"><img width="990" height="577" src="/uploads/markt-990x577.jpg" alt="Markt"></a></span><figure class="wp-caption-text">Der Markt vor dem Rathaus</figure></div>
<p>Der Gemeinderat bleibt in seiner Zusammensetzung, bis im Herbst die nächste Kommunalwahl ansteht.</p>
<div class="post-thumbnail"><picture class="wp-post-image"><source type="image/webp" srcset="/uploads/rat-610x343.jpg.webp 610w"><img width="610" height="343" src="/uploads/rat-610x343.jpg" alt=""></picture><div class="post-thumbnail__caption">Foto: Gemeinde</div></div>
<p>Die Fraktionen haben angekündigt, mit dem neuen Bürgermeister zusammenzuarbeiten.</p>
<div class="picbox"><a href="/bilder/zoom-konferenz-gross.jpg"><img src="/bilder/zoom-konferenz.jpg" alt="Die Konferenz"></a></div>
<p>Die erste Sitzung findet als Videokonferenz statt.</p>
<div class="textpic"><a href="index.php?id=57&amp;L=0"><img src="/uploads/pics/sitzungssaal.jpg" width="300" height="200" alt=""></a></div>
<p>Der Sitzungssaal wird bis dahin renoviert.</p>
Im Saal hängt ein Plan <a href="/bilder/plan.jpg"><img src="/bilder/plan-klein.jpg" alt="Plan"></a> der neuen Sitzordnung.
<p>Die Sitzung ist öffentlich.</p>
Besucher sehen den <b>neuen</b> <a href="/bilder/saal-gross.jpg"><img src="/bilder/saal-klein.jpg" alt="Saal"></a> Saal von der Empore.
</div></div></body></html>`, site+"/politik/wahl/")
	if imgs, want := pictureBlocks(d, site, true), []string{"/images/rathaus.jpeg -> /images/xl/rathaus.jpeg", "/uploads/markt-990x577.jpg -> /uploads/markt.jpg",
		"/uploads/rat-610x343.jpg -> ", "/bilder/zoom-konferenz.jpg -> /bilder/zoom-konferenz-gross.jpg", "/uploads/pics/sitzungssaal.jpg -> /politik/wahl/index.php?L=0&id=57"}; !slices.Equal(imgs, want) {
		t.Errorf("pictures = %q; want %q", imgs, want)
	}
	// A picture inside a sentence does not split it: the sentence stays
	// one text (its picture is left out, with the warning).
	found := false
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockText && strings.Contains(b.Text.Body.PlainText(), "Im Saal hängt ein Plan der neuen Sitzordnung.") {
			found = true
		}
	}
	if !found {
		t.Errorf("the sentence around the picture was split: %+v", d.Blocks[len(d.Blocks)-2:])
	}
	found = false
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockText && strings.Contains(b.Text.Body.PlainText(), "Besucher sehen den neuen Saal von der Empore.") {
			found = true
		}
	}
	if !found {
		t.Errorf("the sentence with a bold word before the picture was split: %+v", d.Blocks[len(d.Blocks)-3:])
	}
}

// pictureBlocks lists a document's image blocks by their address without
// the site (and " -> " their link, with links).
func pictureBlocks(d umzug.Document, site string, links bool) []string {
	var imgs []string
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockImage {
			s := strings.TrimPrefix(b.Image.Src, site)
			if links {
				s += " -> " + strings.TrimPrefix(b.Image.Link, site)
			}
			imgs = append(imgs, s)
		}
	}
	return imgs
}

// noWarning fails for each warning of a document with the code.
func noWarning(t *testing.T, d umzug.Document, code string) {
	t.Helper()
	for _, w := range d.Warnings {
		if w.Code == code {
			t.Errorf("warning %+v", w)
		}
	}
}

// TestTablePictures: the pictures in a layout table's cells (an old
// table around pictures and their captions) follow the table as image
// blocks, all of a cell, also beside a text link; a cell holds text only.
// A data table's status icons and a teaser's picture linking to another
// page are no pictures of the page.
func TestTablePictures(t *testing.T) {
	const site = "https://www.lra.example"
	d := parseFile(t, `<html><head><title>Kreistag | Landratsamt</title></head><body><div id="content">
<h1>Der Kreistag tagt im neuen Saal</h1>
<p>Der Kreistag kommt am Donnerstag zum ersten Mal im umgebauten Sitzungssaal des Landratsamts zusammen.</p>
<table style="margin:auto"><tr><td align="center"><img src="/uploads/inline/saal.jpg" alt="Der Saal"><br>Der umgebaute Sitzungssaal bietet Platz für 80 Mitglieder</td></tr></table>
<p>Der Umbau hat ein Jahr gedauert und kostete 1,2 Millionen Euro, weniger als geplant.</p>
<table><tr><td><a href="/themen/haushalt/"><img src="/uploads/teaser-haushalt.jpg" width="300" height="200" alt="Haushalt"></a></td><td><a href="/themen/haushalt/">Der Haushalt 2025</a></td></tr></table>
<p>Im Foyer zeigt eine Ausstellung die Geschichte des Hauses in Bildern aus hundert Jahren.</p>
<table><tr><td><img src="/uploads/inline/foyer-1.jpg" alt="Foyer 1950"><img src="/uploads/inline/foyer-2.jpg" alt="Foyer heute"><br>Das Foyer 1950 und heute, <a href="/bauamt/plaene/">Pläne beim Bauamt</a></td></tr></table>
<p>Die Messwerte der Lüftung im neuen Saal liegen alle im grünen Bereich.</p>
<table><thead><tr><th>Messpunkt</th><th>CO2</th><th>Bewertung</th></tr></thead><tr><td>Saal</td><td>620 ppm</td><td><img src="/img/ampel-gruen.png" alt="gut"></td></tr></table>
</div></body></html>`, site+"/aktuelles/kreistag/")
	if imgs, want := pictureBlocks(d, site, false), []string{"/uploads/inline/saal.jpg", "/uploads/inline/foyer-1.jpg", "/uploads/inline/foyer-2.jpg"}; !slices.Equal(imgs, want) {
		t.Errorf("pictures = %q; want %q (a teaser's picture linking to another page stays out)", imgs, want)
	}
	noWarning(t, d, "pictures-left-out")
}

// TestPicturesLeftOutWarned: a picture of the main content that no block
// holds (here inside a headline, whose converter reads text) gives the
// page a pictures-left-out warning; a teaser's picture that links to
// another page does not.
func TestPicturesLeftOutWarned(t *testing.T) {
	const site = "https://www.news.example"
	d := parseFile(t, `<html><head><title>Wahl | News</title></head><body><main><article>
<h1>Neuer Bürgermeister in Talheim</h1>
<p>Der 41 Jahre alte Kandidat gewinnt die Wahl im ersten Wahlgang und folgt auf die Amtsinhaberin, die nicht mehr antrat.</p>
<h2><img src="/images/wahlabend.jpg" width="745" height="420" alt="Wahlabend"> Der Wahlabend</h2>
<p>Die Wahlbeteiligung lag mit 61 Prozent deutlich über dem Wert der letzten Wahl vor sechs Jahren.</p>
<ul><li><a href="/politik/haushalt/"><img src="/images/haushalt.jpg" width="300" height="200" alt="Haushalt"> Der Haushalt 2025</a></li>
<li><a href="/politik/rat/"><img src="/images/rat.jpg" width="300" height="200" alt="Rat"> Der neue Gemeinderat</a></li></ul>
</article></main></body></html>`, site+"/politik/wahl/")
	var got []string
	for _, w := range d.Warnings {
		if w.Code == "pictures-left-out" {
			got = append(got, w.Message)
		}
	}
	if want := []string{"1 picture of the main content is in no block: " + site + "/images/wahlabend.jpg"}; !slices.Equal(got, want) {
		t.Errorf("warnings = %q; want %q", got, want)
	}
}

// TestCaptionBesideCredit: a picture's caption written beside its credit
// in one box under the picture ("media__info", "image-metadata"), with no
// element classed a caption, is
// the caption; a caption and credit joined by a dash ("… - Bild: X") is
// accounted as kept, not as unconverted text.
func TestCaptionBesideCredit(t *testing.T) {
	d := parseFile(t, `<html><head><title>Holz | Agrar</title></head><body><main><article><h1>Schnittholz verheizen</h1>
<figure class="media"><div class="media__wrapper"><picture><img src="/files/aeste.jpg" alt="Baumschnitt" width="800" height="320"></picture></div>
<div class="media__info"><span class="copyright">© stock.example/hkoch</span>
 Der Schnitt der Obstbäume fällt im Winter an.</div></figure>
<p>Das Holz wird gehäckselt und im eigenen Kessel verheizt, statt es abzufahren.</p>
<figure class="wp-caption"><img src="/files/ofen.jpg" alt="Ofen" width="678" height="381"><figcaption class="wp-caption-text">Der Ofen in der Werkstatt des Tüftlers - Bild: Max Muster</figcaption></figure>
<p>Die Hackschnitzel trocknen einen Sommer lang unter einem Dach, bevor sie in den Ofen kommen.</p>
</article></main></body></html>`, "https://www.agrar.example/holz/")
	var caps, credits []string
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockImage {
			caps, credits = append(caps, b.Image.Caption), append(credits, b.Image.Credit)
		}
	}
	if want := []string{"Der Schnitt der Obstbäume fällt im Winter an.", "Der Ofen in der Werkstatt des Tüftlers"}; !slices.Equal(caps, want) {
		t.Errorf("captions = %q; want %q", caps, want)
	}
	if want := []string{"© stock.example/hkoch", "Bild: Max Muster"}; !slices.Equal(credits, want) {
		t.Errorf("credits = %q; want %q", credits, want)
	}
	for _, dr := range d.Provenance.Accounting.Dropped {
		if dr.Reason == umzug.DropUnconverted {
			t.Errorf("unconverted text: %+v", dr)
		}
	}
}

// TestGenericPageByDensity: a page without landmarks, TYPO3 markers or
// known wrappers gets its main content by text density, without the menu
// and the link-heavy sidebar beside it.
func TestGenericPageByDensity(t *testing.T) {
	page := `<html><head><title>Amt | Stadt</title></head><body>
<div class="top"><a href="/">Start</a> <a href="/a">Bürgerservice</a> <a href="/b">Rathaus</a> <a href="/c">Wirtschaft</a></div>
<div class="wrap">
 <div class="left">
  <h1>Neue Regeln für die Sondernutzung</h1>
  <p>Ab dem 1. April gelten in der Innenstadt neue Regeln für Tische, Stühle und Werbetafeln auf Gehwegen.</p>
  <p>Gastronomiebetriebe, die bereits eine Erlaubnis haben, müssen nichts unternehmen, bis diese abläuft.</p>
  <p>Anträge stellen Sie online, schriftlich oder persönlich im Bürgerbüro, Rathausplatz 1, Zimmer 12.</p>
 </div>
 <div class="right"><ul><li><a href="/x">Veranstaltungskalender der Stadt</a></li><li><a href="/y">Stellenangebote im Rathaus</a></li><li><a href="/z">Abfallkalender und Sperrmüll</a></li></ul></div>
</div>
<div class="bottom">Impressum · Datenschutz · Kontakt</div></body></html>`
	d, err := html.ParseHTML(strings.NewReader(page), "https://stadt.example/amt/")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Neue Regeln für die Sondernutzung" {
		t.Errorf("title %q", d.Title)
	}
	var all string
	for _, b := range d.Blocks {
		all += b.PlainText() + "\n"
	}
	for _, want := range []string{"Ab dem 1. April gelten", "Anträge stellen Sie online"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	for _, chrome := range []string{"Veranstaltungskalender", "Bürgerservice", "Impressum"} {
		if strings.Contains(all, chrome) {
			t.Errorf("chrome %q extracted:\n%s", chrome, all)
		}
	}
}

func TestBaseHrefOnlyWeb(t *testing.T) {
	page := `<html><head><base href="javascript:alert(1)//"></head><body><main><p>Siehe <a href="/themen/">Themen</a>.</p></main></body></html>`
	d, err := html.ParseHTML(strings.NewReader(page), "https://x.example/a/")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 1 || len(d.Blocks[0].Text.Body) != 1 || d.Blocks[0].Text.Body[0].MarkDefs[0].Href != "https://x.example/themen/" {
		t.Errorf("blocks %+v; want the link resolved against the page URL", d.Blocks)
	}
}

// TestFoundationColumnsAreNotRows checks a layout whose columns are named
// "small-8 columns" (Foundation) inside rows that are also columns: the
// column's headline and subheadline are headings, not the cells of a row
// read as plain text, so the h1 becomes the title (once, not also a text
// block) and a "Pressemitteilung vom …" line under the headlines makes the
// page a press release whose contact card becomes its contact. A Bulma row
// ("columns" holding "column" wrappers) is still read column by column.
func TestFoundationColumnsAreNotRows(t *testing.T) {
	page := `<html><head><title>Neue Radwege</title></head><body><main>
<section class="article"><div class="row"><div class="small-12 columns"><div class="row headarea">
<div class="small-8 columns"><h1 class="title">Neue Radwege für die Innenstadt</h1><h2 class="subtitle">Vier Verbindungen zwischen Bahnhof und Universität</h2></div>
<div class="small-4 columns"><figure><img src="/img/radweg.jpg" alt="Radweg"></figure></div>
</div><div class="row columns"><div>Pressemitteilung vom 20.01.2022</div></div></div></div>
<div class="row"><div class="small-12 large-8 columns"><div class="fulltext">
<p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität. Die Arbeiten beginnen im April und dauern bis zum Herbst.</p>
<p>Während der Bauzeit wird der Verkehr an den Baustellen einspurig an den Arbeiten vorbeigeführt. Umleitungen sind ausgeschildert.</p></div></div>
<div class="small-12 large-4 columns"><div class="card press-person"><div class="card-body"><h2>Pressekontakt</h2>
<p>Pressesprecherin Erika Muster<br>Tel.: (030) 12 34 56 78<br>E-Mail: presse@stadt.example</p></div></div></div></div>
</section></main></body></html>`
	d, all := extractText(t, page, "https://www.stadt.example/presse/radwege")
	if d.Title != "Neue Radwege für die Innenstadt" {
		t.Errorf("title %q", d.Title)
	}
	if strings.Contains(all, "Neue Radwege für die Innenstadt") {
		t.Errorf("the title is also a block:\n%s", all)
	}
	if d.Kind != umzug.KindPressRelease || d.PressRelease == nil {
		t.Fatalf("kind %s, want a press release", d.Kind)
	}
	if len(d.PressRelease.Contacts) != 1 || d.PressRelease.Contacts[0].Email != "presse@stadt.example" {
		t.Errorf("contacts %+v", d.PressRelease.Contacts)
	}
	if strings.Contains(all, "Erika Muster") {
		t.Errorf("the contact card stays in the body:\n%s", all)
	}
	if pr := d.PressRelease; pr.Subtitle != "Vier Verbindungen zwischen Bahnhof und Universität" && !strings.Contains(all, "Vier Verbindungen") {
		t.Errorf("subheadline lost:\n%s", all)
	}

	bulma := `<html><head><title>Angebote</title></head><body><main><h1>Angebote der Stadtbibliothek</h1>
<div class="columns"><div class="column"><h3>Ausleihe</h3><p>Bücher, Filme und Spiele leihen Sie mit dem Bibliotheksausweis für vier Wochen aus.</p></div>
<div class="column"><h3>Lernorte</h3><p>Gruppenräume und Arbeitsplätze mit Strom und WLAN stehen an allen Öffnungstagen bereit.</p></div></div>
</main></body></html>`
	d, _ = extractText(t, bulma, "https://www.stadt.example/bibliothek")
	cols := map[int]bool{}
	for _, b := range d.Blocks {
		if b.Source != nil {
			cols[b.Source.Column] = true
		}
	}
	if !cols[1] || !cols[2] {
		t.Errorf("the Bulma row is not read by columns: %v", cols)
	}
}

// TestGridAnnouncedByAnchorsIsAContainer checks a grid element whose
// elements are announced only by their anchors (<a id="c…"> before an
// element whose own id is not "c…"): the grid is a container, so each
// element keeps its header, instead of the grid being read as one gallery
// of all its images with every headline lost.
func TestGridAnnouncedByAnchorsIsAContainer(t *testing.T) {
	ce := func(uid int, head, img string) string {
		return fmt.Sprintf(`<a id="c%d" class="anchorLink">&nbsp;</a><article class="contentElement cType_textmedia" id="ce%d">
<header class="contentHeader"><h4><a href="/projekte/%s.html">%s</a></h4></header>
<div class="ce-textpic ce-center ce-above"><div class="ce-gallery" data-ce-columns="1"><div class="ce-media"><a href="/projekte/%s.html"><img title="%s" src="/bilder/%s.jpg" width="475" height="273" alt=""></a></div></div><div class="ce-bodytext"></div></div></article>`,
			uid, uid, img, head, img, img, img)
	}
	page := `<html><head><title>Wettbewerb</title></head><body><main><h1>Projektwettbewerb Werkstattgebäude</h1>
<p>Das Preisgericht hat die eingereichten Projekte beurteilt und sechs davon ausgezeichnet. Die Projekte werden hier vorgestellt.</p>
<div class="contentElement gridelement cType_gridelements_pi1" id="ce10"><div id="c10" class="frame frame-type-gridelements_pi1"><div class="row">
<div class="col-md-6">` + ce(11, "Solanum: 1. Preis", "solanum") + ce(12, "Holzrippen: 3. Preis", "holzrippen") + `</div>
<div class="col-md-6">` + ce(13, "Heliopolis: 2. Preis", "heliopolis") + `</div>
</div></div></div></main></body></html>`
	d, all := extractText(t, page, "https://www.amt.example/wettbewerb")
	for _, h := range []string{"Solanum: 1. Preis", "Holzrippen: 3. Preis", "Heliopolis: 2. Preis"} {
		if !strings.Contains(all, h) {
			t.Errorf("headline %q lost:\n%s", h, all)
		}
	}
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockGallery {
			t.Errorf("the grid became one gallery of %d images", len(b.Gallery.Items))
		}
	}
	for _, x := range d.Provenance.Accounting.Dropped {
		if x.Reason == "unconverted" {
			t.Errorf("text lost in conversion: %+v", x)
		}
	}
}

// TestHeadlineOverFirstSectionNamesThePage checks a page without an h1
// whose h2 is followed by the h3 of its first section and then prose: the
// h2 is the title (once), the h3 stays a heading.
func TestHeadlineOverFirstSectionNamesThePage(t *testing.T) {
	page := `<html><head><title>Presse - Verband</title></head><body><main>
<h2>Pressemitteilungen des Verbands</h2><h3>Ansprechpartner für die Medien</h3>
<p>Servicebereich Kommunikation, Landstraße 122, 60489 Frankfurt am Main, Telefon 069 24788-0, montags bis freitags von 9 bis 16 Uhr.</p>
</main></body></html>`
	d, all := extractText(t, page, "https://www.verband.example/presse")
	if d.Title != "Pressemitteilungen des Verbands" {
		t.Errorf("title %q", d.Title)
	}
	if strings.Contains(all, "Pressemitteilungen des Verbands") || !strings.Contains(all, "Ansprechpartner für die Medien") {
		t.Errorf("blocks:\n%s", all)
	}
}

// TestArticleHeadNamedLikeAHeader checks a head inside the main region
// that a template names like the page's header ("article-page-head"): it
// holds the breadcrumb, the article's headline and its subheadline. The
// breadcrumb goes, the headline is the title, the subheadline stays.
func TestArticleHeadNamedLikeAHeader(t *testing.T) {
	page := `<html><head><title>Wärme aus dem Fluss | Energie AG</title></head><body>
<nav><a href="/">Start</a> <a href="/energie">Energie</a> <a href="/kontakt">Kontakt</a></nav>
<main id="main"><section><div class="article-page-head">
<ol class="breadcrumbs" itemscope itemtype="https://schema.org/BreadcrumbList"><li><a href="/">Home</a></li><li><a href="/energie">Grüne Energie</a></li></ol>
<div class="article"><h1 class="article-headline">Wie der Fluss die Stadt heizt</h1>
<h2 class="story-subline">Die Großwärmepumpe am Hafen: Wärme für zehntausend Wohnungen</h2></div></div></section>
<section><div class="article-content">
<p>Die neue Wärmepumpe am Hafen entzieht dem Flusswasser Wärme und speist sie ins Fernwärmenetz ein. Sie ersetzt einen großen Teil der Wärme aus dem alten Kohlekraftwerk.</p>
<p>Das Wasser fließt danach um wenige Grad kühler zurück in den Fluss; Fachleute haben die Folgen für Fische über zwei Jahre untersucht.</p>
</div></section></main><footer>Impressum · Datenschutz</footer></body></html>`
	d, all := extractText(t, page, "https://www.energie.example/flusswaerme")
	if d.Title != "Wie der Fluss die Stadt heizt" {
		t.Errorf("title %q", d.Title)
	}
	if !strings.Contains(all, "Die Großwärmepumpe am Hafen") {
		t.Errorf("subheadline lost:\n%s", all)
	}
	if strings.Contains(all, "Grüne Energie") {
		t.Errorf("breadcrumb kept:\n%s", all)
	}
}

// TestTitleNotRepeatedInFirstText: the page's one h1, written by the
// editor at the top of a text element, is the title and not also the
// first line of that element's text; an h1 further down stays.
func TestTitleNotRepeatedInFirstText(t *testing.T) {
	page := func(h1First bool) string {
		first, later := "<h1>Warum ist der Bach so trüb?</h1>", ""
		if !h1First {
			first, later = "", "<h1>Warum ist der Bach so trüb?</h1>"
		}
		return `<html><head><title>Umwelt | Kinderseite</title></head><body>
<div class="breadcrumb"><a href="/">Start</a> › <a href="/umwelt">Umwelt</a></div>
<div class="content"><div id="c31" class="csc-default">` + first + `
<p>Nach einem starken Regen ist das Wasser im Bach oft braun. Aber was schwimmt da eigentlich?</p>` + later + `
<p>Der Regen spült Erde von den Feldern und Staub von den Straßen in den Bach, bis er wieder klar wird.</p></div></div>
</body></html>`
	}
	d := parseFile(t, page(true), "https://kinder.example/umwelt/bach/")
	if d.Title != "Warum ist der Bach so trüb?" {
		t.Fatalf("title %q", d.Title)
	}
	if ps := paragraphs(d); len(ps) == 0 || ps[0] == d.Title {
		t.Errorf("the title opens the text again: %q", ps)
	}
	d = parseFile(t, page(false), "https://kinder.example/umwelt/bach/")
	if ps := strings.Join(paragraphs(d), "\n"); !strings.Contains(ps, "Warum ist der Bach so trüb?") {
		t.Errorf("an h1 inside the text was removed:\n%s", ps)
	}
}

// TestTitleAfterLinesAbove: a headline with a category line, a date line
// and the article's picture above it still opens the content: it is the
// title and not also a heading block, and the lines above it stay. A
// headline under a paragraph of prose stays where it is.
func TestTitleAfterLinesAbove(t *testing.T) {
	page := func(above string) string {
		return `<html><head><title>Meldung | Landesamt</title></head><body><nav><a href="/">Start</a></nav>
<main><div class="article">` + above + `<h1>Neue Karte zeigt Hochwasserrisiko</h1>
<p>Das Landesamt hat eine neue Karte der Überschwemmungsgebiete veröffentlicht. Sie zeigt für jede Gemeinde, wo ein Hochwasser das Wasser wie hoch steigen lässt.</p>
<p>Die Karte ersetzt die Fassung von 2015 und beruht auf neuen Messungen an 340 Pegeln.</p></div></main></body></html>`
	}
	headlines := func(d umzug.Document) (n int) {
		for _, b := range d.Blocks {
			if b.Type == umzug.BlockHeading && b.Heading.Text == d.Title {
				n++
			}
		}
		return n
	}
	above := `<p class="category">Aktuelle Meldung</p><p class="date">06.12.2022</p><figure><img src="/karte.jpg" alt="Karte" width="800" height="500"></figure>`
	d := parseFile(t, page(above), "https://landesamt.example/meldungen/karte")
	if d.Title != "Neue Karte zeigt Hochwasserrisiko" || headlines(d) != 0 {
		t.Errorf("title %q, %d heading blocks repeat it: %v", d.Title, headlines(d), blockTypes(d))
	}
	if ps := strings.Join(paragraphs(d), "\n"); !strings.Contains(ps, "Aktuelle Meldung") {
		t.Errorf("the category line above the headline was lost:\n%s", ps)
	}
	prose := `<p>Wo das Wasser bei Starkregen hinläuft, wissen viele Gemeinden erst, wenn es zu spät ist. Deshalb hat das Land über drei Jahre an allen Flüssen neu gemessen.</p>`
	d = parseFile(t, page(prose), "https://landesamt.example/meldungen/karte")
	if d.Title != "Neue Karte zeigt Hochwasserrisiko" || headlines(d) != 1 {
		t.Errorf("title %q, %d heading blocks repeat it, want the headline under the prose to stay: %v", d.Title, headlines(d), blockTypes(d))
	}
}

// TestRepeatedHeadingOnce: a subheadline the theme prints over the post
// picture and the editor typed again under it is one heading block; the
// repetition is accounted as a duplicate. The same words as a section's
// headline further down stay.
func TestRepeatedHeadingOnce(t *testing.T) {
	const sub = "Landesbischof: Gemeinden bleiben Ansprechpartner"
	page := `<html><head><title>Gottesdienste im Lockdown › Kirche</title></head><body><main><article>
<h1 class="entry-title">Gottesdienste bleiben unter Auflagen möglich</h1>
<div class="entry-subtitle"><h3>` + sub + `</h3></div>
<figure class="wp-postthumb"><img src="/uploads/gottesdienst.jpg" alt="Gottesdienst mit Maske" width="1400" height="900"></figure>
<h3>` + sub + `</h3>
<p>Auch während des Lockdowns bleiben Gottesdienste möglich, wenn Abstand gehalten und eine Maske getragen wird. Das teilte die Kirchenleitung am Freitag mit.</p>
<p>Die Gemeinden sollen ihre Kirchen für das persönliche Gebet offen halten und für Gespräche erreichbar bleiben.</p>
<h3>` + sub + `</h3>
<p>Der Landesbischof rief dazu auf, gerade in dieser Zeit für die Menschen da zu sein, die allein sind.</p>
</article></main></body></html>`
	d := parseFile(t, page, "https://kirche.example/lockdown-gottesdienste/")
	n := 0
	for _, b := range d.Blocks {
		if b.Type == umzug.BlockHeading && b.Heading.Text == sub {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d heading blocks %q, want 2 (the repetition under the picture goes, the later section stays): %v", n, sub, blockTypes(d))
	}
	dup := false
	for _, x := range d.Provenance.Accounting.Dropped {
		dup = dup || x.Reason == umzug.DropDuplicate && strings.Contains(x.Excerpt, "Landesbischof")
	}
	if !dup {
		t.Errorf("the repeated headline is not accounted as a duplicate: %+v", d.Provenance.Accounting.Dropped)
	}
}

// TestSocialButtonsAreNoEmbeds: a like or share button a social network
// lets a page embed as an iframe, inline or as a TYPO3 html element, is
// page chrome: no html block, no warning to rebuild it. A map beside it,
// and a booking widget in the same element as a like button, stay embeds
// to rebuild.
func TestSocialButtonsAreNoEmbeds(t *testing.T) {
	page := `<html><head><title>Energiepreise | Verbraucherzentrale</title></head><body><main>
<h1>Entlastungen bei den Energiepreisen</h1>
<p>Die Bundesregierung hat drei Entlastungspakete beschlossen. Wir erklären, was Haushalte jetzt beantragen können und welche Fristen gelten.</p>
<div class="social"><iframe src="//www.facebook.com/plugins/like.php?href=https%3A%2F%2Fvz.example%2Fenergie&amp;layout=button_count" style="border:none; width:450px; height:21px"></iframe></div>
<p>Die Soforthilfe für Gas und Wärme wird automatisch mit der Dezemberrechnung verrechnet; ein Antrag ist nicht nötig.</p>
<div id="c812" class="frame frame-default frame-type-html"><iframe src="https://platform.twitter.com/widgets/tweet_button.html?url=https%3A%2F%2Fvz.example%2Fenergie"></iframe></div>
<div id="c813" class="frame frame-default frame-type-html"><iframe src="https://www.openstreetmap.org/export/embed.html?bbox=9.1,48.7,9.2,48.8" width="600" height="400"></iframe></div>
<div id="c814" class="frame frame-default frame-type-html"><iframe src="https://www.facebook.com/plugins/like.php?href=x"></iframe><script src="https://termine.example/widget.js"></script><div id="termine"></div></div>
</main></body></html>`
	d := parseFile(t, page, "https://vz.example/energie/entlastungen")
	maps, widgets := 0, 0
	for _, b := range d.Blocks {
		if b.Type != umzug.BlockHTML {
			continue
		}
		switch {
		case strings.Contains(b.HTML.HTML, "termine.example"):
			widgets++ // the button beside the widget may stay with it
		case strings.Contains(b.HTML.HTML, "facebook.com") || strings.Contains(b.HTML.HTML, "twitter.com"):
			t.Errorf("a social button kept as html: %s", b.HTML.HTML)
		case strings.Contains(b.HTML.HTML, "openstreetmap.org"):
			maps++
		}
	}
	if maps != 1 || widgets != 1 {
		t.Errorf("%d map embeds and %d widgets, want 1 each: %v", maps, widgets, blockTypes(d))
	}
	for _, w := range d.Warnings {
		if strings.Contains(w.Message, "facebook.com") || strings.Contains(w.Message, "twitter.com") {
			t.Errorf("warning for a social button: %s", w.Message)
		}
	}
}

// TestDateLineOverHeadline: a line over the page's headline that is only
// a date dates the page, as a field and not a block. An event's line
// (with its time) stays a block whose time is not lost; a "Stand:" line
// or a date under a label (a change, not the publication), the dates of
// a list of dates, a date in a longer line and a date line under the
// prose give no date.
func TestDateLineOverHeadline(t *testing.T) {
	page := func(over, under string) string {
		return `<html><head><title>Newsroom | Stadtwerke</title></head><body><nav><a href="/">Start</a></nav><main><div class="article">
<div class="topline">` + over + `</div><h1>Bürgerbeteiligung am Windpark startet</h1>
<p>Ab Montag können sich Bürgerinnen und Bürger mit Beträgen ab 500 Euro am neuen Windpark beteiligen. Die Laufzeit beträgt fünf Jahre, der Zins 4,5 Prozent im Jahr.</p>
<p>Die sechs Anlagen erzeugen Strom für rund 20.000 Haushalte.</p>` + under + `</div></main></body></html>`
	}
	for _, c := range []struct {
		over, under, want string
		kept, gone        string // text the blocks hold, and do not hold
	}{
		{over: "06.12.2022", want: "2022-12-06", gone: "06.12.2022"},
		{over: `<span class="topline__text">06.12.2022</span>`, want: "2022-12-06", gone: "06.12.2022"},
		{over: "Dienstag, 6. Dezember 2022, 14:30 Uhr", want: "-", kept: "14:30 Uhr"},
		{over: "Stand: 06.12.2022"},
		{over: "<p>Zuletzt geändert</p><p>20.01.2023</p>"},
		{over: "<p><strong>20.01.2023</strong> im Rathaus</p>", kept: "20.01.2023 im Rathaus"},
		{over: `<h2>Nächste Termine</h2><ul><li><p>12.01.2023</p><a href="/t/1">Neujahrsempfang der Stadtwerke</a></li><li><p>20.01.2023</p><a href="/t/2">Sitzung des Aufsichtsrats</a></li></ul>`, kept: "20.01.2023"},
		{over: "Energie", under: "<p>06.12.2022</p>"},
	} {
		d := parseFile(t, page(c.over, c.under), "https://stadtwerke.example/newsroom/windpark")
		if d.Dates.Published != c.want && c.want != "-" {
			t.Errorf("%q over the headline: published %q, want %q", c.over, d.Dates.Published, c.want)
		}
		var all strings.Builder
		for _, b := range d.Blocks {
			all.WriteString(b.PlainText() + "\n")
		}
		if c.kept != "" && !strings.Contains(all.String(), c.kept) || c.gone != "" && strings.Contains(all.String(), c.gone) {
			t.Errorf("%q over the headline: blocks\n%s\nwant %q kept, %q gone", c.over, all.String(), c.kept, c.gone)
		}
	}
}

// TestVideoFileAsset: a video file of the site (fluid_styled_content's
// figure.video with a <video> of a fileadmin file) is an asset of the
// document; a video platform's iframe is none.
func TestVideoFileAsset(t *testing.T) {
	page := `<html><head><title>Wasser | Amt</title></head><body><main>
<h1>Wasser</h1>
<div id="c21" class="frame frame-default frame-type-textmedia"><div class="ce-textpic ce-center ce-above"><div class="ce-gallery" data-ce-columns="1" data-ce-images="1"><div class="ce-row"><div class="ce-column">
<figure class="video"><div class="video-embed"><video width="640" controls class="video-embed-item"><source src="/fileadmin/videos/grundwasser.mp4" type="video/mp4"></video></div><figcaption class="video-caption">So entsteht Grundwasser</figcaption></figure>
</div></div></div><div class="ce-bodytext"><p>Der Weg des Regens bis ins Grundwasser.</p></div></div></div>
<div id="c22" class="frame frame-default frame-type-textmedia"><div class="ce-textpic ce-center ce-above"><div class="ce-gallery"><div class="ce-row"><div class="ce-column">
<figure class="video"><div class="video-embed"><iframe src="https://www.youtube-nocookie.com/embed/abc?autohide=1" allowfullscreen class="video-embed-item"></iframe></div></figure>
</div></div></div></div></div>
</main></body></html>`
	d := parseFile(t, page, "https://amt.example/themen/wasser/")
	var urls []string
	for _, a := range d.Assets {
		urls = append(urls, a.URL)
	}
	if !slices.Equal(urls, []string{"https://amt.example/fileadmin/videos/grundwasser.mp4"}) {
		t.Errorf("assets = %q; want the video file alone (blocks %v)", urls, blockTypes(d))
	}
}

// TestPanelPictures: the pictures of an accordion item (bootstrap_package's
// accordion-content-medias) and of a tab (a figure in its text) are the
// panel's media, with their captions, and assets of the document; the
// caption is not also a paragraph of the panel's text.
func TestPanelPictures(t *testing.T) {
	page := `<html><head><title>Fischereischein | Amt</title></head><body><main>
<h1>Häufige Fragen zum Fischereischein</h1>
<div id="c55" class="frame frame-default frame-type-accordion"><div class="accordion" id="accordion-55">
<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button" data-bs-toggle="collapse" data-bs-target="#p1">Wie sieht der Schein aus?</button></h2>
<div id="p1" class="accordion-collapse collapse"><div class="accordion-body"><div class="accordion-content-text"><p>Der Fischereischein ist eine Plastikkarte im Scheckkartenformat mit Lichtbild.</p></div>
<div class="accordion-content-medias"><figure class="image"><img src="/fileadmin/schein.jpg" alt="Muster eines Fischereischeins" width="600" height="380"><figcaption>Muster des neuen Scheins</figcaption></figure></div></div></div></div>
<div class="accordion-item"><h2 class="accordion-header"><button class="accordion-button" data-bs-toggle="collapse" data-bs-target="#p2">Was kostet er?</button></h2>
<div id="p2" class="accordion-collapse collapse"><div class="accordion-body"><p>Die Gebühr beträgt 20 Euro für fünf Jahre.</p></div></div></div>
</div></div>
<div id="c56" class="frame frame-default frame-type-tab"><ul class="nav nav-tabs"><li><a href="#t1" role="tab" aria-controls="t1">Angeln</a></li></ul>
<div class="tab-content"><div class="tab-pane" id="t1" role="tabpanel"><p>Angeln dürfen Sie an allen Gewässern mit Erlaubnisschein.</p><figure><img src="/fileadmin/see.jpg" alt="Ein See" width="800" height="500"><figcaption>Der Stausee im Herbst</figcaption></figure></div></div></div>
</main></body></html>`
	d := parseFile(t, page, "https://amt.example/fischerei/faq")
	var panels []umzug.Panel
	for _, b := range d.Blocks {
		switch {
		case b.Accordion != nil:
			panels = append(panels, b.Accordion.Items...)
		case b.Tabs != nil:
			panels = append(panels, b.Tabs.Items...)
		}
	}
	if len(panels) != 3 {
		t.Fatalf("%d panels, want 3: %v", len(panels), blockTypes(d))
	}
	for i, want := range []string{"Muster des neuen Scheins", "", "Der Stausee im Herbst"} {
		p := panels[i]
		switch {
		case want == "" && len(p.Media) != 0:
			t.Errorf("panel %q has media %+v", p.Title, p.Media)
		case want != "" && (len(p.Media) != 1 || p.Media[0].Caption != want):
			t.Errorf("panel %q media %+v, want one picture captioned %q", p.Title, p.Media, want)
		case want != "" && strings.Contains(p.Body.PlainText(), want):
			t.Errorf("panel %q has its caption in its text: %q", p.Title, p.Body.PlainText())
		}
	}
	assets := map[string]bool{}
	for _, a := range d.Assets {
		assets[a.URL] = true
	}
	if !assets["https://amt.example/fileadmin/schein.jpg"] || !assets["https://amt.example/fileadmin/see.jpg"] {
		t.Errorf("the panels' pictures are not assets: %+v", d.Assets)
	}
}

// TestSiteLogoIsNoTitle: a blog or small site that sets its name as the
// page's only h1, a link to its start page (the logo), names the site, not
// the page: the title is the article's headline. A headline that is no
// link stays the title, also when the <title> repeats it after another
// part.
func TestSiteLogoIsNoTitle(t *testing.T) {
	page := func(h1 string) string {
		return `<html><head><title>Altbausanierung | Architekturbüro Beispiel</title></head><body>
<header><div class="logo"><h1>` + h1 + `</h1></div></header>
<div id="content"><div class="entry"><h2>Altbausanierung</h2><p>Wir sanieren Wohnhäuser, Scheunen und Werkstätten, von der ersten Bestandsaufnahme bis zur Bauleitung.</p>
<p>Unsere Architektinnen beraten auch zu Fördermitteln und zum Denkmalschutz alter Gebäude.</p></div></div></body></html>`
	}
	for _, h1 := range []string{`<a href="https://ab-beispiel.example/" title="Home">Architekturbüro Beispiel</a>`, `<a href="/index.php">Architekturbüro Beispiel</a>`} {
		d := parseFile(t, page(h1), "https://ab-beispiel.example/leistungen/altbausanierung.html")
		if d.Title != "Altbausanierung" {
			t.Errorf("logo %s: title %q, want the page's headline", h1, d.Title)
		}
	}
	d := parseFile(t, `<html><head><title>Neue Funktionen - Update: Wetter im Tourenplaner</title></head><body>
<header><h1 class="page-headline">Update: Wetter im Tourenplaner</h1></header><main><p>Der Tourenplaner zeigt ab sofort das Wetter entlang der Strecke an, vom Start bis zum Ziel jeder Etappe.</p>
<p>Die Vorhersage hilft bei der Wahl des Tages für lange Touren im Gebirge.</p></main></body></html>`, "https://magazin.example/news/update-tourenplaner")
	if d.Title != "Update: Wetter im Tourenplaner" {
		t.Errorf("a headline that is no link: title %q", d.Title)
	}
}

// TestMainLandmarkInPageWrapper: a page wrapped in one element (an
// off-canvas menu's page wrapper) whose header holds a service bar with
// hidden panels of prose: the page's one <main> is the content, and the
// service bar's links, panels and skip link are not.
func TestMainLandmarkInPageWrapper(t *testing.T) {
	panel := strings.Repeat("Kostenlos, anonym und sicher beraten wir Sie online zu allen Fragen rund um Familie, Pflege, Schulden und Sucht. ", 6)
	para := strings.Repeat("Die Delegiertenversammlung hat am Mittwoch eine neue Präsidentin des Verbandes gewählt, die das Amt im November übernimmt. ", 3)
	d := parseFile(t, `<html><head><title>Neue Präsidentin gewählt</title></head><body><div id="page-wrapper">
<a class="skip-to-content" href="#main">Springe zum Hauptinhalt</a>
<div class="quicklinks"><a href="/beratung">Online-Beratung</a><div class="quicklinks-body"><div id="pane-a" class="tab-pane"><a href="/adressen">Adressen</a> <a href="/jobs">Jobs</a> <a href="/en">English</a></div>
<div id="pane-b" class="tab-pane"><p>`+panel+`</p><a href="/beratung">Zur Beratung</a></div></div></div>
<main id="main" class="grid"><div class="col"><ul class="breadcrumb"><li><a href="/">Start</a></li><li><a href="/presse">Presse</a></li></ul>
<h1>Neue Präsidentin gewählt</h1><p>`+para+`</p><p>`+para+`</p><p>`+para+`</p></div>
<aside class="col-side"><h3>Presseteam</h3><p>Anna Beispiel, Pressesprecherin, Telefon 030 1234-5</p></aside></main>
<footer><a href="/impressum">Impressum</a></footer></div></body></html>`, "https://verband.example/presse/neue-praesidentin")
	var all strings.Builder
	for _, b := range d.Blocks {
		all.WriteString(b.PlainText() + "\n")
	}
	for _, chrome := range []string{"Springe zum Hauptinhalt", "Online-Beratung", "Kostenlos, anonym", "English"} {
		if strings.Contains(all.String(), chrome) {
			t.Errorf("the header's %q is kept:\n%s", chrome, all.String())
		}
	}
	if !strings.Contains(all.String(), "Delegiertenversammlung") {
		t.Errorf("the text is lost:\n%s", all.String())
	}
}

// TestReadSpeakerSkipIsContent: ReadSpeaker's rs_skip class, which many
// ministries' sites put on captions and credits so that the read-aloud
// button skips them, marks no skip link: the caption and the credit stay.
func TestReadSpeakerSkipIsContent(t *testing.T) {
	d := parseFile(t, `<html><head><title>Kabinett</title></head><body><main><div class="article"><h1>Kabinett legt Schwerpunkte fest</h1>
<p>Das Kabinett hat den Arbeitsplan für den Vorsitz beschlossen und fünf Schwerpunkte benannt.</p>
<figure class="img-box-big"><img src="/resource/image/1/kabinett.jpg" alt="Blick in den Kabinettssaal" width="870" height="580"><figcaption class="image-caption rs_skip">Das Kabinett bei seiner Klausurtagung<span class="photo-credit">© Bundesregierung/Beispiel</span></figcaption></figure>
<p>Am 1. Januar hat das Land den Vorsitz übernommen und kann nun eigene Themen auf die Tagesordnung setzen.</p></div></main></body></html>`, "https://ministerium.example/aktuelles/kabinett")
	found := false
	for _, b := range d.Blocks {
		if b.Image != nil && strings.Contains(b.Image.Caption, "Klausurtagung") && strings.Contains(b.Image.Credit, "Bundesregierung") {
			found = true
		}
	}
	if !found {
		t.Errorf("the caption or credit in rs_skip is lost: %+v", d.Blocks)
	}
}

// TestMainOfHeadOnly: a <main> that holds only the headline and the intro,
// the article's body following it in the same wrapper, does not cut the
// body off: much prose after <main> keeps the wrapper the content.
func TestMainOfHeadOnly(t *testing.T) {
	intro := strings.Repeat("Die Landesregierung hat heute beschlossen, die Förderung für kommunale Klimaschutzprojekte deutlich auszuweiten. ", 2)
	d := parseFile(t, `<html lang="de"><head><title>Klimaschutz</title></head><body>
<header><nav><ul><li><a href="/a">Start</a></li><li><a href="/b">Themen</a></li></ul></nav></header>
<div id="page"><main><h1>Klimaschutz vor Ort</h1><p class="intro">`+intro+`</p></main>
<div class="content"><p>Gefördert werden Wärmenetze, Photovoltaik auf kommunalen Dächern und die Sanierung von Schulen und Kindergärten.</p>
<p>Zweiter Absatz: Anträge können die Gemeinden ab März beim Landesverwaltungsamt stellen, das auch berät.</p></div></div>
<footer><p>Impressum</p></footer></body></html>`, "https://land.example/themen/klimaschutz")
	var all strings.Builder
	for _, b := range d.Blocks {
		all.WriteString(b.PlainText() + "\n")
	}
	if !strings.Contains(all.String(), "Wärmenetze") || !strings.Contains(all.String(), "Zweiter Absatz") {
		t.Errorf("the body after <main> is lost:\n%s", all.String())
	}
}
