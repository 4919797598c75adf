package html

import (
	"net/url"
	"path"
	"strings"

	"github.com/umzug/umzug"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// galleryWords are the class and id words that name a picture gallery,
// a slider or a carousel.
var galleryWords = map[string]bool{"gallery": true, "galerie": true, "bildergalerie": true, "fotogalerie": true,
	"fotostrecke": true, "carousel": true, "slider": true, "slideshow": true}

// galleryNamed reports an element whose class or id names a gallery.
func galleryNamed(n *html.Node) bool {
	var buf [16]string
	for _, w := range classWords(attr(n, "class")+" "+attr(n, "id"), buf[:0]) {
		if galleryWords[w] {
			return true
		}
	}
	return false
}

// emptyGalleryHead reports a headline whose next element is a gallery
// that holds no picture and no text, only its buttons: the slides are
// put in by a script, and the headline is the title of a gallery the
// export does not get. The text after the gallery is not the
// headline's.
func emptyGalleryHead(h *html.Node) bool {
	if headingLevel(h) < 2 {
		return false
	}
	t, short := textUpTo(h, 120)
	if !short || strings.TrimSpace(t) == "" {
		return false
	}
	g := nextElement(h)
	if g == nil || !galleryNamed(g) {
		return false
	}
	if gt, short := textUpTo(g, 64); !short || strings.TrimSpace(gt) != "" && !onlyControlGlyphs(gt) {
		return false
	}
	empty := true
	var visit func(n *html.Node, inButton bool)
	visit = func(n *html.Node, inButton bool) {
		for c := n.FirstChild; c != nil && empty; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			b := inButton || c.DataAtom == atom.Button || attr(c, "role") == "button"
			switch c.DataAtom {
			case atom.Img, atom.Picture:
				if !b {
					empty = false
				}
			case atom.Video, atom.Iframe, atom.Object, atom.Embed, atom.Audio:
				empty = false
			case atom.A:
				if pictureFile(attr(c, "href")) {
					empty = false // a lightbox's link to the picture
				}
			}
			visit(c, b)
		}
	}
	visit(g, false)
	return empty
}

// galleryTeaser reports a box that holds only a headline and a gallery
// of one or a few pictures whose links all lead to one other page: a
// teaser for a photo gallery published elsewhere (the pictures'
// own-page view), not the article's pictures, which link to their files
// or to nothing.
func galleryTeaser(box *html.Node, base *url.URL) bool {
	switch box.DataAtom {
	case atom.Div, atom.Section, atom.Aside:
	default:
		return false
	}
	var head, g *html.Node
	for c := box.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
			continue
		case c.Type != html.ElementNode:
			continue
		case c.DataAtom == atom.Hr || c.DataAtom == atom.Script || c.DataAtom == atom.Style || isInvisible(c):
			continue
		case c.DataAtom == atom.A && attr(c, "href") == "" && c.FirstChild == nil:
			continue // a named anchor
		case headingLevel(c) >= 2 && head == nil && g == nil:
			head = c
		case galleryNamed(c) && head != nil && g == nil:
			g = c
		default:
			return false
		}
	}
	if head == nil || g == nil {
		return false
	}
	if t, short := textUpTo(g, 40); !short || nonSpace(t) > 30 {
		return false
	}
	imgs, target, ok := 0, "", true
	visitElements(g, func(d *html.Node) {
		switch d.DataAtom {
		case atom.Img:
			imgs++
		case atom.A:
			href := strings.TrimSpace(attr(d, "href"))
			switch {
			case href == "":
			case target == "":
				target = href
			case href != target:
				ok = false
			}
		}
	})
	if !ok || imgs == 0 || imgs > 3 || target == "" || strings.HasPrefix(target, "#") || strings.HasPrefix(strings.ToLower(target), "javascript:") {
		return false
	}
	if pictureFile(target) {
		return false // the picture's file: a lightbox link
	}
	if base == nil {
		return true
	}
	u, err := base.Parse(target)
	if err != nil {
		return false
	}
	u.Fragment = ""
	self := *base
	self.Fragment = ""
	return strings.TrimRight(u.String(), "/") != strings.TrimRight(self.String(), "/") // not the page itself
}

// pictureFile reports a link to a picture's file by its extension.
func pictureFile(href string) bool {
	l := strings.ToLower(strings.TrimSpace(href))
	if i := strings.IndexAny(l, "?#"); i >= 0 {
		l = l[:i]
	}
	return umzug.IsPictureExt(path.Ext(l))
}
