package crawl

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// treeLinks returns the links scanLinks finds in body, taken from root,
// the tree html.Parse built of the same body, so that a page parsed for
// extraction is not tokenized a second time for its links. The result is
// scanLinks's, link for link and in the same order; where the parser
// builds a tree whose elements differ from the tokens or stand in
// another order, ok is false and the caller scans the body:
//
//   - a table holding a link element while a sibling before it holds
//     one too: the parser moves misplaced content out of a table, before
//     it (foster parenting), which reorders links;
//   - SVG or MathML holding an element whose content the tokenizer alone
//     reads as raw text (title, style, script, …), which the parser
//     reads as markup, or a CDATA section holding a '>';
//   - a start tag <image>, which the parser renames <img>;
//   - a frameset, which drops the body's content;
//   - an <a> whose attribute values are too short (one byte and less) to
//     tell an element the parser copied (the reconstruction of open
//     formatting elements and the adoption agency clone <a>) from the
//     same tag written twice. A copy shares its attribute strings with
//     the original (html.Node.clone copies the attributes), a tag written
//     twice has strings of its own, so longer copies are left out.
func treeLinks(root *html.Node, body []byte, pageURL string) (links []pageLink, ok bool) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, true // scanLinks returns nil as well
	}
	if hasImageTag(body) {
		return nil, false
	}
	w := treeWalk{body: body}
	if !w.walk(root) {
		return nil, false
	}
	if w.nofollow {
		return nil, true
	}
	out := make([]pageLink, 0, len(w.elems))
	baseSet := false
	for _, n := range w.elems {
		if n.DataAtom == atom.Base && baseSet {
			continue
		}
		want := linkAttr(n.DataAtom)
		var val, rel string
		for _, a := range n.Attr {
			if a.Namespace != "" {
				continue
			}
			switch a.Key {
			case want:
				val = a.Val
			case "rel":
				rel = a.Val
			}
		}
		if n.DataAtom == atom.Link && !canonicalRel(rel) {
			continue
		}
		if n.DataAtom == atom.Base {
			baseSet = true
			if bu, err := base.Parse(strings.TrimSpace(val)); err == nil {
				base = bu
			}
			continue
		}
		if l, ok := linkOf(base, val, rel, n.DataAtom == atom.Img); ok {
			out = append(out, l)
		}
	}
	return out, true
}

// treeWalk collects the link elements of a tree in document order (<a>,
// <area>, <img> and <base> with attributes, as scanLinks sees them) and
// whether a robots meta tag says nofollow, and finds what makes the tree
// unlike the tokens (see treeLinks).
type treeWalk struct {
	body     []byte
	elems    []*html.Node
	nofollow bool
	foreign  bool
	cdata    bool // the body holds <![CDATA[ (read once foreign content is met)
	// anchors are the <a> seen, by the address of an attribute value
	// longer than one byte: a copy made by the parser shares it.
	anchors map[*byte]bool
}

// walk visits n and its subtree; false means the tree may differ from the
// tokens.
func (w *treeWalk) walk(n *html.Node) bool {
	for c := n; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if !w.element(c) {
				return false
			}
		}
		if c.FirstChild != nil && !w.walk(c.FirstChild) {
			return false
		}
	}
	return true
}

func (w *treeWalk) element(n *html.Node) bool {
	if n.Namespace != "" {
		if !w.foreign {
			w.foreign = true
			w.cdata = bytes.Contains(w.body, []byte("<![CDATA["))
		}
		if w.cdata && cdataText(n) {
			return false
		}
		if rawTextElement[n.Data] {
			return false
		}
	}
	switch n.DataAtom {
	case atom.Frameset:
		return false
	case atom.Table:
		return !w.fostered(n)
	case atom.A:
		if len(n.Attr) == 0 {
			return true
		}
		var key *byte
		for _, a := range n.Attr {
			if len(a.Val) > 1 {
				key = unsafe.StringData(a.Val)
				break
			}
		}
		if key == nil {
			// Too short to tell a copy from a tag written twice: the
			// tokens decide when the tree holds such an <a> twice.
			for _, e := range w.elems {
				if e.DataAtom == atom.A && slices.Equal(e.Attr, n.Attr) {
					return false
				}
			}
		} else {
			if w.anchors[key] {
				return true // a copy the parser made of an earlier <a>
			}
			if w.anchors == nil {
				w.anchors = make(map[*byte]bool)
			}
			w.anchors[key] = true
		}
		w.elems = append(w.elems, n)
	case atom.Area, atom.Img, atom.Base, atom.Link:
		if len(n.Attr) > 0 {
			w.elems = append(w.elems, n)
		}
	case atom.Meta:
		var name, content string
		for _, a := range n.Attr {
			if a.Namespace != "" {
				continue
			}
			switch a.Key {
			case "name":
				name = a.Val
			case "content":
				content = a.Val
			}
		}
		if strings.EqualFold(name, "robots") {
			c := strings.ToLower(content)
			if strings.Contains(c, "nofollow") || strings.Contains(c, "none") {
				w.nofollow = true
			}
		}
	}
	return true
}

// fostered reports whether table holds a link element while a sibling
// before it holds one too: content the parser moved out of the table
// (foster parenting) lands there, before links that came first in the
// page.
func (w *treeWalk) fostered(table *html.Node) bool {
	if !holdsLinkElement(table.FirstChild) {
		return false
	}
	for s := table.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode && (linkElement(s) || holdsLinkElement(s.FirstChild)) {
			return true
		}
	}
	return false
}

// cdataText reports whether a foreign element holds text with a '>':
// the tokenizer alone reads <![CDATA[ as a comment that ends at the first
// '>', the parser in SVG and MathML reads it as text up to ]]>, so the two
// agree on what follows only when no '>' comes before the ]]>.
func cdataText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.IndexByte(c.Data, '>') >= 0 {
			return true
		}
	}
	return false
}

// holdsLinkElement reports whether n, its siblings after it or their
// subtrees hold a link element.
func holdsLinkElement(n *html.Node) bool {
	for c := n; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && linkElement(c) {
			return true
		}
		if c.FirstChild != nil && holdsLinkElement(c.FirstChild) {
			return true
		}
	}
	return false
}

// linkElement reports an element scanLinks looks at.
func linkElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.Area, atom.Img, atom.Base, atom.Meta, atom.Link:
		return true
	}
	return false
}

// rawTextElement are the elements whose content the tokenizer reads as
// raw text; in SVG and MathML the parser reads it as markup.
var rawTextElement = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

var imageTag = []byte("image")

// hasImageTag reports whether body may hold a start tag <image (any
// case), which the parser turns into <img>.
func hasImageTag(body []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if len(body)-i >= 5 && bytes.EqualFold(body[i:i+5], imageTag) {
			return true
		}
	}
}
