package html

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// Boilerplate is recognised by what templates of every CMS call it: the
// words in class and id names (navigation, breadcrumb, related, comments,
// share, …), landmark elements and roles, and the headlines of boxes that
// point elsewhere ("Mehr zum Thema", "Kommentare"). The vocabulary below is
// the one trafilatura and readability use, with the German words of
// public-sector templates added; it is matched word by word on class and
// id names split at "-", "_", spaces and camelCase humps, so "sidebar" and
// "relatedPosts" match but "barrierefrei" or "mediaplayer" do not.

// vocab maps a word of a class or id name to the reason it marks.
var vocab = map[string]string{
	// navigation
	"nav": umzug.DropNavigation, "navi": umzug.DropNavigation, "navigation": umzug.DropNavigation,
	"navbar": umzug.DropNavigation, "navlist": umzug.DropNavigation, "subnav": umzug.DropNavigation,
	"mainnav": umzug.DropNavigation, "metanav": umzug.DropNavigation, "topnav": umzug.DropNavigation,
	"menu": umzug.DropNavigation, "menue": umzug.DropNavigation, "menubar": umzug.DropNavigation,
	"mainmenu": umzug.DropNavigation, "submenu": umzug.DropNavigation, "megamenu": umzug.DropNavigation,
	"skiplinks": umzug.DropNavigation, "skiplink": umzug.DropNavigation, "skip": umzug.DropNavigation,
	"jumplinks": umzug.DropNavigation, "sitemap": umzug.DropNavigation, "hauptnavigation": umzug.DropNavigation,
	"servicenavigation": umzug.DropNavigation, "quicklinks": umzug.DropNavigation,
	"breadcrumb": umzug.DropBreadcrumb, "breadcrumbs": umzug.DropBreadcrumb, "crumbs": umzug.DropBreadcrumb,
	"rootline": umzug.DropBreadcrumb, "breadcrump": umzug.DropBreadcrumb, "breadcrumps": umzug.DropBreadcrumb, "brotkrumen": umzug.DropBreadcrumb, "brotkrumennavigation": umzug.DropBreadcrumb,
	"pagination": umzug.DropPagination, "pager": umzug.DropPagination, "paging": umzug.DropPagination,
	"pagebrowser": umzug.DropPagination, "paginate": umzug.DropPagination, "blaettern": umzug.DropPagination,
	// pi_base's page browser (tt_news, TYPO3 4.x: tx-ttnews-browsebox), and
	// tt_news' link from the latest news to the whole list
	// (news-latest-gotoarchive)
	"browsebox": umzug.DropPagination, "gotoarchive": umzug.DropPagination,
	"paginator": umzug.DropPagination, // Extbase's f3-widget-paginator (tx_news lists)
	// page regions
	"footer": umzug.DropFooter, "fusszeile": umzug.DropFooter, "colophon": umzug.DropFooter, "footerbar": umzug.DropFooter,
	"masthead": umzug.DropHeader, "topbar": umzug.DropHeader, "kopfzeile": umzug.DropHeader,
	"sidebar": umzug.DropSidebar, "seitenleiste": umzug.DropSidebar, "marginal": umzug.DropSidebar,
	"marginalspalte": umzug.DropSidebar, "marginalie": umzug.DropSidebar,
	"sidebar1": umzug.DropSidebar, "sidebar2": umzug.DropSidebar, "aside": umzug.DropSidebar,
	"widgetcontainer": umzug.DropSidebar, "widgetarea": umzug.DropSidebar,
	"search": umzug.DropSearch, "suche": umzug.DropSearch, "searchform": umzug.DropSearch, "searchbox": umzug.DropSearch,
	// pointers elsewhere
	"related": umzug.DropRelated, "relatedposts": umzug.DropRelated, "yarpp": umzug.DropRelated,
	"similar": umzug.DropRelated, "recommended": umzug.DropRelated, "recommendations": umzug.DropRelated,
	"empfehlungen": umzug.DropRelated, "empfehlung": umzug.DropRelated, "outbrain": umzug.DropRelated,
	"taboola": umzug.DropRelated, "plista": umzug.DropRelated, "popular": umzug.DropRelated,
	"mostread": umzug.DropRelated, "meistgelesen": umzug.DropRelated, "trending": umzug.DropRelated,
	"moreposts": umzug.DropRelated, "morearticles": umzug.DropRelated, "morestories": umzug.DropRelated,
	"weiterlesen": umzug.DropRelated, "readmore": umzug.DropRelated, "verwandte": umzug.DropRelated,
	"postnav": umzug.DropNavigation, "postnavigation": umzug.DropNavigation,
	"teaser": umzug.DropRelated, "teasers": umzug.DropRelated, "teaserlist": umzug.DropRelated,
	"newsteaser": umzug.DropRelated, "teaserbox": umzug.DropRelated, "snippet": umzug.DropRelated,
	// reader interaction
	"comment": umzug.DropComments, "comments": umzug.DropComments, "commentlist": umzug.DropComments,
	"kommentar": umzug.DropComments, "kommentare": umzug.DropComments, "respond": umzug.DropComments,
	"reply": umzug.DropComments, "replies": umzug.DropComments, "disqus": umzug.DropComments,
	"commentform": umzug.DropComments, "discussion": umzug.DropComments, "akismet": umzug.DropComments,
	"share": umzug.DropShare, "sharing": umzug.DropShare, "shariff": umzug.DropShare, "sharebar": umzug.DropShare,
	"social": umzug.DropShare, "sociable": umzug.DropShare, "socials": umzug.DropShare, "socialmedia": umzug.DropShare,
	"addthis": umzug.DropShare, "sharedaddy": umzug.DropShare, "teilen": umzug.DropShare, "follow": umzug.DropShare,
	"facebook": umzug.DropShare, "twitter": umzug.DropShare, "instagram": umzug.DropShare, "fbcarousel": umzug.DropShare,
	"mastodon": umzug.DropShare, "linkedin": umzug.DropShare, "whatsapp": umzug.DropShare, "xing": umzug.DropShare,
	"rating": umzug.DropUtility, "ratings": umzug.DropUtility, "vote": umzug.DropUtility, "voting": umzug.DropUtility,
	"printlink": umzug.DropUtility, "totop": umzug.DropUtility, "backtotop": umzug.DropUtility,
	"backlink": umzug.DropUtility, "toolbar": umzug.DropUtility, "bookmark": umzug.DropUtility,
	"newsletter": umzug.DropNewsletter, "subscribe": umzug.DropNewsletter, "subscription": umzug.DropNewsletter,
	"signup": umzug.DropNewsletter, "optin": umzug.DropNewsletter,
	"donate": umzug.DropAd, "donation": umzug.DropAd, "abowerbung": umzug.DropAd, "spenden": umzug.DropAd,
	"eigenwerbung": umzug.DropAd, "werbeblock": umzug.DropAd, "cta": umzug.DropAd, "calltoaction": umzug.DropAd,
	"appstores": umzug.DropAd, "affiliate": umzug.DropAd, "affiliatelinks": umzug.DropAd,
	// about the post, not the post
	"tags": umzug.DropTags, "tag": umzug.DropTags, "taglist": umzug.DropTags, "tagcloud": umzug.DropTags,
	"keywords": umzug.DropTags, "schlagworte": umzug.DropTags, "schlagwoerter": umzug.DropTags,
	"categories": umzug.DropTags, "catlinks": umzug.DropTags, "cat": umzug.DropTags, "cats": umzug.DropTags,
	"entryfooter": umzug.DropMeta, "postfooter": umzug.DropMeta, "articlefooter": umzug.DropMeta,
	"byline": umzug.DropMeta, "postmeta": umzug.DropMeta, "entrymeta": umzug.DropMeta, "articlemeta": umzug.DropMeta,
	"meta": umzug.DropMeta, "metadata": umzug.DropMeta, "infoline": umzug.DropMeta, "entryutility": umzug.DropMeta,
	"author": umzug.DropAuthor, "authors": umzug.DropAuthor, "autor": umzug.DropAuthor, "autoren": umzug.DropAuthor,
	"authorbox": umzug.DropAuthor, "authorbio": umzug.DropAuthor,
	// interruptions
	"cookie": umzug.DropCookie, "cookies": umzug.DropCookie, "consent": umzug.DropCookie, "cookiebanner": umzug.DropCookie,
	"gdpr": umzug.DropCookie, "dsgvo": umzug.DropCookie, "cmpbox": umzug.DropCookie, "cmpwrapper": umzug.DropCookie, "privacybanner": umzug.DropCookie,
	"ad": umzug.DropAd, "ads": umzug.DropAd, "advert": umzug.DropAd, "advertisement": umzug.DropAd,
	"adslot": umzug.DropAd, "anzeige": umzug.DropAd, "werbung": umzug.DropAd, "sponsor": umzug.DropAd,
	"sponsored": umzug.DropAd, "promo": umzug.DropAd, "adsense": umzug.DropAd,
	"modal": umzug.DropPopup, "popup": umzug.DropPopup, "flyout": umzug.DropPopup,
	"offcanvas": umzug.DropPopup, "dialog": umzug.DropPopup,
	"toc": umzug.DropTOC, "inhaltsverzeichnis": umzug.DropTOC,
}

// screenReaderClass names text for screen readers only.
var screenReaderClass = regexp.MustCompile(`(?i)(?:^|\s)(?:sr-only|visually-?hidden|screen-reader-text|element-invisible|hide-?text|text-hide|show-for-sr|a11y-hidden|aural|unsichtbar)(?:\s|$)`)

// multiWord joins adjacent words into the compounds templates write with a
// separator: "post-nav", "social-media", "author-box", "read-more".
var multiWord = map[[2]string]string{
	{"post", "nav"}: umzug.DropNavigation, {"post", "navigation"}: umzug.DropNavigation,
	{"nav", "links"}: umzug.DropNavigation, {"skip", "links"}: umzug.DropNavigation,
	{"read", "more"}: umzug.DropRelated, {"more", "articles"}: umzug.DropRelated, {"more", "posts"}: umzug.DropRelated,
	{"more", "stories"}: umzug.DropRelated, {"more", "news"}: umzug.DropRelated, {"most", "popular"}: umzug.DropRelated,
	{"most", "read"}: umzug.DropRelated, {"also", "read"}: umzug.DropRelated, {"next", "post"}: umzug.DropNavigation,
	{"prev", "post"}: umzug.DropNavigation, {"previous", "post"}: umzug.DropNavigation,
	{"to", "top"}: umzug.DropUtility, {"back", "to"}: umzug.DropUtility, {"scroll", "top"}: umzug.DropUtility,
	{"site", "header"}: umzug.DropHeader, {"page", "head"}: umzug.DropHeader, {"top", "header"}: umzug.DropHeader,
	{"header", "top"}: umzug.DropHeader, {"main", "header"}: umzug.DropHeader, {"global", "header"}: umzug.DropHeader,
	{"site", "footer"}: umzug.DropFooter, {"page", "footer"}: umzug.DropFooter,
	{"tag", "list"}: umzug.DropTags, {"tag", "cloud"}: umzug.DropTags, {"cat", "links"}: umzug.DropTags,
	{"tags", "links"}: umzug.DropTags, {"entry", "tags"}: umzug.DropTags, {"post", "tags"}: umzug.DropTags,
	{"entry", "meta"}: umzug.DropMeta, {"post", "meta"}: umzug.DropMeta, {"article", "meta"}: umzug.DropMeta,
	{"entry", "footer"}: umzug.DropMeta, {"post", "footer"}: umzug.DropMeta, {"article", "footer"}: umzug.DropMeta,
	{"entry", "utility"}: umzug.DropMeta, {"article", "infos"}: umzug.DropMeta, {"article", "info"}: umzug.DropMeta, {"post", "info"}: umzug.DropMeta,
	{"author", "box"}: umzug.DropAuthor, {"author", "info"}: umzug.DropAuthor, {"about", "author"}: umzug.DropAuthor,
	{"social", "media"}: umzug.DropShare, {"share", "buttons"}: umzug.DropShare,
	{"table", "of"}: umzug.DropTOC, {"print", "link"}: umzug.DropUtility, {"print", "button"}: umzug.DropUtility,
	{"widget", "area"}: umzug.DropSidebar, {"footer", "widget"}: umzug.DropFooter,
	{"sr", "only"}: umzug.DropScreenOnly,
	// ReadSpeaker's "rs_skip" marks what its read-aloud button skips
	// (captions, credits, buttons), not a skip link: no verdict.
	{"rs", "skip"}: "",
	// a consent management platform's layer ("cmp-banner"); "cmp_" alone
	// is also a component prefix (OJS: cmp_notification)
	{"cmp", "banner"}: umzug.DropCookie, {"cmp", "layer"}: umzug.DropCookie, {"cmp", "overlay"}: umzug.DropCookie,
	{"cmp", "container"}: umzug.DropCookie, {"cmp", "wrapper"}: umzug.DropCookie, {"cmp", "modal"}: umzug.DropCookie,
	{"cmp", "dialog"}: umzug.DropCookie, {"cmp", "popup"}: umzug.DropCookie,
}

// contentWords name content. In a compound class name the last word is
// the head ("news-related" is a related box, "comment-content" the text of
// a comment inside one), so a name whose last telling word is one of these
// marks nothing.
var contentWords = map[string]bool{
	"content": true, "entry": true, "article": true, "artikel": true, "body": true, "text": true,
	"inhalt": true, "story": true, "bodytext": true, "richtext": true, "maincontent": true,
	"fulltext": true, "beitrag": true, "detail": true, "single": true, "textpic": true,
	"textmedia": true,
}

// taxonomyWords begin class names that label an element with a value.
var taxonomyWords = map[string]bool{"tag": true, "tags": true, "category": true, "categories": true, "cat": true, "author": true, "autor": true, "format": true, "status": true, "type": true}

// structuralWords end class names of boxes: "tag-list", "author-box".
var structuralWords = map[string]bool{
	"list": true, "links": true, "cloud": true, "box": true, "wrap": true, "wrapper": true, "container": true,
	"area": true, "bar": true, "block": true, "section": true, "widget": true, "title": true, "label": true,
	"item": true, "items": true, "info": true, "name": true, "bio": true, "avatar": true, "description": true,
	"details": true, "inner": true, "outer": true, "line": true, "links2": true, "holder": true, "module": true,
}

// pageRegionIDs are ids of the page's own header, and of Plone's side
// columns: its main template (Plone 2 to 4) puts the portlets left and
// right of the content column in #portal-column-one and
// #portal-column-two (divs, in Plone 3 table cells), beside
// #portal-column-content inside #portal-columns. A static text portlet
// there (the office's address, "Das Amt ist eine Einrichtung des …") is
// the site's, not the page's.
var pageRegionIDs = map[string]string{
	"header": umzug.DropHeader, "kopf": umzug.DropHeader, "site-header": umzug.DropHeader,
	"page-header": umzug.DropHeader, "pageheader": umzug.DropHeader, "top": umzug.DropHeader,
	"portal-column-one": umzug.DropSidebar, "portal-column-two": umzug.DropSidebar,
}

// namedBy reports an element whose class or id holds one of words
// (classWords).
func namedBy(n *html.Node, words map[string]bool) bool {
	// The words of class+" "+id, without the string: the space ends a
	// word, so they are the class's words and then the id's.
	var buf [16]string
	for _, s := range [2]string{attr(n, "class"), attr(n, "id")} {
		for _, w := range classWords(s, buf[:0]) {
			if words[w] {
				return true
			}
		}
	}
	return false
}

// classWords splits class and id names into lower-case words.
func classWords(s string, out []string) []string {
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80:
			if start < 0 {
				start = i
			}
		case c >= 'A' && c <= 'Z':
			// camelCase hump: "relatedPosts" -> related, posts; keep
			// runs of capitals together ("IDcard" -> idcard).
			if start >= 0 && i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z' {
				flush(i)
			}
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// nameReason returns the reason a class or id name marks, or "": a
// compound of the vocabulary ("post-nav", "entry-meta"), else the last
// word that is either boilerplate or content.
func nameReason(name string) string {
	// A BEM modifier ("row--sidebar": a row beside a sidebar) says how an
	// element looks, not what it is.
	if i := strings.Index(name, "--"); i > 0 {
		// But a modifier of a bare list or box says which kind it is:
		// "list--breadcrumb", "box--share".
		if base := name[:i]; structuralWords[strings.ToLower(base)] {
			return nameReason(name[i+2:])
		}
		name = name[:i]
	}
	var buf [16]string
	words := classWords(name, buf[:0])
	for _, w := range words {
		if w == "layout" || w == "has" || w == "with" || w == "template" {
			// "layout-right-sidebar", "has-sidebar": how the page is laid
			// out, said of the wrapper of all its columns.
			return ""
		}
	}
	if len(words) > 1 && taxonomyWords[words[0]] && !structuralWords[words[1]] {
		// "tag-energie", "category-presse", "author-admin": a label of
		// what the element is about (WordPress puts them on every post).
		return ""
	}
	for i := 0; i+1 < len(words); i++ {
		if r, ok := multiWord[[2]string{words[i], words[i+1]}]; ok {
			return r
		}
	}
	reason, region := "", ""
	for i, w := range words {
		if contentWords[w] {
			// "footer-content", "sidebar-text": the inside of a region
			// is still that region.
			reason = region
		} else if r := vocabWord(w); r != "" && !(i > 0 && negations[words[i-1]]) {
			reason = r
			if regionReasons[r] || adRegions[w] {
				region = r
			}
		}
	}
	return reason
}

// vocabWord looks a word up in the vocabulary, then without a number at
// its end ("cta3", "sidebar-2" split as "sidebar2", "related4").
func vocabWord(w string) string {
	if r := vocab[w]; r != "" {
		return r
	}
	i := len(w)
	for i > 0 && w[i-1] >= '0' && w[i-1] <= '9' {
		i--
	}
	if i == len(w) || i < 3 {
		return ""
	}
	return vocab[w[:i]]
}

// regionReasons are the page regions whose inner wrappers keep the
// verdict ("footer-content" is footer, "comment-content" is comments).
var regionReasons = map[string]bool{umzug.DropFooter: true, umzug.DropHeader: true, umzug.DropSidebar: true,
	umzug.DropNavigation: true, umzug.DropComments: true, umzug.DropCookie: true, umzug.DropNewsletter: true}

// adRegions are the words of advertising whose inner wrappers keep the
// verdict ("affiliate-text" is the affiliate box); "ad" alone does not:
// "ad-wrapper-content" wraps content that ads may be put between.
var adRegions = map[string]bool{"affiliate": true, "affiliatelinks": true, "sponsored": true, "sponsor": true,
	"advertorial": true, "advertisement": true, "advert": true, "werbung": true, "anzeige": true, "adsense": true}

// negations turn a word of the vocabulary around: "non-paywall", "no-sidebar".
var negations = map[string]bool{"non": true, "no": true, "not": true, "without": true, "kein": true, "ohne": true}

// contentNamed reports a class or id name whose head word names content
// ("entry__content", "article-body"): its element is content, whatever
// its other classes say.
func contentNamed(name string) bool {
	if i := strings.Index(name, "--"); i > 0 && nameReason(name[:i]) != "" {
		// "sz-teaser--article": a teaser of an article; the modifier of
		// a named block says which kind it is, not that it is content.
		return false
	}
	var buf [16]string
	words := classWords(name, buf[:0])
	for _, w := range words {
		if regionReasons[vocab[w]] || adRegions[w] {
			return false
		}
	}
	for i := len(words) - 1; i >= 0; i-- {
		switch words[i] {
		case "inner", "outer", "wrap", "wrapper", "container", "holder", "area", "inside", "main":
			continue
		}
		return contentWords[words[i]]
	}
	return false
}

// softWords mark boxes that are boilerplate beside an article but the
// content of a list page: teasers. They are dropped only when they hold a
// minor part of the main region.
var softWords = map[string]bool{"teaser": true, "teasers": true, "teaserlist": true, "newsteaser": true, "teaserbox": true, "snippet": true}

// isSoft reports whether a class or id name's verdict comes from a soft word.
func isSoft(name string) bool {
	var buf [16]string
	for _, w := range classWords(name, buf[:0]) {
		if softWords[w] {
			return true
		}
	}
	return false
}

// reason memoizes nameReason (cache.go): class strings repeat.
func (c boilerCache) reason(name string) string {
	if name == "" {
		return ""
	}
	if r, ok := c.getName(name); ok {
		return r
	}
	r := nameReason(name)
	c.putName(name, r)
	return r
}

// infoBoxWords name a callout box in an article: an <aside> so named is
// the article's info box (a callout with advice, a disclaimer under the
// text), not a side column; its class words still judge it ("sidebar
// infobox" is a side column).
var infoBoxWords = []string{"infobox", "infokasten", "hinweisbox", "hinweiskasten", "merkkasten", "faktenbox", "factbox", "callout"}

// infoBoxName reports a class naming an info box, also split at a hyphen
// or underscore ("info-box", "infobox--note", "info_kasten").
func infoBoxName(class string) bool {
	if class == "" {
		return false
	}
	l := strings.ToLower(class)
	if strings.ContainsAny(l, "-_") {
		l = strings.NewReplacer("-", "", "_", "").Replace(l)
	}
	return containsSubstring(l, infoBoxWords...)
}

// elementReason is the boilerplate verdict on an element by itself: its
// tag, role and class/id words. It does not look at the element's text.
// x holds n's attributes (elAttrsOf).
func (c boilerCache) elementReason(n *html.Node, x *elAttrs) string {
	switch strings.ToLower(x.role) {
	case "navigation", "menubar", "menu":
		return umzug.DropNavigation
	case "search":
		return umzug.DropSearch
	case "banner":
		return umzug.DropHeader
	case "contentinfo":
		return umzug.DropFooter
	case "complementary":
		return umzug.DropSidebar
	case "dialog", "alertdialog":
		return umzug.DropPopup
	}
	switch n.DataAtom {
	case atom.Nav, atom.Menu:
		return umzug.DropNavigation
	case atom.Aside:
		if !insideContentElement(n) && !infoBoxName(x.class) {
			return umzug.DropSidebar
		}
	case atom.Footer:
		// A page footer, not the footer of an article's quote or figure.
		if !insideContentElement(n) {
			return umzug.DropFooter
		}
		return umzug.DropMeta
	case atom.Dialog:
		return umzug.DropPopup
	case atom.Form:
		a := strings.ToLower(attr(n, "action") + " " + attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "role"))
		switch {
		case strings.Contains(a, "search") || strings.Contains(a, "suche"):
			return umzug.DropSearch
		case strings.Contains(a, "comment") || strings.Contains(a, "kommentar"):
			return umzug.DropComments
		case strings.Contains(a, "newsletter"):
			return umzug.DropNewsletter
		}
	}
	cls, id := x.class, x.id
	if embeddedPost(cls) {
		return "" // a quoted post an editor put into the text, not a share button
	}
	if cls != "" && c.classReason(cls) == umzug.DropScreenOnly {
		return umzug.DropScreenOnly
	}
	if cls != "" && hiddenLabel(n, cls) {
		return umzug.DropScreenOnly
	}
	if n.DataAtom == atom.A && cls != "" && skipLink(cls, attr(n, "href")) {
		return umzug.DropScreenOnly
	}
	if n.DataAtom == atom.A && cls != "" && !inRunningText(n) && hasDescendant(n, func(d *html.Node) bool { return headingLevel(d) > 0 || d.DataAtom == atom.P || d.DataAtom == atom.Div }) {
		// A card: a link around a headline and a text, named by its
		// class ("relatedPost", "sz-teaser": a teaser is soft, dropped
		// only beside an article).
		if r := c.classReason(cls); r != "" && r != contentMark {
			return r
		}
		return ""
	}
	if n.DataAtom == atom.A || inlineAtoms[n.DataAtom] && inRunningText(n) {
		// A link or a word in running text is judged with its paragraph
		// ("NavNode" links of a glossary, a "tag" span in a sentence).
		return ""
	}
	if r := pageRegionIDs[strings.ToLower(id)]; r != "" {
		return r
	}
	if n.DataAtom == atom.Header && !insideContentElement(n) && !insideMain(n) {
		return umzug.DropHeader
	}
	if cls != "" && c.classReason(cls) == contentMark {
		return ""
	}
	if r := c.reason(id); r != "" {
		return r
	}
	if cls != "" {
		if r := c.classReason(cls); r != "" {
			return r
		}
	}
	if n.DataAtom == 0 {
		// A custom element names itself: <pp-inline-teaser>, <app-related-news>, <teaser>.
		return c.reason(n.Data)
	}
	return ""
}

// embeddedPost reports the classes of posts quoted from social networks
// with their own embed code (the blockquote stays when the script that
// would render it is not run).
func embeddedPost(cls string) bool {
	// Each of the names holds one of these: most classes end here.
	if !embeddedPostCue(cls) {
		return false
	}
	// One pass over the fields, without a slice of them: this runs for
	// every element with a class.
	for f := range strings.FieldsSeq(cls) {
		switch f {
		case "twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "mastodon-embed", "bluesky-embed":
			return true
		}
	}
	return false
}

// embeddedPostCue is containsSubstring(cls, "-tweet", "-media", "-embed",
// "fb-post") in one pass over the hyphens of cls (it runs on every class
// attribute of a page).
func embeddedPostCue(cls string) bool {
	for i := 0; i < len(cls); i++ {
		j := strings.IndexByte(cls[i:], '-')
		if j < 0 {
			return false
		}
		i += j
		r := cls[i:]
		if strings.HasPrefix(r, "-tweet") || strings.HasPrefix(r, "-media") || strings.HasPrefix(r, "-embed") || i >= 2 && strings.HasPrefix(cls[i-2:], "fb-post") {
			return true
		}
	}
	return false
}

// contentMark is classReason's verdict on a class attribute that names
// content.
const contentMark = "\x00content"

// classReason judges a whole class attribute, memoized: a class naming
// content wins, then screen-reader classes, then the first class with a
// verdict.
func (c boilerCache) classReason(cls string) string {
	if r, ok := c.getClass(cls); ok {
		return r
	}
	r := ""
	fields := strings.Fields(cls)
	for _, f := range fields {
		if contentNamed(f) {
			r = contentMark
			break
		}
	}
	if r == "" && screenReaderClass.MatchString(cls) {
		r = umzug.DropScreenOnly
	}
	if r == "" {
		for _, f := range fields {
			if x := c.reason(f); x != "" {
				r = x
				break
			}
		}
	}
	c.putClass(cls, r)
	return r
}

// inRunningText reports an inline element with text beside it.
func inRunningText(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return true
		}
	}
	return false
}

// relatedHeading matches the headlines of boxes that point to other
// content or hold reader interaction: "Siehe auch", "Mehr zum Thema",
// "Das könnte Sie auch interessieren", "12 Kommentare", "Teilen".
var relatedHeading = regexp.MustCompile(`(?i)^(?:siehe auch|zum thema|mehr zum thema|passend zum thema|mehr (?:aus|zu|von) (?:dem|der|diesem|dieser|unserem|unserer) \S+(?: \S+)?|weitere (?:meldungen|nachrichten|artikel|beiträge|pressemitteilungen|themen|informationen zum thema|news|geschichten|videos|bilder)|das könnte (?:sie|dich|euch) (?:auch )?interessieren|könnte (?:sie|dich) auch interessieren|auch interessant|(?:ebenfalls |auch )?interessant(?: für sie)?|(?:weitere )?interessante (?:artikel|beiträge|themen|links|meldungen|inhalte|news)|ähnliche (?:artikel|beiträge|meldungen|themen|rezepte)|lesen sie auch|lies auch|verwandte (?:themen|artikel|beiträge|meldungen)|mehr auf \S+|empfehlungen (?:der|aus der) redaktion|weitere empfehlungen|leseempfehlung(?:en)?|unsere empfehlungen|aktuelle meldungen|aktuellste beiträge|neueste (?:beiträge|artikel|meldungen)|die neuesten (?:meldungen|artikel|beiträge)|meistgelesen\S*|meist ?geklickt|beliebte (?:beiträge|artikel)(?: zum thema)?|top-?themen|related (?:articles|content|links|posts)|you may also like|more (?:stories|articles|news)|aktuelle berichte aus dieser kategorie|mehr interessantes|zum weiterlesen|auch spannend|mehr aus der (?:sendung|rubrik|kategorie)|weiterführende (?:informationen|links|artikel|themen|inhalte|hinweise)|weitere (?:informationen|links|inhalte)(?: zu (?:diesem|dem) thema| zu[mr]? .{1,50})?|weitere pressemitteilungen(?: .{0,40})?|beiträge zum thema|(?:nächster|vorheriger) (?:artikel|beitrag)|empfehlungen aus der redaktion|das könnte (?:sie|dich) auch interessieren!?|weitere (?:beiträge|artikel|texte|folgen) (?:aus|zu|zum|zur|von|der|des|dieser|dieses) .{1,40}|weitere inhalte zu(?:m thema)? .{1,40}|(?:noch )?mehr (?:infos|informationen|artikel|beiträge|texte) (?:für (?:dich|sie|euch)|zum thema)|mehr zum thema (?:auf|bei|in|im) .{1,30}|(?:sie|du) (?:könnten|könntest) auch an .{1,40} interessiert sein|mehr über \S+(?: \S+){0,3}|mehr (?:news|nachrichten|meldungen|artikel|beiträge) (?:von|aus|zu|zum|über) .{1,40})\s*[:.!]*$`)

// interactionHeading matches headlines of comment sections, share bars,
// tag lists, author boxes and newsletter boxes.
var interactionHeading = regexp.MustCompile(`(?i)^(?:(?:\d+|keine|ein|eine) (?:kommentare?|antworten|reaktionen|gedanken)(?: (?:zu|auf|für|for) .*)?|kommentare?(?: \(\d+\))?|leserkommentare|diskussion|diskutieren sie mit|(?:schreibe|schreib|hinterlasse|hinterlassen sie|verfasse|verfassen sie) (?:einen|eine|ihren|deinen) (?:kommentar|antwort)|kommentar (?:verfassen|schreiben|hinzufügen|abgeben)|ihre meinung(?: ist gefragt)?|antwort hinterlassen|leave a (?:reply|comment)|comments?|(?:\d+|no|one) (?:comments?|responses?|replies)(?: (?:to|on) .*)?|(?:\d+ )?thoughts on .*|(?:diesen |den )?(?:artikel|beitrag|seite) (?:teilen|empfehlen)|teilen(?: sie diesen artikel| mit)?|jetzt teilen|share(?: this)?(?: article| post)?|tags?|schlagw(?:orte|örter)|stichw(?:orte|örter)|über (?:den autor|die autorin|die autor\*?innen)|(?:jetzt )?(?:zum )?newsletter(?: abonnieren| anmelden)?|abonniere unseren newsletter|autor(?:in|innen|en)?|unterstütze (?:uns|das projekt|unsere arbeit|\S+)|unterstützen sie (?:uns|unsere arbeit|unseren journalismus))\s*[:.!]*$`)

// headingReason classifies a headline of a box by its text.
var (
	newsletterWord = regexp.MustCompile(`(?i)\bnewsletter\b`)
	shareWord      = regexp.MustCompile(`(?i)\b(?:teilen|share|weiterempfehlen|weitersagen)\b`)
	alsoOnSite     = regexp.MustCompile(`(?i)^(?:auch|mehr|neu) (?:auf|bei) [\p{L}0-9.-]+\.[a-z]{2,}$`)
	commentAction  = regexp.MustCompile(`(?i)^(?:kommentieren|diskutieren|jetzt kommentieren|mitdiskutieren|zur diskussion)$`)
	// commentGate matches the notes in front of comment forms.
	commentGate = regexp.MustCompile(`(?i)(?:einloggen|anmelden|registrieren|eingeloggt|angemeldet)\b.{0,80}(?:kommentar|diskussion|beteiligen|kommentieren)|(?:kommentar|diskussion|kommentieren|beteiligen)\b.{0,80}(?:einloggen|anmelden|registrieren|eingeloggt)`)
)

// headingStems are in every headline the patterns below match: a cheap
// test before them (they run on every short line of the main region).
var headingStems = []string{"auch", "thema", "mehr", "weiter", "interess", "ähnlich", "lesen", "lies", "verwandt",
	"empfehl", "aktuell", "neu", "meist", "beliebt", "top", "related", "like", "more", "nächst", "vorherig",
	"kommentar", "kommentier", "antwort", "reaktion", "gedank", "diskus", "diskut", "meinung", "repl", "comment",
	"respons", "thought", "teil", "share", "tag", "schlagw", "stichw", "über", "newsletter", "abonn", "info", "inhalt",
	"beiträg", "artikel", "autor", "unterstütz"}

// shareWords are the words of shareWord.
var shareWords = byteWords("teilen", "share", "weiterempfehlen", "weitersagen")

func hasAnyPrefixBytes(b []byte, prefixes ...string) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(b, []byte(p)) {
			return true
		}
	}
	return false
}

// headingFilter are the longest ASCII runs of the headingStems: where
// strings.ToLower(t) holds a stem, t holds its run (ASCII letters in
// either case), so a text whose pairSet rules out every run holds no stem.
var headingFilter = makeStems(asciiRuns(headingStems)...)

// headingStemBytes are the headingStems as byte slices.
var headingStemBytes = byteWords(headingStems...)

// hasHeadingStem is containsSubstring(strings.ToLower(t), headingStems...)
// with t's pairSet ps: the text is lower-cased into a buffer on the stack
// (appendLower), and only the stems whose ASCII run ps admits
// (headingFilter, in the same order) are looked for.
func hasHeadingStem(t string, ps *pairSet) bool {
	var arr [192]byte
	var l []byte
	for i := range headingFilter {
		if !ps.may(&headingFilter[i]) {
			continue
		}
		if l == nil {
			l = appendLower(arr[:0], t)
		}
		if bytes.Contains(l, headingStemBytes[i]) {
			return true
		}
	}
	return false
}

// asciiRuns returns the longest run of ASCII bytes of each word.
func asciiRuns(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		for j := 0; j < len(w); {
			k := j
			for k < len(w) && w[k] < utf8.RuneSelf {
				k++
			}
			if k-j > len(out[i]) {
				out[i] = w[j:k]
			}
			for j = k; j < len(w) && w[j] >= utf8.RuneSelf; j++ {
			}
		}
	}
	return out
}

func headingReason(t string) string {
	if len(t) > 90 {
		return ""
	}
	var ps pairSet
	ps.add(t)
	if !ps.mayAny(headingFilter) || !hasHeadingStem(t, &ps) {
		return ""
	}
	// Each regexp below runs only where the words it needs are: in the
	// text with ASCII letters lower-cased, or in any text with one of the
	// two runes that (?i) folds to an ASCII letter (foldRisk: ſ and K).
	var arr [96]byte
	l := lowerASCII(arr[:0], t)
	risk := foldRisk(t)
	switch {
	case len(t) < 60 && (risk || containsAnyBytes(l, shareWords)) && shareWord.MatchString(t):
		return umzug.DropShare
	case len(t) < 60 && (risk || bytes.Contains(l, []byte("newsletter"))) && newsletterWord.MatchString(t):
		return umzug.DropNewsletter
	case (risk || hasAnyPrefixBytes(l, "auch ", "mehr ", "neu ")) && alsoOnSite.MatchString(t):
		return umzug.DropRelated
	case (risk || hasAnyPrefixBytes(l, "kommentieren", "diskutieren", "jetzt kommentieren", "mitdiskutieren", "zur diskussion")) && commentAction.MatchString(t):
		return umzug.DropComments
	case mayRelatedHeading(t) && anyMatches(relatedHeadingParts, t): // relatedHeading.MatchString(t) (regexsplit.go)
		return umzug.DropRelated
	case anyMatches(interactionHeadingParts, t): // interactionHeading.MatchString(t)
		l := strings.ToLower(t)
		switch {
		case strings.Contains(l, "teil") || strings.Contains(l, "share") || strings.Contains(l, "empfehlen"):
			return umzug.DropShare
		case strings.Contains(l, "tag") || strings.Contains(l, "schlagw") || strings.Contains(l, "stichw"):
			return umzug.DropTags
		case strings.Contains(l, "über ") || strings.Contains(l, "person") || strings.HasPrefix(l, "autor"):
			return umzug.DropAuthor
		case strings.HasPrefix(l, "unterstütz"):
			return umzug.DropAd // a call for donations
		case strings.Contains(l, "newsletter"):
			return umzug.DropNewsletter
		}
		return umzug.DropComments
	}
	return ""
}

// chromeLines are the whole texts of small page-utility elements: print
// and back links, back-to-top links; chromePrefixes start last-change
// lines.
var (
	chromeLines = map[string]bool{
		"zurück": true, "zurück zur übersicht": true, "zurück zur liste": true, "zur übersicht": true,
		"nach oben": true, "seitenanfang": true, "zum seitenanfang": true, "seite drucken": true,
		"drucken": true, "kontaktinformationen drucken": true, "seite teilen": true, "teilen": true,
		"zurück zur listenansicht": true, "zurück zur startseite": true, "artikel drucken": true,
		"seite empfehlen": true, "seite versenden": true, "druckversion": true, "pdf der seite": true,
		"nach oben scrollen": true, "top": true, "back to top": true, "zurück zum seitenanfang": true,
		"war dieser artikel hilfreich?": true, "war diese seite hilfreich?": true, "war der artikel nützlich?": true,
		"fanden sie diesen artikel nützlich?": true, "artikel bewerten": true, "zurück zur vorherigen seite": true,
		"lade weitere inhalte": true, "mehr laden": true, "weitere laden": true, "kommentare geschlossen": true,
		"(noch keine bewertungen)": true, "noch keine bewertungen": true, "anzeige": true, "- anzeige -": true, "-anzeige-": true,
		"werbung": true, "zum seitenanfang springen": true, "vollbild": true, "vollbildmodus": true,
		"fullscreen": true, "bild vergrößern": true, "vergrößern": true,
		// the link line of Instagram's embed code
		"sieh dir diesen beitrag auf instagram an": true, "view this post on instagram": true,
	}
	chromePrefixes = []string{"letzte änderung", "zuletzt geändert", "zuletzt aktualisiert", "stand der seite", "seite zuletzt"}
)

// uiVerbs end the labels of page actions: "Seite drucken", "Tipp
// favorisieren", "Rezept merken", "Artikel teilen".
var uiVerbs = map[string]bool{"drucken": true, "teilen": true, "merken": true, "pinnen": true, "empfehlen": true,
	"weiterempfehlen": true, "favorisieren": true, "bewerten": true, "kommentieren": true, "versenden": true,
	"abonnieren": true, "speichern": true, "vorlesen": true, "print": true, "share": true, "tweet": true}

// controlButtons reports a slider's or lightbox's buttons, "‹ ›", "×":
// an element whose text, and its box's, is only their arrows and crosses
// (not the arrow after a link's label, not a table's cell).
func controlButtons(n *html.Node) bool {
	if n.Parent == nil || n.DataAtom == atom.Td || n.DataAtom == atom.Th || insideAtom(n, atom.Td) || insideAtom(n, atom.Th) {
		return false // a table's "↑" or "×" is a value
	}
	t, short := textUpTo(n, 64)
	if !short || !onlyControlGlyphs(t) {
		return false
	}
	pt, short := textUpTo(n.Parent, 200)
	return short && len(pt) <= 32 && onlyControlGlyphs(pt)
}

// bookmarkLabel matches the label of a link or button that puts the page
// on the visitor's list: "Auf meine Merkliste", "News zur Merkliste".
var bookmarkLabel = regexp.MustCompile(`(?i)^(?:auf (?:meine|die) merkliste(?: setzen)?|(?:\pL+ )?zur merkliste(?: hinzufügen)?|von der merkliste entfernen)$`)

// bookmarkLink reports a link or button that is only such a label (not
// a headline "Ihre Merkliste" over a list).
func bookmarkLink(n *html.Node) bool {
	if headingLevel(n) > 0 || !mayHoldBookmark(n) {
		return false
	}
	t, short := textUpTo(n, 60)
	if !short || !strings.Contains(t, "erkliste") && !strings.Contains(t, "ERKLISTE") || !bookmarkLabel.MatchString(t) {
		return false
	}
	return n.DataAtom == atom.A || n.DataAtom == atom.Button || linkShare(n, nil) >= 0.9 ||
		hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.Button })
}

// mayHoldBookmark is a necessary condition of bookmarkLink's test on the
// text, read without making it: collapsing changes only white space, so
// "erkliste" or "ERKLISTE" in textUpTo(n, 60) is in one of n's text
// nodes. A text of more than textUpTo's 120 bytes before collapsing is
// left to textUpTo.
func mayHoldBookmark(n *html.Node) bool {
	size := 0
	var in func(*html.Node) bool
	in = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				if size += len(c.Data); size > 120 || strings.Contains(c.Data, "erkliste") || strings.Contains(c.Data, "ERKLISTE") {
					return true
				}
			}
			if c.FirstChild != nil && in(c) {
				return true
			}
		}
		return false
	}
	return in(n)
}

// onlyControlGlyphs reports a text made only of the arrows and crosses
// of a slider's, lightbox's or pager's buttons.
func onlyControlGlyphs(t string) bool {
	seen := false
	for _, r := range t {
		switch r {
		case ' ', '\u00a0':
		case '‹', '›', '«', '»', '<', '>', '←', '→', '↑', '↓', '×', '✕', '✖', '▲', '▼', '◀', '▶', '►', '◄', '⟨', '⟩', '❮', '❯':
			seen = true
		default:
			return false
		}
	}
	return seen
}

// backLink matches "Zurück", "zurück zur Übersicht", "Zurück zum Newsroom".
var backLink = regexp.MustCompile(`(?i)^(?:\.{0,3}\s*|«\s*|<\s*)zurück(?: (?:zu[rm]?|zu den|nach) [\p{L} -]{1,30})?$`)

// legalPages name the legal and service pages a page's footer links;
// legalWords are the words of a footer line, those and a few more.
var (
	legalPages = []string{"impressum", "datenschutz", "barrierefreiheit", "sitemap", "kontakt", "imprint", "privacy",
		"nutzungsbedingungen", "agb"}
	legalWords = append(legalPages[:len(legalPages):len(legalPages)], "copyright", "cookie-einstellungen",
		"haftungsausschluss", "disclaimer")
)

// footerLine reports a lower-cased line that names at least two legal
// pages, with at most three other words for each: "Impressum |
// Datenschutz | © 2024 Stadt Beispiel".
func footerLine(l string) bool {
	found := 0
	for _, w := range legalWords {
		if strings.Contains(l, w) {
			found++
		}
	}
	if found < 2 {
		return false
	}
	words := 0
	for _, f := range strings.Fields(l) {
		if len(f) > 1 || f[0] >= 'a' && f[0] <= 'z' {
			words++
		}
	}
	return words-found <= 3*found
}

// linksFile reports a link in n, or n itself, to a file (a PDF, a
// document, a picture) rather than a page.
func linksFile(n *html.Node) bool {
	file := func(d *html.Node) bool {
		if d.DataAtom != atom.A {
			return false
		}
		p := strings.ToLower(pathOf(attr(d, "href")))
		return umzug.IsLinkedFileExt(path.Ext(p)) || strings.Contains(p, "fileadmin/")
	}
	return file(n) || hasDescendant(n, file)
}

// inSentence reports an inline element with words right beside it, before
// a line break or a block on either side: a link in a sentence ("Die
// Stadt informiert: <a>alle Pressemitteilungen der Stadt</a> stehen im
// Archiv"), which goes with its sentence, not a link on a line of its
// own (a separator "|" or "·" beside it is no word).
func inSentence(n *html.Node) bool {
	if n.Parent == nil || !inlineAtoms[n.DataAtom] {
		return false
	}
	side := func(c *html.Node, next func(*html.Node) *html.Node) bool {
		for ; c != nil; c = next(c) {
			t := ""
			switch {
			case c.Type == html.TextNode:
				t = c.Data
			case c.Type != html.ElementNode:
				continue
			case c.DataAtom == atom.Br || !inlineAtoms[c.DataAtom]:
				return false
			default:
				t = textOf(c)
			}
			if t = strings.TrimSpace(t); t != "" {
				return strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
			}
		}
		return false
	}
	return side(n.PrevSibling, func(c *html.Node) *html.Node { return c.PrevSibling }) ||
		side(n.NextSibling, func(c *html.Node) *html.Node { return c.NextSibling })
}

// linksPicture reports a link around a picture: n itself or inside n.
func linksPicture(n *html.Node) bool {
	picture := func(d *html.Node) bool { return d.DataAtom == atom.Img || d.DataAtom == atom.Picture }
	if n.DataAtom == atom.A {
		return hasDescendant(n, picture)
	}
	return hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.A && hasDescendant(d, picture) })
}

// slideCounter matches the counter of a gallery or slider.
var slideCounter = regexp.MustCompile(`^(?:bild|foto|slide|image|photo)\s+\d+\s*(?:von|/|of|aus)\s*\d+$`)

// listLink matches a link line that leads to a listing of the site
// rather than to a resource: "Alle News im Überblick", "weitere
// Veranstaltungen ...", "Zu allen Pressemitteilungen", "Mehr Artikel",
// "alle Pressemitteilungen der Beispiel Wind AG" (the listing's owner in
// up to four words).
var listLink = regexp.MustCompile(`(?i)^(?:alle|weitere|mehr|zu allen|zu den|zur|more|all)\s+(?:[\p{L}-]+\s+)?(?:news|nachrichten|meldungen|pressemitteilungen|presseinformationen|pressemeldungen|artikel|beiträge|termine|veranstaltungen|videos|bilder|fotos|podcasts|themen|stories|articles|posts|events)(?:\s+(?:im überblick|anzeigen|laden|ansehen|lesen|(?:der|des|von|vom)\s+[\p{L}\d&.'-]+(?:\s+[\p{L}\d&.'-]+){0,3}))?\s*(?:\.{2,3}|…|»|>|→)?$`)

// labelledListLink reports a lower-cased link line that is a listLink
// beginning "alle", "weitere" or "zu allen" after a one-word label and
// a dash, colon or bar: "Online-Pressemappe - alle Pressemitteilungen
// der Beispiel Wind AG", the page of a press portal that lists all
// releases of the issuer, under each release.
func labelledListLink(l string) bool {
	for _, sep := range labelSeparators {
		if i := strings.Index(l, sep); i > 0 && i <= 40 && !strings.ContainsAny(l[:i], " \u00a0") {
			rest := l[i+len(sep):]
			return hasAnyPrefix(rest, labelledListStarts...) && listLink.MatchString(rest)
		}
	}
	return false
}

// labelledListStems are labelledListLink's cues for the pair filter:
// each separator before each start.
var (
	labelSeparators    = []string{" - ", " – ", ": ", " | "}
	labelledListStarts = []string{"alle ", "weitere ", "zu allen "}
	labelledListStems  = func() []stem {
		var ws []string
		for _, sep := range labelSeparators {
			for _, w := range labelledListStarts {
				ws = append(ws, sep+w)
			}
		}
		return makeByteStems(ws...)
	}()
)

func isChromeLine(t string) bool {
	if len(t) >= 80 {
		return false
	}
	// l is strings.ToLower(strings.TrimRight(t, " :.!")) in a buffer on
	// the stack, one byte longer for the question mark of the look-up
	// below (the map look-ups and the switch of string(l) copy nothing).
	var arr [160]byte
	l := appendLower(arr[:0], strings.TrimRight(t, " :.!"))
	if chromeLines[string(l)] || chromeLines[string(append(l, '?'))] || bytes.Contains(l, []byte("zur")) && backLink.MatchString(string(l)) {
		return true
	}
	switch string(bytes.Trim(l, " -–—*|[]()")) {
	case "anzeige", "werbung", "advertisement", "sponsored", "gesponsert", "sponsored content":
		return true
	}
	if last, k := lastOfFewFieldsBytes(l, 3); k > 0 && uiVerbs[string(last)] {
		return true
	}
	for _, p := range chromePrefixes {
		if bytes.HasPrefix(l, []byte(p)) && len(l) < len(p)+42 {
			return true
		}
	}
	return false
}

// appendLower appends strings.ToLower(s) to dst: ASCII letters
// lower-cased byte by byte, every other rune by unicode.ToLower, and an
// invalid byte as U+FFFD, as strings.Map writes it.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, foldByte[c])
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += w
	}
	return dst
}

// lastOfFewFieldsBytes returns the last of the fields (bytes.Fields) of
// s and their number, or 0 when s has more than most: isChromeLine's test
// of a short line's last word without the slice of all its words.
func lastOfFewFieldsBytes(s []byte, most int) ([]byte, int) {
	var last []byte
	k := 0
	for i := 0; i < len(s); {
		for i < len(s) { // white space
			r, w := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, w = utf8.DecodeRune(s[i:])
			}
			if !unicode.IsSpace(r) {
				break
			}
			i += w
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) { // a field
			r, w := rune(s[j]), 1
			if r >= utf8.RuneSelf {
				r, w = utf8.DecodeRune(s[j:])
			}
			if unicode.IsSpace(r) {
				break
			}
			j += w
		}
		if k++; k > most {
			return nil, 0
		}
		last = s[i:j]
		i = j
	}
	return last, k
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

// calendarPager reports a line of two or more links and nothing else, all
// to calendar views of one page ("?month=2026-11", "?tx_cal[getdate]=…"):
// the calendar's previous and next months, which the export leaves out as
// views (ViewReason).
func calendarPager(n *html.Node) bool {
	links, path := 0, ""
	ok := true
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for ; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if strings.Trim(c.Data, " \t\r\n\u00a0«»‹›<>|·–-") != "" && c.Parent.DataAtom != atom.A {
					ok = false
				}
			case c.DataAtom == atom.A:
				u, err := url.Parse(strings.TrimSpace(attr(c, "href")))
				if err != nil || u.RawQuery == "" || ViewReason(u) != ViewCalendar || links > 0 && u.Path != path {
					ok = false
					return
				}
				links, path = links+1, u.Path
			case c.Type == html.ElementNode:
				walk(c.FirstChild)
			}
		}
	}
	walk(n.FirstChild)
	return ok && links >= 2
}

// utilityReason judges small text-level elements by their text: print and
// back links, last-change lines, consent overlays in front of embeds.
func utilityReason(n *html.Node, weight int32) string {
	return utilityReasonScratch(n, weight, nil)
}

// utilityReasonScratch is utilityReason reading the element's text into
// *scratch (textUpToScratch) when it is not nil: the text is only looked
// at here, no string of it is kept.
func utilityReasonScratch(n *html.Node, weight int32, scratch *[]byte) string {
	if weight > 600 || weight == 0 {
		return ""
	}
	switch n.DataAtom {
	case atom.Div:
		if hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] }) {
			return "" // only text-level boxes
		}
	case atom.P, atom.Li, atom.A, atom.Span:
	default:
		return ""
	}
	var t string
	var short bool
	if scratch != nil {
		t, short = textUpToScratch(n, 600, scratch)
	} else {
		t, short = textUpTo(n, 600)
	}
	if !short {
		return ""
	}
	if n.DataAtom == atom.P && separatorOnly(t) {
		// A paragraph of nothing but a separator: the dash between a
		// post's date and its byline that a block theme (WordPress'
		// post meta pattern) sets as a paragraph of its own in a row.
		return umzug.DropMeta
	}
	if isChromeLine(t) {
		if linksPicture(n) {
			return "" // a picture's link ("Bild vergrößern" around the image): the label goes with it
		}
		return umzug.DropUtility
	}
	// Cheap tests on the lower-cased text before each regexp: these run on
	// every small element of the main region. One pass puts the text's
	// byte pairs into a filter that rules out most stems without a
	// strings.Contains (stemfilter.go); the text is lower-cased only when
	// a stem may be there.
	var ps pairSet
	ps.add(t)
	var l string
	if len(t) < 200 && ps.mayCount(legalStems) >= 2 {
		l = lowerForStems(t) // strings.ToLower for the ASCII words below (fastpath.go)
		if footerLine(l) && (strings.ContainsAny(t, "|·•") || linkShare(n, nil) >= 0.5) {
			return umzug.DropFooter
		}
	}
	if len(t) < 200 && n.DataAtom == atom.P && hasAnyPrefix(t, ">>", "»", "→", "▶", "►") && linkShare(n, nil) >= 0.95 && !linksFile(n) {
		return umzug.DropRelated // ">> Wegen Corona: … <<", a link to another article between paragraphs
	}
	if len(t) < 60 && ps.hasAnyFoldPrefix(t, "alle", "weitere", "mehr", "zu", "zur", "more", "all") {
		if l == "" {
			l = lowerForStems(t)
		}
		if listLink.MatchString(l) && linkShare(n, nil) >= 0.8 && !inSentence(n) {
			return umzug.DropUtility
		}
	}
	if len(t) < 100 && ps.mayAny(labelledListStems) {
		if l == "" {
			l = lowerForStems(t)
		}
		if labelledListLink(l) && linkShare(n, nil) >= 0.8 && !linksFile(n) && !inSentence(n) {
			return umzug.DropUtility // "Online-Pressemappe - alle Pressemitteilungen der Beispiel AG"
		}
	}
	if len(t) < 80 && ps.hasAnyFoldPrefix(t, "von", "by", "autor", "redaktion", "erstellt", "geschrieben", "verfasst", "posted") && (bylineRe.MatchString(t) || datedByline(t) != "") {
		return umzug.DropMeta
	}
	if len(t) < 250 && ps.mayAny(loginStems) {
		if l == "" {
			l = lowerForStems(t)
		}
		if containsSubstring(l, "einlogg", "anmeld", "registrier", "eingeloggt", "angemeldet") && commentGate.MatchString(t) {
			return umzug.DropComments
		}
	}
	if len(t) < 40 && ps.hasAnyFoldPrefix(t, "seite", "page") && pageOfPages.MatchString(t) {
		return umzug.DropPagination
	}
	if len(t) < 80 && calendarPager(n) {
		return umzug.DropPagination // "« November  Januar »": the calendar's other months, views the export skips
	}
	if len(t) < 24 && ps.hasAnyFoldPrefix(t, "bild", "foto", "slide", "image", "photo") {
		if l == "" {
			l = lowerForStems(t)
		}
		if slideCounter.MatchString(l) {
			return umzug.DropControl // a gallery's "Bild 3 von 10"
		}
	}
	// A breadcrumb has a colon or two of its step marks.
	if (strings.IndexByte(t, ':') >= 0 || ps.mayAny(crumbStems)) && breadcrumbLine(t) {
		return umzug.DropBreadcrumb
	}
	if n.DataAtom != atom.A && len(t) > 40 && ps.mayAny(thirdPartyStems) && mayBeConsentIn(t, &ps) && namesThirdParty(t) && consentText.MatchString(t) {
		return umzug.DropCookie
	}
	return ""
}

// The stems of utilityReason's tests, for the pair filter: the legal
// pages of a footer line, the words of logging in, the consent overlay's
// verbs and the third parties.
var (
	legalStems      = makeStems(legalWords...)
	loginStems      = makeStems("einlogg", "anmeld", "registrier", "eingeloggt", "angemeldet")
	consentStems    = makeStems(consentWords...)
	thirdPartyStems = makeStems(thirdParties...)
	crumbStems      = makeByteStems("›", "»", " > ", " / ")
)

// bylineRe matches a byline standing on its own: "Von: Anna Beispiel",
// "Autorin: …", "Redaktion: …" (one with the post's date: datedByline).
var bylineRe = regexp.MustCompile(`(?i)^(?:von|by|autor(?:in|en)?|redaktion|erstellt von|geschrieben von|verfasst von)\s*:?\s+\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}?[\p{L}.'-]+){0,4}$|^(?:von|autor(?:in|en)?|redaktion)\s*:$|^(?:von|by)$`)

// bylineDate matches a byline that ends in the post's date ("Verfasst
// von: redaktion2 | 31. Dezember 2008"); groups "name" and "date".
var bylineDate = regexp.MustCompile(`(?i)^(?:von|by|autor(?:in|en)?|redaktion|erstellt von|geschrieben von|verfasst von|posted by)\s*:?\s+(?P<name>[\p{L}\d.'_-]+(?:\s+[\p{L}\d.'_-]+){0,4}?)\s*(?:[|,·•–-]|\bam\b|\bon\b)\s*(?P<date>\d{1,2}\.?\s*(?:\d{1,2}\.|\p{L}+\.?)\s*\d{4})$`)

// datedByline returns the date of a byline that ends in the post's date
// as written, "" for any other line and for one whose "name" is a
// weekday ("Von: Freitag, 13. Juni 2025" is an event's first day).
func datedByline(t string) string {
	m := bylineDate.FindStringSubmatch(t)
	if m == nil || weekdayName(m[bylineDate.SubexpIndex("name")]) {
		return ""
	}
	return m[bylineDate.SubexpIndex("date")]
}

// weekdayName reports a byline's name that is a weekday: "Von: Freitag,
// 13. Juni 2025" is an event's first day, not a post's author and date.
func weekdayName(name string) bool {
	return strings.TrimSpace(weekdayWord.ReplaceAllString(name, "")) == ""
}

// pageOfPages matches a list's position line: "Seite 1 von 3", "Page 2 of 7".
var pageOfPages = regexp.MustCompile(`(?i)^(?:seite|page)\s+\d+\s+(?:von|of|/)\s+\d+\.?$`)

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsSubstring(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// consentWords are the words of the cheap test before the consent
// regexp (mayBeConsentIn).
var consentWords = []string{"lick", "ktivier", "ustimm", "inwillig", "aden Sie", "aden sie"}

// mayBeConsentIn is the cheap test before the consent regexp: t holds
// one of consentWords. ps holds the pairs of t; a word the pair filter
// rules out is not looked for.
func mayBeConsentIn(t string, ps *pairSet) bool {
	for i := range consentStems {
		if ps.may(&consentStems[i]) && strings.Contains(t, consentStems[i].word) {
			return true
		}
	}
	return false
}

// breadcrumbText matches the trail of a breadcrumb: "Sie sind hier:",
// or three or more short steps joined by ›, », > or /.
var (
	breadcrumbCue  = regexp.MustCompile(`(?i)^(?:sie sind hier|sie befinden sich (?:hier|auf)|aktuelle seite|you are here|pfad|navigationspfad)\s*:`)
	breadcrumbStep = regexp.MustCompile(`\s[›»>/]\s|\s?›\s?|\s»\s`)
	// phoneSlash is the slash between area code and number ("0221 / 9822").
	phoneSlash = regexp.MustCompile(`(\d) / (\d)`)
)

func breadcrumbLine(t string) bool {
	if len(t) > 300 {
		return false
	}
	if strings.Contains(t, ":") && breadcrumbCue.MatchString(t) {
		return true
	}
	marks := strings.Count(t, "›") + strings.Count(t, "»") + strings.Count(t, " > ")
	slashes := strings.Count(t, " / ")
	if marks+slashes < 2 {
		return false
	}
	if slashes > 0 && phoneSlash.MatchString(t) {
		t = phoneSlash.ReplaceAllString(t, "$1/$2") // "030 / 2325 786": a phone number, no step
		if marks+strings.Count(t, " / ") < 2 {
			return false
		}
	}
	steps := breadcrumbStep.Split(t, -1)
	if len(steps) < 3 {
		return false
	}
	for _, st := range steps {
		if len(st) > 90 {
			return false
		}
	}
	return true
}

// textUpTo returns the collapsed text of n and true, or false as soon as
// the text is longer than limit bytes (fastpath.go).
func textUpTo(n *html.Node, limit int) (string, bool) { return textUpToBytes(n, limit) }

// insideMain reports an element inside <main> or role=main.
func insideMain(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if isMainLandmark(p) {
			return true
		}
	}
	return false
}

// insideAtom reports an element inside an element of kind a.
func insideAtom(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
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

// skipLink reports a link that is shown only on keyboard focus and leads
// to a place on the same page: a skip link ("Menü überspringen" before
// bootstrap_package's menu elements, Menu/SkipNavigation.html, to the
// next element's "#c{uid}"; Bootstrap's "visually-hidden-focusable",
// Bootstrap 4's "sr-only-focusable").
func skipLink(class, href string) bool {
	if !strings.HasPrefix(strings.TrimSpace(href), "#") {
		return false
	}
	for _, f := range strings.Fields(class) {
		switch strings.ToLower(f) {
		case "visually-hidden-focusable", "sr-only-focusable":
			return true
		}
	}
	return false
}
