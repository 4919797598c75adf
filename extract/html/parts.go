package html

import (
	stdhtml "html"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// This file holds the recognisers of structured content: each looks at the
// markup of an element and returns a typed payload, or nil when the markup
// is not of its kind. They follow markup families (TYPO3
// fluid_styled_content, css_styled_content, bootstrap_package, common
// Bootstrap and BEM patterns), not individual sites.

func (p *page) richText(s *goquery.Selection) umzug.PortableText {
	b := newPTBuilder(p.base)
	for _, n := range s.Nodes {
		b.node(n)
	}
	return b.result()
}

func (p *page) richChildren(s *goquery.Selection) umzug.PortableText {
	b := newPTBuilder(p.base)
	for _, n := range s.Nodes {
		b.children(n)
	}
	return b.result()
}

// fileNameFormat returns the file name a link's path ends in and its
// extension in upper case as the format ("bericht.pdf", "PDF"); "" when
// the last segment has no extension of at most five characters.
func fileNameFormat(href string) (name, format string) {
	if href == "" {
		return "", ""
	}
	base := path.Base(strings.SplitN(href, "?", 2)[0])
	if f := fileParam(href); f != "" {
		base = path.Base(f) // Contao's download address: the page, ?file=the file
	}
	if ext := path.Ext(base); ext != "" && len(ext) <= 6 {
		return base, strings.ToUpper(ext[1:])
	}
	return "", ""
}

func (p *page) abs(href string) string {
	l, ok := resolveLink(p.base, href)
	if !ok {
		return ""
	}
	return l
}

func text(s *goquery.Selection) string {
	var sb strings.Builder
	for _, n := range s.Nodes {
		sb.WriteString(textOf(n))
		sb.WriteByte(' ')
	}
	return collapseTrim(sb.String())
}

// labelText returns the visible text of a control's label: unlike text,
// it reads buttons, which Bootstrap 5 accordions and tabs use for their
// titles (<h3 class="accordion-header"><button …>Title</button></h3>).
func labelText(s *goquery.Selection) string {
	var sb strings.Builder
	var f func(n *html.Node)
	f = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom != atom.Button && skipElement(n) {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
		sb.WriteByte(' ')
	}
	for _, n := range s.Nodes {
		f(n)
	}
	return collapseTrim(sb.String())
}

// ---- tables

func (p *page) table(s *goquery.Selection) *umzug.Table {
	t := &umzug.Table{Caption: text(s.ChildrenMatcher(css("caption")))}
	// Read from the nodes, as goquery's Children, NodeName, AttrOr and
	// FindMatcher would (element children only, in order).
	var rows func(n *html.Node, section string)
	rows = func(n *html.Node, section string) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "thead":
				rows(c, "head")
			case "tbody":
				rows(c, "body")
			case "tfoot":
				rows(c, "foot")
			case "tr":
				k := 0 // the cells, counted first: one slice of them
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type == html.ElementNode && (cell.Data == "td" || cell.Data == "th") {
						k++
					}
				}
				if k == 0 {
					continue // a row without cells is left out
				}
				row := umzug.TableRow{Section: section, Cells: make([]umzug.TableCell, 0, k)}
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type != html.ElementNode || cell.Data != "td" && cell.Data != "th" {
						continue
					}
					tc := umzug.TableCell{Text: collapseTrim(textOf(cell)), Header: cell.Data == "th"}
					tc.ColSpan = span(attr(cell, "colspan"))
					tc.RowSpan = span(attr(cell, "rowspan"))
					if matchBelow(cell, css("a[href], ul, ol, br, p + p")) {
						b := newPTBuilder(p.base)
						b.children(cell)
						tc.Body = b.result()
					}
					row.Cells = append(row.Cells, tc)
				}
				if len(row.Cells) > 0 {
					if len(t.Rows) == cap(t.Rows) {
						// Room for the rows after it too: the rows
						// grow once, not at every doubling.
						k := 1
						for s := c.NextSibling; s != nil; s = s.NextSibling {
							if s.Type == html.ElementNode && s.Data == "tr" {
								k++
							}
						}
						t.Rows = slices.Grow(t.Rows, k)
					}
					t.Rows = append(t.Rows, row)
				}
			}
		}
	}
	for _, n := range s.Nodes {
		rows(n, "body")
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

// matchBelow reports whether m matches an element below n (n left out):
// n's FindMatcher(m).Length() > 0.
func matchBelow(n *html.Node, m goquery.Matcher) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (m.Match(c) || matchBelow(c, m)) {
			return true
		}
	}
	return false
}

func span(v string) int {
	if v == "" {
		return 0 // most cells: no error value to build
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 1 {
		return 0
	}
	return min(n, 1000)
}

// ---- images, galleries, text with media

var creditRe = regexp.MustCompile(`(?i)(?:^|[\s(\[|–-])((?:Foto|Fotos|Bild|Bildquelle|Quelle|Photo|Copyright)\s*(?::|©)\s*[^)\]]+|©\s*[^)\]]+)[)\]]?\s*$`)

// creditAt is creditRe's credit anchored where it begins: the same group,
// with what may follow it to the end.
var creditAt = regexp.MustCompile(`(?i)^((?:Foto|Fotos|Bild|Bildquelle|Quelle|Photo|Copyright)\s*(?::|©)\s*[^)\]]+|©\s*[^)\]]+)[)\]]?\s*$`)

// splitCredit separates a photo credit ("Foto: …", "Foto © …", "© …") at the end of a
// caption from the caption.
func splitCredit(caption string) (string, string) {
	start, end := creditSpan(caption)
	if start < 0 {
		return caption, ""
	}
	credit := strings.TrimSpace(caption[start:end])
	rest := strings.TrimSpace(caption[:start])
	rest = strings.TrimRight(rest, " ([|–—-")
	return strings.TrimSpace(rest), credit
}

// creditSpan returns where creditRe's credit group is in s (-1 when it
// does not match). creditRe is not anchored at its start, so its
// backtracker tried every byte of the caption; the group can only begin
// at the start of s or after one of the separators, with "©" or one of
// the credit words (ASCII letters other than k and s, which (?i) folds
// to ASCII only: TestCreditSpanAgrees), and the leftmost match of
// creditRe is the one whose group begins first. So only those places
// are tried, in order, with creditAt.
func creditSpan(s string) (int, int) {
	for g := 0; g < len(s); g++ {
		if g > 0 && !creditSeparatorBefore(s, g) || !mayCreditStart(s[g:]) {
			continue
		}
		if m := creditAt.FindStringSubmatchIndex(s[g:]); m != nil {
			return g + m[2], g + m[3]
		}
	}
	return -1, -1
}

// creditSeparatorBefore reports whether s[:g] ends with one of the
// separators creditRe allows before the credit: \s (ASCII white space),
// "(", "[", "|", "-" or "–".
func creditSeparatorBefore(s string, g int) bool {
	switch s[g-1] {
	case ' ', '\t', '\n', '\f', '\r', '(', '[', '|', '-':
		return true
	}
	return g >= 3 && s[g-3:g] == "–"
}

// mayCreditStart reports whether s begins with "©" or, in any case of its
// ASCII letters, with a word that begins one of creditRe's credit words.
func mayCreditStart(s string) bool {
	if strings.HasPrefix(s, "©") {
		return true
	}
	if len(s) < 4 {
		return false
	}
	switch s[0] | 0x20 {
	case 'f', 'b', 'q', 'p', 'c':
	default:
		return false
	}
	for _, w := range [...]string{"foto", "bild", "quelle", "photo", "copyright"} {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// imageSrc returns the real image URL of an <img>, looking past lazy
// loading placeholders (lazyPlaceholder) at data-src and friends, then at
// a data attribute that holds a picture's address (data-lg,
// data-retina-src: each script has its own), then at the <img> a
// <noscript> beside it repeats, then at its <picture>'s sources.
func imageSrc(n *html.Node) string {
	src := strings.TrimSpace(attr(n, "src"))
	if lazyPlaceholder(n, src) {
		for _, k := range []string{"data-src", "data-original", "data-lazy-src", "data-srcset", "srcset"} {
			if v := strings.TrimSpace(attr(n, k)); v != "" {
				return strings.Fields(v)[0]
			}
		}
		if v := dataImage(n); v != "" {
			return v
		}
		if v := noscriptImage(n); v != "" {
			return v
		}
		if v := pictureSource(n); v != "" {
			return v
		}
	}
	return src
}

// pictureSource returns the first address of the first <source> of the
// <picture> around an <img> ("" without): a picture whose <img> carries
// no address of its own shows its sources.
func pictureSource(n *html.Node) string {
	if n.Parent == nil || n.Parent.DataAtom != atom.Picture {
		return ""
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Source {
			for _, k := range [...]string{"srcset", "data-srcset", "src"} {
				if v := strings.Fields(attr(c, k)); len(v) > 0 && !strings.HasPrefix(v[0], "data:") {
					return strings.TrimSuffix(v[0], ",")
				}
			}
		}
	}
	return ""
}

// noscriptSrc finds the src of each <img> in a <noscript>'s text.
var noscriptSrc = regexp.MustCompile(`(?is)<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)`)

// noscriptImage returns the picture a lazy-loading template repeats for
// browsers without scripts in a <noscript> among the next three elements
// beside the placeholder (or beside its <picture>), before another
// picture: the parser keeps a noscript's content as text. A noscript
// that holds a frame is a consent fallback, and a counter's address a
// tracking pixel (matomo.php?rec=1).
func noscriptImage(n *html.Node) string {
	from := n
	if n.Parent != nil && n.Parent.DataAtom == atom.Picture {
		from = n.Parent
	}
	elements := 0
	for c := from.NextSibling; c != nil && elements < 3; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		elements++
		if c.DataAtom == atom.Img || c.DataAtom == atom.Picture {
			return "" // the next picture's
		}
		if c.DataAtom != atom.Noscript || c.FirstChild == nil || c.FirstChild.Type != html.TextNode {
			continue
		}
		t := c.FirstChild.Data
		if strings.Contains(strings.ToLower(t), "<iframe") {
			return ""
		}
		for _, m := range noscriptSrc.FindAllStringSubmatch(t, -1) {
			if v := stdhtml.UnescapeString(m[1]); !trackingPixel(v) {
				return v
			}
		}
		return ""
	}
	return ""
}

// trackingPixel reports the address of a counter's image (matomo.php,
// piwik, a pixel or beacon): a script's path or a tracker's name, not a
// picture (picture servers may leave out the extension).
func trackingPixel(u string) bool {
	p := strings.ToLower(cheapPath(u))
	if strings.HasSuffix(p, ".php") || strings.HasSuffix(p, ".cgi") || strings.HasSuffix(p, ".js") {
		return true
	}
	return containsSubstring(p, "matomo", "piwik", "pixel", "beacon", "/track", "analytics", "/count")
}

// cheapPath is the path of an address without parsing it: what comes
// before its query or fragment, after its scheme and host.
func cheapPath(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "//"); i >= 0 {
		u = u[i+2:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
		return "/"
	}
	return u
}

// placeholderWords name the files lazy-loading scripts put into an
// image's src until it scrolls into view (a3-lazy-load's
// lazy_placeholder.gif, TYPO3's csm_blank_….gif) and the spinners they
// show, as whole words of the file's name; jQuery lazyload's grey square
// goes by any name, as a gif.
var placeholderWords = map[string]bool{"blank": true, "spacer": true, "placeholder": true, "lazy": true,
	"loader": true, "transparent": true, "1x1": true, "dummy": true, "lazyload": true, "lazyloading": true}

// lazyPlaceholder reports an image src that only holds the place of the
// real picture: none, a data: URI, a gif, png or svg named like a
// placeholder (placeholderFile), or a gif beside another address of a
// picture (real pictures of content are photos; a gif with a data-src is
// the script's).
func lazyPlaceholder(n *html.Node, src string) bool {
	if src == "" || strings.HasPrefix(src, "data:") || placeholderFile(src) {
		return true
	}
	return strings.HasSuffix(strings.ToLower(cheapPath(src)), ".gif") && (lazySrc(n) != "" || dataImage(n) != "")
}

// placeholderFile reports a gif, png or svg whose name holds a word of
// placeholderWords ("lazy_placeholder.gif", "csm_blank_6da1.gif",
// "index-transparent_h-3_w-8.gif"; not "blankenese.png", not
// "801x1024.png").
func placeholderFile(src string) bool {
	file := strings.ToLower(path.Base(cheapPath(src)))
	ext := path.Ext(file)
	switch ext {
	case ".gif", ".png", ".svg":
	default:
		return false
	}
	for w := range strings.FieldsFuncSeq(strings.TrimSuffix(file, ext), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		if placeholderWords[w] {
			return true
		}
	}
	return false
}

// shownPlaceholder reports an image that shows a placeholder or spinner
// and nothing else: its address (after imageSrc) is a placeholder file,
// and it is a gif or declares no size of a picture (100 pixels) and says
// nothing (no alt): a coat of arms named "wappen-transparent.png" with its
// size and alt text is a picture.
func shownPlaceholder(n *html.Node, src string) bool {
	if !placeholderFile(src) {
		return false
	}
	if strings.HasSuffix(strings.ToLower(cheapPath(src)), ".gif") {
		return true
	}
	return !sizedPicture(n) && strings.TrimSpace(attr(n, "alt")) == ""
}

// dataKeyRank orders the data attributes of a lazy image: the large and
// source variants first.
func dataKeyRank(k string) int {
	for _, w := range [...]string{"src", "lg", "large", "retina", "full", "xl", "original"} {
		if strings.Contains(k, w) {
			return 0
		}
	}
	return 1
}

// dataImage returns the data-* attribute of an image whose value is the
// address of a picture (by its extension), the large or source variant
// first (dataKeyRank), or "".
func dataImage(n *html.Node) string {
	best, rank := "", 2
	for _, a := range n.Attr {
		if !strings.HasPrefix(a.Key, "data-") {
			continue
		}
		v := strings.TrimSpace(a.Val)
		if v == "" || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "{") {
			continue
		}
		v = strings.Trim(strings.Fields(v)[0], "[],;'\"") // data-lazy="[url, (default)]"
		if r := dataKeyRank(a.Key); r < rank && umzug.IsPictureExt(strings.ToLower(path.Ext(cheapPath(v)))) {
			best, rank = v, r
		}
	}
	return best
}

// mediaOf builds a Media from an <img> and its figure caption.
func (p *page) mediaOf(img *goquery.Selection, fig *goquery.Selection) (umzug.Media, bool) {
	n := img.Nodes[0]
	src := p.abs(imageSrc(n))
	if src == "" {
		return umzug.Media{}, false
	}
	m := umzug.Media{Src: src, Title: strings.TrimSpace(attr(n, "title"))}
	alt, hasAlt := img.Attr("alt")
	m.Alt = collapseTrim(alt)
	// alt="" marks an image as decorative; a missing alt says nothing.
	m.Decorative = hasAlt && m.Alt == ""
	m.Width, _ = strconv.Atoi(attr(n, "width"))
	m.Height, _ = strconv.Atoi(attr(n, "height"))
	if a := img.ClosestMatcher(css("a[href]")); a.Length() > 0 {
		if href := showpicFile(p.abs(a.AttrOr("href", ""))); href != "" && href != src {
			m.Link = href
		}
	}
	if fig != nil && fig.Length() > 0 {
		capSel := fig.FindMatcher(onceFirst(captionSel)).First()
		creditEl := fig.FindMatcher(onceFirst(creditSel)).First()
		credit := text(creditEl)
		caption := text(capSel)
		if caption == "" && credit != "" {
			caption = besideCredit(fig.Nodes[0], creditEl.Nodes[0])
		}
		if credit != "" {
			caption = strings.TrimSpace(strings.Replace(caption, credit, "", 1))
		} else {
			caption, credit = splitCredit(caption)
		}
		m.Caption, m.Credit = caption, credit
	}
	return m, true
}

// besideCredit returns the text of the box that holds a picture's credit
// under the picture, when no element is classed a caption: "<div
// class="image-metadata"><span class="copyright">© X</span> The
// caption.</div>" holds the caption beside the credit. The box is the
// credit's nearest ancestor in the figure that holds no picture; the
// figure itself only when it is a <figure>, whose text is its caption
// (a teaser's list item or media box holds other text); never a box of
// paragraphs or lists (a text-with-picture element's body text with a
// credit line at its end) or of more than 300 characters.
// textBlock reports an element of running text or its structure:
// paragraphs, lists, headings, tables, quotes.
func textBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func besideCredit(fig, credit *html.Node) string {
	own := len(collapseTrim(textOf(credit)))
	for box := credit.Parent; box != nil; box = box.Parent {
		if box == fig && fig.DataAtom != atom.Figure || box != fig && hasDescendant(box, isContentImg) {
			return ""
		}
		if hasDescendant(box, textBlock) {
			return "" // the body text beside a picture, not a caption line
		}
		if t := collapseTrim(textOf(box)); len(t) > own {
			if len(t) > 300 {
				return ""
			}
			return t
		}
		if box == fig {
			return ""
		}
	}
	return ""
}

const (
	captionSel = `figcaption, .image-caption, .csc-textpic-caption, .caption, .news-img-caption, [class*="caption" i], [class*="bildunterschrift" i]`
	creditSel  = `.copyright, .credit, .image-copyright, .photo-credit, [class*="copyright" i], [class*="photographer" i], [class*="credit" i], [class*="fotograf" i], [class*="bildnachweis" i]`
)

// hiddenStyle matches inline styles that hide an element.
var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// contentImage reports images that show content: not icons, not hidden
// duplicates (print versions), not vector icons.
func contentImage(n *html.Node) bool {
	if isIcon(n) || hiddenStyle.MatchString(attr(n, "style")) {
		return false
	}
	src := imageSrc(n)
	// A spinner or placeholder with no picture behind it shows nothing.
	if strings.HasSuffix(strings.ToLower(cheapPath(src)), ".svg") || shownPlaceholder(n, src) {
		return false
	}
	// A small flag in a link that switches the language is chrome (old
	// TYPO3 sites add &L=0 to every link: a picture of its size is no
	// flag).
	if !sizedPicture(n) {
		for a, i := n.Parent, 0; a != nil && i < 2; a, i = a.Parent, i+1 {
			if a.DataAtom == atom.A {
				return !languageLink(attr(a, "href"))
			}
		}
	}
	return true
}

// sizedPicture reports an image that declares the size of a picture: 100
// pixels wide or high.
func sizedPicture(n *html.Node) bool {
	w, _ := strconv.Atoi(attr(n, "width"))
	h, _ := strconv.Atoi(attr(n, "height"))
	return w >= 100 || h >= 100
}

// figureOf returns the element that frames an image with its caption:
// the nearest ancestor (up to four levels, holding no other image) that
// has a caption or credit; else the closest figure-like wrapper.
//
// Each level's subtree holds the level below, so only what a level adds
// is searched: the element below it and its other children with their
// subtrees (countImages, figureParts). The answers are those of a Find
// over each level's whole subtree, without its repeated walks.
func figureOf(img *goquery.Selection) *goquery.Selection {
	n := img.Nodes[0]
	var fallback *html.Node
	// What the descendants of below, the level under p, hold: content
	// images (counted up to two) and whether a caption or credit.
	below := n
	images, captioned := 0, false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		images += countImages(c, 2-images)
		captioned = captioned || figureParts(c)
	}
	for i, p := 0, n.Parent; i < 4 && p != nil && p.Type == html.ElementNode; i, p = i+1, p.Parent {
		for c := p.FirstChild; c != nil && images <= 1; c = c.NextSibling {
			if c != below {
				images += countImages(c, 2-images)
			} else if isContentImg(c) { // its descendants are counted
				images++
			}
		}
		if images > 1 {
			break
		}
		if fallback == nil && (p.DataAtom == atom.Figure || p.DataAtom == atom.Li || strings.Contains(attr(p, "class"), "image") || strings.Contains(attr(p, "class"), "media")) {
			fallback = p
		}
		for c := p.FirstChild; c != nil && !captioned; c = c.NextSibling {
			if c != below {
				captioned = figureParts(c)
			} else { // its descendants hold none, or the level below had returned
				captioned = figurePartSel.Match(c)
			}
		}
		if captioned {
			return goquery.NewDocumentFromNode(p).Selection
		}
		below = p
	}
	if fallback != nil {
		return goquery.NewDocumentFromNode(fallback).Selection
	}
	return nil
}

var (
	imgSel        = css("img")
	figurePartSel = css(captionSel + ", " + creditSel) // a caption or a credit
)

// isContentImg is what FindMatcher(css("img")) filtered by contentImage
// keeps.
func isContentImg(n *html.Node) bool { return imgSel.Match(n) && contentImage(n) }

// countImages counts the content images in n's subtree, n included, and
// stops once it has counted enough.
func countImages(n *html.Node, enough int) int {
	k := 0
	if isContentImg(n) {
		k++
	}
	for c := n.FirstChild; c != nil && k < enough; c = c.NextSibling {
		k += countImages(c, enough-k)
	}
	return k
}

// figureParts reports a caption or credit in n's subtree, n included.
func figureParts(n *html.Node) bool {
	if figurePartSel.Match(n) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if figureParts(c) {
			return true
		}
	}
	return false
}

// figures returns the images of an element, each with its figure.
func (p *page) figures(s *goquery.Selection) []umzug.Media {
	var out []umzug.Media
	seen := map[string]bool{}
	// The element itself may be the image: an <img> standing in running
	// text ("<p><img …> Text</p>") is handed over on its own.
	s.FilterMatcher(css("img")).AddSelection(s.FindMatcher(css("img"))).Each(func(_ int, img *goquery.Selection) {
		if !contentImage(img.Nodes[0]) {
			return
		}
		m, ok := p.mediaOf(img, figureOf(img))
		if !ok || seen[m.Src] {
			return
		}
		seen[m.Src] = true
		out = append(out, m)
	})
	return out
}

// soleCaptionText returns the text of the element of s whose class names
// a caption ("bildunterschrift", "image-caption", "bilduntertitel") when
// it is all the text of s; "" otherwise.
func soleCaptionText(s *goquery.Selection) string {
	if s.Length() == 0 {
		return ""
	}
	all := collapseTrim(cleanText(s.Nodes[0]))
	found := ""
	visitElements(s.Nodes[0], func(n *html.Node) {
		if found == "" && n != s.Nodes[0] && classWordIn(attr(n, "class"), captionWords) {
			if t := collapseTrim(cleanText(n)); t == all {
				found = t
			}
		}
	})
	return found
}

// captionWords are the class words of a caption.
var captionWords = map[string]bool{"caption": true, "bildunterschrift": true, "bilduntertitel": true, "legende": true, "legend": true}

var textpicPos = regexp.MustCompile(`(?:ce|csc-textpic)-(above|below|left|right|intext-left|intext-right|intext|center)`)

// media recognises image, gallery and text-with-media elements.
func (p *page) media(s *goquery.Selection, ctype string) *umzug.Block {
	imgs := p.figures(s)
	if len(imgs) == 0 {
		return nil
	}
	// The text wrapper of fluid_styled_content or css_styled_content, else
	// the element without its images (and the lightboxes and captions
	// that go with them). ".bodytext" and ".text" are no wrappers: TYPO3
	// puts them on paragraphs, lightboxes on their captions.
	text := s.FindMatcher(onceFirst(".ce-bodytext, .csc-textpic-text")).First()
	if text.Length() == 0 {
		text = s.Clone()
		text.FindMatcher(css("figure, img, .ce-gallery, .csc-textpic-imagewrap, .image, .modal, [role=dialog], script, style")).Remove()
	}
	body := withoutEchoes(p.richChildren(text), imgs)
	if len(imgs) == 1 && imgs[0].Caption == "" && len(body) == 1 {
		// The text is only a line marked as the caption ("<h5
		// class="bilduntertitel">", an editor's caption style in the
		// text of a text-with-image element): the image's caption.
		if t := soleCaptionText(text); t != "" {
			caption, credit := splitCredit(t)
			imgs[0].Caption = caption
			if imgs[0].Credit == "" {
				imgs[0].Credit = credit
			}
			body = nil
		}
	}
	// An element the editor made as text with media stays one, even with
	// its text left empty.
	textMediaType := ctype == "textmedia" || ctype == "textpic"
	if len(body) > 0 || textMediaType {
		pos := ""
		cls := s.FindMatcher(onceFirst(".ce-textpic, .csc-textpic")).AttrOr("class", "") + " " + s.AttrOr("class", "")
		if m := textpicPos.FindAllStringSubmatch(cls, -1); m != nil {
			for _, x := range m {
				if x[1] != "center" {
					pos = x[1]
					break
				}
			}
		}
		if body == nil {
			body = umzug.PortableText{}
		}
		return &umzug.Block{Type: umzug.BlockTextMedia, TextMedia: &umzug.TextMedia{Body: body, Media: imgs, Position: pos}}
	}
	if len(imgs) == 1 && !strings.Contains(ctype, "gallery") {
		return &umzug.Block{Type: umzug.BlockImage, Image: &umzug.Image{Media: imgs[0]}}
	}
	cols, _ := strconv.Atoi(s.FindMatcher(onceFirst("[data-ce-columns]")).AttrOr("data-ce-columns", "0"))
	return &umzug.Block{Type: umzug.BlockGallery, Gallery: &umzug.Gallery{Layout: "grid", Columns: cols, Items: imgs}}
}

// ---- video

// video recognises an embedded video: a <video> element or file, or an
// iframe of a video platform. Whether an iframe is a video is decided by
// the host it loads: a map, a form or a booking widget in an iframe is no
// video (see embed).
func (p *page) video(s *goquery.Selection) *umzug.Video {
	f := s.FindMatcher(css("iframe[src], iframe[data-src], video source[src], video[src]")).AddBack().FilterMatcher(css("iframe, video, source")).First()
	if f.Length() == 0 {
		return nil
	}
	src := f.AttrOr("src", f.AttrOr("data-src", ""))
	if src == "" || strings.HasPrefix(src, "about:") || strings.HasPrefix(src, "data:") {
		src = f.AttrOr("data-src", "")
	}
	if src == "" {
		src = f.FindMatcher(onceFirst("source[src]")).AttrOr("src", "")
	}
	src = p.abs(src)
	if src == "" {
		return nil
	}
	provider := videoProvider(src)
	switch {
	case goquery.NodeName(f) != "iframe" && provider == "":
		provider = "file" // <video> and its <source>: a video file
	case provider == "":
		return nil // an iframe of something else: a map, a form, a widget
	}
	v := &umzug.Video{Src: src, Title: f.AttrOr("title", ""), Provider: provider}
	if fig := f.ClosestMatcher(css("figure")); fig.Length() > 0 {
		v.Caption = text(fig.FindMatcher(css("figcaption")))
	}
	return v
}

// videoHosts maps the hosts of video platforms (and their privacy-enhanced
// and player domains) to the provider name a target CMS knows.
var videoHosts = map[string]string{
	"youtube.com": "youtube", "youtube-nocookie.com": "youtube", "youtu.be": "youtube",
	"vimeo.com": "vimeo", "dailymotion.com": "dailymotion", "dai.ly": "dailymotion",
}

// videoFile matches the file names of video files.
var videoFile = regexp.MustCompile(`(?i)\.(?:mp4|m4v|webm|ogv|mov)$`)

// videoProvider names the video platform of a URL by its host ("www.",
// "player." and other subdomains aside), "file" for a video file, or "".
func videoProvider(src string) string {
	u, err := url.Parse(src)
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	for h := host; h != ""; {
		if prov, ok := videoHosts[h]; ok {
			return prov
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	if videoFile.MatchString(u.Path) {
		return "file"
	}
	return ""
}

// embedSrc returns the address an element embeds that is not a video
// (the src of an iframe, object or embed, or of a widget's script), or "".
func (p *page) embedSrc(s *goquery.Selection) string {
	e := s.FindMatcher(css("iframe, object, embed, script[src]")).AddBack().FilterMatcher(css("iframe, object, embed, script[src]")).First()
	if e.Length() == 0 {
		return ""
	}
	src := e.AttrOr("src", e.AttrOr("data-src", e.AttrOr("data", "")))
	if l := p.abs(src); l != "" {
		return l
	}
	return src
}

// ---- downloads and link lists

var (
	sizeRe = regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(bytes?|b|kb|kib|kbyte|mb|mib|mbyte|gb|gib)\b`)
	// shortSizeRe matches the single-letter units of css_styled_content
	// ("96 K", "1.4 M": its bytes labels " | K| M| G"), read only from an
	// element that holds nothing but the size.
	shortSizeRe = regexp.MustCompile(`^\(?(\d+(?:[.,]\d+)?)\s*([kmg])\)?$`)
)

// parseSize turns "245 KB", "1,2 MB" into bytes (1024-based, as TYPO3
// prints them).
func parseSize(s string) (int64, string) {
	m := sizeRe.FindStringSubmatch(s)
	if m == nil {
		m = shortSizeRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
		if m == nil {
			return 0, ""
		}
		m[0] = strings.Trim(strings.TrimSpace(s), "()")
	}
	f, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil {
		return 0, ""
	}
	mult := 1.0
	switch u := strings.ToLower(m[2]); {
	case strings.HasPrefix(u, "k"):
		mult = 1024
	case strings.HasPrefix(u, "m"):
		mult = 1024 * 1024
	case strings.HasPrefix(u, "g"):
		mult = 1024 * 1024 * 1024
	}
	return int64(f*mult + 0.5), strings.TrimSpace(m[0])
}

func (p *page) fileOf(a *goquery.Selection, item *goquery.Selection) umzug.File {
	href := p.abs(a.AttrOr("href", ""))
	f := umzug.File{URL: href, Title: text(a)}
	if name := text(item.FindMatcher(onceFirst(fileNameSel)).First()); name != "" {
		f.Title = name
	}
	f.Description = text(item.FindMatcher(onceFirst(fileDescSel)).First())
	sizeText := text(item.FindMatcher(onceFirst(fileSizeSel)).First())
	if f.Size, f.SizeText = parseSize(sizeText); f.SizeText == "" {
		f.Size, f.SizeText = parseSize(text(item))
	}
	f.Title = titleWithoutSize(f.Title, f.SizeText)
	if f.Description != "" && f.SizeText != "" {
		f.Description = strings.TrimSpace(strings.Replace(f.Description, f.SizeText, "", 1))
	}
	if name, format := fileNameFormat(href); name != "" {
		f.FileName, f.Format = name, format
	}
	if f.Title == "" {
		f.Title = f.FileName
	}
	if f.Description == "" {
		f.Description = infoNote(a, item, f)
	}
	return f
}

// The parts of a file list item: fluid_styled_content (ce-uploads-*),
// css_styled_content (csc-uploads-*, fileSize in 6.2), bootstrap_package
// (filelink-*), tx_news related files, and common names.
const (
	fileNameSel = `.ce-uploads-fileName, .csc-uploads-fileName, .filelink-filename, .filename, .file-name`
	fileDescSel = `.ce-uploads-description, .csc-uploads-description, .filelink-filedescription, .description, .file-description`
	fileSizeSel = `.ce-uploads-filesize, .csc-uploads-filesize, .csc-uploads-fileSize, .filelink-filesize, .news-related-files-size, .filesize, .file-size, .size`
)

func (p *page) downloads(s *goquery.Selection) *umzug.Downloads {
	d := &umzug.Downloads{}
	items := s.FindMatcher(css(".ce-uploads > li, .csc-uploads tr, .csc-uploads li, .filelink-list > li, .news-related-files li"))
	if items.Length() == 0 {
		items = s.FindMatcher(css("li"))
	}
	items.Each(func(_ int, item *goquery.Selection) {
		a := item.FindMatcher(css("a[href]")).Last()
		if a.Length() == 0 {
			return
		}
		if f := p.fileOf(a, item); f.URL != "" {
			d.Items = append(d.Items, f)
		}
	})
	if len(d.Items) == 0 {
		return nil
	}
	return d
}

func (p *page) linkList(s *goquery.Selection) *umzug.LinkList {
	l := &umzug.LinkList{}
	s.FindMatcher(css("a[href]")).Each(func(_ int, a *goquery.Selection) {
		href := p.abs(a.AttrOr("href", ""))
		t := text(a)
		if href == "" || t == "" {
			return
		}
		link := umzug.Link{Href: href, Text: t, Title: strings.TrimSpace(a.AttrOr("title", "")), Target: a.AttrOr("target", "")}
		// The item's text beside the link: a page abstract, a teaser line;
		// in a definition list (css_styled_content's menu with abstracts)
		// the <dd> after the link's <dt>.
		if li := a.ClosestMatcher(css("li, dt, dd")); li.Length() > 0 && li.FindMatcher(css("a[href]")).Length() == 1 {
			if rest := collapseTrim(strings.Replace(text(li), t, "", 1)); rest != "" {
				link.Description = rest
			} else if goquery.NodeName(li) == "dt" {
				if dd := li.Next(); goquery.NodeName(dd) == "dd" && dd.FindMatcher(onceFirst("a[href]")).Length() == 0 {
					link.Description = text(dd)
				}
			}
		}
		l.Items = append(l.Items, link)
	})
	if len(l.Items) == 0 {
		return nil
	}
	return l
}

// ---- forms

func (p *page) form(s *goquery.Selection) *umzug.Form {
	fs := s.FindMatcher(css("form")).AddBack().FilterMatcher(css("form")).First()
	if fs.Length() == 0 {
		return nil
	}
	f := &umzug.Form{Action: p.abs(fs.AttrOr("action", "")), Method: strings.ToLower(fs.AttrOr("method", "get")), Fields: []umzug.FormField{}}
	radios := map[string]int{}
	fs.FindMatcher(css("input, select, textarea")).Each(func(_ int, in *goquery.Selection) {
		typ := strings.ToLower(in.AttrOr("type", goquery.NodeName(in)))
		if goquery.NodeName(in) != "input" {
			typ = goquery.NodeName(in)
		}
		switch typ {
		case "hidden", "submit", "button", "image", "reset":
			if (typ == "submit" || typ == "image") && f.Submit == "" {
				f.Submit = in.AttrOr("value", in.AttrOr("alt", ""))
			}
			return
		}
		name := in.AttrOr("name", "")
		label := labelFor(fs, in)
		req := in.AttrOr("required", "\x00") != "\x00" || in.AttrOr("aria-required", "") == "true" || strings.Contains(label, "*")
		label = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(label), "*"))
		if (typ == "radio" || typ == "checkbox") && name != "" {
			if i, ok := radios[name]; ok {
				f.Fields[i].Options = append(f.Fields[i].Options, label)
				return
			}
			radios[name] = len(f.Fields)
			group := text(in.ClosestMatcher(css("fieldset")).FindMatcher(onceFirst("legend")).First())
			if group != "" {
				f.Fields = append(f.Fields, umzug.FormField{Name: name, Label: group, Type: typ, Required: req, Options: []string{label}})
				return
			}
		}
		ff := umzug.FormField{Name: name, Label: label, Type: typ, Required: req}
		if typ == "select" {
			in.FindMatcher(css("option")).Each(func(_ int, o *goquery.Selection) {
				if t := text(o); t != "" {
					ff.Options = append(ff.Options, t)
				}
			})
		}
		f.Fields = append(f.Fields, ff)
	})
	if f.Submit == "" {
		f.Submit = text(fs.FindMatcher(onceFirst(`button[type=submit], button:not([type])`)).First())
	}
	if len(f.Fields) == 0 {
		return nil
	}
	return f
}

func labelFor(form, in *goquery.Selection) string {
	if id := in.AttrOr("id", ""); id != "" {
		var found string
		form.FindMatcher(css("label[for]")).EachWithBreak(func(_ int, l *goquery.Selection) bool {
			if l.AttrOr("for", "") == id {
				found = text(l)
				return false
			}
			return true
		})
		if found != "" {
			return found
		}
	}
	if l := in.ClosestMatcher(css("label")); l.Length() > 0 {
		return text(l)
	}
	for _, k := range []string{"aria-label", "placeholder", "title"} {
		if v := in.AttrOr(k, ""); v != "" {
			return v
		}
	}
	return ""
}

// ---- accordions and tabs

func (p *page) accordion(s *goquery.Selection, ctype string) *umzug.Accordion {
	items := s.FindMatcher(css(".accordion-item, .panel.panel-default, .panel-group > .panel, details, .accordion > .card, .collapsible-item"))
	a := &umzug.Accordion{}
	items.Each(func(_ int, it *goquery.Selection) {
		head := it.FindMatcher(onceFirst(".accordion-header, .accordion-button, .panel-heading, .panel-title, summary, .card-header, .accordion-title")).First()
		body := it.FindMatcher(onceFirst(".accordion-body, .panel-body, .accordion-collapse, .panel-collapse, .collapse, .card-body, .accordion-content")).First()
		if body.Length() == 0 {
			c := it.Clone()
			c.FindMatcher(css(".accordion-header, .accordion-button, .panel-heading, summary, .card-header")).Remove()
			body = c
		}
		a.Items = append(a.Items, p.panelOf(labelText(head), body))
	})
	if len(a.Items) == 0 {
		// Headers and contents as siblings (BEM accordion__header/__content,
		// Bootstrap 3 accordion-toggle links with collapse targets).
		// Also a headline and its body as siblings in the accordion's box
		// (`div.accordion > h3.accordion-heading + div.accordion-body`).
		s.FindMatcher(css(".accordion__header, .accordion-toggle, [data-toggle=collapse], [data-bs-toggle=collapse], .accordion > .accordion-heading, .accordion > .accordion-header, .accordion > .accordion-title")).Each(func(_ int, h *goquery.Selection) {
			target := h.AttrOr("data-bs-target", h.AttrOr("data-target", h.AttrOr("href", "")))
			var body *goquery.Selection
			if strings.HasPrefix(target, "#") && len(target) > 1 {
				body = s.Find(`[id="` + target[1:] + `"]`)
			}
			if body == nil || body.Length() == 0 {
				body = h.NextMatcher(css(".accordion__content, .accordion-body, .accordion-content, .collapse, div"))
			}
			if body.Length() == 0 {
				return
			}
			a.Items = append(a.Items, p.panelOf(labelText(h), body))
		})
	}
	if len(a.Items) == 0 {
		return nil
	}
	return a
}

func (p *page) tabs(s *goquery.Selection) *umzug.Tabs {
	panes := s.FindMatcher(css(".tab-pane, [role=tabpanel]"))
	if panes.Length() == 0 {
		return nil
	}
	titles := map[string]string{}
	var order []string
	s.FindMatcher(css(".nav-tabs a, .nav-tabs button, [role=tab]")).Each(func(_ int, t *goquery.Selection) {
		target := t.AttrOr("aria-controls", "")
		if target == "" {
			target = strings.TrimPrefix(t.AttrOr("data-bs-target", t.AttrOr("href", "")), "#")
		}
		if _, dup := titles[target]; !dup {
			order = append(order, target)
		}
		titles[target] = labelText(t)
	})
	tb := &umzug.Tabs{}
	panes.Each(func(i int, pane *goquery.Selection) {
		title := titles[pane.AttrOr("id", "")]
		if title == "" && i < len(order) {
			title = titles[order[i]]
		}
		tb.Items = append(tb.Items, p.panelOf(title, pane))
	})
	return tb
}

// panelOf reads one accordion item or tab: its text, and its pictures
// (bootstrap_package's accordion-content-medias, a figure in the item's
// text) as the panel's media with their captions, not as text.
func (p *page) panelOf(title string, body *goquery.Selection) umzug.Panel {
	imgs := p.figures(body)
	if len(imgs) == 0 {
		return umzug.Panel{Title: title, Body: p.richChildren(body)}
	}
	c := body.Clone()
	c.FindMatcher(css("figure, img, .ce-gallery, .csc-textpic-imagewrap, .image, .modal, [role=dialog], script, style")).Remove()
	return umzug.Panel{Title: title, Body: withoutEchoes(p.richChildren(c), imgs), Media: imgs}
}

// ---- timelines, sliders, teasers

func (p *page) timeline(s *goquery.Selection, ctype string) *umzug.Timeline {
	items := s.FindMatcher(css(".timeline-item, .timeline-entry, .timeline-event, .timeline > li"))
	if items.Length() == 0 {
		return nil
	}
	t := &umzug.Timeline{}
	items.Each(func(_ int, it *goquery.Selection) {
		ti := umzug.TimelineItem{}
		dateSel := it.FindMatcher(onceFirst("time, .timeline-date, .timeline-item-date, .date")).First()
		ti.Label = text(dateSel)
		if dt := dateSel.AttrOr("datetime", ""); dt != "" {
			ti.Date = dt
		} else if pd, err := ParseGermanDate(ti.Label); err == nil {
			ti.Date = pd.Value
		}
		titleSel := it.FindMatcher(onceFirst(".timeline-title, .timeline-item-title, .timeline-item-header, h2, h3, h4, h5")).First()
		ti.Title = text(titleSel)
		if a := it.FindMatcher(onceFirst("a[href]")).First(); a.Length() > 0 {
			if href := p.abs(a.AttrOr("href", "")); href != "" {
				ti.Link = &umzug.Link{Href: href, Text: text(a)}
			}
		}
		c := it.Clone()
		c.FindMatcher(onceFirst("time, .timeline-date, .timeline-item-date, .date, .timeline-title, .timeline-item-title, .timeline-item-header, h2, h3, h4, h5")).First().Remove()
		if ti.Title != "" {
			c.FindMatcher(onceFirst(".timeline-title, .timeline-item-title, .timeline-item-header, h2, h3, h4, h5")).First().Remove()
		}
		// The item's pictures (bootstrap_package's timeline-item-image,
		// a gallery) are its media with their captions, not text.
		if ti.Media = p.figures(c); len(ti.Media) > 0 {
			c.FindMatcher(css("figure, img, .timeline-item-image, .ce-gallery, .gallery-row, script, style")).Remove()
			ti.Body = withoutEchoes(p.richChildren(c), ti.Media)
		} else {
			ti.Body = p.richChildren(c)
		}
		t.Items = append(t.Items, ti)
	})
	return t
}

var sliderClass = regexp.MustCompile(`(?i)carousel|slider|swiper|slick|splide`)

// slider recognises carousels: image-only slides become a gallery
// slider, slides with headlines and text a teaser slider.
func (p *page) slider(s *goquery.Selection, ctype string) *umzug.Block {
	isSlider := sliderClass.MatchString(ctype) || sliderClass.MatchString(s.AttrOr("class", "")) ||
		s.FindMatcher(onceFirst(`[class*="carousel"], [class*="slider"], [class*="swiper"], [class*="slick"]`)).Length() > 0
	if !isSlider {
		return nil
	}
	// The innermost matches: Bootstrap's carousel itself is "carousel slide".
	slides := innermost(s.FindMatcher(css(".carousel-item, .swiper-slide, .slick-slide, .slide, .slider-item, .slider__item")))
	if slides.Length() == 0 {
		return nil
	}
	var teasers []umzug.TeaserItem
	var media []umzug.Media
	hasText := false
	slides.Each(func(_ int, sl *goquery.Selection) {
		item := p.teaserItem(sl)
		if item.Title != "" || len(item.Body) > 0 {
			hasText = true
		}
		teasers = append(teasers, item)
		if item.Image != nil {
			media = append(media, *item.Image)
		}
	})
	if !hasText && len(media) > 0 {
		return &umzug.Block{Type: umzug.BlockGallery, Gallery: &umzug.Gallery{Layout: "slider", Items: media}}
	}
	return &umzug.Block{Type: umzug.BlockTeaser, Teaser: &umzug.Teaser{Layout: "slider", Variant: variantOf(s), Items: teasers}}
}

var teaserVariant = regexp.MustCompile(`(?i)^teaser(?:[-_](?:type|typ)[-_]?|--)([a-z0-9]+)$`)

func variantOf(s *goquery.Selection) string {
	cls := s.AttrOr("class", "") + " " + s.FindMatcher(onceFirst("[class*=teaser]")).First().AttrOr("class", "")
	for _, f := range strings.Fields(cls) {
		if m := teaserVariant.FindStringSubmatch(f); m != nil && m[1] != "" && !strings.EqualFold(m[1], "item") && !strings.EqualFold(m[1], "list") {
			return strings.ToLower(m[1])
		}
	}
	return ""
}

// ttNewsItemDate is the date line of a tt_news list or latest item.
const ttNewsItemDate = `.news-list-date, .news-latest-date`

// teaserItem reads one teaser, card or slide: headline, date, text, link
// and image.
func (p *page) teaserItem(it *goquery.Selection) umzug.TeaserItem {
	ti := umzug.TeaserItem{}
	titleSel := it.FindMatcher(onceFirst(".card-title, .teaser-title, .teaser__title, [itemprop=headline], h2, h3, h4, h5, h6")).First()
	ti.Title = text(titleSel)
	if t := it.FindMatcher(onceFirst("time")).First(); t.Length() > 0 {
		ti.Date = t.AttrOr("datetime", "")
		if ti.Date == "" {
			if pd, err := ParseGermanDate(text(t)); err == nil {
				ti.Date = pd.Value
			}
		}
	} else if t := it.FindMatcher(onceFirst(ttNewsItemDate)).First(); t.Length() > 0 {
		// tt_news prints the date (and time) as text:
		// "03.06.2015 11:30".
		ti.Date = isoDate("", text(t))
	}
	if img := it.FindMatcher(onceFirst("img")).First(); img.Length() > 0 && !isIcon(img.Nodes[0]) {
		if m, ok := p.mediaOf(img, it); ok {
			ti.Image = &m
		}
	} else if src := p.abs(backgroundImage(it)); src != "" {
		// A slide's picture as a CSS background (bootstrap_package's
		// Carousel/General/BackgroundImage.html: a <style> rule per
		// breakpoint): the picture of the slide, not decoration.
		ti.Image = &umzug.Media{Src: src}
	}
	link := titleSel.FindMatcher(onceFirst("a[href]")).First()
	if link.Length() == 0 {
		link = it.FindMatcher(onceFirst("a[href]")).First()
	}
	if link.Length() > 0 {
		if href := p.abs(link.AttrOr("href", "")); href != "" {
			ti.Link = &umzug.Link{Href: href, Text: text(link), Title: strings.TrimSpace(link.AttrOr("title", ""))}
			if more := it.FindMatcher(css("a.more, .more a, a.btn, .card-footer a, .teaser-link, a[class*=more], [class*=morelink] a")).Last(); more.Length() > 0 {
				ti.Link.Text = text(more)
			}
		}
	}
	// A news list item's category and tag line label the item: taxonomy
	// of the record it points to, which its own document carries.
	it.FindMatcher(css(".news-list-category, .news-list-tags, .news-latest-category")).Each(func(_ int, e *goquery.Selection) {
		p.dropped = append(p.dropped, droppedNode{n: e.Nodes[0], reason: umzug.DropTags, others: true})
	})
	c := it.Clone()
	// A subtitle or subheader (bootstrap_package's card-subtitle in
	// CardGroup.html, carousel-subheader and carousel-item-subheader in
	// Carousel/Item/*.html: a heading below the title) is the first line
	// of the item's text, not its title.
	c.FindMatcher(css("[class*=subtitle], [class*=subheader]")).Each(func(_ int, h *goquery.Selection) {
		if n := h.Nodes[0]; headingLevel(n) > 0 && (titleSel.Length() == 0 || attr(n, "class") != attr(titleSel.Nodes[0], "class") || textOf(n) != textOf(titleSel.Nodes[0])) {
			n.DataAtom, n.Data = atom.P, "p"
		}
	})
	c.FindMatcher(css(".card-title, .teaser-title, .teaser__title, [itemprop=headline], h2, h3, h4, h5, h6, time, img, figure, a.more, .more, a.btn, .card-footer, .teaser-link, a[class*=more], [class*=morelink], .news-list-date, .news-latest-date, .news-list-category, .news-list-tags, .news-latest-category, .footer, .carousel-indicators, .carousel-control-prev, .carousel-control-next")).Remove()
	ti.Body = p.richChildren(c)
	if ti.Image != nil && ti.Image.Caption != "" {
		// The caption belongs to the image, not the teaser's text.
		ti.Image.Caption = ""
	}
	return ti
}

func (p *page) teasers(s *goquery.Selection, ctype string) *umzug.Teaser {
	items := s.FindMatcher(css(".card, .teaser, .teaser-item, .news-list-view .article, .news-list-item, .news-latest-item, .article.articletype-0"))
	// Only the outermost matches: a .teaser holding a .card is one item.
	items = outermost(items)
	if items.Length() == 0 {
		return nil
	}
	t := &umzug.Teaser{Variant: variantOf(s), Layout: "grid"}
	if strings.Contains(ctype, "list") || s.FindMatcher(onceFirst(".news-list-view")).Length() > 0 {
		t.Layout = "list"
	}
	items.Each(func(_ int, it *goquery.Selection) {
		item := p.teaserItem(it)
		if item.Title != "" || item.Link != nil || len(item.Body) > 0 {
			t.Items = append(t.Items, item)
		}
	})
	if len(t.Items) == 0 {
		return nil
	}
	return t
}

// innermost keeps the elements of s that hold no other element of s.
func innermost(s *goquery.Selection) *goquery.Selection {
	set := map[*html.Node]bool{}
	for _, n := range s.Nodes {
		set[n] = true
	}
	return s.FilterFunction(func(_ int, it *goquery.Selection) bool {
		return !hasDescendant(it.Nodes[0], func(d *html.Node) bool { return set[d] })
	})
}

// outermost keeps the elements of s that are not inside another element
// of s.
func outermost(s *goquery.Selection) *goquery.Selection {
	set := map[*html.Node]bool{}
	for _, n := range s.Nodes {
		set[n] = true
	}
	return s.FilterFunction(func(_ int, it *goquery.Selection) bool {
		for p := it.Nodes[0].Parent; p != nil; p = p.Parent {
			if set[p] {
				return false
			}
		}
		return true
	})
}

// bgURLRe finds the address in a CSS background-image declaration.
var bgURLRe = regexp.MustCompile(`(?i)background(?:-image)?\s*:[^;{}]*?url\(\s*['"]?([^'")\s]+)['"]?\s*\)`)

// backgroundImage returns the picture an element shows as a CSS
// background: the last address of a background-image declaration in a
// <style> element inside it (bootstrap_package writes one rule per
// breakpoint, the widest last) or in a style attribute; "" for none.
func backgroundImage(s *goquery.Selection) string {
	found := ""
	s.FindMatcher(css("style, [style]")).Each(func(_ int, e *goquery.Selection) {
		t := e.AttrOr("style", "")
		if goquery.NodeName(e) == "style" {
			t = e.Text()
		}
		if !strings.Contains(strings.ToLower(t), "url(") {
			return
		}
		for _, m := range bgURLRe.FindAllStringSubmatch(t, -1) {
			if !strings.HasPrefix(m[1], "data:") {
				found = m[1]
			}
		}
	})
	return found
}
