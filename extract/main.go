package extract

import (
	"regexp"
	"strings"
	"sync"

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
		return majorRegions(r)
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
		if n := densestBlock(b.Nodes[0]); n != nil {
			return []*html.Node{n}
		}
		return []*html.Node{b.Nodes[0]}
	}
	return nil
}

// densestBlock finds the main content of a page without landmarks by
// text density, as readability-style extractors do: every paragraph of
// prose (25+ characters, mostly not link text) scores for its parent and,
// less, for its grandparent and great-grandparent; the container with the
// best score, discounted by its own link density, wins. It returns nil
// when no paragraph qualifies.
func densestBlock(body *html.Node) *html.Node {
	scores := map[*html.Node]float64{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipElement(c) || isChrome(c) {
				continue
			}
			switch c.DataAtom {
			case atom.P, atom.Pre, atom.Blockquote, atom.Td, atom.Dd, atom.Li:
				t, _ := textUpTo(c, 5000)
				if len(t) >= 25 && linkShare(c, nil) < 0.5 {
					score := 1 + float64(strings.Count(t, ",")) + min(float64(len(t))/100, 3)
					for i, p := 0, c.Parent; i < 3 && p != nil && p != body.Parent; i, p = i+1, p.Parent {
						scores[p] += score / float64(i+1)
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(body)
	var best *html.Node
	bestScore := 0.0
	for n, s := range scores {
		s *= 1 - linkShare(n, nil)
		if s > bestScore || s == bestScore && best != nil && nodeOrder(n, best) {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return nil
	}
	// Widen to ancestors that add little text and few links: the
	// article's headline, lead and captions around its body, not the
	// sidebar or teasers beside it.
	w, lw := linkWeights(best)
	for p := best.Parent; p != nil && p != body; p = p.Parent {
		pw, plw := linkWeights(p)
		added, addedLinks := pw-w, plw-lw
		if float64(added) > 0.3*float64(w) || added > 0 && float64(addedLinks) > 0.5*float64(added) {
			break
		}
		best, w, lw = p, pw, plw
	}
	return best
}

// linkWeights returns the non-space text bytes under n and how many of
// them sit inside links.
func linkWeights(n *html.Node) (all, linked int) {
	var f func(n *html.Node, inLink bool)
	f = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			for i := 0; i < len(n.Data); i++ {
				if c := n.Data[i]; c != ' ' && c != '\n' && c != '\t' && c != '\r' {
					all++
					if inLink {
						linked++
					}
				}
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			inLink = inLink || n.DataAtom == atom.A
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c, inLink)
		}
	}
	f(n, false)
	return all, linked
}

// nodeOrder reports whether a comes before b in document order (used to
// break ties deterministically).
func nodeOrder(a, b *html.Node) bool {
	depth := func(n *html.Node) int {
		d := 0
		for ; n != nil; n = n.Parent {
			d++
		}
		return d
	}
	da, db := depth(a), depth(b)
	aAbove := da < db
	for da > db {
		a, da = a.Parent, da-1
	}
	for db > da {
		b, db = b.Parent, db-1
	}
	if a == b {
		return aAbove // one contains the other: the container comes first
	}
	for a.Parent != b.Parent {
		a, b = a.Parent, b.Parent
	}
	for s := a.NextSibling; s != nil; s = s.NextSibling {
		if s == b {
			return true
		}
	}
	return false
}

// majorRegions drops, when a template marks several regions for the
// search index (sidebars, teaser rows), the minor ones: regions with less
// than a fifth of the largest region's text, unless they are prose of
// their own (some text, few links).
func majorRegions(regions []*html.Node) []*html.Node {
	if len(regions) < 2 {
		return regions
	}
	largest := 0
	weights := make([]int, len(regions))
	for i, r := range regions {
		weights[i] = textWeight(r)
		largest = max(largest, weights[i])
	}
	var out []*html.Node
	for i, r := range regions {
		if weights[i]*5 >= largest || weights[i] >= 120 && linkShare(r, nil) < 0.3 {
			out = append(out, r)
		}
	}
	return out
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

var chromeClass = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:breadcrumbs?|skip-?links?|cookie[a-z-]*|consent|social[a-z-]*|share[a-z-]*|sharing|print-?link|to-?top|linkToTop|pagination-sr|sr-only|visually-hidden|aural|news-backlink-wrap|flyout|modal|popup|rss[a-z]*|sidebar|seitenleiste|marginal[a-z]*|context-column|context-sidebar|newsletter-box|facebook[a-z]*|fbcarousel|twitter[a-z]*|instagram[a-z]*)(?:$|[\s_-])`)

// chromeLines are the whole texts of small page-utility elements: print
// and back links, back-to-top links; chromePrefixes start last-change
// lines.
var (
	chromeLines = map[string]bool{
		"zurück": true, "zurück zur übersicht": true, "zurück zur liste": true, "zur übersicht": true,
		"nach oben": true, "seitenanfang": true, "zum seitenanfang": true, "seite drucken": true,
		"drucken": true, "kontaktinformationen drucken": true, "seite teilen": true, "teilen": true,
	}
	chromePrefixes = []string{"letzte änderung", "zuletzt geändert", "zuletzt aktualisiert"}
)

func isChromeLine(t string) bool {
	if len(t) >= 80 {
		return false
	}
	l := strings.ToLower(t)
	if chromeLines[l] {
		return true
	}
	for _, p := range chromePrefixes {
		if strings.HasPrefix(l, p) && len(l) < len(p)+42 {
			return true
		}
	}
	return false
}

// consentText matches the notices of two-click privacy overlays in front
// of embedded third-party content ("Wenn Sie das Feld durch einen Klick
// aktivieren, werden Informationen an den Betreiber von YouTube
// übertragen").
var (
	consentText  = regexp.MustCompile(`(?i)(?:klick|aktivier|zustimm|einwillig|laden sie)[^.]{0,160}(?:übertragen|übermittelt|datenschutz|cookies|weitergegeben)`)
	thirdParties = []string{"youtube", "vimeo", "google", "facebook", "twitter", "instagram", "openstreetmap", "mastodon", "soundcloud", "podigee"}
)

func namesThirdParty(t string) bool {
	l := strings.ToLower(t)
	for _, p := range thirdParties {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

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
	removeRelated(root)
}

// relatedHeading matches the headlines of boxes that point to other
// content: "Siehe auch", "Zum Thema", "Weitere Meldungen", "Das könnte
// Sie auch interessieren", "Mehr auf example.de", …
var relatedHeading = regexp.MustCompile(`(?i)^(?:siehe auch|zum thema|mehr zum thema|passend zum thema|weitere (?:meldungen|nachrichten|artikel|beiträge|pressemitteilungen|themen|informationen zum thema)|das könnte (?:sie|dich) (?:auch )?interessieren|auch interessant|ähnliche (?:artikel|beiträge|meldungen|themen)|lesen sie auch|verwandte (?:themen|artikel|beiträge|meldungen)|mehr auf \S+|empfehlungen|aktuelle meldungen|neueste beiträge|top-?themen|related (?:articles|content|links))\s*:?$`)

// removeRelated removes boxes of links to other content that are
// introduced by a related-content headline. The box is the headline's
// largest ancestor (below root) in which links make up most of the text
// besides the headline; a headline standing in running text takes only
// the link-dominated siblings that follow it.
func removeRelated(root *html.Node) {
	var heads []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if headingLevel(c) > 0 || c.DataAtom == atom.Strong && c.Parent != nil && strings.TrimSpace(textOf(c.Parent)) == strings.TrimSpace(textOf(c)) {
				if relatedHeading.MatchString(cleanText(c)) {
					heads = append(heads, c)
					continue
				}
			}
			find(c)
		}
	}
	find(root)
	for _, h := range heads {
		if h.Parent == nil {
			continue // removed with an earlier box
		}
		box := h
		for p := h.Parent; p != nil && p != root; p = p.Parent {
			if linkShare(p, h) < 0.6 && !teaserish(p) {
				break
			}
			box = p
		}
		if box.Parent == nil {
			continue // inside a box removed before
		}
		if box != h {
			box.Parent.RemoveChild(box)
			continue
		}
		// The headline stands among other content: drop it and the
		// link lists that follow it up to the next headline.
		next := h.NextSibling
		h.Parent.RemoveChild(h)
		for n := next; n != nil; {
			following := n.NextSibling
			if n.Type == html.ElementNode {
				if headingLevel(n) > 0 || linkShare(n, nil) < 0.6 && !teaserish(n) {
					break
				}
				n.Parent.RemoveChild(n)
			}
			n = following
		}
	}
}

// teaserish reports an element made of items (cards, teasers, list
// items) that each link somewhere and that together hold most of its
// text: a box of teasers. It is only asked about what follows a
// related-content headline.
func teaserish(n *html.Node) bool {
	s := goquery.NewDocumentFromNode(n).Selection
	items := outermost(s.Find(`.card, .teaser, [class*="teaser"], [class*="card"], li, article`).FilterFunction(func(_ int, it *goquery.Selection) bool {
		return it.Find("a[href]").Length() > 0 || goquery.NodeName(it) == "a"
	}))
	if items.Length() == 0 {
		return false
	}
	inItems := 0
	items.Each(func(_ int, it *goquery.Selection) { inItems += textWeight(it.Nodes[0]) })
	return float64(inItems) >= 0.8*float64(textWeight(n))
}

// linkShare is the share of n's text (without the text of skip) that sits
// inside links.
func linkShare(n, skip *html.Node) float64 {
	var all, linked int
	var f func(n *html.Node, inLink bool)
	f = func(n *html.Node, inLink bool) {
		if n == skip {
			return
		}
		switch n.Type {
		case html.TextNode:
			l := len(strings.TrimSpace(n.Data))
			all += l
			if inLink {
				linked += l
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
			if n.DataAtom == atom.A {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c, inLink)
		}
	}
	f(n, false)
	if all == 0 {
		return 1 // images and markup only
	}
	return float64(linked) / float64(all)
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
		// Content elements and articles have a <header> for their headline
		// (sometimes with breadcrumbs in it, removed on their own); a header
		// with a search form, or with navigation and no headline, is the
		// page's.
		if hasDescendant(n, func(d *html.Node) bool {
			return d.DataAtom == atom.Form || strings.EqualFold(attr(d, "role"), "search")
		}) {
			return true
		}
		return hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.Nav }) &&
			!hasDescendant(n, func(d *html.Node) bool { return headingLevel(d) > 0 && !insideNav(d) })
	case atom.Form:
		a := strings.ToLower(attr(n, "action") + " " + attr(n, "class") + " " + attr(n, "id"))
		return strings.Contains(a, "search") || strings.Contains(a, "suche")
	}
	if chromeName(attr(n, "class")) || chromeName(attr(n, "id")) {
		return true
	}
	switch n.DataAtom {
	case atom.Div:
		if hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] }) {
			return false // only text-level boxes
		}
	case atom.P, atom.Li, atom.A, atom.Span:
	default:
		return false
	}
	t, short := textUpTo(n, 600)
	if !short {
		return false
	}
	if isChromeLine(t) {
		return true
	}
	return n.DataAtom != atom.A && len(t) > 40 && namesThirdParty(t) && consentText.MatchString(t)
}

// chromeNames caches chromeClass verdicts: class strings repeat across
// the elements and pages of a site.
var chromeNames sync.Map

func chromeName(s string) bool {
	return s != "" && cachedMatch(&chromeNames, chromeClass, s)
}

// textUpTo returns the collapsed text of n and true, or false as soon as
// the text is longer than limit bytes.
func textUpTo(n *html.Node, limit int) (string, bool) {
	var sb strings.Builder
	over := false
	var f func(*html.Node)
	f = func(n *html.Node) {
		if over {
			return
		}
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
			if sb.Len() > 2*limit {
				over = true
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	if over {
		return "", false
	}
	t := collapseTrim(sb.String())
	return t, len(t) <= limit
}

func insideNav(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Nav {
			return true
		}
	}
	return false
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
