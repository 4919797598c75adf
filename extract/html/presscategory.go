package html

import (
	"regexp"

	"golang.org/x/net/html"
)

// pressCategory matches a category term that files a post under the
// site's press releases ("Pressemitteilungen", "Presseinformation",
// "Medienmitteilungen"); not a bare "Presse", which is as often the
// press's coverage of the site's owner ("Wir in der Presse").
var pressCategory = regexp.MustCompile(`(?i)^(?:presse|medien)(?:mitteilung|meldung|information)(?:en)?$`)

// inPressCategory reports a page whose own category list (a post's
// "in Pressemitteilungen", WordPress' post terms or a news record's
// category line, as readTaxonomy reads it) files it under the site's press
// releases: the page is one, as with a breadcrumb through the press
// section.
func (p *page) inPressCategory() bool {
	lists := 0
	found := false
	consider := func(n *html.Node) {
		ts := taxonomyTerms(n)
		if len(ts) == 0 || len(ts) > maxTerms {
			return
		}
		lists++
		for _, t := range ts {
			if t.category && pressCategory.MatchString(t.text) {
				found = true
			}
		}
	}
	p.eachDroppedTaxonomy(consider)
	// More lists than an article's category and tag lines (twice) are
	// the lines of a list page's items, each about another page.
	return found && lists <= 4
}
