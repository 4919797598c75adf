package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/audit"
	extracthtml "github.com/umzug/umzug/extract/html"
	"github.com/umzug/umzug/internal/testkit"
	"github.com/umzug/umzug/transform"
)

// A page's links to print views (GSB's "?view=renderPrint", TYPO3's
// "?type=98" and simulateStaticDocuments' "forst.12.98.html", "?print=1"), nofollow or not, are the print URL and its
// page's URL; other links and other hosts are none.
func TestPageLinksPrintViews(t *testing.T) {
	const page = "https://www.wald.land.example/DE/Themen/Wald/wald_node.html?nn=104712"
	body := `<html><body>
<a href="/DE/Themen/Wald/wald_node.html?view=renderPrint&amp;nn=104712" rel="nofollow">Druckversion</a>
<a href="/themen/wald/?type=98">Drucken</a>
<a href="/themen/boden/?print=1#top">Drucken</a>
<a href="forst.12.98.html" target="_blank">Druckversion</a>
<a href="/DE/Themen/Boden/boden_node.html?nn=104712">Boden</a>
<a href="https://www.anderes.example/seite.html?view=renderPrint">fremd</a>
<a href="/SharedDocs/Downloads/DE/bericht.pdf?__blob=publicationFile&amp;v=3">Bericht</a>
</body></html>`
	root, err := html.Parse(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	files, prints := pageLinks(root, page)
	want := [][2]string{
		{"https://www.wald.land.example/DE/Themen/Wald/wald_node.html?nn=104712&view=renderPrint", "https://www.wald.land.example/DE/Themen/Wald/wald_node.html?nn=104712"},
		{"https://www.wald.land.example/themen/wald/?type=98", "https://www.wald.land.example/themen/wald/"},
		{"https://www.wald.land.example/themen/boden/?print=1", "https://www.wald.land.example/themen/boden/"},
		// TYPO3 4.x's simulateStaticDocuments: type 98 in the path
		{"https://www.wald.land.example/DE/Themen/Wald/forst.12.98.html", "https://www.wald.land.example/DE/Themen/Wald/forst.12.0.html"},
	}
	if !slices.Equal(prints, want) {
		t.Errorf("print views = %q; want %q", prints, want)
	}
	if len(files) != 1 {
		t.Errorf("files = %q; want the PDF", files)
	}
}

// A page with <base href> (TYPO3 up to 6.2 writes config.baseURL, and its
// links are relative to it) has its file and print links resolved against
// the base, as the browser, the crawl and extraction resolve them, not
// against the page's directory: else every file linked from a page below
// the root became an asset at an address the old site never had (an asset
// record, a redirect and, with --assets, a 404 "missing file").
func TestPageLinksBaseHref(t *testing.T) {
	const page = "http://www.umwelt.land.example/themen/wald/waldzustand.html"
	body := `<!DOCTYPE html><html><head><base href="http://www.umwelt.land.example/"><title>Waldzustand</title></head><body>
<table class="csc-uploads csc-uploads-1"><tr class="tr-odd tr-first"><td class="csc-uploads-icon"><a href="fileadmin/user_upload/wald/Bericht_2016.pdf"><img src="typo3/gfx/fileicons/pdf.gif" alt=""></a></td>
<td class="csc-uploads-fileName"><p><a href="fileadmin/user_upload/wald/Bericht_2016.pdf">Bericht_2016.pdf</a></p></td><td class="csc-uploads-fileSize">3.4 M</td></tr></table>
<a href="index.php?id=21&amp;type=98" target="_blank">Druckversion</a>
</body></html>`
	root, err := html.Parse(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	files, prints := pageLinks(root, page)
	if want := []string{"http://www.umwelt.land.example/fileadmin/user_upload/wald/Bericht_2016.pdf"}; !slices.Equal(files, want) {
		t.Errorf("files = %q; want %q", files, want)
	}
	want := [][2]string{{"http://www.umwelt.land.example/index.php?id=21&type=98", "http://www.umwelt.land.example/index.php?id=21"}}
	if !slices.Equal(prints, want) {
		t.Errorf("print views = %q; want %q", prints, want)
	}

	// A script base is no base: the links resolve against the page.
	body = strings.Replace(body, `href="http://www.umwelt.land.example/"`, `href="javascript:void(0)/"`, 1)
	if root, err = html.Parse(bytes.NewReader([]byte(body))); err != nil {
		t.Fatal(err)
	}
	files, _ = pageLinks(root, page)
	if want := []string{"http://www.umwelt.land.example/themen/wald/fileadmin/user_upload/wald/Bericht_2016.pdf"}; !slices.Equal(files, want) {
		t.Errorf("with a script base, files = %q; want %q", files, want)
	}
}

// A page linked with its query's parameters in another order than its
// canonical URL's (TYPO3 writes cHash last) is linked as written: that URL
// is an alias of the page, so the redirect map, which matches requests
// exactly, answers it. A link in canonical order, one that differs by more
// than the order (a tracking parameter) and one to another host are none.
func TestPageLinksQueryOrderVariants(t *testing.T) {
	const page = "https://www.umwelt.land.example/presse/"
	body := `<html><body>
<a href="/presse/pressemitteilungen/?tx_news_pi1%5BcurrentPage%5D=2&amp;cHash=a1b2c3#top">2</a>
<a href="/presse/pressemitteilungen/?cHash=a1b2c4&amp;tx_news_pi1%5BcurrentPage%5D=3">3</a>
<a href="/index.php?id=35&amp;utm_source=newsletter">Start</a>
<a href="https://www.anderes.example/liste/?page=2&amp;cHash=ff">fremd</a>
</body></html>`
	root, err := html.Parse(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	_, aliases := pageLinks(root, page)
	want := [][2]string{{
		"https://www.umwelt.land.example/presse/pressemitteilungen/?tx_news_pi1%5BcurrentPage%5D=2&cHash=a1b2c3",
		"https://www.umwelt.land.example/presse/pressemitteilungen/?cHash=a1b2c3&tx_news_pi1%5BcurrentPage%5D=2",
	}}
	if !slices.Equal(aliases, want) {
		t.Errorf("aliases = %q; want %q", aliases, want)
	}
}

// A print view linked on the site is an alias of its page's document:
// redirected to its path, in its aliasUrls; one of a page that is not
// exported is none.
func TestExportPrintViewIsAlias(t *testing.T) {
	const site = "https://www.wald.land.example"
	pipe := newTestExport(t, transform.Options{SiteRoot: site + "/"})
	d := umzug.Document{Kind: umzug.KindPage, URL: site + "/DE/Themen/Wald/wald_node.html?nn=104712", Title: "Wald",
		Blocks:     []umzug.Block{{Key: "c1", Type: umzug.BlockHeading, Heading: &umzug.Heading{Text: "Wald", Level: 2}}},
		Provenance: umzug.Provenance{SourceURL: site + "/DE/Themen/Wald/wald_node.html?nn=104712", Extractor: "gsb"}}
	if err := pipe.Add(d); err != nil {
		t.Fatal(err)
	}
	printURL := site + "/DE/Themen/Wald/wald_node.html?nn=104712&view=renderPrint"
	pipe.AddPrintViews([][2]string{{printURL, d.URL}, {site + "/DE/Luft/luft_node.html?view=renderPrint", site + "/DE/Luft/luft_node.html"}})
	dir := t.TempDir()
	finishTestExport(t, pipe, dir, site)
	csv, _ := os.ReadFile(filepath.Join(dir, "redirects.csv"))
	if !bytes.Contains(csv, []byte(printURL+",")) {
		t.Errorf("redirects.csv lacks the print view:\n%s", csv)
	}
	if bytes.Contains(csv, []byte("luft_node")) || bytes.Contains(csv, []byte("type=98")) {
		t.Errorf("redirects.csv maps a print view of no document, or a TYPO3 print view:\n%s", csv)
	}
	docs := testkit.ReadNDJSON[umzug.Document](t, filepath.Join(dir, "documents.ndjson"))
	if len(docs) != 1 || !slices.Contains(docs[0].Provenance.AliasURLs, printURL) {
		t.Errorf("documents = %+v; want the page with its print view as alias", docs)
	}
}

// extractorParser extracts every page as a document of the named extractor.
type extractorParser string

func (x extractorParser) ParseSnapshot(s *umzug.Snapshot, _ *html.Node) (umzug.Document, error) {
	return umzug.Document{URL: s.URL, Kind: umzug.KindPage, Title: "Wald", Provenance: umzug.Provenance{SourceURL: s.URL, Extractor: string(x)}}, nil
}

// A linked "?type=98" is a print view only on a TYPO3 page; on another
// CMS the parameter is its own (a filter) and maps to no page. Other print
// views hold on every CMS.
func TestTYPO3PrintViewOnlyOnTYPO3(t *testing.T) {
	const page = "https://www.wald.land.example/themen/wald/"
	body := []byte(`<html><body><a href="/themen/wald/?type=98">Drucken</a> <a href="/themen/boden/?print=1">Drucken</a></body></html>`)
	for _, c := range []struct {
		extractor string
		want      int
	}{{"typo3", 2}, {"generic", 1}, {"wordpress", 1}} {
		w := &Work{Parser: extractorParser(c.extractor)}
		p := &Page{Snapshot: &umzug.Snapshot{URL: page, FinalURL: page, Status: 200, ContentType: "text/html", Body: body}}
		w.extract(p, nil)
		if len(p.printLinks) != c.want {
			t.Errorf("%s: print views %q; want %d", c.extractor, p.printLinks, c.want)
		}
		for _, l := range p.printLinks {
			if c.extractor != "typo3" && typo3Print(l[0]) {
				t.Errorf("%s: %q mapped as a print view", c.extractor, l[0])
			}
		}
	}
}

// notContentParser leaves every page out as not content, for the reason.
type notContentParser string

func (r notContentParser) ParseSnapshot(s *umzug.Snapshot, _ *html.Node) (umzug.Document, error) {
	return umzug.Document{}, &umzug.NotContentError{URL: s.FinalURL, Reason: string(r)}
}

// TYPO3's click-enlarge window (index.php?eID=tx_cms_showpic) is TYPO3's
// own markup around a picture: its "Bild" title and the alt-less picture
// in the link that closes the window are no editor's defects, and every
// click-enlarge picture of an old site has one; its status still counts
// for the links to it. A search results page, another view left out of
// the export, is audited as ever.
func TestPicturePopupNotAudited(t *testing.T) {
	const popup = "https://www.wald.land.example/index.php?eID=tx_cms_showpic&file=uploads%2Fpics%2Fdeich.jpg&md5=3f2a9c81d0"
	body := []byte(`<html><head><title>Bild</title></head><body bgColor="#ffffff" style="margin:0;"><a href="javascript:close();"> <img src="uploads/pics/deich.jpg" width="800" height="533" border="0" alt="" title="" /> </a></body></html>`)
	for _, c := range []struct {
		reason string
		want   bool // findings
	}{{extracthtml.ViewPicture, false}, {extracthtml.ViewSearch, true}} {
		aud, err := audit.New(audit.Options{Hosts: []string{"www.wald.land.example"}})
		if err != nil {
			t.Fatal(err)
		}
		w := &Work{Parser: notContentParser(c.reason), Audit: aud}
		p := w.work(&umzug.Snapshot{URL: popup, FinalURL: popup, Status: 200, ContentType: "text/html", Body: body}, nil)
		w.record(p)
		if got := len(p.Findings) > 0; got != c.want {
			t.Errorf("%s: findings %+v; want some: %v", c.reason, p.Findings, c.want)
		}
		if aud.Pages() != 1 {
			t.Errorf("%s: %d pages audited; want the popup's status recorded", c.reason, aud.Pages())
		}
	}
}

// A page's links to its feed and sitemap (".xml", which the crawl never
// fetches) are none of its files: they would become assets of their own
// (chromeFiles) that no crawl carries. A CSV download is one.
func TestPageLinksNoFeeds(t *testing.T) {
	root, err := html.Parse(bytes.NewReader([]byte(`<html><body><main><a href="/daten/haushalt.csv">Haushalt (CSV)</a></main>
<footer><a href="/sitemap.xml">Sitemap</a> <a href="/aktuelles/feed.xml">RSS</a></footer></body></html>`)))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := pageLinks(root, "https://www.stadt.example/haushalt/")
	if want := []string{"https://www.stadt.example/daten/haushalt.csv"}; !slices.Equal(files, want) {
		t.Errorf("files = %q; want %q", files, want)
	}
}
