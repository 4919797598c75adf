package html

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Several look-ups of extraction search the whole page before anything
// is taken out of it: the <base>, the <meta> tags, profile detection,
// the TYPO3 markup test and the metadata dates. Each used to be its own
// Find over every element, with a cascadia selector group tried on each;
// pageIndex is one walk over the page, as parsed, that finds what they
// all look for, in document order (the order of goquery's Find).

// pageIndex holds what the walk over a page found.
type pageIndex struct {
	base   *html.Node   // the first base[href]
	metas  []*html.Node // meta
	dated  []*html.Node // meta, [itemprop] (metaDate)
	ldJSON []*html.Node // script[type="application/ld+json"]
	// ldValues: the ld+json scripts decoded, once (ldJSONDate); nil
	// until then.
	ldValues []any
	typo3    bool // typo3Markup matches an element
	// cfEmails: elements holding an address Cloudflare protected
	// (cfEmailNode), decoded by pageOf (cfemail.go).
	cfEmails []*html.Node
	// canonicals: the elements link[rel="canonical"], in document order
	// (canonicalHref).
	canonicals []*html.Node
	// hreflangs: the link elements with an hreflang attribute;
	// langMenus: the elements whose class or id names a language menu
	// (languageMenuName). Both in document order (translations).
	hreflangs []*html.Node
	langMenus []*html.Node
	detect    []bool // per profile: one of its detect selectors matches an element
	elements  int    // the elements walked (analyzeSized sizes a map with it)
}

// typo3MarkupSel is the selector group typo3Markup is compiled from;
// mayBeTYPO3Markup is a necessary condition of it (TestTYPO3MarkupGate).
const typo3MarkupSel = `[class*="frame-type-"], .csc-default, .csc-frame, [class*="ce-bodytext"]`

// mayBeTYPO3Markup reports whether n could match typo3Markup: every
// selector of the group needs a class attribute holding "frame-type-",
// "csc-" or "ce-bodytext".
func mayBeTYPO3Markup(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && typo3MarkupClass(a.Val) {
			return true
		}
	}
	return false
}

// typo3MarkupClass is mayBeTYPO3Markup's test of a class attribute.
func typo3MarkupClass(cls string) bool {
	return strings.Contains(cls, "frame-type-") || strings.Contains(cls, "csc-") || strings.Contains(cls, "ce-bodytext")
}

// indexPage walks the page below root (the elements below root's element
// children and those children, as goquery's Find) once. For the profiles
// it tries the detect selectors (Profile.matches's anyMatch) of each
// profile until one matches, and not at all for a profile that an
// earlier profile, or its own generator or URL test, already decides:
// the first profile that matches is the one applied.
func indexPage(root *html.Node, profiles []*Profile, pageURL string) *pageIndex {
	x := &pageIndex{detect: make([]bool, len(profiles))}
	// decided: the profiles from this index on need no selector test.
	decided := len(profiles)
	for i, pr := range profiles {
		if pr.urlMatches(pageURL) {
			decided = i
			break
		}
	}
	genSeen := false
	todo := 0 // profiles below decided that have detect selectors not matched yet
	for i := 0; i < decided; i++ {
		if len(profiles[i].detectSel) > 0 {
			todo++
		}
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			x.element(n)
			if !genSeen && n.Data == "meta" {
				// The first <meta name=generator content=…> is the page's
				// generator (readMeta keeps the first).
				if gen, ok := metaGenerator(n); ok {
					genSeen = true
					for i := 0; i < decided; i++ {
						if profiles[i].generatorMatches(gen) {
							decided = i
							break
						}
					}
				}
			}
		}
		if todo > 0 {
			for i := 0; i < decided; i++ {
				pr := profiles[i]
				if x.detect[i] || len(pr.detectSel) == 0 {
					continue
				}
				for j, s := range pr.detectSel {
					if (n.Type == html.ElementNode || !pr.detectElem[j]) && s.Match(n) {
						x.detect[i] = true
						todo--
						decided = i
						break
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			visit(c)
		}
	}
	return x
}

// element notes what the element n is for the look-ups. Its attributes
// are read in one pass for all of them: itemprop (metaDate), a script's
// type, the TYPO3 markup gate (mayBeTYPO3Markup) and cfEmailNode's.
func (x *pageIndex) element(n *html.Node) {
	x.elements++
	isMeta := n.Data == "meta"
	if isMeta {
		x.metas = append(x.metas, n)
	}
	itemprop, ldJSON, mayTYPO3, cfEmail, hreflang, langMenu := false, false, false, false, false, false
	for _, a := range n.Attr {
		switch a.Key {
		case "itemprop":
			itemprop = true
		case "hreflang":
			hreflang = true
		case "id":
			langMenu = langMenu || languageMenuName(a.Val)
		case "type":
			if a.Val == "application/ld+json" {
				ldJSON = true
			}
		case "class":
			if !mayTYPO3 && typo3MarkupClass(a.Val) {
				mayTYPO3 = true
			}
			langMenu = langMenu || languageMenuName(a.Val)
		case "data-cfemail":
			cfEmail = true
		case "href":
			if !cfEmail && cfEmailHref(n, a.Val) {
				cfEmail = true
			}
		}
	}
	if isMeta || itemprop {
		x.dated = append(x.dated, n)
	}
	switch n.Data {
	case "base":
		if x.base == nil && hasAttr(n, "href") {
			x.base = n
		}
	case "script":
		if ldJSON {
			x.ldJSON = append(x.ldJSON, n)
		}
	case "link":
		if css(`link[rel="canonical"]`).Match(n) {
			x.canonicals = append(x.canonicals, n)
		}
	}
	if hreflang && n.DataAtom == atom.Link {
		x.hreflangs = append(x.hreflangs, n)
	}
	if langMenu {
		x.langMenus = append(x.langMenus, n)
	}
	if !x.typo3 && mayTYPO3 && typo3Markup.Match(n) {
		x.typo3 = true
	}
	if cfEmail {
		x.cfEmails = append(x.cfEmails, n)
	}
}

// metaGenerator returns the content of n when it is a <meta> that
// readMeta would read as the generator: a content attribute and
// name="generator" in any case.
func metaGenerator(n *html.Node) (string, bool) {
	if strings.ToLower(attr(n, "name")) != "generator" {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Key == "content" {
			return a.Val, true
		}
	}
	return "", false
}

// gatedMatcher matches what m matches, asking m only about the nodes
// that pass may, a necessary condition of m that is cheaper than m.
type gatedMatcher struct {
	m   goquery.Matcher
	may func(*html.Node) bool
}

func (g gatedMatcher) Match(n *html.Node) bool { return g.may(n) && g.m.Match(n) }

// MatchAll returns the nodes of n's subtree (n included) that match, in
// document order, as cascadia's MatchAll.
func (g gatedMatcher) MatchAll(n *html.Node) []*html.Node { return matchAll(g.Match, n) }

func (g gatedMatcher) Filter(ns []*html.Node) []*html.Node { return filterNodes(g.Match, ns) }

// newsDetailMatcher is css(newsDetailSel) behind mayBeNewsDetail.
var newsDetailMatcher goquery.Matcher = gatedMatcher{css(newsDetailSel), mayBeNewsDetail}

// mayBeNewsDetail is a necessary condition of newsDetailSel
// (TestNewsDetailGate): a class holding "news-single", "news-detail" or
// "newsSingle" (.news-single-item too), or an itemtype attribute (the
// selectors on articles).
func mayBeNewsDetail(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if containsSubstring(a.Val, "news-single", "news-detail", "newsSingle") {
				return true
			}
		case "itemtype":
			return true
		}
	}
	return false
}
