package html

import (
	"fmt"
	"path"
	"strings"

	"github.com/umzug/umzug"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Picture accounting. The text accounting (account.go) counts characters,
// so a picture of the main content that no block holds went unnoticed:
// running text swallowed the pictures between paragraphs of 20 of the 361
// real pages that way. missingPictures finds such pictures after
// extraction (the tree as the page gave it): a picture of content (not an
// icon, placeholder or flag, not a small one) inside the main region,
// outside everything dropped with a reason, not in a link to another page
// or a list item that links to one (a teaser's picture belongs to the
// page it points to) nor in a link to a file that is no picture (the
// file's preview), whose address is none of the document's assets.

// missingPictures returns the addresses of the main content's pictures
// that the document left out without a reason, each once.
func (p *page) missingPictures(roots []*html.Node) []string {
	have := map[string]bool{}
	for _, a := range p.d.Assets {
		have[a.URL] = true
		if a.Original != "" {
			have[a.Original] = true
		}
	}
	dropped := make(map[*html.Node]bool, len(p.dropped))
	for _, d := range p.dropped {
		dropped[d.n] = true
	}
	var missing []string
	seen := map[string]bool{}
	// linked: inside a link or list item to another page; inData: inside
	// a data table, whose unsized pictures are status icons
	// (tablePictures).
	var walk func(n *html.Node, linked, inData bool)
	walk = func(n *html.Node, linked, inData bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || dropped[c] || skipElement(c) || isInvisible(c) {
				continue
			}
			switch c.DataAtom {
			case atom.A:
				// A picture in a link to a file that is no picture is
				// the file's preview (a file list's thumbnails,
				// bootstrap_package's and fluid_styled_content's uploads
				// with previews): the file is what the page shows.
				walk(c, linked || linksPage(c) || fileLink(c) && !umzug.IsPictureExt(path.Ext(strings.ToLower(cheapPath(attr(c, "href"))))), inData)
				continue
			case atom.Li:
				// A list item that links to a page is a teaser: its
				// picture is that page's (listMedia leaves it out too).
				walk(c, linked || pointsElsewhere(c), inData)
				continue
			case atom.Table:
				walk(c, linked, inData || hasDescendant(c, func(d *html.Node) bool { return d.DataAtom == atom.Th || d.DataAtom == atom.Thead }))
				continue
			case atom.Img:
				if linked || inData && !sizedPicture(c) || !isContentImg(c) || minorImage(c) {
					continue
				}
				// A file list's type icons (TYPO3's Icons/FileIcons/pdf.gif)
				// are no pictures of the page.
				if src := p.abs(imageSrc(c)); src != "" && !have[src] && !seen[src] && !strings.Contains(strings.ToLower(cheapPath(src)), "icon") && !p.haveLightbox(c, have) {
					seen[src] = true
					missing = append(missing, src)
				}
				continue
			}
			walk(c, linked, inData)
		}
	}
	for _, r := range roots {
		if !dropped[r] {
			walk(r, false, false)
		}
	}
	return missing
}

// checkPictures warns of the main content's pictures that no block holds.
func (p *page) checkPictures(roots []*html.Node) {
	switch m := p.missingPictures(roots); len(m) {
	case 0:
	case 1:
		p.warn("pictures-left-out", "1 picture of the main content is in no block: "+m[0], "")
	default:
		p.warn("pictures-left-out", fmt.Sprintf("%d pictures of the main content are in no block, first %s", len(m), m[0]), "")
	}
}

// linksPage reports a link to a page: not to a file or a picture, not to
// a place on this one.
func linksPage(a *html.Node) bool {
	href := attr(a, "href")
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "javascript:") {
		return false
	}
	return !fileLink(a) && !umzug.IsPictureExt(path.Ext(strings.ToLower(cheapPath(href))))
}

// haveLightbox reports a picture whose link (its large version) the
// document has as a picture.
func (p *page) haveLightbox(img *html.Node, have map[string]bool) bool {
	href := lightboxOf(img)
	return href != "" && have[p.abs(href)]
}

// lightboxOf returns the address of the link around a picture (its large
// version, when the document has it as a picture the picture is there),
// or "".
func lightboxOf(img *html.Node) string {
	for a, i := img.Parent, 0; a != nil && i < 3; a, i = a.Parent, i+1 {
		if a.DataAtom == atom.A {
			return attr(a, "href")
		}
	}
	return ""
}
