package html_test

import (
	"strings"
	"testing"

	"github.com/umzug/umzug/extract/html"
)

// gsbPage is a page in the markup of the Government Site Builder: every
// page declares its canonical URL, and links carry the navigation
// context "?nn=…".
func gsbPage(canonical string) string {
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
		d, err := html.ParseHTML(strings.NewReader(gsbPage(c.canonical)), c.pageURL)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Provenance.CanonicalURL; got != c.want {
			t.Errorf("%s with canonical %q: canonicalUrl = %q; want %q", c.pageURL, c.canonical, got, c.want)
		}
	}
}
