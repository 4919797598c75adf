package html_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/umzug/umzug"
	"github.com/umzug/umzug/extract/html"
)

// gsbPage is a page in the markup of the Government Site Builder: every
// page declares its canonical URL, and links carry the navigation
// context "?nn=…".
func gsbCanonicalPage(canonical string) string {
	link := ""
	if canonical != "" {
		link = `<link rel="canonical" href="` + canonical + `"/>`
	}
	return `<!DOCTYPE html><html lang="de"><head><title>Wald</title><meta name="generator" content="Government Site Builder"/>` + link + `</head>
<body><div id="navPrimary"><ul><li><a href="/DE/Themen/themen_node.html?nn=104712">Themen</a></li></ul></div>
<main id="content"><h1 class="isFirstInSlot">Wald</h1><p>Ein Drittel der Landesfläche ist bewaldet. Die Hälfte davon gehört Kommunen und privaten Waldbesitzenden.</p></main></body></html>`
}

// The canonical URL a page declares is recorded, resolved and
// canonicalized, also when it is the page's own: its variants name it,
// and the export keeps one document per canonical URL and content.
func TestDeclaredCanonicalURL(t *testing.T) {
	const site = "https://www.wald.land.example"
	for _, c := range []struct{ pageURL, canonical, want string }{
		{site + "/DE/Themen/Wald/wald_node.html?nn=104712", site + "/DE/Themen/Wald/wald_node.html", site + "/DE/Themen/Wald/wald_node.html"},
		{site + "/DE/Themen/Wald/wald_node.html", site + "/DE/Themen/Wald/wald_node.html", site + "/DE/Themen/Wald/wald_node.html"},
		{site + "/DE/Themen/Wald/wald_node.html?nn=1", "/DE/Themen/Wald/wald_node.html#top", site + "/DE/Themen/Wald/wald_node.html"},
		{site + "/DE/Themen/Wald/wald_node.html?nn=1", "HTTPS://WWW.WALD.LAND.EXAMPLE:443/DE/Themen/Wald/wald_node.html?utm_source=x", site + "/DE/Themen/Wald/wald_node.html"},
		{site + "/DE/Themen/Wald/wald_node.html", "", ""},
		{site + "/DE/Themen/Wald/wald_node.html", "javascript:void(0)", ""},
	} {
		d, err := html.ParseHTML(strings.NewReader(gsbCanonicalPage(c.canonical)), c.pageURL)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Provenance.CanonicalURL; got != c.want {
			t.Errorf("%s with canonical %q: canonicalUrl = %q; want %q", c.pageURL, c.canonical, got, c.want)
		}
	}
}

// searchPage is a search page in GSB's markup: the site's search box in
// the header (empty, on every page), and on the search page its own
// form with the term and the results.
func searchPage(term string) string {
	value := ""
	if term != "" {
		value = ` value="` + term + `"`
	}
	return `<!DOCTYPE html><html lang="de"><head><title>Suche</title><base href="https://www.wald.land.example/"/></head><body>
<div id="search"><form action="/SiteGlobals/Forms/Suche/Suche_Formular.html" method="get"><input type="hidden" name="nn" value="104712"/><input id="sq" name="templateQueryString" placeholder="Suchbegriff eingeben"/><input type="submit" value="Suchen"/></form></div>
<main id="content"><h1 class="isFirstInSlot">Suche</h1>
<form action="/SiteGlobals/Forms/Suche/Suche_Formular.html" method="get"><input name="templateQueryString"` + value + `/><input type="submit" value="Suchen"/></form>
<p>2 Treffer</p><div class="teaser"><h3><a href="/DE/Themen/Wasser/wasser_node.html">Wasser</a></h3><p>Seit 2002 hat das Land mehr als 900 Millionen Euro in Deiche investiert.</p></div>
<div class="teaser"><h3><a href="/DE/Presse/pm-07.html">Neue Hochwasserkarten</a></h3><p>Die Karten zeigen Überflutungsflächen für 43 Gewässer.</p></div></main></body></html>`
}

// A page whose own search form holds the term its URL asked for is
// search results: not content. The same form empty, a term in the form
// but not in the URL (a value may be a placeholder), or the header's
// search box of any other page, makes no search results page.
func TestSearchResultsPageIsNotContent(t *testing.T) {
	const u = "https://www.wald.land.example/SiteGlobals/Forms/Suche/Suche_Formular.html?nn=104712"
	_, err := html.ParseHTML(strings.NewReader(searchPage("Hochwasser")), u+"&templateQueryString=Hochwasser")
	var nc *umzug.NotContentError
	if !errors.As(err, &nc) || nc.Reason != html.ViewSearch {
		t.Errorf("search page with a term: err = %v; want not content, %q", err, html.ViewSearch)
	}
	if _, err := html.ParseHTML(strings.NewReader(searchPage("")), u); err != nil {
		t.Errorf("search page without a term: %v; want a document", err)
	}
	// The header's search box of an old site: no action (it submits to
	// the page it is on) and its hint as the value.
	header := `<!DOCTYPE html><html lang="de"><head><title>Wald</title></head><body><div id="kopf"><form method="get"><input name="searchterm" value="Suchbegriff eingeben" onfocus="this.value=''"/></form></div>
<main><h1>Waldumbau</h1><p>Das Land baut seit 2010 Nadelwälder in Mischwälder um: 4.000 Hektar im Jahr.</p></main></body></html>`
	if _, err := html.ParseHTML(strings.NewReader(header), "https://www.wald.land.example/themen/wald/"); err != nil {
		t.Errorf("page with a search box whose value is a hint: %v; want a document", err)
	}
	// Another page with the header's search box, a term filled in: it
	// submits to the search page, not to itself.
	other := strings.Replace(searchPage(""), `placeholder="Suchbegriff eingeben"`, `value="Suchbegriff eingeben"`, 1)
	if _, err := html.ParseHTML(strings.NewReader(other), "https://www.wald.land.example/DE/Themen/Wald/wald_node.html"); err != nil {
		t.Errorf("page with a filled header search box: %v; want a document", err)
	}
}
