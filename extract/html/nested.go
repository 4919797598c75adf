package html

import (
	"path"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/umzug/umzug"
)

// ruleAncestors marks the ancestors (below the roots) of the elements a
// profile's block rules select. The walk meets only the elements it
// descends to: a rule on list items (`.c-download-list__li`) or on the
// pictures of a list was never applied, because the list was read as
// running text as a whole, and no profile-rule-mismatch said so.
func ruleAncestors(rules map[*html.Node]umzug.BlockType) map[*html.Node]bool {
	if len(rules) == 0 {
		return nil
	}
	out := map[*html.Node]bool{}
	for n := range rules {
		for a := n.Parent; a != nil && !out[a]; a = a.Parent {
			out[a] = true
		}
	}
	return out
}

// collectionRule reports the type that every element child of n is typed
// with by a profile rule, when that type makes one block of many items
// (files, pictures, links, teasers): the children are the items of one
// block, typed on n.
func (p *page) collectionRule(n *html.Node) (umzug.BlockType, bool) {
	var t umzug.BlockType
	items, inline := 0, false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		ct, ok := p.rules[c]
		if !ok || items > 0 && ct != t {
			return "", false
		}
		t = ct
		items++
		inline = isInline(c)
	}
	if items == 1 && !inline {
		return "", false // the walk meets the one item itself
	}
	switch t {
	case umzug.BlockDownloads, umzug.BlockLinkList, umzug.BlockTeaser, umzug.BlockGallery:
		return t, items > 0
	case umzug.BlockImage:
		if items > 1 {
			return umzug.BlockGallery, true // a list of pictures
		}
		return t, items > 0
	}
	return "", false
}

// ruledWithin converts an element that holds elements a profile rule
// types: as one block of the rule's type when its children are all items
// of it, else element by element, so that each rule applies.
func (p *page) ruledWithin(n *html.Node) {
	if t, ok := p.collectionRule(n); ok {
		p.ruled(n, t)
		return
	}
	p.walk(n)
}

// pictureList reports a list most of whose items show a picture (at least
// two, and at least two thirds of the items): a gallery written as a list.
func pictureList(n *html.Node) bool {
	if n.DataAtom != atom.Ul && n.DataAtom != atom.Ol {
		return false
	}
	items, pictures := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li || skipElement(c) {
			continue
		}
		items++
		if countImages(c, 1) > 0 {
			pictures++
		}
	}
	return pictures >= 2 && 3*pictures >= 2*items
}

// pictureGallery returns the pictures of a list of pictures when the
// gallery holds all of the list's text: every item's text is its
// picture's caption and credit. A list of teasers, products or slides
// with text of their own is no gallery.
func (p *page) pictureGallery(n *html.Node) []umzug.Media {
	if !pictureList(n) {
		return nil
	}
	var out []umzug.Media
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li || skipElement(c) {
			continue
		}
		imgs := p.lazyFigures(goquery.NewDocumentFromNode(c).Selection)
		rest := echoKey(cleanText(c))
		for _, m := range imgs {
			rest = strings.Replace(rest, echoKey(m.Caption), "", 1)
			rest = strings.Replace(rest, echoKey(m.Credit), "", 1)
		}
		if rest != "" {
			return nil
		}
		out = append(out, imgs...)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// lazyFigures is figures with the address a lazy-loading script would
// put into each picture (a placeholder's src is the same for all).
func (p *page) lazyFigures(s *goquery.Selection) []umzug.Media {
	var out []umzug.Media
	seen := map[string]bool{}
	s.FindMatcher(css("img")).Each(func(_ int, img *goquery.Selection) {
		if !contentImage(img.Nodes[0]) {
			return
		}
		m, ok := p.mediaOf(img, figureOf(img))
		if lazy := lazySrc(img.Nodes[0]); lazy != "" {
			m.Src = p.abs(lazy)
		}
		if ok && m.Src != "" && !seen[m.Src] {
			seen[m.Src] = true
			out = append(out, m)
		}
	})
	return out
}

// listMedia converts a list that holds pictures (flowNodes): a list of
// pictures is a gallery, each with its caption and credit; in any other
// list the text stays a list and its pictures follow it as image blocks,
// never lost: one per item, not of an item that links to a page (a
// teaser's picture is the page's own), no icon, placeholder or ad.
func (p *page) listMedia(n *html.Node) []umzug.Block {
	if imgs := p.pictureGallery(n); imgs != nil {
		return []umzug.Block{{Type: umzug.BlockGallery, Gallery: &umzug.Gallery{Layout: "grid", Items: imgs}}}
	}
	var out []umzug.Block
	b := newPTBuilder(p.base)
	b.node(n)
	if pt := b.result(); len(pt) > 0 {
		out = append(out, umzug.Block{Type: umzug.BlockText, Text: &umzug.Text{Body: pt}})
	}
	return append(out, p.itemPictures(n)...)
}

// itemPictures returns the pictures of a list as image blocks, to follow
// the list's text, whose rich text has no place for them: one per item
// (the others are its variants), not of an item that links to a page (a
// teaser's picture is the page's own), no icon, placeholder or ad.
func (p *page) itemPictures(n *html.Node) []umzug.Block {
	var out []umzug.Block
	seen := map[string]bool{}
	taken := map[*html.Node]bool{}
	goquery.NewDocumentFromNode(n).FindMatcher(css("img")).Each(func(_ int, img *goquery.Selection) {
		if !contentImage(img.Nodes[0]) || minorImage(img.Nodes[0]) {
			return
		}
		var item *html.Node // the list's own item
		for a := img.Nodes[0].Parent; a != nil && a != n; a = a.Parent {
			if a.DataAtom == atom.Li {
				if pointsElsewhere(a) {
					return
				}
				item = a
			}
		}
		if item != nil {
			if taken[item] {
				return
			}
			taken[item] = true
		}
		out = p.appendPicture(out, img, seen)
	})
	return out
}

// tablePictures returns the pictures of a table as image blocks, to
// follow the table, whose cells hold text: each picture of a layout
// table (no header cells: a frame around pictures and their captions),
// and of a data table those of a picture's size (not its status icons),
// none in a link to another page.
func (p *page) tablePictures(n *html.Node) []umzug.Block {
	layout := !hasDescendant(n, func(d *html.Node) bool { return d.DataAtom == atom.Th || d.DataAtom == atom.Thead })
	var out []umzug.Block
	seen := map[string]bool{}
	goquery.NewDocumentFromNode(n).FindMatcher(css("img")).Each(func(_ int, img *goquery.Selection) {
		c := img.Nodes[0]
		if !contentImage(c) || minorImage(c) || !layout && !sizedPicture(c) {
			return
		}
		for a := c.Parent; a != nil && a != n; a = a.Parent {
			if a.DataAtom == atom.A && linksPage(a) {
				return
			}
		}
		out = p.appendPicture(out, img, seen)
	})
	return out
}

// appendPicture appends the image block of an <img>, once per address.
func (p *page) appendPicture(out []umzug.Block, img *goquery.Selection, seen map[string]bool) []umzug.Block {
	m, ok := p.mediaOf(img, nil)
	if lazy := lazySrc(img.Nodes[0]); lazy != "" {
		m.Src = p.abs(lazy)
	}
	if ok && m.Src != "" && !seen[m.Src] {
		seen[m.Src] = true
		out = append(out, umzug.Block{Type: umzug.BlockImage, Image: &umzug.Image{Media: m}})
	}
	return out
}

// lazySrc returns the address a lazy-loading script puts into an image's
// src (data-src and friends), if any.
func lazySrc(n *html.Node) string {
	for _, k := range []string{"data-src", "data-lazy-src", "data-original"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" {
			return v
		}
	}
	return ""
}

// minorWords name the files of pictures that are no content: icons,
// emoticons, buttons, spacers and placeholders.
var minorWords = []string{"icon", "smil", "emoji", "button", "spacer", "pixel", "blank", "1x1", "placeholder", "loader", "sprite"}

// minorTokens name icons as whole words of a gif's, png's or svg's name
// ("zoom.png", "icn_comments.png"; a photo "zoom-konferenz.jpg" is none).
var minorTokens = map[string]bool{"zoom": true, "lupe": true, "icn": true, "flag": true, "flagge": true}

// minorImage reports a picture in a list that is no content of its own: a
// small one (under 100 pixels declared), one named like an icon or a
// placeholder, one from a folder of ads ("werbung", "ads").
func minorImage(n *html.Node) bool {
	w, _ := strconv.Atoi(attr(n, "width"))
	h, _ := strconv.Atoi(attr(n, "height"))
	if w > 0 && w < 100 || h > 0 && h < 100 {
		return true
	}
	src := imageSrc(n)
	if strings.HasPrefix(src, "data:") {
		return lazySrc(n) == ""
	}
	dir, file := path.Split(strings.ToLower(pathOf(src)))
	for _, w := range minorWords {
		if strings.Contains(file, w) && lazySrc(n) == "" {
			return true
		}
	}
	if ext := path.Ext(file); ext == ".gif" || ext == ".png" || ext == ".svg" {
		for w := range strings.FieldsFuncSeq(strings.TrimSuffix(file, ext), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			if minorTokens[w] {
				return true
			}
		}
	}
	for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
		if seg != "" && nameReason(seg) == umzug.DropAd {
			return true
		}
	}
	return false
}

// pointsElsewhere reports a list item that links to a page (not to a
// file or a picture): a teaser, whose picture belongs to the page it
// points to.
func pointsElsewhere(li *html.Node) bool {
	return hasDescendant(li, func(d *html.Node) bool {
		if d.DataAtom != atom.A {
			return false
		}
		href := attr(d, "href")
		if href == "" || strings.HasPrefix(href, "#") {
			return false
		}
		return !fileLink(d) && !umzug.IsPictureExt(path.Ext(strings.ToLower(pathOf(href))))
	})
}

// accordionBox reports an element named as an accordion ("accordion",
// "akkordeon", "faq-accordion"; not a modifier or part of one such as
// "accordion__item" or "accordion-body"). Outside content elements the
// walk reads such a box with the accordion converter: a FAQ of a site
// without TYPO3 became headings and text.
func accordionBox(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Section && n.DataAtom != atom.Dl && n.DataAtom != atom.Ul {
		return false
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		for _, w := range []string{"accordion", "akkordeon"} {
			if c == w || strings.HasSuffix(c, "-"+w) || strings.HasPrefix(c, w+"--") {
				return true
			}
		}
	}
	return false
}

// accordionBlock converts an accordion box when it holds two panels or
// more; false leaves it to the walk.
func (p *page) accordionBlock(n *html.Node) bool {
	a := p.accordion(goquery.NewDocumentFromNode(n).Selection, "")
	if a == nil || len(a.Items) < 2 {
		return false
	}
	for _, it := range a.Items {
		if it.Title == "" {
			return false
		}
	}
	p.add(umzug.Block{Type: umzug.BlockAccordion, Accordion: a}, 0, "", n)
	return true
}
