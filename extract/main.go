package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mainContent finds the main content of a page and returns the nodes that
// hold it, in document order. TYPO3's search-index markers
// (<!--TYPO3SEARCH_begin--> … <!--TYPO3SEARCH_end-->) win: they are where
// the site's editors' content is, by the site's own declaration. Then come
// <main>, role=main and the usual content wrappers; the body is the last
// resort.
func mainContent(doc *goquery.Document) []*html.Node {
	if r := searchMarkerRegions(doc.Nodes[0]); len(r) > 0 {
		return r
	}
	for _, sel := range []string{"main", "[role=main]", "#content", "#main-content", "#maincontent",
		".main-content", "#main", ".content-main", "article"} {
		if s := doc.Find(sel); s.Length() > 0 {
			n := s.First().Nodes[0]
			if strings.TrimSpace(textOf(n)) != "" {
				return []*html.Node{n}
			}
		}
	}
	if b := doc.Find("body"); b.Length() > 0 {
		return []*html.Node{b.Nodes[0]}
	}
	return nil
}

// searchMarkerRegions returns the topmost nodes between each
// TYPO3SEARCH_begin and the next TYPO3SEARCH_end comment, wrapped in a
// synthetic <div> per region so callers can walk them like a container.
func searchMarkerRegions(root *html.Node) []*html.Node {
	var regions []*html.Node
	var begin *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.CommentNode {
				t := strings.TrimSpace(c.Data)
				switch {
				case strings.HasPrefix(t, "TYPO3SEARCH_begin"):
					begin = c
				case strings.HasPrefix(t, "TYPO3SEARCH_end") && begin != nil:
					if r := between(begin, c); r != nil {
						regions = append(regions, r)
					}
					begin = nil
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return regions
}

// between moves the nodes strictly between begin and end (in document
// order) into a new detached <div> and returns it. When begin and end are
// not siblings, the region is cut at their nearest common ancestor.
func between(begin, end *html.Node) *html.Node {
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	// Climb from begin until reaching a sibling chain that contains end's
	// ancestor.
	endAnc := map[*html.Node]bool{}
	for n := end; n != nil; n = n.Parent {
		endAnc[n] = true
	}
	start := begin
	for start.Parent != nil && !endAnc[start.Parent] {
		start = start.Parent
	}
	var stop *html.Node // the sibling of start that contains end (or is end)
	for n := end; n != nil; n = n.Parent {
		if n.Parent == start.Parent {
			stop = n
			break
		}
	}
	if stop == nil {
		return nil
	}
	var take []*html.Node
	for n := start.NextSibling; n != nil && n != stop; n = n.NextSibling {
		take = append(take, n)
	}
	if start != begin {
		// begin sits inside start: keep what follows begin within start.
		take = append(followingIn(begin, start), take...)
	}
	if stop != end {
		take = append(take, precedingIn(end, stop)...)
	}
	for _, n := range take {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
		div.AppendChild(n)
	}
	if div.FirstChild == nil {
		return nil
	}
	return div
}

// followingIn returns the nodes after n up to the end of top, topmost first.
func followingIn(n, top *html.Node) []*html.Node {
	var out []*html.Node
	for ; n != top; n = n.Parent {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			out = append(out, s)
		}
	}
	return out
}

// precedingIn returns the nodes before n from the start of top.
func precedingIn(n, top *html.Node) []*html.Node {
	var levels [][]*html.Node
	for ; n != top; n = n.Parent {
		var lvl []*html.Node
		for s := n.Parent.FirstChild; s != nil && s != n; s = s.NextSibling {
			lvl = append(lvl, s)
		}
		levels = append(levels, lvl)
	}
	var out []*html.Node
	for i := len(levels) - 1; i >= 0; i-- {
		out = append(out, levels[i]...)
	}
	return out
}

var chromeClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:breadcrumbs?|skip-?links?|cookie[a-z-]*|consent|social[a-z-]*|share[a-z-]*|sharing|print-?link|to-?top|linkToTop|pagination-sr|sr-only|visually-hidden|news-backlink-wrap)(?:$|[\s_-])`)

// removeChrome deletes page chrome that sits inside the main content:
// navigation, breadcrumbs, search forms, page header and footer, cookie
// banners, skip links and social/share bars.
func removeChrome(root *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isChrome(c) {
				drop = append(drop, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

func isChrome(n *html.Node) bool {
	role := strings.ToLower(attr(n, "role"))
	switch role {
	case "navigation", "search", "banner", "contentinfo":
		return true
	}
	switch n.DataAtom {
	case atom.Nav, atom.Script, atom.Style, atom.Noscript, atom.Template:
		return true
	case atom.Footer:
		// A page footer, not the footer of an article or quote.
		return !insideContentElement(n)
	case atom.Header:
		// Content elements have <header> for their headline; a header that
		// carries navigation or a search form is the page's.
		return hasDescendant(n, func(d *html.Node) bool {
			return d.DataAtom == atom.Nav || d.DataAtom == atom.Form || strings.EqualFold(attr(d, "role"), "search")
		})
	case atom.Form:
		a := strings.ToLower(attr(n, "action") + " " + attr(n, "class") + " " + attr(n, "id"))
		return strings.Contains(a, "search") || strings.Contains(a, "suche")
	}
	return chromeClass.MatchString(attr(n, "class")) || chromeClass.MatchString(attr(n, "id"))
}

func insideContentElement(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (isContentElement(p) || p.DataAtom == atom.Article || p.DataAtom == atom.Blockquote || p.DataAtom == atom.Figure) {
			return true
		}
	}
	return false
}

func hasDescendant(n *html.Node, pred func(*html.Node) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (pred(c) || hasDescendant(c, pred)) {
			return true
		}
	}
	return false
}
