package html

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// How the main content is found (docs/extraction.md has the long version):
//
//  1. Every element gets its boilerplate verdict from its own markup: tag,
//     role, and the words of its class and id names (boilerplate.go). A
//     verdict on a wrapper that holds most of the page's prose is taken
//     back: it is a template's oddly named content column.
//  2. Every element gets weights bottom-up: its visible text, the part of it
//     in links, and its "good" text: prose outside links and outside
//     boilerplate. Text in TYPO3 content elements and between TYPO3's
//     search markers counts as good even when linked: the site's editors
//     put it there.
//  3. The main region is the element with the best score, good text minus
//     a share of the rest (links, boilerplate) it would drag in: the
//     smallest container that holds the prose, whatever the template
//     calls it. Landmarks (<main>, role=main, articleBody, TYPO3's marked
//     column) win over it when they hold nearly as much.
//  4. Inside the region, boilerplate is dropped with its reason: marked
//     elements, boxes under related or comment headlines, link-dense boxes
//     around the prose, utility lines. Nothing is deleted for good: every
//     change is undone after extraction, so the parsed page can be handed
//     on (to the audit) and the accounting can say where each text went.

// weights are the text weights of one element, in non-space bytes.
type weights struct {
	text int32 // all visible text
	link int32 // text inside links
	good int32 // prose: outside links and boilerplate (or in editor content)
	boil int32 // text inside boilerplate (pruned anyway)
}

// analysis holds what is known about a page's elements before extraction.
type analysis struct {
	w     map[*html.Node]weights
	marks map[*html.Node]string // boilerplate verdicts of elements
	soft  map[*html.Node]bool   // verdicts that hold only for minor parts (teasers)
	cache boilerCache
	body  *html.Node
	// inSearch is weigh's state as it walks the page in document order:
	// between a TYPO3SEARCH_begin and a TYPO3SEARCH_end comment, where
	// linked text counts as prose (searchMarker).
	inSearch bool
	mobile   bool       // some element is shown on small screens only
	thread   bool       // the page is a discussion: its comments are the content
	h1       *html.Node // soleHeadline, once found
	h1Read   bool
}

// analyze computes boilerplate verdicts and weights for the page.
func analyze(root *html.Node) *analysis { return analyzeShared(root, nil) }

// analyzeShared is analyze with the verdicts of class and id names kept
// in a Parser's shared cache.
func analyzeShared(root *html.Node, shared *verdictCache) *analysis {
	return analyzeSized(root, shared, -1)
}

// analyzeSized is analyzeShared with the number of elements of the page
// counted already (pageIndex.elements), which sizes the weights map; -1
// counts the body's elements.
func analyzeSized(root *html.Node, shared *verdictCache, elements int) *analysis {
	a := &analysis{marks: map[*html.Node]string{}, soft: map[*html.Node]bool{}, cache: newBoilerCache(shared)}
	a.body = findBody(root)
	if a.body == nil {
		a.w = map[*html.Node]weights{}
		return a
	}
	// Sized once: the map holds an entry per element; growing it cost
	// more than filling it. The page's count (head included) is a size,
	// not a result: no walk of its own for it.
	if elements < 0 {
		elements = countElements(a.body)
	}
	a.w = shared.weightsMap(elements)               // releaseWeights hands it to the next page
	a.markWeigh(a.body, false, false, false, false) // markAll and weighBody
	// A verdict on a wrapper that holds most of the prose is wrong: it is
	// the content column of a template with an odd name ("content_left
	// print-only", "widget-area" around the article).
	bw := a.w[a.body]
	total := bw.text - bw.link
	marked := len(a.marks)
	for n, r := range a.marks {
		if r == umzug.DropScreenOnly || r == umzug.DropComments || r == umzug.DropNavigation && n.DataAtom == atom.Nav {
			continue // comment sections may well be longer than the article
		}
		// A wrapper holding most of the prose together with the page's
		// main landmark or headline ("content-sidebar-wrap" around
		// <main>); a real sidebar, however long, holds neither.
		// On a short page (a contact page, a short notice: less than 400
		// characters of prose) the wrapper around the whole page holds
		// the main landmark and most of the prose all the same: Drupal
		// wraps every page in "dialog-off-canvas-main-canvas", whose
		// "dialog" took all of a short page as a popup.
		w := a.w[n]
		prose := float64(w.text - w.link)
		if w.text-w.link > 400 && (prose > 0.5*float64(total) && holdsArticle(n) || holdsMain(n)) ||
			w.text-w.link > 0 && prose > 0.5*float64(total) && holdsMain(n) {
			delete(a.marks, n)
			continue
		}
		// A share bar, a pager or a print link is a row of links and
		// buttons; one with paragraphs of prose in it, in the article
		// under the page's headline, is a wrapper that also holds them
		// ("documentContent__sharingContainer" around a press release's
		// body). A feed of social media posts elsewhere on the page stays
		// what its name says.
		if widgetReason(r) && w.text-w.link > 400 && 2*w.link < w.text && a.holdsParagraphs(n, 2) && a.underHeadline(n) {
			delete(a.marks, n)
		}
	}
	if len(a.marks) != marked { // else the weights stay what they are
		clear(a.w)
		a.weighBody()
	}
	// A discussion is the content of a page that holds little else: a
	// forum thread, a question with its answers.
	if a.w[a.body].good < 300 && a.markedText(a.body, umzug.DropComments) > 1000 {
		a.thread = true
		for n, r := range a.marks {
			if r == umzug.DropComments {
				delete(a.marks, n)
			}
		}
		clear(a.w)
		a.weighBody()
	}
	return a
}

// widgetReason reports the verdicts that name a row of links or buttons.
func widgetReason(r string) bool {
	return r == umzug.DropShare || r == umzug.DropPagination || r == umzug.DropUtility
}

// holdsParagraphs reports at least k paragraphs of prose (40 or more
// characters outside links) inside n.
func (a *analysis) holdsParagraphs(n *html.Node, k int) bool {
	found := 0
	return hasDescendant(n, func(d *html.Node) bool {
		if w := a.w[d]; d.DataAtom == atom.P && w.text-w.link >= 40 {
			found++
		}
		return found >= k
	})
}

// underHeadline reports whether n follows the page's sole level-1
// headline inside the same article or main landmark.
func (a *analysis) underHeadline(n *html.Node) bool {
	h1 := a.soleHeadline()
	if h1 == nil || !nodeOrder(h1, n) {
		return false
	}
	for c := commonAncestor(h1, n); c != nil && c != a.body; c = c.Parent {
		if c.DataAtom == atom.Article || isMainLandmark(c) {
			return true
		}
	}
	return false
}

// holdsArticle reports a main landmark, an article or a level-1 headline
// inside n.
func holdsArticle(n *html.Node) bool {
	return hasDescendant(n, func(d *html.Node) bool {
		return isMainLandmark(d) || d.DataAtom == atom.Article || d.DataAtom == atom.H1 ||
			attr(d, "itemprop") == "articleBody" || contentLandmark(d)
	})
}

// holdsMain reports the page's main landmark, its article body or its
// level-1 headline inside n: what no sidebar or popup holds, only a
// wrapper around the page (Drupal's "dialog-off-canvas-main-canvas").
func holdsMain(n *html.Node) bool {
	return hasDescendant(n, func(d *html.Node) bool {
		return isMainLandmark(d) || attr(d, "itemprop") == "articleBody"
	})
}

// isMainLandmark reports the page's main landmark: <main> or role=main.
func isMainLandmark(n *html.Node) bool {
	return n.DataAtom == atom.Main || strings.EqualFold(attr(n, "role"), "main")
}

// countElements counts the elements below n, n included.
func countElements(n *html.Node) int {
	elems := 0
	if n.Type == html.ElementNode {
		elems = 1
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		elems += countElements(c)
	}
	return elems
}

func findBody(root *html.Node) *html.Node {
	var body *html.Node
	var f func(n *html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			if c.DataAtom == atom.Body {
				body = c
				return
			}
			if c.Type == html.ElementNode || c.Type == html.DocumentNode {
				f(c)
			}
		}
	}
	f(root)
	return body
}

// elAttrs are the attributes of an element that markWeigh reads, each
// the first of its name (as attr finds it), read in one pass.
type elAttrs struct {
	class, id, role, style string
	hidden                 bool // a hidden attribute
}

// elAttrsOf reads n's attributes for markWeigh.
func elAttrsOf(n *html.Node) elAttrs {
	var x elAttrs
	var seen uint8 // bits: class, id, role, style
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if seen&1 == 0 {
				x.class, seen = a.Val, seen|1
			}
		case "id":
			if seen&2 == 0 {
				x.id, seen = a.Val, seen|2
			}
		case "role":
			if seen&4 == 0 {
				x.role, seen = a.Val, seen|4
			}
		case "style":
			if seen&8 == 0 {
				x.style, seen = a.Val, seen|8
			}
		case "hidden":
			x.hidden = true
		}
	}
	return x
}

// invisibleAtom reports the tags isInvisible hides whatever their
// attributes.
func invisibleAtom(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title, atom.Svg,
		atom.Link, atom.Meta, atom.Iframe, atom.Object, atom.Canvas:
		return true
	}
	return false
}

// markWeigh is markAll followed by weigh (the page's first weighing),
// in one walk: an element's verdict is taken before its subtree is
// weighed, and weigh only reads the verdict of the element it is at.
// Each element's attributes are read once for both (elAttrsOf).
func (a *analysis) markWeigh(n *html.Node, inCE, inLink, inBoiler, trusted bool) weights {
	var w weights
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			a.weighText(&w, c.Data, inLink, inBoiler, trusted)
		case html.CommentNode:
			a.inSearch = searchMarker(c, a.inSearch)
		case html.ElementNode:
			if invisibleAtom(c.DataAtom) {
				a.inSearch = searchMarkers(c, a.inSearch)
				continue
			}
			x := elAttrsOf(c)
			if x.hidden || styleHides(c, x.style) {
				a.inSearch = searchMarkers(c, a.inSearch)
				continue
			}
			isCE := c.DataAtom != atom.A && cUID(x.id) > 0                   // isContentElement
			ce := inCE || isCE && !strings.Contains(x.class, "gridelements") // ownsMarkup
			if !a.mobile && mobileOnly(x.class) {
				a.mobile = true
			}
			marked := false
			if r := a.cache.elementReason(c, &x); r != "" && (!ce || ceBoilerplate(r)) {
				if r == umzug.DropRelated && (isSoft(x.class) || isSoft(x.id) || c.DataAtom == 0 && isSoft(c.Data)) {
					if boxElement(c) || c.DataAtom == atom.A {
						if !leadAfterHeadline(c) { // a lead paragraph ("article-teaser"), not a box
							a.soft[c] = true
						}
					}
				} else {
					a.marks[c] = r
					marked = true
				}
			}
			control := formControl(c)
			cw := a.markWeigh(c, ce, inLink || c.DataAtom == atom.A, inBoiler || marked || control, trusted || isCE || a.inSearch)
			w.add(cw)
		}
	}
	a.w[n] = w
	return w
}

// recordField reports an element of a news record's related links or
// files, which the press release reads into its fields.
func recordField(n *html.Node) bool {
	for a := n; a != nil; a = a.Parent {
		if c := attr(a, "class"); c != "" && containsSubstring(c, "news-related-links", "news-related-files") {
			return true
		}
	}
	return false
}

// holdsRecordField reports an element that holds a news record's related
// links or files (tx_news's news-related-wrap around them and the related
// news), also as a plain news-related box with a link that is no related
// news item (plainRelated).
func holdsRecordField(n *html.Node) bool {
	return hasDescendant(n, func(d *html.Node) bool {
		c := attr(d, "class")
		return c != "" && (containsSubstring(c, "news-related-links", "news-related-files") ||
			hasClass(c, "news-related") && !typedRelated(d) && recordLinks(d))
	})
}

// recordLinks reports a related box with a link outside its related news
// items.
func recordLinks(box *html.Node) bool {
	return hasDescendant(box, func(a *html.Node) bool {
		if a.DataAtom != atom.A || attr(a, "href") == "" {
			return false
		}
		for x := a.Parent; x != nil && x != box; x = x.Parent {
			if x.DataAtom == atom.Li {
				return !relatedNewsItem(x)
			}
		}
		return !relatedNewsItem(box)
	})
}

// datedItem reports the date of an item in a list of related news: a
// <time>, or an element whose class names a date ("news-related-news-date",
// "date"; not "links-updated") and whose text holds one.
func datedItem(d *html.Node) bool {
	if d.DataAtom == atom.Time {
		return true
	}
	c := attr(d, "class")
	if c == "" || !strings.Contains(strings.ToLower(c), "dat") {
		return false
	}
	if !classWordIn(c, dateWords) {
		return false
	}
	t, _ := textUpTo(d, 60)
	return len(FindGermanDates(t)) > 0
}

var dateWords = map[string]bool{"date": true, "datum": true}

// classWordIn reports whether a word of the class or id value v, split at
// spaces, hyphens and underscores and in lower case, is in words
// ("news-related-news-date" holds "date"; "links-updated" does not).
func classWordIn(v string, words map[string]bool) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(v), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }) {
		if words[w] {
			return true
		}
	}
	return false
}

// leadAfterHeadline reports a "teaser" that is the lead of the article
// whose level-1 headline comes before it in the same container, as
// German CMSs call the lead: prose that links nowhere.
func leadAfterHeadline(n *html.Node) bool {
	if hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.A && hasAttr(d, "href") || headingLevel(d) > 0 }) {
		return false
	}
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode && (s.DataAtom == atom.H1 || hasDescendant(s, func(d *html.Node) bool { return d.DataAtom == atom.H1 })) {
			return true
		}
	}
	return false
}

// ownsMarkup reports a TYPO3 content element whose inner markup is its
// own: every element but a grid container (gridelements), whose inside
// is other content elements and whatever the template put between them.
func ownsMarkup(n *html.Node) bool {
	return isContentElement(n) && !strings.Contains(attr(n, "class"), "gridelements")
}

// ceBoilerplate reports the verdicts that hold inside TYPO3 content
// elements too (a news plugin's share bar, a list's page browser).
func ceBoilerplate(r string) bool {
	switch r {
	case umzug.DropShare, umzug.DropComments, umzug.DropPagination, umzug.DropCookie, umzug.DropAd, umzug.DropScreenOnly, umzug.DropPopup:
		return true
	}
	return false
}

// weighBody fills a.w for the body's subtree.
func (a *analysis) weighBody() {
	a.inSearch = false
	a.weigh(a.body, false, false, false)
}

// weigh fills a.w for n's subtree and returns n's weights. It keeps
// a.inSearch up to date on the way (the search markers in invisible
// elements count too).
func (a *analysis) weigh(n *html.Node, inLink, inBoiler, trusted bool) weights {
	var w weights
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			a.weighText(&w, c.Data, inLink, inBoiler, trusted)
		case html.CommentNode:
			a.inSearch = searchMarker(c, a.inSearch)
		case html.ElementNode:
			if isInvisible(c) {
				a.inSearch = searchMarkers(c, a.inSearch)
				continue
			}
			_, marked := a.marks[c]
			control := formControl(c)
			cw := a.weigh(c, inLink || c.DataAtom == atom.A, inBoiler || marked || control, trusted || isContentElement(c) || a.inSearch)
			w.add(cw)
		}
	}
	a.w[n] = w
	return w
}

// weighText adds the text s of a text node to w: all of it to text, to
// link inside a link, to boil inside boilerplate, to good when it is
// prose (outside boilerplate, and outside links unless trusted or between
// the search markers).
func (a *analysis) weighText(w *weights, s string, inLink, inBoiler, trusted bool) {
	k := int32(nonSpace(s))
	w.text += k
	if inLink {
		w.link += k
	}
	if !inBoiler && (!inLink || trusted || a.inSearch) {
		w.good += k
	}
	if inBoiler {
		w.boil += k
	}
}

// add adds the weights of a child element to w.
func (w *weights) add(c weights) {
	w.text += c.text
	w.link += c.link
	w.good += c.good
	w.boil += c.boil
}

// nonSpace counts the bytes of s that are not ASCII white space (space,
// tab, CR, LF, FF). It runs on every text node of a page, each time the
// page is weighed: summing a table's entries has no branch to mispredict
// on mixed text (2.5 times faster than comparing each byte).
func nonSpace(s string) int {
	k := 0
	for i := 0; i < len(s); i++ {
		k += int(asciiSpace[s[i]])
	}
	return len(s) - k
}

// asciiSpace is 1 for the bytes nonSpace does not count.
var asciiSpace = [256]uint8{' ': 1, '\t': 1, '\r': 1, '\n': 1, '\f': 1}

// boxElement reports elements that can be boxes of their own.
func boxElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article, atom.Aside, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Figure, atom.Nav, atom.Table:
		return true
	}
	return n.DataAtom == 0 // custom elements (<teaser>, <pp-inline-teaser>)
}

// formControl reports the controls of a form: their text (options,
// button labels) is no prose.
func formControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Select, atom.Button, atom.Textarea, atom.Option, atom.Datalist:
		return true
	}
	return false
}

// isInvisible reports elements whose text no reader sees: scripts,
// styles, templates, hidden elements.
func isInvisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title, atom.Svg,
		atom.Link, atom.Meta, atom.Iframe, atom.Object, atom.Canvas:
		return true
	}
	// hasAttr(n, "hidden") || hiddenByStyle(n) in one pass over the
	// attributes: the first style attribute is the one attr reads.
	st, styled := "", false
	for _, a := range n.Attr {
		if a.Key == "hidden" {
			return true
		}
		if a.Key == "style" && !styled {
			st, styled = a.Val, true
		}
	}
	return styleHides(n, st)
}

// typo3SearchMarker tells whether the comment c is a TYPO3SEARCH_begin
// or a TYPO3SEARCH_end marker.
func typo3SearchMarker(c *html.Node) (begin, end bool) {
	t := strings.TrimSpace(c.Data)
	return strings.HasPrefix(t, "TYPO3SEARCH_begin"), strings.HasPrefix(t, "TYPO3SEARCH_end")
}

// searchMarker returns whether what follows the comment c is between
// TYPO3SEARCH markers, on telling whether what came before it is.
func searchMarker(c *html.Node, on bool) bool {
	switch begin, end := typo3SearchMarker(c); {
	case begin:
		return true
	case end:
		return false
	}
	return on
}

// searchMarkers is searchMarker for the comments below n, in document
// order.
func searchMarkers(n *html.Node, on bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			on = searchMarker(c, on)
		case html.ElementNode:
			on = searchMarkers(c, on)
		}
	}
	return on
}

// searchColumns returns, for each TYPO3SEARCH region, the element that
// holds it: the parent of its begin and end markers.
func searchColumns(body *html.Node) []*html.Node {
	var cols []*html.Node
	var begin *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.CommentNode {
				switch isBegin, isEnd := typo3SearchMarker(c); {
				case isBegin:
					begin = c
				case isEnd && begin != nil:
					if col := commonAncestor(begin, c); col != nil && !containsNode(cols, col) {
						cols = append(cols, col)
					}
					begin = nil
				}
				continue
			}
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(body)
	return cols
}

func containsNode(ns []*html.Node, n *html.Node) bool {
	for _, m := range ns {
		if m == n {
			return true
		}
	}
	return false
}

func commonAncestor(a, b *html.Node) *html.Node {
	anc := map[*html.Node]bool{}
	for n := a.Parent; n != nil; n = n.Parent {
		anc[n] = true
	}
	for n := b.Parent; n != nil; n = n.Parent {
		if anc[n] {
			return n
		}
	}
	return nil
}

// contentLandmark reports elements that templates use for the main
// content: <main>, role=main, articleBody, and the usual ids and classes.
func contentLandmark(n *html.Node) bool {
	if isMainLandmark(n) || attr(n, "itemprop") == "articleBody" {
		return true
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article:
	default:
		return false
	}
	switch strings.ToLower(attr(n, "id")) {
	case "content", "main-content", "maincontent", "main", "inhalt", "article", "story", "content-main", "contentmain", "hauptinhalt":
		return true
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		switch strings.ToLower(c) {
		case "entry-content", "post-content", "article-content", "article-body", "article__body", "article-text",
			"articlebody", "articletext", "post-body", "post-entry", "postcontent", "story-body", "main-content",
			"content-main", "page-content", "text-content", "body-text", "field-body", "news-text-wrap",
			"blog-content", "single-content", "article__content", "entry", "post", "story":
			return true
		}
	}
	return false
}

// lambda is what a byte of link or boilerplate text costs a candidate
// region, against a byte of prose it gains.
const lambda = 0.5

func (a *analysis) score(n *html.Node) float64 {
	w := a.w[n]
	return float64(w.good) - lambda*float64(w.text-w.good-w.boil) - mu*float64(w.boil)
}

// mu is what a byte of recognised boilerplate costs a candidate region:
// less than a link, since pruning takes it out again.
const mu = 0.2

// mainContent finds the main content of a page and returns the nodes that
// hold it, in document order.
func (a *analysis) mainContent() []*html.Node {
	if a.body == nil {
		return nil
	}
	// TYPO3 marks the editors' content for its search index. The columns
	// holding the marked regions are the content, with whatever the
	// template put beside the markers in the same column (a news list
	// rendered below them), judged like the rest.
	cols := searchColumns(a.body)
	if cols := a.majorColumns(cols); len(cols) > 0 {
		return cols
	}
	if len(cols) == 1 && cols[0] == a.body {
		if els := a.bodySearchRegion(); len(els) > 0 {
			return els
		}
	}
	best := a.bestRegion()
	if best == nil {
		if emptyMain(a.body) {
			// The page's <main> (role=main) is there and empty: the
			// page has no content, and the skip link or the header
			// around it is none.
			return nil
		}
		return []*html.Node{a.body}
	}
	if m := a.listLandmark(best); m != nil {
		return []*html.Node{m}
	}
	secs := a.withSections(a.tighten(best))
	roots := append(a.withStage(secs[0]), secs[1:]...)
	if headed := a.withHead(roots); len(headed) > len(roots) {
		// The gallery follows the head in the document: the headline
		// opens it, as on the page the reader sees.
		roots = append(append([]*html.Node{headed[0]}, a.galleryBeforeHead(headed[0])...), headed[1:]...)
	} else {
		roots = headed
	}
	return a.withGapHead(roots)
}

// galleryBeforeHead returns the stage right before the article's head
// that withHead added (a slider above the headline), when its text is
// its own: the article's photo series with captions, not a carousel of
// other stories (at most a quarter of its text in links, what a verdict
// drops inside it not counted). nil otherwise.
func (a *analysis) galleryBeforeHead(head *html.Node) []*html.Node {
	st := a.withStage(head)
	if len(st) < 2 {
		return nil
	}
	stage := st[:len(st)-1]
	for _, s := range stage {
		w := a.w[s]
		own := w.text - a.markedText(s, umzug.DropRelated)
		if own <= 0 || 4*(w.link-min(w.link, a.markedText(s, umzug.DropRelated))) > own {
			return nil
		}
	}
	return stage
}

// withSections returns the main region with the sections of the same
// article beside it: a template (a page builder, a theme's "text with
// headline" and "table" modules) that renders an article as a row of
// sibling sections, each a wrapper of the same kind, lets the best region
// be one of them, and the others were lost as outside-main (the article's
// first sections, a table between two of them). The region, or one of
// its nearest ancestors that holds little prose besides it, is extended by
// its siblings while they are sections: no verdict, no teaser, no page
// header, navigation or footer inside, at most a quarter of their text in
// links. The run ends at the outermost siblings of the region's own kind
// (the same classes, leaving out numbered ones) that hold prose: a wrapper
// of another kind (a table's) joins only between two of the article's
// sections.
func (a *analysis) withSections(t *html.Node) []*html.Node {
	n := t
	for i := 0; i < 3 && n != nil && n != a.body && n.Parent != nil; i++ {
		if run := a.sectionRun(n); run != nil {
			for k, x := range run {
				if x == n {
					run[k] = t
				}
			}
			return run
		}
		p := n.Parent
		if p == a.body || a.w[p].good > a.w[n].good+200 {
			break
		}
		n = p
	}
	return []*html.Node{t}
}

// sectionRun returns n's siblings that make one article with it, in
// document order, n among them; nil when no sibling is of n's kind.
func (a *analysis) sectionRun(n *html.Node) []*html.Node {
	key := sectionKey(n)
	if key == "" {
		return nil
	}
	before, first := a.sectionSide(n, key, func(s *html.Node) *html.Node { return s.PrevSibling })
	after, last := a.sectionSide(n, key, func(s *html.Node) *html.Node { return s.NextSibling })
	if first < 0 && last < 0 {
		return nil
	}
	run := make([]*html.Node, 0, first+last+3)
	for i := first; i >= 0; i-- {
		run = append(run, before[i])
	}
	run = append(run, n)
	return append(run, after[:last+1]...)
}

// sectionSide returns n's siblings one way (next: the previous or the
// next sibling), nearest first, up to the first that is no section
// (sectionLike; elements without text or media are passed over), and the
// index among them of the farthest with n's key (sectionKey) and 80 or
// more characters of prose, -1 when none has: the run goes only up to
// the outermost section of n's own kind, and a section of prose bounds
// it (a grid's other column of the same classes holding only a page
// title banner is no section of the article).
func (a *analysis) sectionSide(n *html.Node, key string, next func(*html.Node) *html.Node) ([]*html.Node, int) {
	var side []*html.Node
	far := -1
	for s := next(n); s != nil; s = next(s) {
		if s.Type != html.ElementNode || isInvisible(s) || a.w[s].text == 0 && !hasMedia(s) {
			continue
		}
		if !a.sectionLike(s) {
			break
		}
		if sectionKey(s) == key && a.w[s].good >= 80 {
			far = len(side)
		}
		side = append(side, s)
	}
	return side, far
}

// sectionKey is the kind of a wrapper: its classes without those that
// hold a digit (a page builder's element ids), "" when none is left.
func sectionKey(n *html.Node) string {
	var b strings.Builder
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.ContainsAny(c, "0123456789") {
			continue
		}
		b.WriteString(c)
		b.WriteByte(' ')
	}
	if b.Len() == 0 {
		return ""
	}
	return n.Data + " " + b.String()
}

// sectionLike reports a sibling of the main region that can be a section
// of its article: no verdict, no teaser or list of teasers, no page
// chrome inside, no form, and at most a quarter of its text in links.
func (a *analysis) sectionLike(s *html.Node) bool {
	if _, marked := a.marks[s]; marked || a.soft[s] || s.DataAtom == atom.Form {
		return false
	}
	w := a.w[s]
	if 4*w.link > w.text || 2*w.boil > w.text || a.hasChromeLandmark(s) || teaserish(s) {
		return false
	}
	return true
}

// listLandmark returns the content landmark around a best region that is
// only a headline or a line (less than 200 characters) when the landmark
// holds at least three times as much text outside boilerplate: a list
// page, whose items are all links and so score nothing as prose. Without
// it the page would keep its title and lose its list.
func (a *analysis) listLandmark(best *html.Node) *html.Node {
	if a.w[best].text >= 200 {
		return nil
	}
	for n := best.Parent; n != nil && n != a.body; n = n.Parent {
		if _, marked := a.marks[n]; marked {
			return nil
		}
		if contentLandmark(n) {
			if w := a.w[n]; w.text-w.boil >= 3*a.w[best].text {
				return n
			}
			return nil
		}
	}
	return nil
}

// withHead adds the article's head to a main region that lacks it: the
// page's one level-1 headline with the lead or the article's picture
// beside it (headPicture), which templates put in a head or hero above
// the content column ("content-page-head", "hero-wrapper", a block theme's
// group of featured image, title and post meta). A headline that is the site's logo (a link home, a
// picture) or sits among links is no article head.
func (a *analysis) withHead(roots []*html.Node) []*html.Node {
	h1 := a.soleHeadline()
	if h1 == nil {
		return roots
	}
	for _, r := range roots {
		if isAncestor(r, h1) || !nodeOrder(h1, r) {
			return roots
		}
	}
	head := h1
	for p := h1.Parent; p != nil && p != a.body && !holdsOneOf(p, roots); p = p.Parent {
		head = p
	}
	w := a.w[head]
	if head == h1 || w.text > 1500 || 2*w.link > w.text || w.text-w.link-a.w[h1].text < 40 && !headPicture(head) {
		return roots
	}
	switch a.marks[head] {
	case "", umzug.DropHeader:
	default:
		return roots
	}
	return append([]*html.Node{head}, roots...)
}

// gapLeadWords name the lead of an article in a class or id: news.go's
// leadWords and the longer forms ("introduction", "einleitung").
var gapLeadWords = map[string]bool{"intro": true, "lead": true, "vorspann": true, "abstract": true, "standfirst": true,
	"introduction": true, "einleitung": true}

// withGapHead adds the article's head that a template puts between the
// page's sole level-1 headline and the main region, outside both: the
// headline as shown with its kicker (an <h2> under a small <h1> that only
// the breadcrumb bar shows), the lead, and the title picture with its
// caption and credit. withHead takes the headline's own box; this takes
// what follows it up to the region. Of that stretch only headlines,
// paragraphs, figures, boxes of a picture and a short caption, and
// elements named as a lead count, none with a verdict or made of links,
// and at most 1,500 characters in all: a notification prompt, a date line
// or a teaser list between them is no head and stays out.
func (a *analysis) withGapHead(roots []*html.Node) []*html.Node {
	h1 := a.soleHeadline()
	if h1 == nil || len(roots) == 0 {
		return roots
	}
	r := roots[0]
	for _, x := range roots {
		if x == h1 || isAncestor(x, h1) || isAncestor(h1, x) {
			return roots
		}
	}
	if !nodeOrder(h1, r) {
		return roots
	}
	c := commonAncestor(h1, r)
	if c == nil {
		return roots
	}
	hA, rA := h1, r
	for hA.Parent != c {
		hA = hA.Parent
	}
	for rA.Parent != c {
		rA = rA.Parent
	}
	// The stretch between them in document order: what follows the
	// headline and its ancestors below c, the children of c between, and
	// what precedes the region and its ancestors below c (outer first).
	var gap []*html.Node
	for x := h1; x != hA; x = x.Parent {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			gap = append(gap, s)
		}
	}
	for s := hA.NextSibling; s != nil && s != rA; s = s.NextSibling {
		gap = append(gap, s)
	}
	var levels [][]*html.Node
	for y := r; y != rA; y = y.Parent {
		var lv []*html.Node
		for s := y.Parent.FirstChild; s != nil && s != y; s = s.NextSibling {
			lv = append(lv, s)
		}
		levels = append(levels, lv)
	}
	for i := len(levels) - 1; i >= 0; i-- {
		gap = append(gap, levels[i]...)
	}
	var parts []*html.Node
	var total int32
	title := cleanText(h1)
	var take func(n *html.Node)
	take = func(n *html.Node) {
		if n.Type != html.ElementNode || isInvisible(n) || skipElement(n) || n.DataAtom == atom.Form || hasClass(attr(n, "class"), "hidden") {
			return // Bootstrap's "hidden" is display:none ("Hauptinhalt" for screen readers)
		}
		if _, marked := a.marks[n]; marked {
			return
		}
		w := a.w[n]
		if w.text == 0 {
			return // a picture alone says nothing of whose it is
		}
		if headingLevel(n) > 0 && strings.EqualFold(cleanText(n), title) {
			return // the headline shown twice: the title field has it
		}
		if headingLevel(n) > 0 || n.DataAtom == atom.P || n.DataAtom == atom.Figure || n.DataAtom == atom.Blockquote ||
			namedBy(n, gapLeadWords) || w.text <= 300 && hasMedia(n) && !hasDescendant(n, func(d *html.Node) bool { return headingLevel(d) > 0 }) {
			if 2*w.link <= w.text {
				parts = append(parts, n)
				total += w.text
			}
			return
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			take(k)
		}
	}
	for _, g := range gap {
		take(g)
	}
	if len(parts) == 0 || total > 1500 {
		return roots
	}
	return append(parts, roots...)
}

// soleHeadline returns the page's one visible level-1 headline with text,
// unless it is a logo (a link, a picture) or the page has more than one.
func (a *analysis) soleHeadline() *html.Node {
	if !a.h1Read {
		a.h1, a.h1Read = a.findSoleHeadline(), true
	}
	return a.h1
}

func (a *analysis) findSoleHeadline() *html.Node {
	var h1 *html.Node
	count := 0
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < 2; c = c.NextSibling {
			if c.Type != html.ElementNode || isInvisible(c) {
				continue
			}
			if c.DataAtom == atom.H1 {
				if a.w[c].text > 0 {
					h1 = c
					count++
				}
				continue
			}
			find(c)
		}
	}
	find(a.body)
	if count != 1 || a.w[h1].link > 0 || hasDescendant(h1, func(d *html.Node) bool { return d.DataAtom == atom.Img }) {
		return nil
	}
	return h1
}

// holdsOneOf reports whether n is or holds one of ns.
func holdsOneOf(n *html.Node, ns []*html.Node) bool {
	for _, x := range ns {
		if n == x || isAncestor(n, x) {
			return true
		}
	}
	return false
}

// stageWords name the stage of a page: the slider or hero above the
// main column that carries its leading stories or its title image.
var stageWords = map[string]bool{"stage": true, "hero": true, "buehne": true, "bühne": true, "keyvisual": true,
	"slider": true, "carousel": true, "jcarousel": true, "slideshow": true, "stoerer": true, "ticker": true}

// withStage adds the stage right before the main region (or before one
// of its near ancestors) to it: a home page's slider of top stories, an
// article's title image, which templates put outside the content column.
func (a *analysis) withStage(root *html.Node) []*html.Node {
	n := root
	for i := 0; i < 3 && n != nil && n != a.body; i, n = i+1, n.Parent {
		prev := n.PrevSibling
		for prev != nil && (prev.Type != html.ElementNode || isInvisible(prev) || a.w[prev].text == 0 && !hasMedia(prev)) {
			prev = prev.PrevSibling
		}
		if prev == nil {
			continue
		}
		var stage []*html.Node
		for k := 0; prev != nil && k < 3; k++ {
			if _, marked := a.marks[prev]; marked || !isStage(prev) {
				break
			}
			stage = append([]*html.Node{prev}, stage...)
			prev = prev.PrevSibling
			for prev != nil && (prev.Type != html.ElementNode || isInvisible(prev) || a.w[prev].text == 0 && !hasMedia(prev)) {
				prev = prev.PrevSibling
			}
		}
		return append(stage, root)
	}
	return []*html.Node{root}
}

// isStage reports an element, or one of its children's children, named
// as a stage.
func isStage(n *html.Node) bool {
	check := func(e *html.Node) bool { return namedBy(e, stageWords) }
	if check(n) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if check(c) {
			return true
		}
		for g := c.FirstChild; g != nil; g = g.NextSibling {
			if g.Type == html.ElementNode && check(g) {
				return true
			}
		}
	}
	return false
}

// tighten prefers a content landmark close around the best region when it
// holds nearly as much: the template says where its content is. The
// page's one <main> (role=main) inside the region needs to hold only half
// as much: it says so more surely than a class name, and what lies around
// it in a page wrapper is the header's and footer's (a service bar's
// hidden panels read like prose).
func (a *analysis) tighten(best *html.Node) *html.Node {
	// A landmark close around the best region wins when it holds nearly
	// as much: the template says where its content is.
	for n := best; n != nil && n != a.body; n = n.Parent {
		if contentLandmark(n) && a.score(n) >= 0.85*a.score(best) {
			return n
		}
		if n != best && a.score(n) < 0.7*a.score(best) {
			break
		}
	}
	var inner *html.Node
	mains := 0 // main landmarks in best: one is the page's, several say less (a news site may mark its comments too)
	visitElements(best, func(e *html.Node) {
		if isMainLandmark(e) {
			mains++
		}
	})
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && inner == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			share := 0.85
			if mains == 1 && isMainLandmark(c) && 2*a.goodAfter(c, best) <= a.w[c].good {
				// Little prose follows <main> in the region: what the
				// wrapper adds is the header's and the footer's. Where
				// much follows (the article's body after a <main> of
				// headline and intro), the wrapper stays the content.
				share = 0.5
			}
			if contentLandmark(c) && a.score(c) >= share*a.score(best) {
				inner = c
				return
			}
			find(c)
		}
	}
	find(best)
	if inner != nil {
		return inner
	}
	return best
}

// goodAfter returns the prose (good text) that follows n inside region:
// in the siblings after n and after each of its ancestors below region
// that carry no boilerplate verdict.
func (a *analysis) goodAfter(n, region *html.Node) int32 {
	var good int32
	for x := n; x != nil && x != region; x = x.Parent {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode && a.marks[s] == "" {
				good += a.w[s].good // not what a verdict already drops (related links, the footer)
			}
		}
	}
	return good
}

// bodySearchRegion returns the elements between a TYPO3SEARCH_begin and
// the next _end marker when both are children of the body (a template
// without a content wrapper: TYPO3's print view, a plain page template),
// the marked content element by element; nil when no such region holds
// most of the page's prose or one of its elements is a main navigation
// or the page footer (markers around the whole page).
func (a *analysis) bodySearchRegion() []*html.Node {
	var out []*html.Node
	on := false
	good := int32(0)
	for c := a.body.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.CommentNode:
			if isBegin, isEnd := typo3SearchMarker(c); isBegin {
				on = true
			} else if isEnd {
				on = false
			}
		case html.ElementNode:
			if on && !isInvisible(c) {
				if a.hasChromeLandmark(c) || a.marks[c] == umzug.DropNavigation || a.marks[c] == umzug.DropFooter || a.marks[c] == umzug.DropHeader {
					return nil
				}
				out = append(out, c)
				good += a.w[c].good
			}
		}
	}
	if len(out) == 0 || 2*good < a.w[a.body].good {
		return nil
	}
	return out
}

// majorColumns keeps the TYPO3SEARCH columns that hold content: a column
// that is (nearly) the whole page says nothing; columns with a fifth of
// the largest one's prose or less are sidebars, unless prose of their own.
func (a *analysis) majorColumns(cols []*html.Node) []*html.Node {
	total := a.w[a.body].good
	var out []*html.Node
	largest := int32(0)
	for _, c := range cols {
		if c == a.body || a.w[c].good > 0 && float64(a.w[c].text) > 0.95*float64(a.w[a.body].text) && a.hasChromeLandmark(c) {
			return nil // markers around the whole page
		}
		largest = max(largest, a.w[c].good)
	}
	if largest == 0 || float64(largest) < 0.2*float64(total) {
		return nil
	}
	for _, c := range cols {
		w := a.w[c]
		if w.good*5 >= largest || w.good >= 120 && float64(w.link) < 0.3*float64(w.text) {
			out = append(out, c)
		}
	}
	// Nested columns: keep the outer one.
	var outer []*html.Node
	for _, c := range out {
		inside := false
		for _, d := range out {
			if d != c && isAncestor(d, c) {
				inside = true
			}
		}
		if !inside {
			outer = append(outer, c)
		}
	}
	return outer
}

// hasChromeLandmark reports a main navigation or page footer inside n.
func (a *analysis) hasChromeLandmark(n *html.Node) bool {
	return hasDescendant(n, func(d *html.Node) bool {
		r := a.marks[d]
		return r == umzug.DropNavigation && a.w[d].link > 200 || r == umzug.DropFooter
	})
}

func isAncestor(anc, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
}

// bestRegion returns the element with the best score: the smallest
// container holding the page's prose without much else.
func (a *analysis) bestRegion() *html.Node {
	var best *html.Node
	bestScore := 0.0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isInvisible(c) {
				continue
			}
			if _, marked := a.marks[c]; marked {
				continue
			}
			if inlineAtoms[c.DataAtom] {
				continue
			}
			if s := a.score(c); s > bestScore {
				best, bestScore = c, s
			}
			walk(c)
		}
	}
	walk(a.body)
	return best
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

// holdsTitleHeadline reports a box that holds a level-1 headline whose
// text is the page's title (og:title, or <title> without the site's
// name): the article's head, which templates may name like a teaser
// (a "figure.teaser" with the title image, date, headline and
// subheadline), not a teaser of another article. A headline that is a
// link, or whose text a level-1 headline outside the box repeats, is a
// teaser's (a list of the latest news that holds the page's own).
func (p *page) holdsTitleHeadline(box *html.Node) bool {
	found := false
	visitElements(box, func(h *html.Node) {
		if found || h.DataAtom != atom.H1 || p.an.w[h].link > 0 {
			return // a linked headline is a teaser's, even of the page itself
		}
		t := strings.ToLower(cleanText(h))
		if t == "" {
			return
		}
		og := strings.ToLower(collapseTrim(p.meta.property("og:title")))
		title := strings.ToLower(collapseTrim(p.doc.FindMatcher(onceFirst("title")).First().Text()))
		found = t == og || t == strings.ToLower(stripSiteName(title, strings.ToLower(collapseTrim(p.meta.property("og:site_name")))))
		if found {
			// The page's headline outside the box: the box is a
			// teaser of the page itself, as a list of the latest news
			// after the article holds it.
			visitElements(p.an.body, func(o *html.Node) {
				if found && o.DataAtom == atom.H1 && !isAncestor(box, o) && !isInvisible(o) && strings.ToLower(cleanText(o)) == t {
					found = false
				}
			})
		}
	})
	return found
}

// keptAsHead reports a teaser-named box that holds the page's headline
// (holdsTitleHeadline): the article's head. Its date line is the page's
// when none was found (the date read before pruning skips teasers).
func (p *page) keptAsHead(box *html.Node) bool {
	if !p.holdsTitleHeadline(box) {
		return false
	}
	if p.contentDateV == "" {
		p.contentDateV = dateElement([]*html.Node{box}, newMatchCache(p.verdicts), nil)
	}
	return true
}

// prune drops the boilerplate inside the main region with its reason.
func (p *page) prune(root *html.Node) {
	a := p.an
	// Teasers are dropped beside an article, not on a page made of them.
	dropSoft := 2*a.softText(root) < a.w[root].text
	// A head named like the page's header ("content-page-head") that
	// holds the article's headline inside the region is the article's
	// head: its breadcrumb goes by its own verdict, its subheadline stays.
	articleHead := func(c *html.Node) bool {
		w := a.w[c]
		h1 := a.soleHeadline()
		return h1 != nil && isAncestor(c, h1) && w.text <= 1500 && 2*w.link <= w.text
	}
	rootText := a.w[root].text
	var walk func(n *html.Node, inCE bool)
	walk = func(n *html.Node, inCE bool) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type != html.ElementNode || isInvisible(c) {
				c = next
				continue
			}
			ce := inCE || ownsMarkup(c) || c == p.news
			w := a.w[c] // the weights stay what analyze found: one look-up
			if a.marks[c] == umzug.DropSidebar && !ce {
				if head, copied := a.asideHead(c); head != nil {
					p.dropBeside(c, head, umzug.DropSidebar)
					p.drop(copied, umzug.DropDuplicate)
					if p.contentDateV == "" {
						// The head's date is the article's (read before
						// pruning only in the content's first 2,500
						// characters): its line is then the field's.
						p.contentDateV = dateElement([]*html.Node{head}, newMatchCache(p.verdicts), p.datedTeasers)
					}
					walk(head, ce)
					c = next
					continue
				}
			}
			if r, ok := a.marks[c]; ok && (!ce || ceBoilerplate(r)) && !(r == umzug.DropHeader && articleHead(c)) {
				if !p.rescueFileBox(c, r) {
					p.drop(c, r)
				}
			} else if a.soft[c] && !ce && dropSoft && !p.keptAsHead(c) {
				p.drop(c, umzug.DropRelated)
			} else if newsMenuElement(c) {
				p.drop(c, umzug.DropNavigation)
			} else if ce && (c.DataAtom == atom.Form && searchForm(c) || ownsMarkup(c) && p.searchElement(c)) {
				// The site's search (indexed_search's searchbox, solr,
				// ke_search) placed as a content element: chrome the new
				// CMS has its own of, with the element's header and the
				// search rules; a search form among other content goes
				// alone.
				p.drop(c, umzug.DropSearch)
			} else if !ce && w.text > 0 && w.text <= 60 && p.lastChangeLine(c, root) {
				// "Stand: 04.02.2022" under the text: the page's last
				// change, a field.
				p.drop(c, umzug.DropMeta)
				p.field(c, "modified")
			} else if r := utilityReasonScratch(c, w.text, &p.scratch); r != "" && !(ce && r == umzug.DropMeta && authorElement(c)) {
				p.drop(c, r)
			} else if w.text >= 20 && w.text <= 250 && issuePromo(c) {
				p.drop(c, umzug.DropAd) // "Die aktuelle Ausgabe jetzt am Kiosk, im Abo, als E-Paper"
			} else if !ce && w.text > 0 && w.text <= 160 && emptyGalleryHead(c) {
				p.drop(c, umzug.DropControl) // the title of a gallery whose slides a script puts in
			} else if !ce && w.text > 0 && w.text <= 250 && galleryTeaser(c, p.base) {
				p.drop(c, umzug.DropRelated) // a headline and a picture linking to a photo gallery elsewhere
			} else if w.text > 0 && w.text <= 300 && actionBox(c) {
				p.drop(c, umzug.DropUtility) // a headline over print, bookmark and recommend buttons
			} else if w.text > 0 && w.text <= 16 && controlButtons(c) {
				p.drop(c, umzug.DropControl)
			} else if w.text > 0 && w.text <= 60 && bookmarkLink(c) {
				p.drop(c, umzug.DropUtility)
			} else if w.text <= 40 && readMoreTwin(c) {
				p.drop(c, umzug.DropUtility)
			} else if !ce && w.text <= 80 && p.datedBylineLine(c) {
				p.drop(c, umzug.DropMeta) // "<time>21.05.2024</time> von Pressestelle": Contao's news info line
			} else if !ce && p.dateLine(c) {
				p.drop(c, umzug.DropDuplicate)
			} else if !ce && w.text <= 60 && p.dateWithLabel(c) {
				p.drop(c, umzug.DropMeta)
			} else if w.text <= 120 && w.text-w.link <= 50 && shareBox(c) {
				p.drop(c, umzug.DropShare)
			} else if w.text <= 200 && taxonomyLinks(c, w) {
				p.drop(c, umzug.DropTags)
			} else if w.text <= 80 && 2*w.link >= w.text && p.sectionLink(c, root) {
				p.drop(c, umzug.DropNavigation)
			} else if !ce && 3*w.text < rootText && adLabeled(c, w.text) {
				p.drop(c, umzug.DropAd)
			} else if w.text > 0 && mobileOnly(attr(c, "class")) && p.shownTwice(c) {
				p.drop(c, umzug.DropDuplicate)
			} else if w.text > 0 && w.text <= 100 && w.boil < w.text && a.authorPictureBox(c) {
				p.drop(c, umzug.DropAuthor)
			} else {
				walk(c, ce)
			}
			c = next
		}
	}
	since := len(p.dropped)
	below := a.belowFooter(root)
	walk(root, ownsMarkup(root) || root == p.news || p.news != nil && isAncestor(p.news, root))
	for _, n := range below {
		if attached(n, root) && a.w[n].text > 0 {
			p.drop(n, umzug.DropSidebar)
		}
	}
	p.dropHeadedBoxes(root)
	if !p.typo3 && !isStage(root) { // a stage is made of linked teasers
		p.dropLinkBoxes(root)
	}
	p.dropOrphanHeads(root, since)
}

// boxReasons are the reasons of the boxes a headline introduces: what
// pruning took out of a box may leave its headline behind.
var boxReasons = [...]string{umzug.DropRelated, umzug.DropLinks, umzug.DropAd,
	umzug.DropNewsletter, umzug.DropSidebar, umzug.DropComments, umzug.DropShare}

// dropOrphanHeads drops the headline left of a box whose content pruning
// took out ("Dieses Skript als PDF herunterladen" over a teaser,
// "Empfehlungen aus der Redaktion" over the recommended articles): a
// container that lost at least three times the text it keeps, 150
// characters or more, to the reasons of boxes, and keeps at most 100
// characters in at most three runs, no paragraph, picture or table. It
// goes with the reason that took most of its text.
func (p *page) dropOrphanHeads(root *html.Node, since int) {
	if len(p.dropped) == since {
		return
	}
	parentOf := make(map[*html.Node]*html.Node, len(p.edits))
	for _, e := range p.edits {
		parentOf[e.n] = e.parent
	}
	type loss struct {
		total    int32
		byReason [len(boxReasons)]int32
	}
	lost := map[*html.Node]*loss{}
	for _, d := range p.dropped[since:] {
		r := -1
		for i, br := range boxReasons {
			if d.reason == br {
				r = i
			}
		}
		if r < 0 {
			continue
		}
		t := p.an.w[d.n].text
		for anc := parentOf[d.n]; anc != nil && anc != root; anc = anc.Parent {
			l := lost[anc]
			if l == nil {
				l = &loss{}
				lost[anc] = l
			}
			l.total += t
			l.byReason[r] += t
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if l := lost[c]; l != nil && l.total >= 150 && c.Type == html.ElementNode && !ownsMarkup(c) {
				if kept := nonSpace(textOf(c)); kept > 0 && kept <= 100 && 3*kept <= int(l.total) && orphanHead(c) {
					best := 0
					for i, t := range l.byReason {
						if t > l.byReason[best] {
							best = i
						}
					}
					p.drop(c, boxReasons[best])
					c = next
					continue
				}
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

// orphanHead reports a container whose visible text is at most three
// runs of text, with no paragraph, picture, table or level-1 headline.
func orphanHead(n *html.Node) bool {
	runs := 0
	var visit func(*html.Node) bool
	visit = func(x *html.Node) bool {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					runs++
				}
			case c.Type == html.ElementNode:
				if skipElement(c) || isInvisible(c) {
					continue
				}
				switch c.DataAtom {
				case atom.Img, atom.Picture, atom.Figure, atom.Table, atom.H1, atom.Iframe, atom.Video, atom.P, atom.Blockquote:
					return false
				}
				if !visit(c) {
					return false
				}
			}
		}
		return runs <= 3
	}
	return visit(n)
}

// belowFooter returns what follows the page's footer inside the main
// region: templates that put the footer inside the region that holds the
// article (old float layouts) put the side columns after it in the source
// and let CSS move them up. It is the page's footer when the vocabulary
// names it footer, it sits in no content element, and it links the legal
// pages. Nothing is returned when the article's h1 comes after it.
func (a *analysis) belowFooter(root *html.Node) []*html.Node {
	var footer *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && footer == nil; c = c.NextSibling {
			if c.Type != html.ElementNode || ownsMarkup(c) {
				continue
			}
			if a.marks[c] == umzug.DropFooter && legalLinks(c) >= 2 {
				footer = c
				return
			}
			find(c)
		}
	}
	find(root)
	if footer == nil {
		return nil
	}
	var after []*html.Node
	for n := footer; n != root && n.Parent != nil; n = n.Parent {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if s.Type != html.ElementNode {
				continue
			}
			if s.DataAtom == atom.H1 || hasDescendant(s, func(d *html.Node) bool { return d.DataAtom == atom.H1 }) {
				return nil
			}
			after = append(after, s)
		}
	}
	return after
}

// legalLinks counts the links of n to the legal and service pages that
// every page's footer carries.
func legalLinks(n *html.Node) int {
	count := 0
	var visit func(*html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				t := strings.ToLower(strings.TrimSpace(textOf(c)))
				if containsSubstring(t, legalPages...) {
					count++
				}
				continue
			}
			visit(c)
		}
	}
	visit(n)
	return count
}

// visitElements calls f for every element below n.
func visitElements(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			f(c)
			visitElements(c, f)
		}
	}
}

// readMoreLabels are the labels of "read more" links.
var readMoreLabels = map[string]bool{"mehr": true, "mehr erfahren": true, "weiterlesen": true, "mehr lesen": true,
	"read more": true, "more": true, "zum artikel": true, "zum beitrag": true, "mehr dazu": true, "details": true,
	"mehr details": true, "mehr infos": true, "mehr informationen": true, "zur meldung": true, "zur pressemitteilung": true,
	"artikel lesen": true, "beitrag lesen": true, "lesen": true, "learn more": true}

// soleLink returns the one link with an href under n, or nil when there
// are none or several.
func soleLink(n *html.Node) *html.Node {
	var link *html.Node
	links := 0
	visitElements(n, func(d *html.Node) {
		if d.DataAtom == atom.A && hasAttr(d, "href") {
			link = d
			links++
		}
	})
	if links != 1 {
		return nil
	}
	return link
}

// readMoreTwin reports a "read more" link (or a line holding only one)
// that goes where another link of its teaser goes: the teaser's headline
// already links there, the label adds nothing.
func readMoreTwin(n *html.Node) bool {
	var link *html.Node
	if n.DataAtom == atom.A {
		link = n
	} else {
		if !boxElement(n) && n.DataAtom != atom.P && n.DataAtom != atom.Span {
			return false
		}
		if link = soleLink(n); link == nil {
			return false
		}
	}
	href := strings.TrimSpace(attr(link, "href"))
	if href == "" || href == "#" || strings.HasPrefix(href, "javascript:") {
		return false
	}
	label := strings.ToLower(strings.Trim(collapseTrim(textOf(n)), " .…»›>→+"))
	if !readMoreLabels[label] {
		return false
	}
	// A twin link in the teaser: up to three levels up.
	box := n
	for i := 0; i < 3 && box.Parent != nil; i++ {
		box = box.Parent
		found := false
		visitElements(box, func(d *html.Node) {
			if d != link && d.DataAtom == atom.A && strings.TrimSpace(attr(d, "href")) == href && !isAncestor(n, d) {
				found = true
			}
		})
		if found {
			return true
		}
	}
	return false
}

// mobileCue is containsSubstring(cls, "xs", "small", "mobile", "none",
// "hidden", "hide") in one pass over the bytes of cls (it runs on every
// class attribute of a page without mobile-only markup).
func mobileCue(cls string) bool {
	for i := 0; i < len(cls); i++ {
		r := cls[i:]
		switch cls[i] {
		case 'x':
			if len(r) > 1 && r[1] == 's' {
				return true
			}
		case 's':
			if strings.HasPrefix(r, "small") {
				return true
			}
		case 'm':
			if strings.HasPrefix(r, "mobile") {
				return true
			}
		case 'n':
			if strings.HasPrefix(r, "none") {
				return true
			}
		case 'h':
			if strings.HasPrefix(r, "hide") || strings.HasPrefix(r, "hidden") {
				return true
			}
		}
	}
	return false
}

// mobileOnly reports a class attribute that shows its element on small
// screens only (Bootstrap, Foundation, Elementor and common utility
// names): templates use it for a second copy of a box that wide screens
// show elsewhere.
func mobileOnly(cls string) bool {
	if !mobileCue(cls) {
		return false
	}
	hiddenMd, hiddenLg := false, false
	for _, f := range strings.Fields(cls) {
		switch f {
		case "show-for-small-only", "hide-for-large", "hide-for-medium", "hide-for-medium-up", "visible-xs",
			"visible-xs-block", "hidden-md-up", "hidden-lg-up", "mobile-only", "u-mobile-only", "only-mobile",
			"visible-mobile", "hidden-desktop", "elementor-hidden-desktop", "d-md-none", "d-lg-none":
			return true
		case "hidden-md":
			hiddenMd = true
		case "hidden-lg":
			hiddenLg = true
		case "d-md-block", "d-md-flex", "d-lg-block", "d-lg-flex", "d-xl-block", "d-md-inline", "d-lg-inline":
			return false
		}
	}
	if hiddenMd && hiddenLg {
		return true
	}
	// A template's own names: "image-mobile", "teaser_mobile",
	// "mobile-version", but not "hidden-mobile" (the wide screens' copy).
	for _, f := range strings.Fields(cls) {
		var buf [8]string
		words := classWords(f, buf[:0])
		mobile, negated := false, false
		for _, w := range words {
			switch w {
			case "mobile":
				mobile = true
			case "hidden", "hide", "no", "not", "desktop":
				negated = true
			}
		}
		if mobile && !negated && len(words) > 1 {
			return true
		}
	}
	return false
}

// shownTwice reports an element whose text the page shows again outside
// it: most of its text runs (a copy may differ in an icon label) occur
// twice in the page's text as it was before pruning.
func (p *page) shownTwice(n *html.Node) bool {
	var all, twice int
	var visit func(*html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if t := collapseTrim(c.Data); len(t) >= 4 {
					all += len(t)
					if strings.Count(p.originalBodyText(), t) > 1 {
						twice += len(t)
					}
				}
			case c.Type == html.ElementNode && !isInvisible(c):
				visit(c)
			}
		}
	}
	visit(n)
	return all >= 8 && 5*twice >= 4*all
}

// originalBodyText returns the text of the body as it was before
// anything was dropped. It is read on first use, which is rare (an
// element shown on small screens only, in the main region), so most
// pages never pay for it: the edits made so far are undone, the text is
// read, and the same edits are made again in the same order, which
// leaves the tree as it was (only detach changes it, tree.go). A page
// without mobile-only markup (analysis.mobile) has none.
func (p *page) originalBodyText() string {
	if !p.an.mobile {
		return ""
	}
	if p.bodyText == nil {
		edits := p.edits
		p.restore()
		t := cleanText(p.an.body)
		for _, e := range edits {
			e.parent.RemoveChild(e.n)
		}
		p.edits = edits
		p.bodyText = &t
	}
	return *p.bodyText
}

// shareEndpoints are the addresses share buttons point to.
var shareEndpoints = []string{"facebook.com/sharer", "facebook.com/share.php", "facebook.com/dialog/share",
	"twitter.com/intent", "twitter.com/share", "twitter.com/home?status", "x.com/intent", "linkedin.com/share",
	"linkedin.com/cws/share", "xing.com/spi/shares", "xing.com/social/share", "xing.com/app/user?op=share",
	"whatsapp://send", "api.whatsapp.com/send", "wa.me/?text", "pinterest.com/pin/create", "reddit.com/submit",
	"t.me/share", "telegram.me/share", "addtoany.com/share", "tumblr.com/share", "fb-messenger://share",
	"mastodonshare", "toot.kytta", "plus.google.com/share", "mailto:?"}

// shareBox reports a box of share buttons: at least two links, all but
// one of them to share endpoints, and hardly any text ("Teilen:"; the
// caller checks that little of it is outside links), no headline.
func shareBox(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Ul, atom.Section, atom.P, atom.Span:
	default:
		return false
	}
	if hasDescendant(n, func(d *html.Node) bool { return headingLevel(d) > 0 }) {
		return false
	}
	links, shares := 0, 0
	var visit func(*html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil && links-shares < 2; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.A {
				if h := strings.ToLower(attr(c, "href")); h != "" {
					links++
					if containsSubstring(h, shareEndpoints...) || strings.HasPrefix(h, "mailto:") && containsSubstring(h, "body=", "subject=", "?&") {
						shares++
					}
				}
				continue
			}
			visit(c)
		}
	}
	visit(n)
	return shares >= 2 && links-shares <= 1
}

// taxonomyPaths are in the addresses of tag and category pages
// (WordPress, Drupal, tx_news' category and tag filters).
var taxonomyPaths = []string{"/tag/", "/tags/", "/schlagwort", "/stichwort", "/category/", "/categories/",
	"/kategorie/", "/kategorien/", "[tags]", "[categories]", "%5btags%5d", "%5bcategories%5d"}

// taxonomyLinks reports a line or box of links to tag and category pages
// ("Schlagworte: Radverkehr, Baustellen"): all its links go there and
// they are most of its text, and it holds no <time>.
func taxonomyLinks(n *html.Node, w weights) bool {
	switch n.DataAtom {
	case atom.Div, atom.Ul, atom.P, atom.Span, atom.Section:
	default:
		return false
	}
	if w.link == 0 || 10*w.link < 6*w.text {
		return false
	}
	links := 0
	other := false
	var visit func(*html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil && !other; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Time {
				// A date beside the links (tx_news' detail footer:
				// date, then the category links) is the record's
				// date, not a term: the box is read part by part.
				other = true
				continue
			}
			if c.DataAtom == atom.A {
				if containsSubstring(strings.ToLower(attr(c, "href")), taxonomyPaths...) {
					links++
				} else {
					other = true
				}
				continue
			}
			visit(c)
		}
	}
	visit(n)
	return links > 0 && !other
}

// adLabeled reports a box that begins with the label German law requires
// on advertising ("Anzeige", "- Anzeige -", "ANZEIGE - Heute mal …"):
// the label and what it labels are the ad. The label must stand alone
// or be followed by a separator, so that "Anzeige gegen Unbekannt" in a
// police report is text.
func adLabeled(n *html.Node, weight int32) bool {
	if weight == 0 || weight > 1500 {
		return false
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Aside, atom.Center, atom.P, atom.Figure:
	default:
		return false
	}
	var first string
	var find func(*html.Node) bool
	find = func(x *html.Node) bool {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				first = c.Data
				return true
			}
			if c.Type == html.ElementNode && !isInvisible(c) && find(c) {
				return true
			}
		}
		return false
	}
	if !find(n) {
		return false
	}
	t := strings.TrimLeft(first, " \t\r\n-–—*|[(:")
	i := 0
	for i < len(t) && (t[i] >= 'a' && t[i] <= 'z' || t[i] >= 'A' && t[i] <= 'Z') {
		i++
	}
	switch strings.ToLower(t[:i]) {
	case "anzeige", "werbung", "advertisement", "advertorial", "sponsored", "gesponsert":
	default:
		return false
	}
	rest := strings.TrimLeft(t[i:], " \t\r\n\u00a0")
	return rest == "" || strings.ContainsRune("-–—:|)]*", []rune(rest)[0])
}

// dateLine reports an element that shows nothing but a date (a <time>
// or a line like "23.10.2018, 05:28 Uhr") when the page's date is known
// from its metadata or the top of its content: the date is a field of
// the document, the line would repeat it. Dates in lists and teasers
// belong to their items and stay.
func (p *page) dateLine(n *html.Node) bool {
	if p.metaDateV == "" && p.contentDateV == "" {
		return false
	}
	switch n.DataAtom {
	case atom.Time, atom.P, atom.Span, atom.Div, atom.Small:
	default:
		return false
	}
	if w := p.an.w[n].text; w == 0 || w > 40 {
		return false
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Li || a.DataAtom == atom.Td || a.DataAtom == atom.Tr {
			return false
		}
	}
	if hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] && d.DataAtom != atom.Time }) {
		return false
	}
	t := cleanText(n)
	if n.DataAtom == atom.Time {
		return strings.TrimSpace(textOf(n.Parent)) == strings.TrimSpace(textOf(n)) || len(t) <= 25
	}
	return strings.ContainsAny(t, "0123456789") && dateOnly.MatchString(t)
}

// datedBylineLine reports a line of a <time> of the page's own day and a
// byline after it, nothing else ("21.05.2024 von Pressestelle": the info
// line of Contao's news templates, `<p class="info"><time>…</time> von
// Autor</p>`): the date is the page's field, the author's name is meta.
// dateLine took the <time> alone and left "von Pressestelle" as the
// article's first paragraph. The line of a teaser dated another day stays
// with its teaser.
func (p *page) datedBylineLine(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Span:
	default:
		return false
	}
	var tm *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.Time || tm != nil {
			if !inlineAtoms[c.DataAtom] || c.DataAtom == atom.A || c.DataAtom == atom.Img {
				return false
			}
			continue
		}
		tm = c
	}
	if tm == nil || !p.dateLine(tm) {
		return false
	}
	day := isoDate(attr(tm, "datetime"), cleanText(tm))
	if len(day) < 10 || !(strings.HasPrefix(p.metaDateV, day[:10]) || strings.HasPrefix(p.contentDateV, day[:10])) {
		return false
	}
	rest := strings.TrimSpace(strings.Replace(cleanText(n), cleanText(tm), "", 1))
	rest = strings.TrimSpace(strings.TrimLeft(rest, "|,·•–-"))
	return rest != "" && len(rest) < 60 && bylineRe.MatchString(rest)
}

// lastChangeLine reports a line that states the page's last change and
// nothing else ("Stand: 04.02.2022", "Letzte Änderung 14.02.2019",
// "Zuletzt aktualisiert am 3. März 2024, 10:15 Uhr"), not in a list or
// table, and keeps the first one's date for dates.modified. A line in a
// titled box of the content (a heading over figures, then "Stand:
// 31.12.2022") dates the box's data, not the page: it stays text.
func (p *page) lastChangeLine(n, root *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Span, atom.Div, atom.Small, atom.Time:
	default:
		return false
	}
	t, short := textUpTo(n, 64)
	if !short || len(t) < 12 || !strings.ContainsAny(t, "0123456789") {
		return false
	}
	switch t[0] | 0x20 { // the labels' first letters, before the regexp
	case 's', 'l', 'z', 'a', 'u':
	default:
		return false
	}
	if hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] && d.DataAtom != atom.Time }) {
		return false
	}
	m := changeLabel.FindStringIndex(t)
	if m == nil {
		return false
	}
	rest := strings.TrimSpace(t[m[1]:])
	ds := FindGermanDates(rest)
	if len(ds) == 0 || !strings.HasPrefix(rest, ds[0].Text) || !dateOnly.MatchString(rest) {
		return false
	}
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Li || a.DataAtom == atom.Td || a.DataAtom == atom.Th {
			return false
		}
	}
	if p.inTitledBox(n, root) {
		return false
	}
	if v := ds[0].Value; len(v) >= 10 && len(p.metaDateV) >= 10 && v[:10] < p.metaDateV[:10] {
		// Earlier than the page's publication: the state of what the
		// text describes (a document, figures), not a change of the
		// page; dropped as a field it would be nowhere.
		return false
	}
	if p.changeLineV == "" {
		p.changeLineV = ds[0].Value
	}
	return true
}

// inTitledBox reports whether the smallest element around n that holds
// more text than n, below the main region's root, has a heading of
// level 2 to 6 before n and less than half the region's text: n belongs
// to a box with its own title (not the article's column, whose sections
// have headings too).
func (p *page) inTitledBox(n, root *html.Node) bool {
	tn := p.an.w[n].text
	for a := n.Parent; a != nil && a != root; a = a.Parent {
		if p.an.w[a].text <= tn {
			continue
		}
		if 2*p.an.w[a].text >= p.an.w[root].text {
			return false
		}
		for c := a.FirstChild; c != nil && c != n && !isAncestor(c, n); c = c.NextSibling {
			if l := headingLevel(c); l >= 2 || hasDescendant(c, func(d *html.Node) bool { return headingLevel(d) >= 2 }) {
				return true
			}
		}
		return false
	}
	return false
}

// changeLabel matches the label of a last-change line at its start.
var changeLabel = regexp.MustCompile(`(?i)^(?:stand|letzte\s+änderung|zuletzt\s+(?:geändert|aktualisiert|bearbeitet)|aktualisiert|last\s+(?:modified|updated)|updated)(?:\s+(?:am|on))?\s*:?\s*`)

// dateOnly matches a line that is only a date, maybe with a time and a
// weekday: "23.10.2018", "Mo, 18. Oktober 2021 | 05:28 Uhr", "05:28 Uhr".
// dateWithLabel reports a meta line of the page's date and a label
// after a separator: "8. November 2021 | Aktuelles", "12.03.2024 · Erfurt".
func (p *page) dateWithLabel(n *html.Node) bool {
	if p.metaDateV == "" && p.contentDateV == "" {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.Span, atom.Div, atom.Small:
	default:
		return false
	}
	if hasDescendant(n, func(d *html.Node) bool { return !inlineAtoms[d.DataAtom] && d.DataAtom != atom.Time }) {
		return false
	}
	t := cleanText(n)
	i := strings.IndexAny(t, "|·•")
	if i <= 0 {
		return false
	}
	date, label := strings.TrimSpace(t[:i]), strings.Trim(t[i:], " |·•")
	if label == "" || strings.ContainsAny(label, "0123456789|·•") || len(strings.Fields(label)) > 3 {
		return false
	}
	return strings.ContainsAny(date, "0123456789") && dateOnly.MatchString(date)
}

var dateOnly = regexp.MustCompile(`(?i)^(?:(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s*)?(?:\d{1,2}\.\s*(?:\d{1,2}\.|\p{L}+\.?)\s*\d{2,4}|\d{4}-\d{2}-\d{2})?\s*[,|–-]?\s*(?:\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$`)

// authorElement reports the author line a news record's publisher is
// read from.
func authorElement(n *html.Node) bool {
	return strings.Contains(attr(n, "class"), "author") || attr(n, "itemprop") == "author"
}

// asideHead returns the article's head that a template put into a side
// column (a sticky panel beside the body that repeats the headline over
// the lead and the date), and the headline's copy: the box of side that
// opens with a copy of the page's sole level-1 headline and holds at
// least 80 characters of prose after it (outside list items: a list of
// related articles with a line each is no lead), at most 1,500
// characters and not mostly links; not the whole side column, whose
// other boxes (the author, the tags, a teaser) stay side matter, and not
// an item of a list (a list of the latest news that begins with the
// page's own).
func (a *analysis) asideHead(side *html.Node) (head, copied *html.Node) {
	h1 := a.soleHeadline()
	if h1 == nil || isAncestor(side, h1) {
		return nil, nil
	}
	want := collapseTrim(textOf(h1))
	var find func(n *html.Node) bool // reports whether the first text is found
	find = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					return true // text before any copy
				}
			case c.Type != html.ElementNode || isInvisible(c) || a.w[c].text == 0:
			case collapseTrim(textOf(c)) == want:
				copied = c
				return true
			default:
				if find(c) {
					return true
				}
			}
		}
		return false
	}
	find(side)
	if copied == nil || a.w[copied].link > 0 {
		return nil, nil
	}
	head = copied.Parent
	for head != side && a.w[head].text == a.w[copied].text {
		head = head.Parent
	}
	w := a.w[head]
	if head == side || w.text > 1500 || 2*w.link > w.text || w.text-w.link-a.w[copied].text-a.listProse(head) < 80 {
		return nil, nil
	}
	for x := head; x != side; x = x.Parent {
		if x.DataAtom == atom.Li || sameClassSibling(x) {
			// An item of a list of articles (the latest news, the page's
			// own first): a teaser of the article, not its head.
			return nil, nil
		}
	}
	return head, copied
}

// listProse is the text outside links of the list items under n (the
// outermost): a list of links to other pages with a line on each is no
// lead.
func (a *analysis) listProse(n *html.Node) int32 {
	var sum int32
	var visit func(x *html.Node)
	visit = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Li:
				sum += a.w[c].text - a.w[c].link
			default:
				visit(c)
			}
		}
	}
	visit(n)
	return sum
}

// sameClassSibling reports an element with a class that a sibling
// element of the same kind shares: an item among like items.
func sameClassSibling(n *html.Node) bool {
	cls := attr(n, "class")
	if cls == "" || n.Parent == nil {
		return false
	}
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s != n && s.Type == html.ElementNode && s.DataAtom == n.DataAtom && s.Data == n.Data && attr(s, "class") == cls {
			return true
		}
	}
	return false
}

// dropBeside drops, with reason r, everything inside box but keep and
// its ancestors.
func (p *page) dropBeside(box, keep *html.Node, r string) {
	for x := keep; x != box; x = x.Parent {
		for s := x.Parent.FirstChild; s != nil; {
			next := s.NextSibling
			if s != x && s.Type == html.ElementNode && !isInvisible(s) {
				p.drop(s, r)
			}
			s = next
		}
	}
}

// authorPictureBox reports a short box around an author's picture: an
// element named for the author ("author-avatar", "autor-bild") that
// holds a picture and no text, beside a line of at most 100 characters
// with no headline or paragraph ("Artikel / Redaktion Stadtblatt" next
// to the avatar, a byline whose own box has a neutral name). The name
// and its label are the byline, not the article's text. It holds in a
// content element too: a news plugin's template draws the box, an
// editor does not name a picture after the author. A box whose text
// verdicts already drop (a post meta line with the avatar in it) goes by
// them. A quote beside its speaker's picture ("quote-author-image") is
// content, as a paragraph is.
func (a *analysis) authorPictureBox(n *html.Node) bool {
	if n.DataAtom == atom.Blockquote || n.DataAtom == atom.Q {
		return false // a quote with its speaker's picture
	}
	found, other := false, false
	var visit func(x *html.Node)
	visit = func(x *html.Node) {
		for d := x.FirstChild; d != nil && !other; d = d.NextSibling {
			switch {
			case d.Type != html.ElementNode || isInvisible(d):
			case d.DataAtom == atom.P || d.DataAtom == atom.Blockquote || d.DataAtom == atom.Q || headingLevel(d) > 0:
				other = true
			case a.w[d].text == 0 && a.authorNamed(d):
				found = found || hasDescendant(d, func(x *html.Node) bool {
					return x.DataAtom == atom.Img || x.DataAtom == atom.Picture || x.DataAtom == atom.Svg
				})
			default:
				visit(d)
			}
		}
	}
	visit(n)
	return found && !other
}

// authorNamed reports an element whose name gives it the author verdict,
// also inside a content element, where that verdict does not hold.
func (a *analysis) authorNamed(n *html.Node) bool {
	if r, ok := a.marks[n]; ok {
		return r == umzug.DropAuthor
	}
	x := elAttrsOf(n)
	return a.cache.elementReason(n, &x) == umzug.DropAuthor
}

// markedText is the text of the outermost elements under n marked with
// reason r.
func (a *analysis) markedText(n *html.Node, r string) int32 {
	return a.outermostText(n, func(c *html.Node) bool { return a.marks[c] == r })
}

// softText is the text of the outermost soft-marked elements under n.
func (a *analysis) softText(n *html.Node) int32 {
	return a.outermostText(n, func(c *html.Node) bool { return a.soft[c] })
}

// outermostText is the text of the outermost elements under n that is
// reports.
func (a *analysis) outermostText(n *html.Node, is func(*html.Node) bool) int32 {
	var sum int32
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if is(c) {
			sum += a.w[c].text
			continue
		}
		sum += a.outermostText(c, is)
	}
	return sum
}

// dropHeadedBoxes drops the boxes introduced by a related-content,
// comment, share or tag headline. The box is the headline's largest
// ancestor (below root) that holds little besides it: links, teasers, or
// for comment sections anything; a headline standing in running text
// takes the siblings that follow it up to the next headline of its level
// or above.
func (p *page) dropHeadedBoxes(root *html.Node) {
	type head struct {
		n      *html.Node
		reason string
		list   bool // a plain "News" or "Termine" headline: see dropListBox
	}
	var heads []head
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isInvisible(c) {
				continue
			}
			if headingLevel(c) > 0 || isLabelLine(c) {
				t := cleanText(c)
				r := headingReason(t)
				if r == "" && len(t) < 250 && mayCommentGate(t) && commentGate.MatchString(t) {
					r = umzug.DropComments // "Sie müssen sich einloggen, um …"
				}
				if r == umzug.DropComments && genreKicker(c, t) {
					r = "" // "Kommentar" over a teaser's or an article's headline: its genre
				}
				// A plain news headline ("Aktuelle Meldungen", "Neueste
				// Meldungen") names a related box beside a news record,
				// elsewhere a list: the home page's latest news an editor
				// placed (dropListBox tells them apart).
				// "Weitere Meldungen" is other releases under this one,
				// wherever it stands.
				list := (r == "" || r == umzug.DropRelated && p.news == nil && !strings.HasPrefix(strings.ToLower(t), "weitere")) && len(t) < 40 && listHeading.MatchString(t)
				if r != "" && !list {
					heads = append(heads, head{c, r, false})
					continue
				}
				if list {
					heads = append(heads, head{c, umzug.DropRelated, true})
					continue
				}
			}
			find(c)
		}
	}
	find(root)
	for _, h := range heads {
		if !attached(h.n, root) {
			continue // inside a box dropped before
		}
		if recordField(h.n) {
			continue // a news record's related links and files are fields of the release
		}
		if h.list {
			p.dropListBox(h.n, root)
			continue
		}
		// Author boxes and calls for donations or sign-ups are prose: their
		// box may hold a little text of any kind.
		prose := h.reason == umzug.DropAuthor || h.reason == umzug.DropAd || h.reason == umzug.DropNewsletter
		smallProse := func(n *html.Node) bool {
			g := p.an.w[n].good
			return prose && g <= 800 && 4*g < p.an.w[root].good
		}
		if p.an.thread && h.reason == umzug.DropComments {
			// On a discussion page the posts are the content: only the
			// headline or the note of the comment form goes.
			p.drop(h.n, h.reason)
			continue
		}
		box := h.n
		for anc := h.n.Parent; anc != nil && anc != root; anc = anc.Parent {
			if h.reason != umzug.DropComments && !smallProse(anc) && (linkShare(anc, h.n) < 0.6 && !teaserish(anc) || 2*p.an.w[anc].good > p.an.w[root].good) {
				break
			}
			if holdsRecordField(anc) {
				break // a news record's related box: its files and links are the release's fields
			}
			if h.reason == umzug.DropComments && p.an.w[anc].good > 3*p.an.w[root].good/4 {
				break
			}
			box = anc
		}
		if h.reason == umzug.DropRelated && p.an.w[box].text == p.an.w[h.n].text && p.headsOwnText(h.n, root) {
			// Only the header would go (its own wrapper, csc-header or
			// <header>), the element's text would stay without it.
			continue
		}
		if box != h.n {
			if p.fileBoxes[box] || p.rescueFileBox(box, h.reason) {
				continue
			}
			p.drop(box, h.reason)
			continue
		}
		// The headline stands among other content: drop it and what
		// belongs to it up to the next headline of its level or above.
		level := headingLevel(h.n)
		if level == 0 {
			level = 7
		}
		next := h.n.NextSibling
		p.drop(h.n, h.reason)
		var taken int32
		for n := next; n != nil; {
			following := n.NextSibling
			if n.Type == html.ElementNode {
				if l := headingLevel(n); l > 0 && l <= level {
					break
				}
				if h.reason != umzug.DropComments && linkShare(n, nil) < 0.6 && !teaserish(n) && !(smallProse(n) && taken+p.an.w[n].good <= 800) {
					break
				}
				taken += p.an.w[n].good
				p.drop(n, h.reason)
			}
			n = following
		}
	}
}

// genreKicker reports a comment label that names the genre of the
// headline right after it: the singular "Kommentar" over an opinion
// piece's headline (in a teaser of a news list, or over the article
// itself), where a comment section's headline is plural ("Kommentare",
// "3 Kommentare") or an action ("Kommentar schreiben") and what follows it
// is comments or a form, not a headline of its own.
func genreKicker(n *html.Node, t string) bool {
	if !strings.EqualFold(strings.TrimRight(t, " :"), "kommentar") {
		return false
	}
	h := nextElement(n)
	if h == nil || headingLevel(h) == 0 {
		return false
	}
	ht := cleanText(h)
	return len(ht) >= 20 && headingReason(ht) == ""
}

// headsOwnText reports a headline that is the header of a TYPO3 content
// element (ownsMarkup) whose body is text of its own, not links: an
// editor's "Mehr zum Thema" element of two sentences with a link in each
// is content, and dropping its header alone left the text without it
// (the element's body is judged on its own, as a box of links or not).
func (p *page) headsOwnText(h, root *html.Node) bool {
	for a := h.Parent; a != nil && a != root; a = a.Parent {
		if ownsMarkup(a) {
			return p.an.w[a].good-p.an.w[h].good >= 40 && linkShare(a, h) < 0.6
		}
	}
	return false
}

// listHeading matches the plain headlines of a site's news lists ("News",
// "Aktuelles", "Meldungen"): beside an article they head the latest items
// of the site, on a list page they head the page's own content. Not
// "Termine" or "Veranstaltungen": in an article they head its own dates,
// linked to their sign-up pages.
var listHeading = regexp.MustCompile(`(?i)^(?:(?:aktuelle|neueste|letzte|weitere|unsere) )?(?:news|nachrichten|neuigkeiten|meldungen|aktuelles|pressemitteilungen|pressemeldungen|blog|blogbeiträge)\s*:?$`)

// dropListBox drops a list headline and the teasers under it when they
// are a minor part of the content: the latest news under an article. The
// teasers are the elements after the headline (or after the box that holds
// only the headline) that are teaser lists, up to the first that is not;
// an empty divider between them is passed over. On a list page the items
// outweigh the page's prose (their text is link text) and stay, and so
// does a list a TYPO3 editor placed as a content element.
func (p *page) dropListBox(h, root *html.Node) {
	for a := h.Parent; a != nil; a = a.Parent {
		if ownsMarkup(a) || a == p.news {
			return // an editor's list element (a news plugin on a home page) is content
		}
	}
	box := h
	own := p.an.w[h].text
	for anc := h.Parent; anc != nil && anc != root && p.an.w[anc].text == own; anc = anc.Parent {
		box = anc
	}
	var items []*html.Node
	var taken int32
	for n := box.NextSibling; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || isInvisible(n) {
			continue
		}
		if p.an.w[n].text == 0 && !hasMedia(n) {
			continue // a rule or spacer
		}
		if headingLevel(n) > 0 || !teaserish(n) {
			break
		}
		items = append(items, n)
		taken += p.an.w[n].text
	}
	if len(items) == 0 || 2*taken >= p.an.w[root].good {
		return
	}
	p.drop(box, umzug.DropRelated)
	for _, n := range items {
		p.drop(n, umzug.DropRelated)
	}
}

// isLabelLine reports a paragraph or div whose whole text is one bold or
// strong run: the label of a box in templates without headline elements.
func isLabelLine(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Strong, atom.B:
		// Alone on its line: the block around it (through links and
		// spans) holds nothing else.
		own := strings.TrimSpace(textOf(n))
		for a := n.Parent; a != nil; a = a.Parent {
			if strings.TrimSpace(textOf(a)) != own {
				return false
			}
			if !inlineAtoms[a.DataAtom] {
				return true
			}
		}
		return false
	case atom.P, atom.Div, atom.Span:
		// A short line of its own, not a link ("Zum Thema" buttons are;
		// a named anchor without href is a headline in old templates).
		// A box of blocks is none (asked first: it spares the text of
		// most boxes).
		if hasDescendant(n, func(d *html.Node) bool {
			return !inlineAtoms[d.DataAtom] && d.DataAtom != atom.Img && d.DataAtom != atom.Svg && !insideAtom(d, atom.Svg)
		}) {
			return false
		}
		short, nonEmpty := shortText(n, 90)
		// Icon links (a share bar's buttons) are not text beside it.
		return short && nonEmpty && !hasDescendant(n, func(d *html.Node) bool {
			return d.DataAtom == atom.A && hasAttr(d, "href") && strings.TrimSpace(textOf(d)) != ""
		})
	}
	return false
}

// attached reports whether n is still in root's tree.
func attached(n, root *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == root {
			return true
		}
	}
	return false
}

// dropLinkBoxes drops link-dense boxes of short links around the prose
// (lists of links to other articles, category lines), as trafilatura and
// readability do: a list or box whose text is mostly short links.
func (p *page) dropLinkBoxes(root *html.Node) {
	// A box of links that holds most of the region is what the page is
	// (a list of teasers, a sitemap), not a box beside it.
	most := p.an.w[root].text / 2
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type != html.ElementNode || isInvisible(c) || isContentElement(c) {
				c = next
				continue
			}
			if p.fileBoxes[c] {
				c = next
				continue
			}
			switch c.DataAtom {
			case atom.Ul, atom.Ol, atom.Dl, atom.Div, atom.Section, atom.Nav, atom.Aside, atom.Table:
				if p.an.w[c].text < most && linkBox(c) && !p.rescueFileBox(c, umzug.DropLinks) {
					p.drop(c, umzug.DropLinks)
					c = next
					continue
				}
			}
			walk(c)
			c = next
		}
	}
	walk(root)
}

// linkBox reports an element made of links: most of its text linked, in
// several links, and no sentence of prose of its own.
func linkBox(n *html.Node) bool {
	links, short := 0, 0
	var linkText, text int
	var f func(n *html.Node, inLink bool)
	f = func(n *html.Node, inLink bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				k := nonSpace(c.Data)
				text += k
				if inLink {
					linkText += k
				}
			case html.ElementNode:
				if isInvisible(c) {
					continue
				}
				if c.DataAtom == atom.A && !inLink {
					t := nonSpace(textOf(c))
					if t > 0 {
						links++
						if t < 12 {
							short++
						}
					}
					f(c, true)
					continue
				}
				if c.DataAtom == atom.Img || c.DataAtom == atom.Figure || c.DataAtom == atom.Video {
					if !inLink {
						return // media of the content
					}
				}
				f(c, inLink)
			}
		}
	}
	f(n, false)
	if links < 3 || text == 0 {
		return false
	}
	return float64(linkText) >= 0.8*float64(text) && text < 300*links/2+200 || short*5 >= links*4 && text < 400 && 2*linkText >= text
}

// teaserish reports an element made of items (cards, teasers, list
// items) that each link somewhere and that together hold most of its
// text: a box of teasers. It is only asked about what follows a
// related-content headline.
func teaserish(n *html.Node) bool {
	var items []*html.Node
	var f func(n *html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			cls := attr(c, "class")
			if c.DataAtom == atom.A && hasAttr(c, "href") && hasDescendant(c, func(d *html.Node) bool { return headingLevel(d) > 0 }) {
				items = append(items, c) // a card that is one link
				continue
			}
			if c.DataAtom == atom.Li || c.DataAtom == atom.Article || strings.Contains(cls, "teaser") || strings.Contains(cls, "card") {
				if c.DataAtom == atom.A || hasDescendant(c, func(d *html.Node) bool { return d.DataAtom == atom.A && hasAttr(d, "href") }) {
					items = append(items, c)
					continue
				}
			}
			f(c)
		}
	}
	f(n)
	if len(items) == 0 {
		return cardsOfLinkedHeadings(n)
	}
	inItems := 0
	for _, it := range items {
		inItems += textWeight(it)
	}
	return float64(inItems) >= 0.8*float64(textWeight(n))
}

// cardsOfLinkedHeadings reports teaser cards in any markup: at least two
// headlines (below level 1) that are links, and at most 300 characters
// of text in all per linked headline (the title and a short blurb each).
func cardsOfLinkedHeadings(n *html.Node) bool {
	linked := 0
	var f func(*html.Node)
	f = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if l := headingLevel(c); l > 1 {
				if t := textWeight(c); t > 0 && linkShare(c, nil) >= 0.8 {
					linked++
				}
				continue
			}
			f(c)
		}
	}
	f(n)
	return linked >= 2 && textWeight(n) <= 300*linked
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

// emptyMain reports a page whose main landmark (<main> or role=main)
// holds neither text nor media.
func emptyMain(body *html.Node) bool {
	var m *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && m == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isMainLandmark(c) {
				m = c
				return
			}
			find(c)
		}
	}
	find(body)
	return m != nil && strings.TrimSpace(cleanText(m)) == "" && !hasMedia(m)
}

// sectionLink reports a line that is nothing but a link to a section the
// page's breadcrumb leads to, standing in the article's head (before its
// headline) or at its end (no prose after it): the category link over a
// news headline, "← Unternehmen & Märkte" under it. It is navigation the
// new CMS builds from its own tree, not text of the page. A link line
// between paragraphs, or after a line that leads to it ("… zuständig:"),
// a list item and a link to the site's home are text.
func (p *page) sectionLink(n, root *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.P, atom.Span:
	default:
		return false
	}
	if len(p.crumbLinks()) == 0 || inRunningText(n) {
		return false // most pages: no breadcrumb to go by
	}
	link := soleLink(n)
	if link == nil || linkShare(n, nil) < 0.95 || hasMedia(n) {
		return false
	}
	href := strings.TrimSpace(attr(link, "href"))
	if href == "" || href[0] == '#' {
		return false
	}
	if href = p.abs(href); href == "" {
		return false
	}
	if u, err := url.Parse(href); err != nil || u.Path == "" || u.Path == "/" {
		return false // the site's home: a link an editor put there as often as not
	}
	if !p.crumbLinks()[trimURL(href)] {
		return false
	}
	h1 := p.an.soleHeadline()
	if h1 == nil || isAncestor(n, h1) || isAncestor(h1, n) {
		return false // no article head to go by, or the headline linked to itself
	}
	if prev := prevElement(n); prev != nil && strings.HasSuffix(collapseTrim(textOf(prev)), ":") {
		return false // "Zuständig ist:" and the office's link
	}
	return nodeOrder(n, h1) || !proseAfter(n, root)
}

// prevElement returns the element sibling before n, or nil.
func prevElement(n *html.Node) *html.Node {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// proseAfter reports a visible paragraph of prose (40 characters or more
// outside links) after n inside root, in document order.
func proseAfter(n, root *html.Node) bool {
	var prose func(d *html.Node) bool
	prose = func(d *html.Node) bool {
		if d.Type != html.ElementNode || skipElement(d) {
			return false
		}
		if d.DataAtom == atom.P && len(collapseTrim(textOf(d)))-linkedChars(d) >= 40 {
			return true
		}
		for c := d.FirstChild; c != nil; c = c.NextSibling {
			if prose(c) {
				return true
			}
		}
		return false
	}
	for a := n; a != nil && a != root; a = a.Parent {
		for s := a.NextSibling; s != nil; s = s.NextSibling {
			if prose(s) {
				return true
			}
		}
	}
	return false
}

// linkedChars is the length of n's text inside links.
func linkedChars(n *html.Node) int {
	k := 0
	visitElements(n, func(d *html.Node) {
		if d.DataAtom == atom.A {
			k += len(collapseTrim(textOf(d)))
		}
	})
	return k
}

// crumbLinks returns the targets of the links in the page's breadcrumbs
// (elements named for one, also a <nav class="breadcrumb">) that lead up
// from the page: not the page's own address, not a link marked as the
// current page, and not a trail's last link when no link of the trail is
// the page's address (the current page of a saved or archived copy).
func (p *page) crumbLinks() map[string]bool {
	if p.crumbs != nil {
		return p.crumbs
	}
	p.crumbs = map[string]bool{}
	self := map[string]bool{}
	for _, u := range p.pageURLs() {
		if u = p.abs(u); u != "" {
			self[trimURL(u)] = true
		}
	}
	for n, r := range p.an.marks {
		if r != umzug.DropBreadcrumb && !(r == umzug.DropNavigation && p.an.cache.classReason(attr(n, "class")) == umzug.DropBreadcrumb) {
			continue
		}
		var trail []string
		last, sawSelf := "", false
		visitElements(n, func(d *html.Node) {
			if d.DataAtom != atom.A {
				return
			}
			last = ""
			href := strings.TrimSpace(attr(d, "href"))
			if href == "" || href[0] == '#' || attr(d, "aria-current") != "" {
				return
			}
			u := p.abs(href)
			switch {
			case u == "":
			case self[trimURL(u)]:
				sawSelf = true
			default:
				last = trimURL(u)
				trail = append(trail, last)
			}
		})
		for _, u := range trail {
			if u != last || sawSelf {
				p.crumbs[u] = true
			}
		}
	}
	return p.crumbs
}

// trimURL is a link's target for comparison: without fragment and
// trailing slash.
func trimURL(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return strings.TrimSuffix(u, "/")
}
