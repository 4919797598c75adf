package html_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/umzug/umzug/extract/html"
)

// TestTaxonomy: the tag and category lists of a page's content become
// its categories and tags, in the shapes the templates print them; lists
// about other pages do not.
func TestTaxonomy(t *testing.T) {
	cases := []struct {
		name             string
		page             string
		categories, tags []string
	}{
		{
			// georgringer/news, Partials/Category/Items.html (a category
			// with a shortcut page is a link, others are text) and
			// Partials/List/Item.html's tags (one title per line).
			name: "a news record's category and tag lines",
			page: articleWith(`<p class="news-meta"><span class="news-list-category">
	
			Verkehr &amp; Mobilität
		
	
			<a href="/themen/radverkehr/">
				Radverkehr
			</a>
		
</span>
<!-- Tags -->
<span class="news-list-tags" itemprop="keywords">
	
		Baustellen
	
		Innenstadt Nord
	
</span></p>`),
			categories: []string{"Verkehr & Mobilität", "Radverkehr"},
			tags:       []string{"Baustellen", "Innenstadt Nord"},
		},
		{
			// a blog theme's entry footer: rel="category tag" and rel="tag"
			name: "category and tag links of a post",
			page: articleWith(`<div class="entry-meta"><span class="cat-links">Veröffentlicht in <a href="/category/verkehr/" rel="category tag">Verkehr</a></span>
<span class="tags-links">Schlagwörter: <a href="/tag/radweg/" rel="tag">Radweg</a>, <a href="/tag/bauarbeiten/" rel="tag">Bauarbeiten</a></span></div>`),
			categories: []string{"Verkehr"},
			tags:       []string{"Radweg", "Bauarbeiten"},
		},
		{
			name: "a labelled list without links, and the page's meta elements",
			page: strings.Replace(articleWith(`<div class="keywords">Schlagworte: Radverkehr, Baustellen; Umleitung</div>`), `<title>`,
				`<meta property="article:section" content="Verkehr"><meta property="article:tag" content="Radverkehr"><meta property="article:tag" content="Stadtplanung"><title>`, 1),
			categories: []string{"Verkehr"},
			tags:       []string{"Radverkehr", "Baustellen", "Umleitung", "Stadtplanung"},
		},
		{
			name: "the tag lines of a list's items are the items' own",
			page: `<html><head><title>Meldungen | Stadt</title></head><body><main><h1>Meldungen</h1>` +
				strings.Repeat(`<div class="item"><h2><a href="/m">Neue Radwege in der Innenstadt</a></h2><p>Die Stadt baut in diesem Jahr vier neue Radwege zwischen dem Bahnhof und der Universität.</p><div class="tags"><a href="/tag/radweg/">Radweg</a> <a href="/tag/bau/">Bau</a></div></div>`, 5) +
				`</main></body></html>`,
		},
		{
			name: "a site's tag cloud outside the main content is not the page's",
			page: strings.Replace(articleWith(``), `<footer>`, `<aside><div class="tagcloud"><a href="/tag/a/">Abfall</a> <a href="/tag/b/">Bäder</a></div></aside><footer>`, 1),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ex, err := html.NewParser().Explain(strings.NewReader(c.page), "https://stadt.example/radwege")
			if err != nil {
				t.Fatal(err)
			}
			d := ex.Document
			if !slices.Equal(d.Categories, c.categories) || !slices.Equal(d.Tags, c.tags) {
				t.Errorf("categories %q, tags %q; want %q, %q", d.Categories, d.Tags, c.categories, c.tags)
			}
			if len(c.tags)+len(c.categories) == 0 {
				return
			}
			// The lists are fields in the accounting, not dropped text.
			fields := 0
			for _, r := range ex.Runs {
				if r.Category == html.Field && r.Reason == "taxonomy" {
					fields++
				}
			}
			if fields == 0 {
				t.Errorf("no text accounted as field taxonomy: %+v", ex.Runs)
			}
		})
	}
}
